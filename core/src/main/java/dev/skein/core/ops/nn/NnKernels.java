package dev.skein.core.ops.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.BufferPool;

/**
 * Kernels of the nn family. Each works row by row over the last dimension; float32 and float64
 * have their own loops (row sums are accumulated in double for both).
 */
final class NnKernels {
  private NnKernels() {}

  /** dy * (1 - y * y) (tanh) or dy * (y * (1 - y)) (sigmoid), elementwise. */
  static Tensor activationGrad(Tensor y, Tensor dy, boolean tanh, boolean reuse) {
    int n = y.size();
    if (y.dtype() == DType.FLOAT32) {
      float[] a = y.floats();
      float[] d = dy.floats();
      float[] r = reuse ? d : BufferPool.floats(n);
      if (tanh) {
        for (int i = 0; i < n; i++) {
          r[i] = d[i] * (1f - a[i] * a[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          r[i] = d[i] * (a[i] * (1f - a[i]));
        }
      }
      return Tensor.wrap(DType.FLOAT32, y.shape(), r);
    }
    double[] a = y.doubles();
    double[] d = dy.doubles();
    double[] r = reuse ? d : new double[n];
    if (tanh) {
      for (int i = 0; i < n; i++) {
        r[i] = d[i] * (1 - a[i] * a[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        r[i] = d[i] * (a[i] * (1 - a[i]));
      }
    }
    return Tensor.wrap(DType.FLOAT64, y.shape(), r);
  }

  /** With {@code reuse}, the sum is written over the value's array (see canReuseInput). */
  static Tensor biasAdd(Tensor value, Tensor bias, boolean reuse) {
    int c = value.shape().dim(-1);
    checkArgument(bias.rank() == 1 && bias.size() == c,
        "biasAdd: bias size %s does not match the last dimension of value %s (bias shape %s)",
        bias.size(), value.shape(), bias.shape());
    int rows = c == 0 ? 0 : value.size() / c;
    return switch (value.dtype()) {
      case FLOAT32 -> {
        float[] v = value.floats();
        float[] b = bias.floats();
        float[] out = reuse ? v : BufferPool.floats(v.length);
        for (int r = 0; r < rows; r++) {
          int o = r * c;
          for (int j = 0; j < c; j++) {
            out[o + j] = v[o + j] + b[j];
          }
        }
        yield Tensor.wrap(DType.FLOAT32, value.shape(), out);
      }
      case FLOAT64 -> {
        double[] v = value.doubles();
        double[] b = bias.doubles();
        double[] out = new double[v.length];
        for (int r = 0; r < rows; r++) {
          int o = r * c;
          for (int j = 0; j < c; j++) {
            out[o + j] = v[o + j] + b[j];
          }
        }
        yield Tensor.wrap(DType.FLOAT64, value.shape(), out);
      }
      case INT32 -> {
        int[] v = value.ints();
        int[] b = bias.ints();
        int[] out = new int[v.length];
        for (int r = 0; r < rows; r++) {
          int o = r * c;
          for (int j = 0; j < c; j++) {
            out[o + j] = v[o + j] + b[j];
          }
        }
        yield Tensor.wrap(DType.INT32, value.shape(), out);
      }
      case INT64 -> {
        long[] v = value.longs();
        long[] b = bias.longs();
        long[] out = new long[v.length];
        for (int r = 0; r < rows; r++) {
          int o = r * c;
          for (int j = 0; j < c; j++) {
            out[o + j] = v[o + j] + b[j];
          }
        }
        yield Tensor.wrap(DType.INT64, value.shape(), out);
      }
      case BOOL -> throw new IllegalArgumentException("biasAdd: bool is not supported");
    };
  }

  /** Softmax (or log-softmax) over the last axis. */
  static Tensor softmax(Tensor x, boolean log) {
    int c = x.shape().dim(-1);
    int rows = c == 0 ? 0 : x.size() / c;
    if (x.dtype() == DType.FLOAT32) {
      float[] in = x.floats();
      float[] out = new float[in.length];
      for (int r = 0; r < rows; r++) {
        softmaxRow(in, out, r * c, c, log);
      }
      return Tensor.wrap(DType.FLOAT32, x.shape(), out);
    }
    double[] in = x.doubles();
    double[] out = new double[in.length];
    for (int r = 0; r < rows; r++) {
      softmaxRow(in, out, r * c, c, log);
    }
    return Tensor.wrap(DType.FLOAT64, x.shape(), out);
  }

  /**
   * Writes softmax (or log-softmax) of {@code in[o, o + c)} to {@code out}; returns
   * log(sum(exp(x - max))), the row's log-sum-exp minus its maximum.
   */
  private static double softmaxRow(float[] in, float[] out, int o, int c, boolean log) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < c; j++) {
      max = Math.max(max, in[o + j]);
    }
    double sum = 0;
    for (int j = 0; j < c; j++) {
      float e = (float) Math.exp(in[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    double logSum = Math.log(sum);
    if (log) {
      for (int j = 0; j < c; j++) {
        out[o + j] = (float) (in[o + j] - max - logSum);
      }
    } else {
      float inv = (float) (1 / sum);
      for (int j = 0; j < c; j++) {
        out[o + j] *= inv;
      }
    }
    return logSum;
  }

  private static double softmaxRow(double[] in, double[] out, int o, int c, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < c; j++) {
      max = Math.max(max, in[o + j]);
    }
    double sum = 0;
    for (int j = 0; j < c; j++) {
      double e = Math.exp(in[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    double logSum = Math.log(sum);
    if (log) {
      for (int j = 0; j < c; j++) {
        out[o + j] = in[o + j] - max - logSum;
      }
    } else {
      double inv = 1 / sum;
      for (int j = 0; j < c; j++) {
        out[o + j] *= inv;
      }
    }
    return logSum;
  }

  /**
   * loss[r] = sum_j labels[r, j] * (logsumexp(logits[r]) - logits[r, j]) and
   * backprop = softmax(logits) - labels.
   */
  static Tensor[] softmaxCrossEntropy(Tensor logits, Tensor labels) {
    Shape s = logits.shape();
    int batch = s.dim(0);
    int c = s.dim(1);
    if (logits.dtype() == DType.FLOAT32) {
      float[] x = logits.floats();
      float[] y = labels.floats();
      float[] loss = new float[batch];
      float[] grad = new float[x.length];
      for (int r = 0; r < batch; r++) {
        int o = r * c;
        // logSoftmax first: loss = -sum(y * logSoftmax(x)) needs no exp of a large number.
        softmaxRow(x, grad, o, c, true);
        double l = 0;
        for (int j = 0; j < c; j++) {
          l -= y[o + j] * (double) grad[o + j];
          grad[o + j] = (float) Math.exp(grad[o + j]) - y[o + j];
        }
        loss[r] = (float) l;
      }
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, Shape.of(batch), loss),
          Tensor.wrap(DType.FLOAT32, s, grad)};
    }
    double[] x = logits.doubles();
    double[] y = labels.doubles();
    double[] loss = new double[batch];
    double[] grad = new double[x.length];
    for (int r = 0; r < batch; r++) {
      int o = r * c;
      softmaxRow(x, grad, o, c, true);
      double l = 0;
      for (int j = 0; j < c; j++) {
        l -= y[o + j] * grad[o + j];
        grad[o + j] = Math.exp(grad[o + j]) - y[o + j];
      }
      loss[r] = l;
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, Shape.of(batch), loss),
        Tensor.wrap(DType.FLOAT64, s, grad)};
  }

  /** The sparse form: labels are class indices, checked to lie in [0, classes). */
  static Tensor[] sparseSoftmaxCrossEntropy(Tensor logits, Tensor labels) {
    Shape s = logits.shape();
    int batch = s.dim(0);
    int c = s.dim(1);
    int[] y = classIndices(labels);
    for (int r = 0; r < batch; r++) {
      checkArgument(y[r] >= 0 && y[r] < c,
          "sparseSoftmaxCrossEntropyWithLogits: label %s (labels[%s]) is out of range: logits"
              + " have %s classes, so labels must be in [0, %s)", y[r], r, c, c);
    }
    if (logits.dtype() == DType.FLOAT32) {
      float[] x = logits.floats();
      float[] loss = new float[batch];
      float[] grad = new float[x.length];
      for (int r = 0; r < batch; r++) {
        int o = r * c;
        softmaxRow(x, grad, o, c, true);
        loss[r] = -grad[o + y[r]];
        for (int j = 0; j < c; j++) {
          grad[o + j] = (float) Math.exp(grad[o + j]);
        }
        grad[o + y[r]] -= 1;
      }
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, Shape.of(batch), loss),
          Tensor.wrap(DType.FLOAT32, s, grad)};
    }
    double[] x = logits.doubles();
    double[] loss = new double[batch];
    double[] grad = new double[x.length];
    for (int r = 0; r < batch; r++) {
      int o = r * c;
      softmaxRow(x, grad, o, c, true);
      loss[r] = -grad[o + y[r]];
      for (int j = 0; j < c; j++) {
        grad[o + j] = Math.exp(grad[o + j]);
      }
      grad[o + y[r]] -= 1;
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, Shape.of(batch), loss),
        Tensor.wrap(DType.FLOAT64, s, grad)};
  }

  /**
   * INT32 or INT64 class indices as ints; int64 values beyond the int range become the int
   * range's ends, which are out of range for any class count as the original value was.
   */
  static int[] classIndices(Tensor labels) {
    if (labels.dtype() == DType.INT32) {
      return labels.ints();
    }
    long[] v = labels.longs();
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
    }
    return r;
  }

  /** TF's InTopK: fewer than k predictions of the row strictly above the target's. */
  static Tensor inTopK(Tensor predictions, Tensor targets, int k) {
    int batch = predictions.shape().dim(0);
    int c = predictions.shape().dim(1);
    double[] p = predictions.toDoubleArray(); // float32 -> double is exact: same comparisons
    int[] t = classIndices(targets);
    boolean[] out = new boolean[batch];
    for (int r = 0; r < batch; r++) {
      int o = r * c;
      int target = t[r];
      if (target < 0 || target >= c || !Double.isFinite(p[o + target])) {
        continue;
      }
      double tp = p[o + target];
      int above = 0;
      boolean finite = true;
      for (int j = 0; j < c; j++) {
        if (!Double.isFinite(p[o + j])) {
          finite = false;
          break;
        }
        if (p[o + j] > tp) {
          above++;
        }
      }
      out[r] = finite && above < k;
    }
    return Tensor.wrap(DType.BOOL, Shape.of(batch), out);
  }

  static Tensor l2Loss(Tensor x) {
    double sum = 0;
    if (x.dtype() == DType.FLOAT32) {
      for (float v : x.floats()) {
        sum += (double) v * v;
      }
      return Tensor.scalar((float) (sum / 2));
    }
    for (double v : x.doubles()) {
      sum += v * v;
    }
    return Tensor.scalar(sum / 2);
  }

  /** [d0, ..., dn, c] as [d0 * ... * dn, c]: the rows the kernels loop over. */
  static Shape flatRows(Shape s) {
    int c = s.dim(s.rank() - 1);
    int rows = 1;
    for (int i = 0; i < s.rank() - 1; i++) {
      rows *= s.dim(i);
    }
    return Shape.of(rows, c);
  }

  /** Each label in [0, classes), or an error naming the first bad one by its full index. */
  static void checkLabels(Tensor labels, int classes) {
    long[] y = labels.toLongs();
    for (int r = 0; r < y.length; r++) {
      if (y[r] < 0 || y[r] >= classes) {
        int[] idx = new int[labels.rank()];
        for (int i = idx.length - 1, rest = r; i >= 0; i--) {
          idx[i] = rest % labels.shape().dim(i);
          rest /= labels.shape().dim(i);
        }
        String where = java.util.Arrays.toString(idx).replace("[", "").replace("]", "");
        throw new IllegalArgumentException(String.format("sparseSoftmaxCrossEntropyWithLogits:"
            + " label %s (labels[%s]) is out of range: logits have %s classes, so labels must"
            + " be in [0, %s)", y[r], where, classes, classes));
      }
    }
  }
}
