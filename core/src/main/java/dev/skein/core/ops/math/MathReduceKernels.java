package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.math.MathReduceOps.Kind;
import java.util.Arrays;

/**
 * Kernels of reductions, arg-max/min and sumToShape. Adjacent dimensions that are both reduced
 * or both kept are merged, so the input is walked in order as rows of its last merged
 * dimension: if that dimension is reduced, each row folds into one output element (float32 sums
 * and products accumulate in double); if it is kept, each row folds elementwise into a run of
 * outputs (a plain vectorizable loop).
 */
final class MathReduceKernels {
  private MathReduceKernels() {}

  static Tensor reduce(Kind kind, Tensor x, ImmutableIntArray axes, boolean keepDims) {
    int[] dims = x.shape().dims();
    boolean[] mask = MathShapes.reductionMask(axes, dims.length, x.shape());
    Object r = reduceMasked(kind, x, dims, mask);
    return Tensor.wrap(x.dtype(), Shape.of(MathShapes.reducedDims(dims, mask, keepDims)), r);
  }

  /** Sums grad over broadcast axes so the result has shape {@code target}. */
  static Tensor sumToShape(Tensor grad, int[] target) {
    int[] dims = grad.shape().dims();
    if (Arrays.equals(dims, target)) {
      return grad;
    }
    int[] axes = Broadcast.sumAxes(dims, target);
    boolean[] mask = new boolean[dims.length];
    for (int a : axes) {
      mask[a] = true;
    }
    return Tensor.wrap(grad.dtype(), Shape.of(target), reduceMasked(Kind.SUM, grad, dims, mask));
  }

  /** The reduction's values, row-major over the kept dimensions. */
  private static Object reduceMasked(Kind kind, Tensor x, int[] dims, boolean[] mask) {
    int outSize = 1;
    for (int i = 0; i < dims.length; i++) {
      outSize *= mask[i] ? 1 : dims[i];
    }
    Object r = initial(kind, x.dtype(), outSize);
    int n = x.size();
    if (n > 0) {
      Layout l = layout(dims, mask);
      switch (x.dtype()) {
        case FLOAT32 -> f32(kind, x.floats(), (float[]) r, l);
        case FLOAT64 -> f64(kind, x.doubles(), (double[]) r, l);
        case INT32 -> i32(kind, x.ints(), (int[]) r, l);
        case INT64 -> LongKernels.reduce(kind, x.longs(), (long[]) r, l);
        case BOOL -> bool(kind, x.bools(), (boolean[]) r, l);
      }
    }
    if (kind == Kind.MEAN && outSize > 0) {
      int count = n / outSize;
      if (r instanceof float[] f) {
        for (int i = 0; i < outSize; i++) {
          f[i] /= count;
        }
      } else if (r instanceof double[] d) {
        for (int i = 0; i < outSize; i++) {
          d[i] /= count;
        }
      } else if (count > 0 && r instanceof long[] v) { // int64: truncating division
        for (int i = 0; i < outSize; i++) {
          v[i] /= count;
        }
      } else if (count > 0) { // int32: truncating division; an empty mean gives 0
        int[] v = (int[]) r;
        for (int i = 0; i < outSize; i++) {
          v[i] /= count;
        }
      }
    }
    return r;
  }

  private static Object initial(Kind kind, DType t, int n) {
    Object r = Tensor.newArray(t, n);
    switch (kind) {
      case PROD -> fillNumber(r, 1, 1);
      case MAX -> fillNumber(r, Double.NEGATIVE_INFINITY,
          t == DType.INT64 ? Long.MIN_VALUE : Integer.MIN_VALUE);
      case MIN -> fillNumber(r, Double.POSITIVE_INFINITY,
          t == DType.INT64 ? Long.MAX_VALUE : Integer.MAX_VALUE);
      case ALL -> Arrays.fill((boolean[]) r, true);
      default -> { } // zeros / false
    }
    return r;
  }

  private static void fillNumber(Object r, double floating, long integer) {
    if (r instanceof float[] f) {
      Arrays.fill(f, (float) floating);
    } else if (r instanceof double[] d) {
      Arrays.fill(d, floating);
    } else if (r instanceof long[] v) {
      Arrays.fill(v, integer);
    } else {
      Arrays.fill((int[]) r, (int) integer);
    }
  }

  /**
   * Input walked as {@code rows} consecutive rows of {@code inner} elements; row r folds into
   * output element {@code outOffsets[r]} (innerReduced) or the run starting there.
   */
  record Layout(int rows, int inner, boolean innerReduced, int[] outOffsets) {}

  private static Layout layout(int[] dims, boolean[] mask) {
    int[] sizes = new int[dims.length];
    boolean[] red = new boolean[dims.length];
    int nd = 0;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == 1) {
        continue;
      }
      if (nd > 0 && red[nd - 1] == mask[i]) {
        sizes[nd - 1] *= dims[i];
      } else {
        red[nd] = mask[i];
        sizes[nd++] = dims[i];
      }
    }
    if (nd == 0) { // a single element
      return new Layout(1, 1, true, new int[1]);
    }
    int inner = sizes[nd - 1];
    int total = 1;
    for (int d = 0; d < nd; d++) {
      total *= sizes[d];
    }
    int rows = total / inner;
    int[] stride = new int[nd];
    int s = 1;
    for (int d = nd - 1; d >= 0; d--) {
      stride[d] = red[d] ? 0 : s;
      s *= red[d] ? 1 : sizes[d];
    }
    int[] outOffsets = new int[rows];
    int[] idx = new int[nd - 1];
    int off = 0;
    for (int row = 0; row < rows; row++) {
      outOffsets[row] = off;
      for (int d = nd - 2; d >= 0; d--) { // odometer over the outer dims
        idx[d]++;
        off += stride[d];
        if (idx[d] < sizes[d]) {
          break;
        }
        idx[d] = 0;
        off -= stride[d] * sizes[d];
      }
    }
    return new Layout(rows, inner, red[nd - 1], outOffsets);
  }

  private static void f32(Kind k, float[] x, float[] r, Layout l) {
    int m = l.inner;
    for (int row = 0; row < l.rows; row++) {
      int b = row * m;
      int o = l.outOffsets[row];
      if (l.innerReduced) {
        switch (k) {
          case SUM, MEAN -> {
            double acc = r[o];
            for (int j = 0; j < m; j++) {
              acc += x[b + j];
            }
            r[o] = (float) acc;
          }
          case PROD -> {
            double acc = r[o];
            for (int j = 0; j < m; j++) {
              acc *= x[b + j];
            }
            r[o] = (float) acc;
          }
          case MAX -> {
            float acc = r[o];
            for (int j = 0; j < m; j++) {
              acc = Math.max(acc, x[b + j]);
            }
            r[o] = acc;
          }
          case MIN -> {
            float acc = r[o];
            for (int j = 0; j < m; j++) {
              acc = Math.min(acc, x[b + j]);
            }
            r[o] = acc;
          }
          default -> throw new IllegalArgumentException(k + " does not take float32");
        }
      } else {
        switch (k) {
          case SUM, MEAN -> {
            for (int j = 0; j < m; j++) {
              r[o + j] += x[b + j];
            }
          }
          case PROD -> {
            for (int j = 0; j < m; j++) {
              r[o + j] *= x[b + j];
            }
          }
          case MAX -> {
            for (int j = 0; j < m; j++) {
              r[o + j] = Math.max(r[o + j], x[b + j]);
            }
          }
          case MIN -> {
            for (int j = 0; j < m; j++) {
              r[o + j] = Math.min(r[o + j], x[b + j]);
            }
          }
          default -> throw new IllegalArgumentException(k + " does not take float32");
        }
      }
    }
  }

  private static void f64(Kind k, double[] x, double[] r, Layout l) {
    int m = l.inner;
    for (int row = 0; row < l.rows; row++) {
      int b = row * m;
      int o = l.outOffsets[row];
      int step = l.innerReduced ? 0 : 1; // output index moves along the row only if kept
      switch (k) {
        case SUM, MEAN -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] += x[b + j];
          }
        }
        case PROD -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] *= x[b + j];
          }
        }
        case MAX -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] = Math.max(r[o + j * step], x[b + j]);
          }
        }
        case MIN -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] = Math.min(r[o + j * step], x[b + j]);
          }
        }
        default -> throw new IllegalArgumentException(k + " does not take float64");
      }
    }
  }

  private static void i32(Kind k, int[] x, int[] r, Layout l) {
    int m = l.inner;
    for (int row = 0; row < l.rows; row++) {
      int b = row * m;
      int o = l.outOffsets[row];
      int step = l.innerReduced ? 0 : 1;
      switch (k) {
        case SUM, MEAN -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] += x[b + j];
          }
        }
        case PROD -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] *= x[b + j];
          }
        }
        case MAX -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] = Math.max(r[o + j * step], x[b + j]);
          }
        }
        case MIN -> {
          for (int j = 0; j < m; j++) {
            r[o + j * step] = Math.min(r[o + j * step], x[b + j]);
          }
        }
        default -> throw new IllegalArgumentException(k + " does not take int32");
      }
    }
  }

  private static void bool(Kind k, boolean[] x, boolean[] r, Layout l) {
    checkArgument(k == Kind.ANY || k == Kind.ALL, "%s does not take bool", k);
    boolean any = k == Kind.ANY;
    int m = l.inner;
    for (int row = 0; row < l.rows; row++) {
      int b = row * m;
      int o = l.outOffsets[row];
      int step = l.innerReduced ? 0 : 1;
      for (int j = 0; j < m; j++) {
        int i = o + j * step;
        r[i] = any ? r[i] || x[b + j] : r[i] && x[b + j];
      }
    }
  }

  /** Index of the max (or min) along one axis; ties keep the first index. */
  static Tensor argMaxMin(Tensor x, int axis, boolean max, DType out) {
    Tensor r = argMaxMin(x, axis, max);
    if (out == DType.INT32) {
      return r;
    }
    int[] v = r.ints();
    long[] wide = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      wide[i] = v[i];
    }
    return Tensor.wrap(DType.INT64, r.shape(), wide);
  }

  private static Tensor argMaxMin(Tensor x, int axis, boolean max) {
    int[] dims = x.shape().dims();
    boolean[] mask = MathShapes.reductionMask(ImmutableIntArray.of(axis), dims.length, x.shape());
    int a = axis < 0 ? axis + dims.length : axis;
    int n = dims[a];
    int[] outDims = MathShapes.reducedDims(dims, mask, false);
    checkArgument(n > 0, "%s over axis %s, which is empty in shape %s", max ? "argMax" : "argMin",
        axis, x.shape());
    int outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= dims[i];
    }
    int inner = 1;
    for (int i = a + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    if (x.dtype() == DType.INT64) {
      return Tensor.wrap(DType.INT32, Shape.of(outDims),
          LongKernels.argMaxMin(x.longs(), outer, n, inner, max));
    }
    // float32 and int32 convert to double exactly, so one comparison loop serves them all.
    double[] v = x.dtype() == DType.FLOAT64 ? x.doubles() : x.toDoubleArray();
    int[] r = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        double best = v[base];
        int bestK = 0;
        for (int k = 1; k < n; k++) {
          double c = v[base + k * inner];
          if (max ? c > best : c < best) {
            best = c;
            bestK = k;
          }
        }
        r[o * inner + i] = bestK;
      }
    }
    return Tensor.wrap(DType.INT32, Shape.of(outDims), r);
  }
}
