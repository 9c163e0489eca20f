package dev.skein.core;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dtype declarations of op types ({@link TakesDTypes}, {@link TakesDTypes.None},
 * {@link MakesDTypes}), read once per class or enum constant, and the check that holds every op
 * to them.
 */
public final class DTypeRules {
  private DTypeRules() {}

  /**
   * One input declaration: input {@code input} (named {@code name}) takes {@code dtypes} (all of
   * them when {@code any}); {@code note} says what else the shape rule asks, or is empty.
   */
  public record Rule(int input, String name, Set<DType> dtypes, boolean any, String note) {}

  /** Output 0 may have {@code dtypes} (all of them when {@code any}), chosen by {@code attr}. */
  public record Made(String attr, Set<DType> dtypes, boolean any) {}

  /** All that an op type declares: its inputs' rules, whether it takes none, its output's. */
  public record Declaration(List<Rule> inputs, boolean noInputs, @Nullable Made made) {
    /** True when the op type declares nothing. */
    public boolean isEmpty() {
      return inputs.isEmpty() && !noInputs && made == null;
    }
  }

  private static final Map<Object, Declaration> CACHE = new ConcurrentHashMap<>();

  /** The input declarations of an op type (an enum constant's own, else its class's). */
  public static List<Rule> of(OpType type) {
    return declarationOf(type).inputs();
  }

  /** Everything an op type declares (an enum constant's own, else its class's). */
  public static Declaration declarationOf(OpType type) {
    if (type instanceof Enum<?> e) {
      return ofConstant(e);
    }
    return ofClass(type.getClass());
  }

  /** The declarations on a (record) op type's class. */
  public static Declaration ofClass(Class<?> c) {
    return CACHE.computeIfAbsent(c, k -> read(c, c.getName()));
  }

  /** The declarations on an enum op type's constant. */
  public static Declaration ofConstant(Enum<?> e) {
    return CACHE.computeIfAbsent(e, k -> {
      try {
        return read(e.getDeclaringClass().getField(e.name()), e.getDeclaringClass().getName()
            + "." + e.name());
      } catch (NoSuchFieldException ex) {
        throw new IllegalStateException(ex);
      }
    });
  }

  private static Declaration read(AnnotatedElement where, String what) {
    List<Rule> r = new ArrayList<>();
    for (TakesDTypes d : where.getAnnotationsByType(TakesDTypes.class)) {
      r.add(new Rule(d.input(), d.name(), dtypes(d.value(), d.anyDType(), what), d.anyDType(),
          d.note()));
    }
    MakesDTypes m = where.getAnnotation(MakesDTypes.class);
    Made made = m == null ? null : new Made(m.attr(), dtypes(m.value(), m.anyDType(), what),
        m.anyDType());
    boolean none = where.isAnnotationPresent(TakesDTypes.None.class);
    if (none && !r.isEmpty()) {
      throw new IllegalStateException(what + " declares both no inputs and input dtypes");
    }
    return new Declaration(List.copyOf(r), none, made);
  }

  /** The declared set; exactly one of a list and {@code any} must be given. */
  private static Set<DType> dtypes(DType[] listed, boolean any, String what) {
    if (any == (listed.length > 0)) {
      throw new IllegalStateException(what + " must declare either dtypes or anyDType");
    }
    Set<DType> set = EnumSet.noneOf(DType.class);
    set.addAll(any ? List.of(DType.values()) : List.of(listed));
    return Set.copyOf(set);
  }

  /** Refuses inputs and an output whose dtypes the op type does not declare. */
  static void check(OpType type, InferContext ctx, List<TensorSpec> outputs) {
    Declaration d = declarationOf(type);
    if (d.noInputs() && ctx.numInputs() > 0) {
      throw new IllegalArgumentException(type.typeName() + " takes no inputs, got "
          + ctx.numInputs());
    }
    for (Rule r : d.inputs()) {
      if (r.input() < ctx.numInputs() && !holds(r.dtypes(), ctx.dtype(r.input()))) {
        throw new IllegalArgumentException(type.typeName() + "'s " + r.name() + " (input "
            + r.input() + ") must be " + text(r.dtypes()) + ", got " + ctx.dtype(r.input()));
      }
    }
    Made m = d.made();
    if (m != null && !outputs.isEmpty() && !holds(m.dtypes(), outputs.get(0).dtype())) {
      throw new IllegalArgumentException(type.typeName() + "'s " + m.attr() + " must be "
          + text(m.dtypes()) + ", got " + outputs.get(0).dtype());
    }
  }

  private static boolean holds(Set<DType> set, @Nullable DType d) {
    return d != null && set.contains(d);
  }

  /** "float32, float64 or int32", in DType order; "any dtype" for all of them. */
  public static String text(Set<DType> dtypes) {
    if (dtypes.size() == DType.values().length) {
      return "any dtype";
    }
    List<String> names = new ArrayList<>();
    for (DType d : DType.values()) {
      if (dtypes.contains(d)) {
        names.add(d.toString());
      }
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or "
        + names.get(names.size() - 1);
  }
}
