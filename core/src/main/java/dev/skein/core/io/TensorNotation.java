package dev.skein.core.io;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Tensor values in a graph file (a Const's value): the dtype, the shape, then the elements in
 * row-major order, in decimal ({@code float32 (2, 2) [1.0, 2.0, 3.0, 4.0]}) up to
 * {@link #MAX_DECIMAL_ELEMENTS} elements; a bigger tensor whose elements are all the same
 * (bit for bit) as the one value ({@code float32 (1000, 1000) fill 0.0}, format 2); any other as
 * little-endian bytes in base64 (bools one byte each, 0 or 1): {@code float32 (100,) base64
 * "..."}. Reading checks the element count against the limits, and against the text actually
 * there, before allocating.
 */
final class TensorNotation {
  /** Tensors with more elements are written in base64. */
  static final int MAX_DECIMAL_ELEMENTS = 64;

  private TensorNotation() {}

  static void write(StringBuilder sb, Tensor t) {
    sb.append(t.dtype()).append(' ');
    AttrCodec.writeShape(sb, t.shape());
    int n = t.size();
    if (n > MAX_DECIMAL_ELEMENTS && isFill(t)) {
      sb.append(" fill ");
      element(sb, t, 0);
      return;
    }
    if (n > MAX_DECIMAL_ELEMENTS) {
      sb.append(" base64 \"").append(Base64.getEncoder().encodeToString(bytes(t))).append('"');
      return;
    }
    sb.append(" [");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "");
      element(sb, t, i);
    }
    sb.append(']');
  }

  private static void element(StringBuilder sb, Tensor t, int i) {
    switch (t.dtype()) {
      case FLOAT32 -> sb.append(Float.toString(t.floats()[i]));
      case FLOAT64 -> sb.append(Double.toString(t.doubles()[i]));
      case INT32 -> sb.append(t.ints()[i]);
      case INT64 -> sb.append(t.longs()[i]);
      case BOOL -> sb.append(t.bools()[i]);
    }
  }

  /**
   * Whether {@link #write} stores t as {@code fill VALUE}: more than
   * {@link #MAX_DECIMAL_ELEMENTS} elements, all bit for bit the first, whose decimal reads back
   * to the same bits (not a NaN other than Java's canonical one).
   */
  static boolean isFill(Tensor t) {
    int n = t.size();
    if (n <= MAX_DECIMAL_ELEMENTS) {
      return false;
    }
    switch (t.dtype()) {
      case FLOAT32 -> {
        float[] v = t.floats();
        int bits = Float.floatToRawIntBits(v[0]);
        if (Float.floatToRawIntBits(Float.parseFloat(Float.toString(v[0]))) != bits) {
          return false;
        }
        for (float x : v) {
          if (Float.floatToRawIntBits(x) != bits) {
            return false;
          }
        }
      }
      case FLOAT64 -> {
        double[] v = t.doubles();
        long bits = Double.doubleToRawLongBits(v[0]);
        if (Double.doubleToRawLongBits(Double.parseDouble(Double.toString(v[0]))) != bits) {
          return false;
        }
        for (double x : v) {
          if (Double.doubleToRawLongBits(x) != bits) {
            return false;
          }
        }
      }
      case INT32 -> {
        int[] v = t.ints();
        for (int x : v) {
          if (x != v[0]) {
            return false;
          }
        }
      }
      case INT64 -> {
        long[] v = t.longs();
        for (long x : v) {
          if (x != v[0]) {
            return false;
          }
        }
      }
      case BOOL -> {
        boolean[] v = t.bools();
        for (boolean x : v) {
          if (x != v[0]) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Bytes of element data the text of t holds (none for a fill), as a file limit counts them. */
  static long storedBytes(Tensor t) {
    return isFill(t) ? 0 : (long) t.size() * NpyFormat.elementBytes(t.dtype());
  }

  private static byte[] bytes(Tensor t) {
    int n = t.size();
    ByteBuffer b = ByteBuffer.allocate(n * NpyFormat.elementBytes(t.dtype()))
        .order(ByteOrder.LITTLE_ENDIAN);
    switch (t.dtype()) {
      case FLOAT32 -> b.asFloatBuffer().put(t.floats());
      case FLOAT64 -> b.asDoubleBuffer().put(t.doubles());
      case INT32 -> b.asIntBuffer().put(t.ints());
      case INT64 -> b.asLongBuffer().put(t.longs());
      case BOOL -> {
        boolean[] v = t.bools();
        for (int i = 0; i < n; i++) {
          b.put(i, v[i] ? (byte) 1 : 0);
        }
      }
    }
    return b.array();
  }

  static Tensor read(GraphTokens t, AttrCodec.Context ctx) {
    DType d = AttrCodec.readDType(t);
    Shape s = AttrCodec.readShape(t);
    if (!s.isFullyDefined()) {
      throw t.error("a tensor's shape must be fully defined, got " + s);
    }
    long n = 1;
    for (int dim : s.dims()) {
      n *= dim;
      if (n > Integer.MAX_VALUE) {
        throw t.error("tensor shape " + s + " has more elements than a Java array can hold");
      }
    }
    ctx.reserveTensor(n);
    int eb = NpyFormat.elementBytes(d);
    if (t.peekIs("base64")) {
      t.next();
      long bytes = n * eb;
      ctx.reserveStored(bytes);
      String b64 = t.string("base64 data");
      if (b64.length() != (bytes + 2) / 3 * 4) {
        throw t.error("base64 data of " + b64.length() + " characters cannot hold " + n
            + " elements of " + d + " (" + bytes + " bytes)");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw t.error("bad base64 data: " + e.getMessage());
      }
      if (raw.length != bytes) {
        throw t.error("base64 data holds " + raw.length + " bytes, expected " + bytes);
      }
      ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      Object data = Tensor.newArray(d, (int) n);
      switch (d) {
        case FLOAT32 -> b.asFloatBuffer().get((float[]) data);
        case FLOAT64 -> b.asDoubleBuffer().get((double[]) data);
        case INT32 -> b.asIntBuffer().get((int[]) data);
        case INT64 -> b.asLongBuffer().get((long[]) data);
        case BOOL -> {
          boolean[] v = (boolean[]) data;
          for (int i = 0; i < v.length; i++) {
            if (raw[i] != 0 && raw[i] != 1) {
              throw t.error("bool tensor byte " + i + " is " + raw[i] + ", not 0 or 1");
            }
            v[i] = raw[i] == 1;
          }
        }
      }
      return Tensor.wrap(d, s, data);
    }
    if (t.peekIs("fill")) {
      t.next();
      Object data;
      try {
        data = Tensor.newArray(d, (int) n);
      } catch (OutOfMemoryError e) {
        throw t.error("a fill of " + n + " elements of " + d + " (" + n * eb + " bytes) does"
            + " not fit in memory");
      }
      Object one = Tensor.newArray(d, 1);
      readElement(t, d, one, 0);
      switch (d) {
        case FLOAT32 -> java.util.Arrays.fill((float[]) data, ((float[]) one)[0]);
        case FLOAT64 -> java.util.Arrays.fill((double[]) data, ((double[]) one)[0]);
        case INT32 -> java.util.Arrays.fill((int[]) data, ((int[]) one)[0]);
        case INT64 -> java.util.Arrays.fill((long[]) data, ((long[]) one)[0]);
        case BOOL -> java.util.Arrays.fill((boolean[]) data, ((boolean[]) one)[0]);
      }
      return Tensor.wrap(d, s, data);
    }
    // Decimal: each element is at least one character plus a separator, so a line this long
    // cannot hold more than about half its length in elements.
    if (n > t.remaining()) {
      throw t.error("the tensor needs " + n + " values but the line has only " + t.remaining()
          + " tokens left");
    }
    ctx.reserveStored(n * eb);
    Object data = Tensor.newArray(d, (int) n);
    t.expect("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t.expect(",");
      }
      readElement(t, d, data, i);
    }
    t.expect("]");
    return Tensor.wrap(d, s, data);
  }

  private static void readElement(GraphTokens t, DType d, Object data, int i) {
    switch (d) {
      case FLOAT32 -> {
        String w = t.word("a number");
        if (!AttrCodec.DOUBLE.matcher(w).matches()) {
          throw t.error("expected a number, got '" + w + "'");
        }
        ((float[]) data)[i] = Float.parseFloat(w);
      }
      case FLOAT64 -> ((double[]) data)[i] = AttrCodec.readDouble(t);
      case INT32 -> ((int[]) data)[i] = AttrCodec.readInt(t);
      case INT64 -> ((long[]) data)[i] = AttrCodec.readLong(t);
      case BOOL -> ((boolean[]) data)[i] = AttrCodec.readBool(t);
    }
  }
}
