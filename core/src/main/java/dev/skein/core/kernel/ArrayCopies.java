package dev.skein.core.kernel;


/**
 * Copies of short runs for the array and control families' kernels (concat, split, unstack,
 * transpose, TensorArray unstacking), on flat arrays of any element type, with the types known so that each run does not pay for a generic arraycopy: unstacking the
 * notebooks' [150, 28, 28] input took 200 us with one Object-typed arraycopy per run of 28,
 * making it time-major 217 us element by element; about 40 us each now.
 */
public final class ArrayCopies {
  private ArrayCopies() {}

  /**
   * Copies {@code rows} runs of {@code len} elements, row r from {@code src[srcOff + r *
   * srcStride]} to {@code dst[dstOff + r * dstStride]}, with the arrays' static types known, so
   * short runs do not pay for a generic arraycopy each (measured: unstacking [150, 28, 28] took
   * 200 us with one Object-typed arraycopy per run).
   */
  public static void copyRows(Object src, int srcOff, int srcStride, Object dst, int dstOff,
      int dstStride, int rows, int len) {
    if (src instanceof float[] s && dst instanceof float[] d) {
      for (int r = 0; r < rows; r++) {
        int from = srcOff + r * srcStride;
        int to = dstOff + r * dstStride;
        if (len < 64) {
          for (int j = 0; j < len; j++) {
            d[to + j] = s[from + j];
          }
        } else {
          System.arraycopy(s, from, d, to, len);
        }
      }
    } else if (src instanceof double[] s && dst instanceof double[] d) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(s, srcOff + r * srcStride, d, dstOff + r * dstStride, len);
      }
    } else if (src instanceof int[] s && dst instanceof int[] d) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(s, srcOff + r * srcStride, d, dstOff + r * dstStride, len);
      }
    } else {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * dstStride, len);
      }
    }
  }

  /** Concatenations at least this large (elements) copy their rows on every thread. */
  private static final long PARALLEL_ELEMENTS = 1 << 14;

  /**
   * Concatenates along one axis: input i, {@code outer} rows of {@code chunks[i]} elements, goes
   * to columns [sum of earlier chunks, + chunks[i]) of {@code dst}'s rows of {@code rowOut}.
   * Large ones split the rows over the threads as the row-parallel kernels around them do
   * (rows * t / tasks), so that each thread copies rows it has just written: on a 2-vCPU AMD
   * EPYC the BasicRNN's concat([x, h]) of [150, 178] took 29 us per op on one thread reading
   * the h its helper had half written, against 4.7 us when one thread had run everything.
   */
  public static void concatRows(Object[] srcs, int[] chunks, Object dst, int outer, int rowOut) {
    int tasks = (long) outer * rowOut >= PARALLEL_ELEMENTS
        ? Math.max(1, Math.min(outer, Parallel.threads())) : 1;
    if (tasks == 1) {
      concatRows(srcs, chunks, dst, rowOut, 0, outer);
      return;
    }
    Parallel.forEach(tasks, t -> concatRows(srcs, chunks, dst, rowOut,
        (int) ((long) outer * t / tasks), (int) ((long) outer * (t + 1) / tasks)));
  }

  private static void concatRows(Object[] srcs, int[] chunks, Object dst, int rowOut, int r0,
      int r1) {
    int offset = 0;
    for (int i = 0; i < srcs.length; i++) {
      int chunk = chunks[i];
      copyRows(srcs[i], r0 * chunk, chunk, dst, r0 * rowOut + offset, rowOut, r1 - r0, chunk);
      offset += chunk;
    }
  }

  /**
   * Unstacks float32 values [outer, num, inner] along the middle axis into num arrays of
   * [outer, inner], reading the input once, in order.
   */
  public static float[][] unpackFloats(float[] src, int outer, int num, int inner) {
    float[][] out = new float[num][outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < num; i++) {
        System.arraycopy(src, (o * num + i) * inner, out[i], o * inner, inner);
      }
    }
    return out;
  }

  /**
   * Swaps the two leading axes: {@code src} [a, b, inner] into {@code dst} [b, a, inner], both
   * flat arrays of one element type.
   */
  public static void swapLeadingAxes(Object src, int a, int b, int inner, Object dst) {
    for (int i = 0; i < b; i++) {
      copyRows(src, i * inner, b * inner, dst, i * a * inner, inner, a, inner);
    }
  }

  /** Copies runs of {@code len} elements from {@code src[starts[i]]} to {@code dst[i * len]}. */
  public static void copyRuns(Object src, int[] starts, Object dst, int len) {
    if (src instanceof float[] f && dst instanceof float[] o) {
      if (len < 64) {
        // Short runs (making [batch, 28, 28] time-major): a loop, not an arraycopy call each.
        for (int i = 0; i < starts.length; i++) {
          int from = starts[i];
          int to = i * len;
          for (int j = 0; j < len; j++) {
            o[to + j] = f[from + j];
          }
        }
      } else {
        for (int i = 0; i < starts.length; i++) {
          System.arraycopy(f, starts[i], o, i * len, len);
        }
      }
    } else {
      for (int i = 0; i < starts.length; i++) {
        System.arraycopy(src, starts[i], dst, i * len, len);
      }
    }
  }
}
