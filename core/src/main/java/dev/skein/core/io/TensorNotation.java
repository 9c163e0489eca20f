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
 * {@link #MAX_DECIMAL_ELEMENTS} elements, else as little-endian bytes in base64 (bools one byte
 * each, 0 or 1): {@code float32 (100,) base64 "..."}. Reading checks the element count against
 * the limits, and against the text actually there, before allocating.
 */
final class TensorNotation {
  /** Tensors with more elements are written in base64. */
  static final int MAX_DECIMAL_ELEMENTS = 64;

  private TensorNotation() {}

  static void write(StringBuilder sb, Tensor t) {
    sb.append(t.dtype()).append(' ');
    AttrCodec.writeShape(sb, t.shape());
    int n = t.size();
    if (n > MAX_DECIMAL_ELEMENTS) {
      sb.append(" base64 \"").append(Base64.getEncoder().encodeToString(bytes(t))).append('"');
      return;
    }
    sb.append(" [");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "");
      switch (t.dtype()) {
        case FLOAT32 -> sb.append(Float.toString(t.floats()[i]));
        case FLOAT64 -> sb.append(Double.toString(t.doubles()[i]));
        case INT32 -> sb.append(t.ints()[i]);
        case INT64 -> sb.append(t.longs()[i]);
        case BOOL -> sb.append(t.bools()[i]);
      }
    }
    sb.append(']');
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
      String b64 = t.string("base64 data");
      long bytes = n * eb;
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
    // Decimal: each element is at least one character plus a separator, so a line this long
    // cannot hold more than about half its length in elements.
    if (n > t.remaining()) {
      throw t.error("the tensor needs " + n + " values but the line has only " + t.remaining()
          + " tokens left");
    }
    Object data = Tensor.newArray(d, (int) n);
    t.expect("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t.expect(",");
      }
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
    t.expect("]");
    return Tensor.wrap(d, s, data);
  }
}
