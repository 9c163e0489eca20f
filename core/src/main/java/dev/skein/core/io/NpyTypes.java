package dev.skein.core.io;

import dev.skein.core.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The element types a .npy file can hold, one entry per {@link DType}: NumPy's type code (kind
 * and item size, e.g. {@code f4}), and how elements move between a byte buffer (of either byte
 * order) and a Java array. A new dtype is one more {@link #add} call here.
 *
 * <p>A descr string is a byte-order mark and a type code: {@code '<'} little-endian,
 * {@code '>'} big-endian, {@code '='} native (NumPy never writes it to a file; read as
 * little-endian, as before), {@code '|'} not applicable (one-byte types only; for them every mark
 * means the same).
 */
final class NpyTypes {
  /** Moves {@code len} elements between a buffer (at its position 0) and an array. */
  interface Codec {
    void get(ByteBuffer from, Object to, int offset, int len);

    void put(Object from, int offset, int len, ByteBuffer to);
  }

  /** One dtype's entry: NumPy's type code and the element size in a file. */
  record Entry(DType dtype, String code, int bytes, Codec codec) {}

  private static final Map<DType, Entry> BY_DTYPE = new EnumMap<>(DType.class);
  private static final Map<String, Entry> BY_CODE = new LinkedHashMap<>();

  static {
    add(DType.FLOAT32, "f4", 4, new Codec() {
      @Override
      public void get(ByteBuffer from, Object to, int offset, int len) {
        from.asFloatBuffer().get((float[]) to, offset, len);
      }

      @Override
      public void put(Object from, int offset, int len, ByteBuffer to) {
        to.asFloatBuffer().put((float[]) from, offset, len);
      }
    });
    add(DType.FLOAT64, "f8", 8, new Codec() {
      @Override
      public void get(ByteBuffer from, Object to, int offset, int len) {
        from.asDoubleBuffer().get((double[]) to, offset, len);
      }

      @Override
      public void put(Object from, int offset, int len, ByteBuffer to) {
        to.asDoubleBuffer().put((double[]) from, offset, len);
      }
    });
    add(DType.INT32, "i4", 4, new Codec() {
      @Override
      public void get(ByteBuffer from, Object to, int offset, int len) {
        from.asIntBuffer().get((int[]) to, offset, len);
      }

      @Override
      public void put(Object from, int offset, int len, ByteBuffer to) {
        to.asIntBuffer().put((int[]) from, offset, len);
      }
    });
    add(DType.INT64, "i8", 8, new Codec() {
      @Override
      public void get(ByteBuffer from, Object to, int offset, int len) {
        from.asLongBuffer().get((long[]) to, offset, len);
      }

      @Override
      public void put(Object from, int offset, int len, ByteBuffer to) {
        to.asLongBuffer().put((long[]) from, offset, len);
      }
    });
    add(DType.BOOL, "b1", 1, new Codec() {
      @Override
      public void get(ByteBuffer from, Object to, int offset, int len) {
        boolean[] b = (boolean[]) to;
        for (int i = 0; i < len; i++) {
          b[offset + i] = from.get(i) != 0;
        }
      }

      @Override
      public void put(Object from, int offset, int len, ByteBuffer to) {
        boolean[] b = (boolean[]) from;
        for (int i = 0; i < len; i++) {
          to.put(i, b[offset + i] ? (byte) 1 : 0);
        }
      }
    });
  }

  private NpyTypes() {}

  private static void add(DType dtype, String code, int bytes, Codec codec) {
    Entry e = new Entry(dtype, code, bytes, codec);
    BY_DTYPE.put(dtype, e);
    BY_CODE.put(code, e);
  }

  /** The entry of a dtype; a CheckpointException if .npy files cannot hold it. */
  static Entry of(DType dtype) {
    Entry e = BY_DTYPE.get(dtype);
    if (e == null) {
      throw new CheckpointException("dtype " + dtype + " cannot be stored in a .npy file");
    }
    return e;
  }

  /** The descr Skein writes: little-endian, or '|' for one-byte types ({@code <f4}, {@code |b1}). */
  static String descr(DType dtype) {
    Entry e = of(dtype);
    return (e.bytes() == 1 ? "|" : "<") + e.code();
  }

  /** A parsed descr: the entry and the byte order of the data. */
  record Parsed(Entry entry, ByteOrder order) {}

  /** Parses a descr string, or throws a CheckpointException naming the dtypes read. */
  static Parsed parse(String descr) {
    Entry e = descr.length() == 3 ? BY_CODE.get(descr.substring(1)) : null;
    char mark = descr.isEmpty() ? 0 : descr.charAt(0);
    boolean known = e != null && (mark == '<' || mark == '>' || mark == '='
        || (mark == '|' && e.bytes() == 1));
    if (!known) {
      StringBuilder sb = new StringBuilder();
      for (Entry x : BY_CODE.values()) {
        sb.append(sb.length() > 0 ? ", " : "").append(x.dtype()).append(" '")
            .append(x.bytes() == 1 ? "|" : "<").append(x.code()).append("'");
      }
      throw new CheckpointException(".npy dtype '" + descr + "' is not supported (the dtypes"
          + " read are " + sb + ", in either byte order '<' or '>')");
    }
    return new Parsed(e, mark == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }
}
