package dev.skein.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 activations and fused LSTM loops: both implementations (Vector API and scalar)
 * against exact functions in double and against each other, over values from tiny to large,
 * infinities, lengths around a vector's width, and offsets. The op-level tests cover whichever
 * implementation the JVM picks; these cover both.
 */
class ActivationsTest {
  private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-7f, 0.03f, -0.5f, 3f, 9f, -9f,
      20f, -20f, 88f, -88f, 100f, -104f, 1e6f, -1e6f, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY};

  @Test
  void activations_scalarAndVector_matchExactFunctions() {
    for (int n : new int[] {1, 7, 16, 17, 33, 100}) {
      float[] x = values(n + 3, n);
      float[] r = new float[n + 5];
      for (int impl = 0; impl < 2; impl++) {
        boolean vector = impl == 0;
        if (vector && !Activations.VECTOR) {
          continue;
        }
        run(vector, "tanh", x, r, n);
        check("tanh", x, r, n, Math::tanh, 2e-7);
        run(vector, "sigmoid", x, r, n);
        check("sigmoid", x, r, n, v -> 1 / (1 + Math.exp(-v)), 2e-7);
        run(vector, "exp", x, r, n);
        checkRelative(x, r, n);
      }
    }
  }

  @Test
  void lstmLoops_scalarAndVector_agreeBitForBit() {
    // batch 40 x 256 units runs the backward pass's row chunks in parallel.
    int[][] shapes = {{5, 3}, {5, 16}, {5, 37}, {40, 37}, {40, 256}};
    for (int[] shape : shapes) {
      int batch = shape[0];
      int units = shape[1];
      Random rnd = new Random(units);
      float[] g = gaussian(rnd, batch * 4 * units, 3);
      float[] bias = gaussian(rnd, 4 * units, 0.5);
      float[] c = gaussian(rnd, batch * units, 1);
      float[] dNewC = gaussian(rnd, batch * units, 1);
      float[] dNewH = gaussian(rnd, batch * units, 1);
      float[][] scalar = lstm(false, g, bias, c, dNewC, dNewH, batch, units);
      float[][] chosen = lstm(true, g, bias, c, dNewC, dNewH, batch, units);
      for (int k = 0; k < scalar.length; k++) {
        for (int i = 0; i < scalar[k].length; i++) {
          assertEquals(Float.floatToIntBits(scalar[k][i]), Float.floatToIntBits(chosen[k][i]),
              "output " + k + " element " + i + " (batch " + batch + ", units " + units + ")");
        }
      }
      // Saving the activations changes no output; reading them gives the same gradients.
      for (int k = 0; k < 5; k++) {
        assertTrue(java.util.Arrays.equals(chosen[k], chosen[6 + k]), "output " + k
            + " with saved activations (batch " + batch + ", units " + units + ")");
      }
      for (int b = 0; b < batch; b++) {
        for (int u = 0; u < units; u++) {
          float f = chosen[5][b * 5 * units + 2 * units + u];
          double want = 1 / (1 + Math.exp(-(g[b * 4 * units + 2 * units + u]
              + bias[2 * units + u] + 1.0)));
          assertEquals(want, f, 2e-7, "saved forget gate, row " + b + " unit " + u);
          assertEquals(Math.tanh(chosen[0][b * units + u]), chosen[5][b * 5 * units + 4 * units
              + u], 2e-7, "saved tanh(c'), row " + b + " unit " + u);
        }
      }
    }
  }

  @Test
  void biasAndActivationGrad_matchFormulaInDouble_andScalarEqualsVectorBitForBit() {
    for (int c : new int[] {1, 5, 16, 37}) {
      int rows = 6;
      Random rnd = new Random(c);
      float[] x = gaussian(rnd, rows * c, 2);
      float[] bias = gaussian(rnd, c, 1);
      float[] dy = gaussian(rnd, rows * c, 1);
      float[] y = new float[rows * c];
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) Math.tanh(x[i]);
      }
      float[] sum = new float[rows * c];
      Activations.addBias(x, bias, sum, c, 1, rows);
      float[] sumScalar = new float[rows * c];
      Activations.addBiasScalar(x, bias, sumScalar, c, 1, rows);
      for (int i = 0; i < rows * c; i++) {
        float want = i < c ? 0f : x[i] + bias[i % c];
        assertEquals(want, sum[i], 0f, "addBias element " + i + " (c " + c + ")");
        assertEquals(want, sumScalar[i], 0f, "addBiasScalar element " + i);
      }
      for (boolean tanh : new boolean[] {true, false}) {
        float[] dz = new float[rows * c];
        float[] db = new float[c];
        Activations.activationGrad(y, dy, dz, db, c, 0, rows, tanh);
        float[] dzScalar = dy.clone();
        float[] dbScalar = new float[c];
        Activations.activationGradScalar(y, dzScalar, dzScalar, dbScalar, c, 0, rows, 0, tanh);
        double[] dbExact = new double[c];
        for (int i = 0; i < rows * c; i++) {
          double a = y[i];
          double g = dy[i] * (tanh ? 1 - a * a : a * (1 - a));
          dbExact[i % c] += g;
          assertEquals(g, dz[i], 1e-6 * Math.max(1, Math.abs(g)), "dz " + i + " tanh " + tanh);
          assertEquals(dzScalar[i], dz[i], 0f, "scalar (in place) vs chosen dz " + i);
        }
        for (int j = 0; j < c; j++) {
          assertEquals(dbExact[j], db[j], 1e-5, "db " + j + " tanh " + tanh);
          assertEquals(dbScalar[j], db[j], 0f, "scalar vs chosen db " + j);
        }
      }
    }
  }

  @Test
  void addOrMul_matchesScalarArithmetic_inPlaceToo() {
    for (int n : new int[] {1, 15, 16, 17, 40}) {
      Random rnd = new Random(n);
      float[] a = gaussian(rnd, n + 2, 1);
      float[] b = gaussian(rnd, n + 3, 1);
      for (boolean mul : new boolean[] {false, true}) {
        float[] r = new float[n + 1];
        Activations.addOrMul(mul, a, 2, b, 3, r, 1, n);
        float[] inPlace = b.clone();
        Activations.addOrMul(mul, a, 2, inPlace, 3, inPlace, 3, n);
        for (int i = 0; i < n; i++) {
          float want = mul ? a[2 + i] * b[3 + i] : a[2 + i] + b[3 + i];
          assertEquals(want, r[1 + i], 0f, (mul ? "mul " : "add ") + i + " of " + n);
          assertEquals(want, inPlace[3 + i], 0f, "in place " + i);
        }
        assertEquals(0f, r[0], 0f, "wrote before its range");
      }
    }
  }

  /**
   * {newC, newH, dGates, dC, dBias, act, then newC, newH, dGates, dC, dBias again by the
   * forward pass that saves the activations and the backward pass that reads them}, from the
   * scalar loops or the ones LstmLoops picks.
   */
  private static float[][] lstm(boolean chosen, float[] g, float[] bias, float[] c,
      float[] dNewC, float[] dNewH, int batch, int units) {
    float[][] r = new float[11][];
    for (int k : new int[] {0, 1, 3, 6, 7, 9}) {
      r[k] = new float[batch * units];
    }
    r[2] = new float[batch * 4 * units];
    r[8] = new float[batch * 4 * units];
    r[4] = new float[4 * units];
    r[10] = new float[4 * units];
    r[5] = new float[batch * 5 * units];
    if (chosen) {
      LstmLoops.forward(g, bias, c, 1f, batch, units, r[0], r[1]);
      LstmLoops.backward(g, bias, c, 1f, dNewC, dNewH, batch, units, r[2], r[3], r[4]);
      LstmLoops.forward(g, bias, c, 1f, batch, units, r[6], r[7], r[5]);
      LstmLoops.backwardFromActivations(r[5], c, dNewC, dNewH, batch, units, r[8], r[9], r[10]);
    } else {
      LstmLoops.forwardScalar(g, bias, c, 1f, batch, units, r[0], r[1], null);
      LstmLoops.backward(false, g, bias, c, 1f, dNewC, dNewH, batch, units, r[2], r[3], r[4]);
      LstmLoops.forwardScalar(g, bias, c, 1f, batch, units, r[6], r[7], r[5]);
      LstmLoops.backwardFromActivations(false, r[5], c, dNewC, dNewH, batch, units, r[8], r[9],
          r[10]);
    }
    return r;
  }

  private static void run(boolean vector, String fn, float[] x, float[] r, int n) {
    java.util.Arrays.fill(r, Float.NaN);
    switch (fn) {
      case "tanh" -> {
        if (vector) {
          Activations.tanh(x, 3, r, 1, n);
        } else {
          Activations.tanhScalar(x, 3, r, 1, n);
        }
      }
      case "sigmoid" -> {
        if (vector) {
          Activations.sigmoid(x, 3, r, 1, n);
        } else {
          Activations.sigmoidScalar(x, 3, r, 1, n);
        }
      }
      default -> {
        if (vector) {
          Activations.exp(x, 3, r, 1, n);
        } else {
          Activations.expScalar(x, 3, r, 1, n);
        }
      }
    }
    assertTrue(Float.isNaN(r[0]) && Float.isNaN(r[n + 1]), fn + " wrote outside its range");
  }

  private static void check(String fn, float[] x, float[] r, int n,
      java.util.function.DoubleUnaryOperator exact, double tol) {
    for (int i = 0; i < n; i++) {
      double e = exact.applyAsDouble(x[3 + i]);
      assertEquals(e, r[1 + i], tol, fn + "(" + x[3 + i] + ")");
    }
  }

  private static void checkRelative(float[] x, float[] r, int n) {
    for (int i = 0; i < n; i++) {
      double e = Math.exp(x[3 + i]);
      if (e > Float.MAX_VALUE) {
        assertEquals(Float.POSITIVE_INFINITY, r[1 + i], "exp(" + x[3 + i] + ")");
      } else {
        assertEquals(e, r[1 + i], 3e-7 * e + 1e-44, "exp(" + x[3 + i] + ")");
      }
    }
  }

  /** Special values first, then random ones in [-12, 12]. */
  private static float[] values(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      int s = i - 3;
      v[i] = s >= 0 && s < SPECIAL.length ? SPECIAL[s] : (r.nextFloat() * 2 - 1) * 12;
    }
    return v;
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return v;
  }
}
