package dev.skein.core.io;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NumPy's {@code .npy} format for one tensor, written and read here without NumPy.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a version (major, minor bytes), the header length
 * (little-endian uint16 for version 1.0, uint32 for 2.0 and 3.0), then the header: the
 * {@code repr} of a Python dict with exactly the keys {@code 'descr'}, {@code 'fortran_order'}
 * and {@code 'shape'}, padded with spaces and ended by a newline so that the data starts at a
 * multiple of 64 bytes, e.g.
 * <pre>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</pre>
 * then the elements in C (row-major) order. Dtypes ({@link NpyTypes}): {@code '<f4'} (FLOAT32),
 * {@code '<f8'} (FLOAT64), {@code '<i4'} (INT32), {@code '<i8'} (INT64), {@code '|b1'} (BOOL,
 * one byte 0 or 1 each).
 * Skein writes version 1.0, little-endian, {@code fortran_order False}.
 *
 * <p>Reading is strict and bounded: it accepts versions 1.0 to 3.0, the dtypes above in either
 * byte order ({@code '>f4'}, big-endian, is converted on read; {@code '='} and {@code '|'} where
 * NumPy allows them), both layouts ({@code fortran_order True}, column-major, as NumPy saves a
 * transposed array such as {@code W.T}, is converted to row-major on read), headers of at most
 * {@link #MAX_HEADER_LENGTH} bytes and ranks of at most {@link #MAX_RANK}; it computes the data
 * size in {@code long} and refuses shapes whose element count does not fit a Java array before
 * allocating anything. Errors are {@link CheckpointException}s saying what is wrong.
 */
public final class NpyFormat {
  /** The longest header accepted when reading (NumPy's own safe-load default is 10,000). */
  public static final int MAX_HEADER_LENGTH = 10_000;
  /** The highest rank accepted when reading. */
  public static final int MAX_RANK = 32;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 1 << 16;

  private NpyFormat() {}

  /**
   * A parsed header: the dtype and the (fully defined) shape of the tensor that follows, the
   * header's own length in bytes (magic to newline), whether the data is in Fortran
   * (column-major) order, and its byte order.
   */
  public record Header(DType dtype, Shape shape, int length, boolean fortranOrder,
      ByteOrder byteOrder) {
    /** A header of row-major, little-endian data (what Skein writes). */
    public Header(DType dtype, Shape shape, int length) {
      this(dtype, shape, length, false, ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes of element data after the header. */
    public long dataBytes() {
      long n = 1;
      for (int d : shape.dims()) {
        n *= d;
      }
      return n * elementBytes(dtype);
    }
  }

  /** NumPy's descr string for a dtype: {@code <f4}, {@code <f8}, {@code <i4}, {@code |b1}. */
  public static String descr(DType dtype) {
    return NpyTypes.descr(dtype);
  }

  static int elementBytes(DType dtype) {
    return NpyTypes.of(dtype).bytes();
  }

  /** The bytes of a version 1.0 header (magic to the newline) for this dtype and shape. */
  public static byte[] header(DType dtype, Shape shape) {
    StringBuilder sb = new StringBuilder("{'descr': '").append(descr(dtype))
        .append("', 'fortran_order': False, 'shape': (");
    int[] dims = shape.dims();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i > 0 ? ", " : "").append(dims[i]);
    }
    sb.append(dims.length == 1 ? ",), }" : "), }");
    int unpadded = MAGIC.length + 4 + sb.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    sb.append(" ".repeat(pad)).append('\n');
    byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[MAGIC.length + 4 + text.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = 1;
    out[7] = 0;
    out[8] = (byte) (text.length & 0xff);
    out[9] = (byte) (text.length >>> 8);
    System.arraycopy(text, 0, out, 10, text.length);
    return out;
  }

  /** The number of bytes {@link #write} produces for {@code t}. */
  public static long size(Tensor t) {
    return header(t.dtype(), t.shape()).length + (long) t.size() * elementBytes(t.dtype());
  }

  /** Writes {@code t} as a complete .npy file (version 1.0, little-endian). */
  public static void write(Tensor t, OutputStream out) throws IOException {
    out.write(header(t.dtype(), t.shape()));
    int n = t.size();
    NpyTypes.Entry type = NpyTypes.of(t.dtype());
    int per = CHUNK / type.bytes();
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    Object data = t.data();
    for (int start = 0; start < n; start += per) {
      int len = Math.min(per, n - start);
      buf.clear();
      type.codec().put(data, start, len, buf);
      out.write(buf.array(), 0, len * type.bytes());
    }
  }

  /** Reads and checks a header, leaving {@code in} at the first data byte. */
  public static Header readHeader(InputStream in) throws IOException {
    byte[] pre = readFully(in, 8, "the magic and version");
    if (!Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
      throw new CheckpointException("not a .npy file: it does not start with \\x93NUMPY");
    }
    int major = pre[6] & 0xff;
    int minor = pre[7] & 0xff;
    if (minor != 0 || major < 1 || major > 3) {
      throw new CheckpointException(".npy version " + major + "." + minor
          + " is not supported (1.0, 2.0 and 3.0 are)");
    }
    long len;
    if (major == 1) {
      byte[] l = readFully(in, 2, "the header length");
      len = (l[0] & 0xff) | (l[1] & 0xff) << 8;
    } else {
      byte[] l = readFully(in, 4, "the header length");
      len = (l[0] & 0xffL) | (l[1] & 0xffL) << 8 | (l[2] & 0xffL) << 16 | (l[3] & 0xffL) << 24;
    }
    if (len > MAX_HEADER_LENGTH) {
      throw new CheckpointException(".npy header of " + len + " bytes is longer than the limit of "
          + MAX_HEADER_LENGTH);
    }
    byte[] text = readFully(in, (int) len, "the header");
    for (byte b : text) {
      if (b < 0 && major < 3) {
        throw new CheckpointException(".npy header is not ASCII");
      }
    }
    NpyFormat.Header h = NpyHeaderParser.parse(new String(text, major < 3
        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    return new Header(h.dtype(), h.shape(), (major == 1 ? 10 : 12) + (int) len, h.fortranOrder(),
        h.byteOrder());
  }

  /**
   * Reads the data of a tensor with header {@code h} from {@code in}, converting big-endian data
   * and Fortran order. The caller has checked that the size is acceptable; the array is
   * allocated once (twice for Fortran order: the column-major data, then the row-major result),
   * then filled chunk by chunk, so a short stream fails with an EOFException-caused
   * CheckpointException.
   */
  public static Tensor readData(InputStream in, Header h) throws IOException {
    int n = h.shape().numElements();
    DType dt = h.dtype();
    NpyTypes.Entry type = NpyTypes.of(dt);
    Object data = Tensor.newArray(dt, n);
    int eb = type.bytes();
    int per = CHUNK / eb;
    byte[] chunk = new byte[CHUNK];
    ByteBuffer buf = ByteBuffer.wrap(chunk).order(h.byteOrder());
    for (int start = 0; start < n; start += per) {
      int len = Math.min(per, n - start);
      readFully(in, chunk, len * eb, "the data");
      type.codec().get(buf, data, start, len);
    }
    if (h.fortranOrder() && h.shape().rank() > 1) {
      data = toRowMajor(data, h.shape().dims(), dt);
    }
    return Tensor.wrap(dt, h.shape(), data);
  }

  /**
   * The row-major copy of column-major data of shape {@code dims}: element (i0, ..., ik) is at
   * i0 + d0 * (i1 + d1 * (i2 + ...)) in {@code colMajor}. Walks the result in order, keeping the
   * source offset with an odometer.
   */
  static Object toRowMajor(Object colMajor, int[] dims, DType dt) {
    int n = java.lang.reflect.Array.getLength(colMajor);
    Object out = Tensor.newArray(dt, n);
    if (n == 0) {
      return out;
    }
    int k = dims.length;
    if (k == 2) {
      transpose(colMajor, out, dims[0], dims[1]);
      return out;
    }
    long[] stride = new long[k];
    long s = 1;
    for (int i = 0; i < k; i++) {
      stride[i] = s;
      s *= dims[i];
    }
    int[] idx = new int[k];
    int last = dims[k - 1];
    int lastStride = (int) stride[k - 1];
    long src = 0;
    for (int dst = 0; dst < n; dst += last) {
      // One row of the result: the last index runs, the source steps by its stride.
      for (int j = 0, from = (int) src; j < last; j++, from += lastStride) {
        System.arraycopy(colMajor, from, out, dst + j, 1);
      }
      for (int a = k - 2; a >= 0; a--) {
        src += stride[a];
        if (++idx[a] < dims[a]) {
          break;
        }
        src -= stride[a] * dims[a];
        idx[a] = 0;
      }
    }
    return out;
  }

  /**
   * {@code dst[i * cols + j] = src[i + rows * j]}: a matrix transpose in tiles of 64 x 64, so
   * both sides stay in cache; plain loops for the primitive arrays Skein has, element copies
   * for any other.
   */
  private static void transpose(Object src, Object dst, int rows, int cols) {
    final int tile = 64;
    for (int i0 = 0; i0 < rows; i0 += tile) {
      int i1 = Math.min(i0 + tile, rows);
      for (int j0 = 0; j0 < cols; j0 += tile) {
        int j1 = Math.min(j0 + tile, cols);
        if (src instanceof float[] s && dst instanceof float[] d) {
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              d[i * cols + j] = s[i + rows * j];
            }
          }
        } else if (src instanceof double[] s && dst instanceof double[] d) {
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              d[i * cols + j] = s[i + rows * j];
            }
          }
        } else if (src instanceof int[] s && dst instanceof int[] d) {
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              d[i * cols + j] = s[i + rows * j];
            }
          }
        } else {
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              System.arraycopy(src, i + rows * j, dst, i * cols + j, 1);
            }
          }
        }
      }
    }
  }

  private static byte[] readFully(InputStream in, int n, String what) throws IOException {
    byte[] b = new byte[n];
    readFully(in, b, n, what);
    return b;
  }

  private static void readFully(InputStream in, byte[] b, int n, String what)
      throws IOException {
    int off = 0;
    while (off < n) {
      int r = in.read(b, off, n - off);
      if (r < 0) {
        throw new CheckpointException("truncated .npy: it ends inside " + what,
            new EOFException());
      }
      off += r;
    }
  }
}
