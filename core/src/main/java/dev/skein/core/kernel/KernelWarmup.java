package dev.skein.core.kernel;

import java.util.Random;

/**
 * Runs the float32 Vector API kernels on small shapes until the JIT has compiled them, so that
 * the first steps of a model do not run them interpreted. Until C2 compiles a Vector API
 * method, every vector operation is an object and a per-lane loop, 100 or more times slower
 * than the compiled code, and a real product at the notebooks' sizes then takes hundreds of
 * milliseconds; here the same call counts are reached on products of a few thousand
 * multiply-adds. The shapes cover the kernels' branches (full and partial register tiles and
 * panels, one and two depth blocks, each orientation of A and B, a sum of products), so the
 * compiled code has no path left untaken.
 *
 * <p>Writes only its own arrays: no result of any later computation changes (the kernels are
 * the same code, compiled or not). Runs at most once per JVM; {@link dev.skein.core.Session}
 * starts it when the first session is created, on a daemon thread so that a program is never
 * kept waiting (its first runs go on meanwhile, and the kernels they share get compiled sooner).
 * The system property {@code skein.kernelWarmup} chooses: {@code async} (the default),
 * {@code sync} (the first session waits for it, as a benchmark of early steps wants), or
 * {@code false} (off).
 */
public final class KernelWarmup {
  /** Calls per kernel: above C2's invocation threshold for each method called once per call. */
  static final int ROUNDS = 3000;

  private static volatile boolean done;

  private KernelWarmup() {}

  /** True if the warm-up is on (the system property {@code skein.kernelWarmup} is not false). */
  public static boolean enabled() {
    return !"false".equals(System.getProperty("skein.kernelWarmup"));
  }

  /** True if the first session waits for the warm-up ({@code skein.kernelWarmup=sync}). */
  static boolean synchronous() {
    return "sync".equals(System.getProperty("skein.kernelWarmup"));
  }

  /** Warms the kernels once per JVM, if the Vector API runs and the warm-up is enabled. */
  public static void ensureWarm() {
    if (done || !enabled() || !Activations.VECTOR) {
      return;
    }
    synchronized (KernelWarmup.class) {
      if (done) {
        return;
      }
      done = true;
    }
    if (synchronous()) {
      warm();
    } else {
      Thread t = new Thread(KernelWarmup::warm, "skein-kernel-warmup");
      t.setDaemon(true);
      t.start();
    }
  }

  private static void warm() {
    try {
      run(ROUNDS);
    } catch (RuntimeException e) {
      // Only speed depends on the warm-up: a failure here must not stop the caller's session.
      System.getLogger("dev.skein.core.kernel").log(System.Logger.Level.WARNING,
          "kernel warm-up failed; the first runs will be slower", e);
    }
  }

  /** The warm-up's calls, {@code rounds} times each (exposed for benchmarks). */
  public static void run(int rounds) {
    Random r = new Random(1);
    int l = VectorGemm.L;
    // Rows: two register tiles and a remainder row; columns: one full panel and a partial one.
    int m = 2 * VectorGemm.MR + 1;
    int n = VectorGemm.NR + l / 2;
    int k = 24;
    int deep = VectorGemm.KC + 8;
    float[] a = floats(r, m * deep);
    float[] b = floats(r, deep * n);
    float[] c = new float[m * n];
    MatMulKernel mm = new VectorMatMulKernel();
    int units = l;
    int batch = 3;
    float[] g = floats(r, batch * 4 * units);
    float[] bias = floats(r, 4 * units);
    float[] cs = floats(r, batch * units);
    float[] dNewC = floats(r, batch * units);
    float[] dNewH = floats(r, batch * units);
    float[] newC = new float[batch * units];
    float[] newH = new float[batch * units];
    float[] dGates = new float[batch * 4 * units];
    float[] dC = new float[batch * units];
    float[] dBias = new float[4 * units];
    float[] x = floats(r, 3 * (l + 3));
    float[] y = new float[x.length];
    float[] rowBias = floats(r, l + 3);
    float[] db = new float[rowBias.length];
    for (int i = 0; i < rounds; i++) {
      mm.sgemm(false, false, m, n, k, a, 0, b, 0, c, 0);
      mm.sgemm(false, true, m, n, k, a, 0, b, 0, c, 0);
      mm.sgemm(true, false, m, n, k, a, 0, b, 0, c, 0);
      if (i % 8 == 0) {
        // Two depth blocks: the accumulating tiles.
        mm.sgemm(false, false, m, n, deep, a, 0, b, 0, c, 0);
        mm.sgemm(false, true, m, n, deep, a, 0, b, 0, c, 0);
      }
      mm.sgemmSum(true, false, m, n, new int[] {k, k}, new float[][] {a, a},
          new float[][] {b, b}, c);
      LstmLoops.forward(g, bias, cs, 1f, batch, units, newC, newH);
      LstmLoops.backward(g, bias, cs, 1f, dNewC, dNewH, batch, units, dGates, dC, dBias);
      Activations.tanh(x, 0, y, 0, x.length);
      Activations.sigmoid(x, 0, y, 0, x.length);
      Activations.exp(x, 0, y, 0, x.length);
      Activations.addOrMul(i % 2 == 0, x, 0, x, 0, y, 0, x.length);
      Activations.addBias(x, rowBias, y, rowBias.length, 0, 3);
      Activations.activationGrad(x, x, y, db, rowBias.length, 0, 3, i % 2 == 0);
    }
  }

  private static float[] floats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
