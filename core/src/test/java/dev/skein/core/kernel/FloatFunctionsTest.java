package dev.skein.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatFunctions}' exp, sigmoid and tanh: the accuracy against the exact function in
 * double over a dense sweep and special values; the vector loops giving the scalar formula's
 * bits exactly; and the kernels giving the same bits interpreted, compiled by C1 only, by C2
 * after many calls, with one thread or two, and (for everything but matmul) without the Vector
 * API, the last three in child JVMs.
 */
class FloatFunctionsTest {
  /** Maxima measured over {@link #sweep()}: exp 1.055, sigmoid 2.178, tanh 2.136 ulps. */
  private static final double EXP_ULPS = 1.06;
  private static final double SIGMOID_ULPS = 2.18;
  private static final double TANH_ULPS = 2.14;

  @Test
  void exp_withinItsUlpBound_andVectorLoopsGiveTheScalarBits() {
    float[] x = sweep();
    float[] r = run("exp", x);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i]);
      if (e > Float.MAX_VALUE) {
        assertEquals(Float.POSITIVE_INFINITY, r[i], "exp(" + x[i] + ")");
      } else if (!Float.isNaN(x[i])) {
        max = Math.max(max, ulps(r[i], e, "exp", x[i]));
      }
    }
    System.out.printf("exp: max error %.3f ulp over %d values%n", max, x.length);
    assertTrue(max <= EXP_ULPS, "exp max error " + max);
  }

  @Test
  void sigmoid_withinItsUlpBound_andVectorLoopsGiveTheScalarBits() {
    float[] x = sweep();
    float[] r = run("sigmoid", x);
    double max = 0;
    double maxSubnormal = 0;
    for (int i = 0; i < x.length; i++) {
      double e = 1 / (1 + Math.exp(-(double) x[i]));
      if (Float.isNaN(x[i])) {
        continue;
      }
      if (e >= Float.MIN_NORMAL) {
        max = Math.max(max, ulps(r[i], e, "sigmoid", x[i]));
      } else {
        maxSubnormal = Math.max(maxSubnormal, Math.abs(r[i] - e));
      }
    }
    System.out.printf("sigmoid: max error %.3f ulp where normal, %.3g absolute below%n", max,
        maxSubnormal);
    assertTrue(max <= SIGMOID_ULPS, "sigmoid max error " + max);
    // Results below 2^-126 (x under -87.34) are 0 from -87.68 on; never off by 2^-126 or more.
    assertTrue(maxSubnormal < Float.MIN_NORMAL, "sigmoid subnormal error " + maxSubnormal);
  }

  @Test
  void tanh_withinItsUlpBound_andVectorLoopsGiveTheScalarBits() {
    float[] x = sweep();
    float[] r = run("tanh", x);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Float.isNaN(x[i])) {
        max = Math.max(max, ulps(r[i], Math.tanh(x[i]), "tanh", x[i]));
      }
    }
    System.out.printf("tanh: max error %.3f ulp over %d values%n", max, x.length);
    assertTrue(max <= TANH_ULPS, "tanh max error " + max);
  }

  @Test
  void specialValues_areTheExactFunctionsRoundedToFloat() {
    float inf = Float.POSITIVE_INFINITY;
    // Signed zeros and subnormals, infinities, NaN, exp's overflow threshold (the largest x
    // with a finite result, and the next float), its underflow to the least subnormal and to
    // 0, the least normal result, tanh's saturation at 1, a huge negative x.
    float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, inf, -inf, Float.NaN, 88.72283f,
        88.72284f, -103.27893f, -103.98f, -87.33655f, 9.02f, 20f, -1e6f};
    float[] exp = run("exp", x);
    float[] tanh = run("tanh", x);
    float[] sigmoid = run("sigmoid", x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToIntBits((float) Math.exp(x[i])), Float.floatToIntBits(exp[i]),
          "exp(" + x[i] + ") = " + exp[i]);
      assertEquals(Float.floatToIntBits((float) Math.tanh(x[i])), Float.floatToIntBits(tanh[i]),
          "tanh(" + x[i] + ") = " + tanh[i]);
      double sig = 1 / (1 + Math.exp(-(double) x[i]));
      // At 9.02 sigmoid is 1 ulp off (0.999879 for 0.99987906); below 2^-126 it may be 0.
      if (x[i] != 9.02f && !(sig < Float.MIN_NORMAL)) {
        assertEquals(Float.floatToIntBits((float) sig), Float.floatToIntBits(sigmoid[i]),
            "sigmoid(" + x[i] + ") = " + sigmoid[i]);
      }
    }
    assertEquals(Float.MIN_VALUE, exp[9], 0f, "exp's least subnormal");
    assertEquals(inf, exp[8], 0f, "exp overflows");
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(tanh[1]), "tanh(-0)");
    assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(tanh[0]), "tanh(0)");
    assertEquals(0.5f, sigmoid[1], 0f, "sigmoid(-0)");
  }

  @Test
  void sameBits_interpreted_compiled_anyThreadCount_andWithoutTheVectorApi() throws Exception {
    String[] first = KernelBits.digests(true);
    float[] x = KernelBits.inputs(64, 9);
    float[] r = new float[x.length];
    for (int i = 0; i < 20_000; i++) { // compile the loops (C2) and run them again
      Activations.tanh(x, 0, r, 0, x.length);
      Activations.sigmoid(x, 0, r, 0, x.length);
      Activations.exp(x, 0, r, 0, x.length);
    }
    for (int rep = 0; rep < 3; rep++) {
      assertArrayEquals(first, KernelBits.digests(true), "digests after warm-up, run " + rep);
    }
    int threads = Parallel.setThreads(1);
    try {
      assertArrayEquals(first, KernelBits.digests(true), "one thread");
      Parallel.setThreads(3);
      assertArrayEquals(first, KernelBits.digests(true), "three threads");
    } finally {
      Parallel.setThreads(threads);
    }
    String vector = "--add-modules=jdk.incubator.vector";
    String[] light = KernelBits.digests(false);
    String both = "elementwise " + light[0] + " matmul " + light[1];
    // Started together, read in turn.
    Process interpreted = Activations.VECTOR ? child(vector, "-Xint") : null;
    Process c1 = Activations.VECTOR ? child(vector, "-XX:TieredStopAtLevel=1") : null;
    Process scalar = child("-Dskein.threads=1");
    if (Activations.VECTOR) {
      assertEquals(both, line(interpreted), "interpreted child JVM");
      assertEquals(both, line(c1), "C1-only child JVM");
    }
    String s = line(scalar);
    assertTrue(s.startsWith("elementwise " + light[0] + " "),
        "child JVM without the Vector API (scalar loops): " + s);
  }

  /** A child JVM running {@link KernelBits}. */
  private static Process child(String... options) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        KernelBits.class.getName()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** The line the child prints. */
  private static String line(Process p) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM " + p.info().commandLine());
    return out.lines().filter(l -> l.startsWith("elementwise ")).findFirst()
        .orElse("no digest in: " + out);
  }

  /** f over x, by the loops the JVM picks; asserts the scalar loops give the same bits. */
  private static float[] run(String f, float[] x) {
    float[] r = new float[x.length];
    float[] s = new float[x.length];
    switch (f) {
      case "exp" -> {
        Activations.exp(x, 0, r, 0, x.length);
        Activations.expScalar(x, 0, s, 0, x.length);
      }
      case "tanh" -> {
        Activations.tanh(x, 0, r, 0, x.length);
        Activations.tanhScalar(x, 0, s, 0, x.length);
      }
      default -> {
        Activations.sigmoid(x, 0, r, 0, x.length);
        Activations.sigmoidScalar(x, 0, s, 0, x.length);
      }
    }
    for (int i = 0; i < x.length; i++) {
      if (Float.floatToIntBits(r[i]) != Float.floatToIntBits(s[i])) {
        throw new AssertionError(f + "(" + x[i] + "): vector " + r[i] + ", scalar " + s[i]);
      }
    }
    return r;
  }

  /** |r - exact| in ulps of the float nearest to exact (the smallest ulp for subnormals). */
  private static double ulps(float r, double exact, String f, float x) {
    double u = Math.ulp((float) exact);
    double err = Math.abs(r - exact) / u;
    if (Double.isNaN(err)) {
      throw new AssertionError(f + "(" + x + ") = " + r + ", exact " + exact);
    }
    return err;
  }

  /**
   * Every 2^-13 over [-104, 104] (beyond exp's finite range on both sides), every 2048th float
   * from 0 to 2 of both signs (tiny and subnormal magnitudes, where tanh's relative accuracy is
   * hardest), and special values.
   */
  private static float[] sweep() {
    int dense = 208 << 13;
    int patterns = (Float.floatToIntBits(2f) >> 11) + 1;
    float[] special = KernelBits.inputs(24, 1);
    float[] x = new float[dense + 1 + 2 * patterns + special.length];
    int i = 0;
    for (int k = 0; k <= dense; k++) {
      x[i++] = -104f + k * 0x1p-13f;
    }
    for (int k = 0; k < patterns; k++) {
      float f = Float.intBitsToFloat(k << 11);
      x[i++] = f;
      x[i++] = -f;
    }
    System.arraycopy(special, 0, x, i, special.length);
    return x;
  }
}
