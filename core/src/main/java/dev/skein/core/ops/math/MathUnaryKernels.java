package dev.skein.core.ops.math;

import dev.skein.core.DType;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Activations;
import dev.skein.core.ops.math.MathOps.Unary;

/** Kernels of the math family's unary functions: one plain loop per case. */
final class MathUnaryKernels {
  private MathUnaryKernels() {}

  static Tensor unary(Unary op, Tensor x) {
    return switch (x.dtype()) {
      case FLOAT32 -> Tensor.wrap(DType.FLOAT32, x.shape(), f32(op, x.floats()));
      case FLOAT64 -> Tensor.wrap(DType.FLOAT64, x.shape(), f64(op, x.doubles()));
      case INT32 -> Tensor.wrap(DType.INT32, x.shape(), i32(op, x.ints()));
      case INT64 -> Tensor.wrap(DType.INT64, x.shape(), i64(op, x.longs()));
      case BOOL -> throw new IllegalArgumentException(op.typeName() + " does not take bool");
    };
  }

  private static float[] f32(Unary op, float[] x) {
    int n = x.length;
    float[] r = new float[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          r[i] = -x[i];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.abs(x[i]);
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[i] * x[i];
        }
      }
      case SIGN -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.signum(x[i]);
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.max(x[i], 0f);
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) Math.sqrt(x[i]);
        }
      }
      case RSQRT -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) (1 / Math.sqrt(x[i]));
        }
      }
      case EXP -> Activations.exp(x, 0, r, 0, n);
      case LOG -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) Math.log(x[i]);
        }
      }
      case LOG1P -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) Math.log1p(x[i]);
        }
      }
      case TANH -> Activations.tanh(x, 0, r, 0, n);
      case SIGMOID -> Activations.sigmoid(x, 0, r, 0, n);
      case RECIPROCAL -> {
        for (int i = 0; i < n; i++) {
          r[i] = 1f / x[i];
        }
      }
      case FLOOR -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) Math.floor(x[i]);
        }
      }
    }
    return r;
  }

  private static double[] f64(Unary op, double[] x) {
    int n = x.length;
    double[] r = new double[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          r[i] = -x[i];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.abs(x[i]);
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[i] * x[i];
        }
      }
      case SIGN -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.signum(x[i]);
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.max(x[i], 0.0);
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.sqrt(x[i]);
        }
      }
      case RSQRT -> {
        for (int i = 0; i < n; i++) {
          r[i] = 1 / Math.sqrt(x[i]);
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.exp(x[i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.log(x[i]);
        }
      }
      case LOG1P -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.log1p(x[i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          r[i] = sigmoid(x[i]);
        }
      }
      case RECIPROCAL -> {
        for (int i = 0; i < n; i++) {
          r[i] = 1 / x[i];
        }
      }
      case FLOOR -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.floor(x[i]);
        }
      }
    }
    return r;
  }

  private static int[] i32(Unary op, int[] x) {
    int n = x.length;
    int[] r = new int[n];
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          r[i] = -x[i];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.abs(x[i]);
        }
      }
      case SQUARE -> {
        for (int i = 0; i < n; i++) {
          r[i] = x[i] * x[i];
        }
      }
      case SIGN -> {
        for (int i = 0; i < n; i++) {
          r[i] = Integer.signum(x[i]);
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          r[i] = Math.max(x[i], 0);
        }
      }
      default -> throw new IllegalArgumentException(op.typeName() + " does not take int32");
    }
    return r;
  }

  private static long[] i64(Unary op, long[] x) {
    int n = x.length;
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      long v = x[i];
      r[i] = switch (op) {
        case NEG -> -v;
        case ABS -> Math.abs(v);
        case SQUARE -> v * v;
        case SIGN -> Long.signum(v);
        case RELU -> Math.max(v, 0L);
        default -> throw new IllegalArgumentException(op.typeName() + " does not take int64");
      };
    }
    return r;
  }

  /** Logistic function for float64, accurate far out: exp is only taken of -|x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
