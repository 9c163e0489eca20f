package dev.skein.core.kernel;

/**
 * float32 exp, tanh and sigmoid over arrays, the activations recurrent nets spend their
 * elementwise time in: {@link FloatFunctions}' formulas, as Vector API loops with
 * {@code --add-modules jdk.incubator.vector} (about twenty times faster than scalar
 * {@code Math.exp}), else as scalar loops. Both give the same bits for every element, in every
 * JIT state, so an op and a fused op built from the same activations agree bit for bit, and so
 * do a JVM with the Vector API and one without.
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
      r[ro + i] = FloatFunctions.exp(x[xo + i]);
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
      r[ro + i] = FloatFunctions.tanh(x[xo + i]);
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
      r[ro + i] = FloatFunctions.sigmoid(x[xo + i]);
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

  /** Scalar tanh for float32: {@link FloatFunctions#tanh}, a vector lane's result. */
  public static float tanh(float v) {
    return FloatFunctions.tanh(v);
  }

  /** Scalar sigmoid for float32: {@link FloatFunctions#sigmoid}, a vector lane's result. */
  public static float sigmoid(float x) {
    return FloatFunctions.sigmoid(x);
  }
}
