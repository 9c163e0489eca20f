package dev.skein.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel warm-up changes no result: the installed matmul kernel's product (with B's packing
 * cached, as a session's weights are) and the fused LSTM step give the same bits before and
 * after it, and the product still equals a double-precision triple loop within float rounding.
 */
class KernelWarmupTest {
  @Test
  void resultsAreBitIdenticalBeforeAndAfterTheWarmup() {
    assumeTrue(Kernels.vectorApiAvailable(), "run with --add-modules jdk.incubator.vector");
    Random r = new Random(3);
    int m = 150;
    int k = 178;
    int n = 600;
    float[] a = floats(r, m * k);
    float[] b = floats(r, k * n);
    MatMulKernel mm = Kernels.matMul();
    float[] before = new float[m * n];
    // Twice with the same B: the second product reads B's cached packing.
    mm.sgemmConstantB(false, false, m, n, k, a, 0, b, 0, before, 0);
    mm.sgemmConstantB(false, false, m, n, k, a, 0, b, 0, before, 0);
    int batch = 7;
    int units = 40;
    float[] g = floats(r, batch * 4 * units);
    float[] bias = floats(r, 4 * units);
    float[] c = floats(r, batch * units);
    float[] dNewC = floats(r, batch * units);
    float[] dNewH = floats(r, batch * units);
    float[][] lstmBefore = lstm(g, bias, c, dNewC, dNewH, batch, units);

    KernelWarmup.run(200);

    float[] after = new float[m * n];
    mm.sgemmConstantB(false, false, m, n, k, a, 0, b, 0, after, 0);
    assertArrayEquals(before, after);
    float[][] lstmAfter = lstm(g, bias, c, dNewC, dNewH, batch, units);
    for (int i = 0; i < lstmBefore.length; i++) {
      assertArrayEquals(lstmBefore[i], lstmAfter[i], "LSTM output " + i);
    }
    // And the product is right: C[i][j] = sum_p A[i][p] B[p][j], checked at a few entries.
    for (int[] ij : new int[][] {{0, 0}, {149, 599}, {77, 313}}) {
      double s = 0;
      for (int p = 0; p < k; p++) {
        s += (double) a[ij[0] * k + p] * b[p * n + ij[1]];
      }
      assertEquals(s, after[ij[0] * n + ij[1]], 1e-4);
    }
  }

  @Test
  void theSystemPropertyTurnsItOff() {
    String old = System.getProperty("skein.kernelWarmup");
    try {
      System.setProperty("skein.kernelWarmup", "false");
      assertEquals(false, KernelWarmup.enabled());
      System.clearProperty("skein.kernelWarmup");
      assertEquals(true, KernelWarmup.enabled());
    } finally {
      if (old != null) {
        System.setProperty("skein.kernelWarmup", old);
      }
    }
  }

  private static float[][] lstm(float[] g, float[] bias, float[] c, float[] dNewC,
      float[] dNewH, int batch, int units) {
    float[] newC = new float[batch * units];
    float[] newH = new float[batch * units];
    float[] dGates = new float[batch * 4 * units];
    float[] dC = new float[batch * units];
    float[] dBias = new float[4 * units];
    LstmLoops.forward(g, bias, c, 1f, batch, units, newC, newH);
    LstmLoops.backward(g, bias, c, 1f, dNewC, dNewH, batch, units, dGates, dC, dBias);
    return new float[][] {newC, newH, dGates, dC, dBias};
  }

  private static float[] floats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
