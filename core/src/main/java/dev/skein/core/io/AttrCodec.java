package dev.skein.core.io;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.Nullable;
import dev.skein.core.Operation;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.control.TracedFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Attribute values in a graph file, written and read by the attribute's declared Java type (a
 * record component's generic type), so the file never chooses a type. Notation (see
 * docs/GRAPH_FORMAT.md): ints and longs in decimal; doubles as Java prints them ({@code 0.1},
 * {@code 1.0E-8}, {@code NaN}, {@code -Infinity}); a {@code Number} as a long or a double; {@code true}/{@code false}; strings quoted;
 * dtypes {@code float32}; shapes {@code (2, ?, 3)}, {@code (5,)}, {@code ()}, {@code unknown};
 * int arrays and lists {@code [1, 2]}; enum constants by name; records {@code {a: 1, b: 2}};
 * tensors ({@link TensorNotation}); operations
 * by quoted name; functions as {@code @name}; {@code null} for an absent value.
 */
final class AttrCodec {
  private static final Pattern INT = Pattern.compile("-?[0-9]{1,19}");
  static final Pattern DOUBLE = Pattern.compile(
      "-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,4})?|NaN|-?Infinity");

  private AttrCodec() {}

  /** What reading needs from the surrounding file. */
  interface Context {
    Operation op(String name);

    TracedFunction function(String name);

    /** Called before a tensor of n elements is allocated; throws past the limits. */
    void reserveTensor(long n);

    /** Called before a tensor whose text stores {@code bytes} bytes of data is read. */
    void reserveStored(long bytes);
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Appends v; throws GraphFormatException (line 0) naming {@code where} if unsupported. */
  static void write(StringBuilder sb, Type type, Object v, String where) {
    Class<?> raw = rawClass(type);
    if (v == null) {
      if (raw.isPrimitive()) {
        throw new GraphFormatException(0, where + " is null");
      }
      sb.append("null");
    } else if (raw == int.class || raw == Integer.class || raw == long.class
        || raw == Long.class) {
      sb.append(v);
    } else if (raw == double.class || raw == Double.class) {
      sb.append(Double.toString((Double) v));
    } else if (raw == Number.class) {
      sb.append(v instanceof Double d ? Double.toString(d) : Long.toString(((Number) v)
          .longValue()));
    } else if (raw == boolean.class || raw == Boolean.class) {
      sb.append(v);
    } else if (raw == String.class) {
      GraphTokens.quote(sb, (String) v);
    } else if (raw == DType.class) {
      sb.append(v);
    } else if (raw == Shape.class) {
      writeShape(sb, (Shape) v);
    } else if (raw == ImmutableIntArray.class) {
      writeInts(sb, ((ImmutableIntArray) v).toArray());
    } else if (raw == int[].class) {
      writeInts(sb, (int[]) v);
    } else if (raw == Tensor.class) {
      TensorNotation.write(sb, (Tensor) v);
    } else if (raw == Operation.class) {
      GraphTokens.quote(sb, ((Operation) v).name());
    } else if (raw.isEnum()) {
      sb.append(((Enum<?>) v).name());
    } else if (raw == List.class && type instanceof ParameterizedType p) {
      sb.append('[');
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        write(sb, p.getActualTypeArguments()[0], l.get(i), where + "[" + i + "]");
      }
      sb.append(']');
    } else if (raw.isRecord()) {
      sb.append('{');
      RecordComponent[] cs = raw.getRecordComponents();
      for (int i = 0; i < cs.length; i++) {
        sb.append(i > 0 ? ", " : "").append(cs[i].getName()).append(": ");
        write(sb, cs[i].getGenericType(), component(cs[i], v), where + "." + cs[i].getName());
      }
      sb.append('}');
    } else {
      throw new GraphFormatException(0, where + " has type " + type.getTypeName()
          + ", which graph files have no notation for");
    }
  }

  static Object component(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new GraphFormatException(0, "cannot read attribute " + c.getName() + " of "
          + record.getClass().getSimpleName() + ": " + e, e);
    }
  }

  static void writeShape(StringBuilder sb, Shape s) {
    if (!s.hasKnownRank()) {
      sb.append("unknown");
      return;
    }
    sb.append('(');
    for (int i = 0; i < s.rank(); i++) {
      sb.append(i > 0 ? ", " : "").append(s.dim(i) < 0 ? "?" : Integer.toString(s.dim(i)));
    }
    sb.append(s.rank() == 1 ? ",)" : ")");
  }

  private static void writeInts(StringBuilder sb, int[] a) {
    sb.append('[');
    for (int i = 0; i < a.length; i++) {
      sb.append(i > 0 ? ", " : "").append(a[i]);
    }
    sb.append(']');
  }

  // ---- reading ----------------------------------------------------------------------------

  static Object read(Type type, GraphTokens t, Context ctx, int depth) {
    if (depth > 8) {
      throw t.error("attribute values nest too deeply");
    }
    Class<?> raw = rawClass(type);
    if (!raw.isPrimitive() && t.peekIs("null")) {
      t.next();
      return null;
    }
    if (raw == int.class || raw == Integer.class) {
      return readInt(t);
    } else if (raw == long.class || raw == Long.class) {
      String w = t.word("an integer");
      if (!INT.matcher(w).matches()) {
        throw t.error("expected an integer, got '" + w + "'");
      }
      try {
        return Long.parseLong(w);
      } catch (NumberFormatException e) {
        throw t.error("integer " + w + " is out of range");
      }
    } else if (raw == double.class || raw == Double.class) {
      return readDouble(t);
    } else if (raw == Number.class) {
      return readNumber(t);
    } else if (raw == boolean.class || raw == Boolean.class) {
      return readBool(t);
    } else if (raw == String.class) {
      return t.string("a string");
    } else if (raw == DType.class) {
      return readDType(t);
    } else if (raw == Shape.class) {
      return readShape(t);
    } else if (raw == ImmutableIntArray.class) {
      return ImmutableIntArray.copyOf(readInts(t));
    } else if (raw == int[].class) {
      return readInts(t);
    } else if (raw == Tensor.class) {
      return TensorNotation.read(t, ctx);
    } else if (raw == Operation.class) {
      return ctx.op(t.string("an op name"));
    } else if (raw == TracedFunction.class) {
      String w = t.word("a function reference (@name)");
      if (!w.startsWith("@")) {
        throw t.error("expected a function reference (@name), got '" + w + "'");
      }
      return ctx.function(w.substring(1));
    } else if (raw.isEnum()) {
      String w = t.word("a constant of " + raw.getSimpleName());
      for (Object c : raw.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(w)) {
          return c;
        }
      }
      throw t.error("'" + w + "' is not a constant of " + raw.getSimpleName());
    } else if (raw == List.class && type instanceof ParameterizedType p) {
      List<Object> out = new ArrayList<>();
      t.expect("[");
      while (!t.peekIs("]")) {
        if (!out.isEmpty()) {
          t.expect(",");
        }
        out.add(read(p.getActualTypeArguments()[0], t, ctx, depth + 1));
      }
      t.next();
      return java.util.Collections.unmodifiableList(out);
    } else if (raw.isRecord()) {
      RecordComponent[] cs = raw.getRecordComponents();
      Object[] args = new Object[cs.length];
      t.expect("{");
      for (int i = 0; i < cs.length; i++) {
        if (i > 0) {
          t.expect(",");
        }
        String name = t.word("the name " + cs[i].getName());
        if (!name.equals(cs[i].getName())) {
          throw t.error("expected " + raw.getSimpleName() + "'s component " + cs[i].getName()
              + ", got '" + name + "'");
        }
        t.expect(":");
        args[i] = read(cs[i].getGenericType(), t, ctx, depth + 1);
      }
      t.expect("}");
      return construct(raw, cs, args, t);
    }
    throw t.error("attributes of type " + type.getTypeName() + " cannot be read");
  }

  /** Calls a record's canonical constructor; its own checks become file errors. */
  static Object construct(Class<?> raw, RecordComponent[] cs, Object[] args, GraphTokens t) {
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      if (args[i] == null && !cs[i].isAnnotationPresent(Nullable.class)) {
        throw t.error(raw.getSimpleName() + "'s attribute '" + cs[i].getName()
            + "' may not be null");
      }
    }
    try {
      Constructor<?> k = raw.getDeclaredConstructor(types);
      return k.newInstance(args);
    } catch (InvocationTargetException e) {
      throw t.error(raw.getSimpleName() + " refuses these values: " + e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw t.error("cannot create " + raw.getSimpleName() + ": " + e);
    }
  }

  static int readInt(GraphTokens t) {
    long v = readLong(t);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw t.error("integer " + v + " is out of the int range");
    }
    return (int) v;
  }

  static long readLong(GraphTokens t) {
    String w = t.word("an integer");
    if (!INT.matcher(w).matches()) {
      throw t.error("expected an integer, got '" + w + "'");
    }
    try {
      return Long.parseLong(w);
    } catch (NumberFormatException e) {
      throw t.error("integer " + w + " is out of the int64 range");
    }
  }

  static double readDouble(GraphTokens t) {
    String w = t.word("a number");
    if (!DOUBLE.matcher(w).matches()) {
      throw t.error("expected a number, got '" + w + "'");
    }
    return Double.parseDouble(w);
  }

  /** A number attribute: a Long when written as an integer, else a Double (always has . or E). */
  static Number readNumber(GraphTokens t) {
    String w = t.word("a number");
    if (INT.matcher(w).matches()) {
      try {
        return Long.parseLong(w);
      } catch (NumberFormatException e) {
        throw t.error("integer " + w + " is out of range");
      }
    }
    if (!DOUBLE.matcher(w).matches()) {
      throw t.error("expected a number, got '" + w + "'");
    }
    return Double.parseDouble(w);
  }

  static boolean readBool(GraphTokens t) {
    String w = t.word("true or false");
    if (w.equals("true") || w.equals("false")) {
      return w.equals("true");
    }
    throw t.error("expected true or false, got '" + w + "'");
  }

  static DType readDType(GraphTokens t) {
    String w = t.word("a dtype");
    for (DType d : DType.values()) {
      if (d.toString().equals(w)) {
        return d;
      }
    }
    throw t.error("unknown dtype '" + w + "' (float32, float64, int32 or bool)");
  }

  static Shape readShape(GraphTokens t) {
    if (t.peekIs("unknown")) {
      t.next();
      return Shape.unknown();
    }
    t.expect("(");
    List<Integer> dims = new ArrayList<>();
    while (!t.peekIs(")")) {
      if (t.peekIs("?")) {
        t.next();
        dims.add(-1);
      } else {
        int d = readInt(t);
        if (d < 0) {
          throw t.error("dimension " + d + " is negative (write ? for unknown)");
        }
        dims.add(d);
      }
      if (dims.size() > 64) {
        throw t.error("a shape has more than 64 dimensions");
      }
      if (!t.peekIs(")")) {
        t.expect(",");
      }
    }
    t.next();
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int[] readInts(GraphTokens t) {
    List<Integer> v = new ArrayList<>();
    t.expect("[");
    while (!t.peekIs("]")) {
      if (!v.isEmpty()) {
        t.expect(",");
      }
      v.add(readInt(t));
    }
    t.next();
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }
}
