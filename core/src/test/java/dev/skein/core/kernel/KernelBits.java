package dev.skein.core.kernel;

import java.util.Random;

/**
 * A hash of the float32 kernels' results on fixed inputs: the activations (every lane and
 * tail position), the fused LSTM step and its gradient (with partial vectors and row chunks, in
 * parallel with {@code large}),
 * the bias-activation gradient, and matmuls (direct, vector, split over threads, with and
 * without a cached packing of B). {@code main} prints it, so that a test can compare JVMs run
 * interpreted, with C1 only, or without the Vector API, with the digest of a warmed-up JVM.
 */
public final class KernelBits {
  private KernelBits() {}

  public static void main(String[] args) {
    String[] d = digests(false);
    System.out.println("elementwise " + d[0] + " matmul " + d[1]);
  }

  /**
   * {elementwise kernels' digest, matmul's}. Only the first is the same without the Vector API:
   * the scalar matmul kernel rounds differently (no fused multiply-adds).
   */
  static String[] digests(boolean large) {
    long[] md = {0};
    float[] x = inputs(4001, 1);
    float[] r = new float[x.length];
    Activations.exp(x, 0, r, 0, x.length);
    add(md, r);
    Activations.tanh(x, 0, r, 0, x.length);
    add(md, r);
    Activations.sigmoid(x, 0, r, 0, x.length);
    add(md, r);
    // Odd offsets and lengths: every element at another lane position.
    Activations.tanh(x, 5, r, 3, 999);
    add(md, r);
    lstm(md, 33, 37);
    if (large) { // its backward pass sums the bias in parallel row chunks; slow interpreted
      lstm(md, 64, 130);
    }
    Random rnd = new Random(3);
    int rows = 150;
    int c = 70;
    float[] y = gaussian(rnd, rows * c, 0.5f);
    float[] dy = gaussian(rnd, rows * c, 1f);
    float[] dz = new float[rows * c];
    float[] db = new float[c];
    RowChunks.sum(rows, c, true, db, (ch, r0, r1, sum) ->
        Activations.activationGrad(y, dy, dz, sum, c, r0, r1, true));
    add(md, dz);
    add(md, db);
    String elementwise = Long.toHexString(md[0]);
    md[0] = 0;
    MatMulKernel k = Kernels.matMul();
    for (int[] s : new int[][] {{30, 40, 70}, {60, 50, 70}, {7, 9, 5}, {48, 33, 10}}) {
      int m = s[0];
      int kk = s[1];
      int n = s[2];
      float[] a = gaussian(rnd, m * kk, 1f);
      float[] b = gaussian(rnd, kk * n, 1f);
      float[] out = new float[m * n];
      for (int rep = 0; rep < 3; rep++) { // the second and third use a cached packing of B
        k.sgemmConstantB(false, false, m, n, kk, a, 0, b, 0, out, 0);
        add(md, out);
      }
      k.sgemm(true, false, kk, n, m, gaussian(rnd, m * kk, 1f), 0, out, 0, b, 0);
      add(md, b);
    }
    return new String[] {elementwise, Long.toHexString(md[0])};
  }

  private static void lstm(long[] md, int batch, int units) {
    Random rnd = new Random(batch * 1000 + units);
    float[] g = gaussian(rnd, batch * 4 * units, 3f);
    float[] bias = gaussian(rnd, 4 * units, 0.5f);
    float[] c = gaussian(rnd, batch * units, 1f);
    float[] dNewC = gaussian(rnd, batch * units, 1f);
    float[] dNewH = gaussian(rnd, batch * units, 1f);
    float[] newC = new float[batch * units];
    float[] newH = new float[batch * units];
    float[] dGates = new float[batch * 4 * units];
    float[] dC = new float[batch * units];
    float[] dBias = new float[4 * units];
    LstmLoops.forward(g, bias, c, 1f, batch, units, newC, newH);
    LstmLoops.backward(g, bias, c, 1f, dNewC, dNewH, batch, units, dGates, dC, dBias);
    for (float[] v : new float[][] {newC, newH, dGates, dC, dBias}) {
      add(md, v);
    }
  }

  /** Special values, a sweep of [-110, 110], then random bit patterns (subnormals, NaNs). */
  static float[] inputs(int n, long seed) {
    float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f,
        -1e-7f, 0.55f, -0.55f, 88.72283f, 88.72284f, -87.33655f, -87.68f, -88.38f, -103.97208f,
        -104f, 9.02f, -9.02f, 20f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    Random rnd = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      if (i < special.length) {
        v[i] = special[i];
      } else if (i % 4 == 3) {
        v[i] = Float.intBitsToFloat(rnd.nextInt());
      } else {
        v[i] = -110f + 220f * i / n;
      }
    }
    return v;
  }

  private static float[] gaussian(Random rnd, int n, float scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian() * scale;
    }
    return v;
  }

  /** Folds every value's bits (NaNs as one) into md[0], in order. */
  private static void add(long[] md, float[] v) {
    long h = md[0];
    for (float f : v) {
      h = (h + Float.floatToIntBits(f)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    md[0] = h;
  }
}
