package dev.skein.core.kernel;

/**
 * float32 exp, tanh and sigmoid over arrays, the activations recurrent nets spend their
 * elementwise time in. With the Vector API ({@code --add-modules jdk.incubator.vector}) they run
 * as vector loops on the JDK's vector math routines, about twenty times faster than scalar
 * {@code Math.exp}; without it, as scalar loops in double. Either way every element of every
 * call goes through the same function, so an op and a fused op built from the same activations
 * agree bit for bit. Both agree with the exact functions to about 1e-7.
 */
public final class Activations {
  /** True if the vector loops are in use. */
  public static final boolean VECTOR = Kernels.vectorApiAvailable();

  private Activations() {}

  /** {@code r[ro + i] = exp(x[xo + i])} for i in [0, n). */
  public static void exp(float[] x, int xo, float[] r, int ro, int n) {
    if (VECTOR) {
      VectorActivations.exp(x, xo, r, ro, n);
    } else {
      expScalar(x, xo, r, ro, n);
    }
  }

  static void expScalar(float[] x, int xo, float[] r, int ro, int n) {
    for (int i = 0; i < n; i++) {
      r[ro + i] = (float) Math.exp(x[xo + i]);
    }
  }

  /** {@code r[ro + i] = tanh(x[xo + i])} for i in [0, n). */
  public static void tanh(float[] x, int xo, float[] r, int ro, int n) {
    if (VECTOR) {
      VectorActivations.tanh(x, xo, r, ro, n);
    } else {
      tanhScalar(x, xo, r, ro, n);
    }
  }

  static void tanhScalar(float[] x, int xo, float[] r, int ro, int n) {
    for (int i = 0; i < n; i++) {
      r[ro + i] = tanh(x[xo + i]);
    }
  }

  /** {@code r[ro + i] = 1 / (1 + exp(-x[xo + i]))} for i in [0, n). */
  public static void sigmoid(float[] x, int xo, float[] r, int ro, int n) {
    if (VECTOR) {
      VectorActivations.sigmoid(x, xo, r, ro, n);
    } else {
      sigmoidScalar(x, xo, r, ro, n);
    }
  }

  static void sigmoidScalar(float[] x, int xo, float[] r, int ro, int n) {
    for (int i = 0; i < n; i++) {
      r[ro + i] = sigmoid(x[xo + i]);
    }
  }

  /**
   * {@code r[ro + j] = a[ao + j] + b[bo + j]} (or times, with {@code mul}) for j in [0, n); r may
   * be a or b at the same offset. Written with the Vector API when it is present: C2 leaves the
   * plain loop scalar when it cannot rule out that r overlaps a or b at another offset.
   */
  public static void addOrMul(boolean mul, float[] a, int ao, float[] b, int bo, float[] r,
      int ro, int n) {
    int i = VECTOR ? VectorActivations.addOrMul(mul, a, ao, b, bo, r, ro, n) : 0;
    if (mul) {
      for (; i < n; i++) {
        r[ro + i] = a[ao + i] * b[bo + i];
      }
    } else {
      for (; i < n; i++) {
        r[ro + i] = a[ao + i] + b[bo + i];
      }
    }
  }

  /**
   * Adds {@code bias[j]} to column j of rows [r0, r1) of a row-major [rows, c] array:
   * {@code r[i * c + j] = x[i * c + j] + bias[j]} ({@code r} may be {@code x}).
   */
  public static void addBias(float[] x, float[] bias, float[] r, int c, int r0, int r1) {
    if (VECTOR) {
      VectorActivations.addBias(x, bias, r, c, r0, r1);
    } else {
      addBiasScalar(x, bias, r, c, r0, r1);
    }
  }

  static void addBiasScalar(float[] x, float[] bias, float[] r, int c, int r0, int r1) {
    for (int i = r0; i < r1; i++) {
      int o = i * c;
      for (int j = 0; j < c; j++) {
        r[o + j] = x[o + j] + bias[j];
      }
    }
  }

  /**
   * The gradient of tanh or sigmoid from its output, over rows [r0, r1) of row-major [rows, c]
   * arrays: {@code dz = dy * (1 - y * y)} (tanh) or {@code dy * (y * (1 - y))} (sigmoid), and
   * {@code db[j] += dz[i, j]} for each row in order. {@code dz} may be {@code dy}. Vector and
   * scalar loops do the same float operations in the same order, so they agree bit for bit.
   */
  public static void activationGrad(float[] y, float[] dy, float[] dz, float[] db, int c,
      int r0, int r1, boolean tanh) {
    if (VECTOR) {
      VectorActivations.activationGrad(y, dy, dz, db, c, r0, r1, tanh);
    } else {
      activationGradScalar(y, dy, dz, db, c, r0, r1, 0, tanh);
    }
  }

  /** Columns [j0, c) of {@link #activationGrad}. */
  static void activationGradScalar(float[] y, float[] dy, float[] dz, float[] db, int c,
      int r0, int r1, int j0, boolean tanh) {
    for (int i = r0; i < r1; i++) {
      int o = i * c;
      for (int j = j0; j < c; j++) {
        float a = y[o + j];
        float g = tanh ? dy[o + j] * (1f - a * a) : dy[o + j] * (a * (1f - a));
        dz[o + j] = g;
        db[j] += g;
      }
    }
  }

  /**
   * Scalar tanh for float32, computed in double with the exp intrinsic (much faster than
   * Math.tanh, a native call): a short series near 0, where {@code 1 - 2 / (e^2x + 1)} would
   * cancel, and that formula elsewhere (exactly +-1 once e^2x over- or underflows).
   */
  public static float tanh(float v) {
    double x = v;
    if (Math.abs(x) < 0.0625) {
      double x2 = x * x;
      return (float) (x * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315)))));
    }
    return (float) (1 - 2 / (Math.exp(2 * x) + 1));
  }

  /**
   * Scalar sigmoid for float32, branch-free: exp(-x) may overflow to inf, giving exactly 0,
   * which is also the float32 result wherever that happens; no NaN for any x but NaN.
   */
  public static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-(double) x)));
  }
}
