package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Activations;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.ops.math.MathOps.Binary;
import java.util.Arrays;

/**
 * Kernels of the math family's binary arithmetic, with broadcasting. A {@link Broadcast.Plan}
 * cuts the output into runs; each run is one plain loop, specialised for the cases that
 * matter (both inputs varying, one of them a scalar along the run) for the hot float ops, and a
 * strided loop otherwise.
 */
final class MathKernels {
  private MathKernels() {}

  private static final int VV = 3; // both inputs vary along the run
  private static final int SV = 1; // x is constant along the run
  private static final int VS = 2; // y is constant along the run
  // Plans never make both inputs constant along a run (see Broadcast.plan), so mode is one of
  // these three.

  static Tensor binary(Binary op, Tensor a, Tensor b) {
    return binary(op, a, b, false, false);
  }

  /**
   * With {@code reuseA} ({@code reuseB}), a float32 result may be written over a's (b's) array
   * when that input has the result's shape: each element is read before it is written.
   */
  static Tensor binary(Binary op, Tensor a, Tensor b, boolean reuseA, boolean reuseB) {
    int[] ad = a.shape().dims();
    int[] bd = b.shape().dims();
    int[] out = Broadcast.dims(ad, bd);
    Broadcast.Plan p = Broadcast.plan(out, ad, bd);
    Shape shape = a.shape().rank() == out.length && Arrays.equals(ad, out) ? a.shape()
        : Shape.of(out);
    int[] ao = p.offsets[0];
    int[] bo = p.offsets[1];
    int ai = p.inc[0];
    int bi = p.inc[1];
    int n = p.inner;
    switch (a.dtype()) {
      case FLOAT32 -> {
        float[] x = a.floats();
        float[] y = b.floats();
        float[] r = reuseA && x.length == p.size && Arrays.equals(ad, out) ? x
            : reuseB && y.length == p.size && Arrays.equals(bd, out) ? y
            : BufferPool.floats(p.size);
        for (int row = 0; row < p.rows; row++) {
          f32(op, x, ao[row], ai, y, bo[row], bi, r, row * n, n);
        }
        return Tensor.wrap(DType.FLOAT32, shape, r);
      }
      case FLOAT64 -> {
        double[] x = a.doubles();
        double[] y = b.doubles();
        double[] r = new double[p.size];
        for (int row = 0; row < p.rows; row++) {
          f64(op, x, ao[row], ai, y, bo[row], bi, r, row * n, n);
        }
        return Tensor.wrap(DType.FLOAT64, shape, r);
      }
      case INT32 -> {
        int[] x = a.ints();
        int[] y = b.ints();
        int[] r = new int[p.size];
        try {
          for (int row = 0; row < p.rows; row++) {
            i32(op, x, ao[row], ai, y, bo[row], bi, r, row * n, n);
          }
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException("integer division by zero");
        }
        return Tensor.wrap(DType.INT32, shape, r);
      }
      case INT64 -> {
        long[] x = a.longs();
        long[] y = b.longs();
        long[] r = new long[p.size];
        try {
          for (int row = 0; row < p.rows; row++) {
            LongKernels.binary(op, x, ao[row], ai, y, bo[row], bi, r, row * n, n);
          }
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException("integer division by zero");
        }
        return Tensor.wrap(DType.INT64, shape, r);
      }
      default -> throw new IllegalArgumentException(op.typeName() + " does not take " + a.dtype());
    }
  }

  private static boolean commutative(Binary op) {
    return op == Binary.ADD || op == Binary.MUL || op == Binary.MAXIMUM || op == Binary.MINIMUM;
  }

  // One run of n outputs: r[ro + j] = a[ao + j * ai] (op) b[bo + j * bi].
  private static void f32(Binary op, float[] a, int ao, int ai, float[] b, int bo, int bi,
      float[] r, int ro, int n) {
    int mode = ai * 2 + bi;
    if (mode == SV && commutative(op)) {
      f32(op, b, bo, bi, a, ao, ai, r, ro, n);
      return;
    }
    switch (op) {
      case ADD -> {
        if (mode == VV) {
          Activations.addOrMul(false, a, ao, b, bo, r, ro, n);
        } else {
          float s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] + s;
          }
        }
      }
      case SUB -> {
        if (mode == VV) {
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] - b[bo + j];
          }
        } else if (mode == SV) {
          float s = a[ao];
          for (int j = 0; j < n; j++) {
            r[ro + j] = s - b[bo + j];
          }
        } else {
          float s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] - s;
          }
        }
      }
      case MUL -> {
        if (mode == VV) {
          Activations.addOrMul(true, a, ao, b, bo, r, ro, n);
        } else {
          float s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] * s;
          }
        }
      }
      case DIV -> {
        if (mode == VV) {
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] / b[bo + j];
          }
        } else if (mode == SV) {
          float s = a[ao];
          for (int j = 0; j < n; j++) {
            r[ro + j] = s / b[bo + j];
          }
        } else {
          float s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] / s;
          }
        }
      }
      case MAXIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.max(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case MINIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.min(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case POW -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = (float) Math.pow(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case SQUARED_DIFFERENCE -> {
        for (int j = 0; j < n; j++) {
          float d = a[ao + j * ai] - b[bo + j * bi];
          r[ro + j] = d * d;
        }
      }
      case FLOOR_DIV -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = (float) Math.floor(a[ao + j * ai] / b[bo + j * bi]);
        }
      }
      case FLOOR_MOD -> {
        for (int j = 0; j < n; j++) {
          float y = b[bo + j * bi];
          float m = a[ao + j * ai] % y;
          r[ro + j] = m != 0 && (m < 0) != (y < 0) ? m + y : m;
        }
      }
    }
  }

  private static void f64(Binary op, double[] a, int ao, int ai, double[] b, int bo, int bi,
      double[] r, int ro, int n) {
    int mode = ai * 2 + bi;
    if (mode == SV && commutative(op)) {
      f64(op, b, bo, bi, a, ao, ai, r, ro, n);
      return;
    }
    switch (op) {
      case ADD -> {
        if (mode == VV) {
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] + b[bo + j];
          }
        } else {
          double s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] + s;
          }
        }
      }
      case SUB -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] - b[bo + j * bi];
        }
      }
      case MUL -> {
        if (mode == VV) {
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] * b[bo + j];
          }
        } else {
          double s = b[bo];
          for (int j = 0; j < n; j++) {
            r[ro + j] = a[ao + j] * s;
          }
        }
      }
      case DIV -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] / b[bo + j * bi];
        }
      }
      case MAXIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.max(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case MINIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.min(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case POW -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.pow(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case SQUARED_DIFFERENCE -> {
        for (int j = 0; j < n; j++) {
          double d = a[ao + j * ai] - b[bo + j * bi];
          r[ro + j] = d * d;
        }
      }
      case FLOOR_DIV -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.floor(a[ao + j * ai] / b[bo + j * bi]);
        }
      }
      case FLOOR_MOD -> {
        for (int j = 0; j < n; j++) {
          double y = b[bo + j * bi];
          double m = a[ao + j * ai] % y;
          r[ro + j] = m != 0 && (m < 0) != (y < 0) ? m + y : m;
        }
      }
    }
  }

  private static void i32(Binary op, int[] a, int ao, int ai, int[] b, int bo, int bi, int[] r,
      int ro, int n) {
    switch (op) {
      case ADD -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] + b[bo + j * bi];
        }
      }
      case SUB -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] - b[bo + j * bi];
        }
      }
      case MUL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] * b[bo + j * bi];
        }
      }
      case FLOOR_DIV -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.floorDiv(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case FLOOR_MOD -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.floorMod(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case MAXIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.max(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case MINIMUM -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = Math.min(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case POW -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = intPow(a[ao + j * ai], b[bo + j * bi]);
        }
      }
      case SQUARED_DIFFERENCE -> {
        for (int j = 0; j < n; j++) {
          int d = a[ao + j * ai] - b[bo + j * bi];
          r[ro + j] = d * d;
        }
      }
      case DIV -> throw new IllegalArgumentException("RealDiv does not take int32");
    }
  }

  /** x^y for a non-negative int exponent, wrapping on overflow like TensorFlow's int32. */
  private static int intPow(int x, int y) {
    checkArgument(y >= 0, "integers to negative integer powers are not allowed (got %s^%s)", x,
        y);
    int result = 1;
    int base = x;
    for (int e = y; e != 0; e >>= 1) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
    }
    return result;
  }
}
