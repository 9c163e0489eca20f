package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;

/**
 * Kernels of the math ops beyond one elementwise operation: clipByValue (three inputs), addN
 * (any number, summed in input order) and broadcastTo.
 */
final class MathNaryKernels {
  private MathNaryKernels() {}



  /** max(min(x, hi), lo), with lo and hi broadcast to x's shape. */
  static Tensor clip(Tensor x, Tensor lo, Tensor hi) {
    int[] xd = x.shape().dims();
    int[] ld = lo.shape().dims();
    int[] hd = hi.shape().dims();
    checkArgument(Broadcast.isBroadcastableTo(ld, xd) && Broadcast.isBroadcastableTo(hd, xd),
        "clip bounds of shapes %s and %s do not broadcast to x's shape %s", lo.shape(),
        hi.shape(), x.shape());
    Broadcast.Plan p = Broadcast.plan(xd, xd, ld, hd);
    int[] xo = p.offsets[0];
    int[] lo0 = p.offsets[1];
    int[] ho = p.offsets[2];
    int xi = p.inc[0];
    int li = p.inc[1];
    int hi1 = p.inc[2];
    int n = p.inner;
    switch (x.dtype()) {
      case FLOAT32 -> {
        float[] a = x.floats();
        float[] l = lo.floats();
        float[] h = hi.floats();
        float[] r = new float[p.size];
        for (int row = 0; row < p.rows; row++) {
          int ro = row * n;
          for (int j = 0; j < n; j++) {
            r[ro + j] = Math.max(Math.min(a[xo[row] + j * xi], h[ho[row] + j * hi1]),
                l[lo0[row] + j * li]);
          }
        }
        return Tensor.wrap(DType.FLOAT32, x.shape(), r);
      }
      case FLOAT64 -> {
        double[] a = x.doubles();
        double[] l = lo.doubles();
        double[] h = hi.doubles();
        double[] r = new double[p.size];
        for (int row = 0; row < p.rows; row++) {
          int ro = row * n;
          for (int j = 0; j < n; j++) {
            r[ro + j] = Math.max(Math.min(a[xo[row] + j * xi], h[ho[row] + j * hi1]),
                l[lo0[row] + j * li]);
          }
        }
        return Tensor.wrap(DType.FLOAT64, x.shape(), r);
      }
      case INT32 -> {
        int[] a = x.ints();
        int[] l = lo.ints();
        int[] h = hi.ints();
        int[] r = new int[p.size];
        for (int row = 0; row < p.rows; row++) {
          int ro = row * n;
          for (int j = 0; j < n; j++) {
            r[ro + j] = Math.max(Math.min(a[xo[row] + j * xi], h[ho[row] + j * hi1]),
                l[lo0[row] + j * li]);
          }
        }
        return Tensor.wrap(DType.INT32, x.shape(), r);
      }
      case INT64 -> {
        long[] a = x.longs();
        long[] l = lo.longs();
        long[] h = hi.longs();
        long[] r = new long[p.size];
        for (int row = 0; row < p.rows; row++) {
          int ro = row * n;
          for (int j = 0; j < n; j++) {
            r[ro + j] = Math.max(Math.min(a[xo[row] + j * xi], h[ho[row] + j * hi1]),
                l[lo0[row] + j * li]);
          }
        }
        return Tensor.wrap(DType.INT64, x.shape(), r);
      }
      default -> throw new IllegalArgumentException("ClipByValue does not take " + x.dtype());
    }
  }

  /** Sum of same-shape tensors. */
  static Tensor addN(Tensor[] xs) {
    Tensor first = xs[0];
    for (Tensor t : xs) {
      checkArgument(t.shape().equals(first.shape()),
          "all inputs must have the same shape, got %s and %s", first.shape(), t.shape());
    }
    if (xs.length == 1) {
      return first;
    }
    int n = first.size();
    switch (first.dtype()) {
      case FLOAT32 -> {
        float[] r = first.floats().clone();
        for (int k = 1; k < xs.length; k++) {
          float[] x = xs[k].floats();
          for (int i = 0; i < n; i++) {
            r[i] += x[i];
          }
        }
        return Tensor.wrap(DType.FLOAT32, first.shape(), r);
      }
      case FLOAT64 -> {
        double[] r = first.doubles().clone();
        for (int k = 1; k < xs.length; k++) {
          double[] x = xs[k].doubles();
          for (int i = 0; i < n; i++) {
            r[i] += x[i];
          }
        }
        return Tensor.wrap(DType.FLOAT64, first.shape(), r);
      }
      case INT32 -> {
        int[] r = first.ints().clone();
        for (int k = 1; k < xs.length; k++) {
          int[] x = xs[k].ints();
          for (int i = 0; i < n; i++) {
            r[i] += x[i];
          }
        }
        return Tensor.wrap(DType.INT32, first.shape(), r);
      }
      case INT64 -> {
        long[] r = first.longs().clone();
        for (int k = 1; k < xs.length; k++) {
          long[] x = xs[k].longs();
          for (int i = 0; i < n; i++) {
            r[i] += x[i];
          }
        }
        return Tensor.wrap(DType.INT64, first.shape(), r);
      }
      default -> throw new IllegalArgumentException("AddN does not take " + first.dtype());
    }
  }

  /** x broadcast to {@code target}, for any dtype. */
  static Tensor broadcastTo(Tensor x, int[] target) {
    int[] xd = x.shape().dims();
    checkArgument(Broadcast.isBroadcastableTo(xd, target), "cannot broadcast shape %s to %s",
        x.shape(), Shape.of(target));
    Shape out = Shape.of(target);
    out.numElements(); // refuses counts over Integer.MAX_VALUE before allocating
    if (Arrays.equals(xd, target)) {
      return x;
    }
    Broadcast.Plan p = Broadcast.plan(target, xd);
    Object src = x.data();
    Object r = Tensor.newArray(x.dtype(), p.size);
    for (int row = 0; row < p.rows; row++) {
      int o = row * p.inner;
      int s = p.offsets[0][row];
      if (p.inc[0] == 1) {
        System.arraycopy(src, s, r, o, p.inner);
      } else {
        fill(r, o, o + p.inner, src, s);
      }
    }
    return Tensor.wrap(x.dtype(), out, r);
  }

  /** Fills r[from, to) with src[at], for any primitive array type. */
  static void fill(Object r, int from, int to, Object src, int at) {
    if (r instanceof float[] f) {
      Arrays.fill(f, from, to, ((float[]) src)[at]);
    } else if (r instanceof double[] d) {
      Arrays.fill(d, from, to, ((double[]) src)[at]);
    } else if (r instanceof int[] i) {
      Arrays.fill(i, from, to, ((int[]) src)[at]);
    } else if (r instanceof long[] l) {
      Arrays.fill(l, from, to, ((long[]) src)[at]);
    } else {
      Arrays.fill((boolean[]) r, from, to, ((boolean[]) src)[at]);
    }
  }
}
