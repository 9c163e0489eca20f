package dev.skein.core.ops.random;

import static dev.skein.core.testing.ArrayTesting.assertOpError;
import static dev.skein.core.testing.ArrayTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomOpsTest {
  private static final int N = 100_000;

  /** A graph with an optional graph seed and one normal op with an optional op seed. */
  private static Output normal(Long graphSeed, Long opSeed) {
    Graph g = new Graph();
    if (graphSeed != null) {
      g.setSeed(graphSeed);
    }
    return Ops.create(g).randomNormal(Shape.of(6), 0, 1, DType.FLOAT64, opSeed);
  }

  private static double[] values(Output x) {
    return run(x).toDoubleArray();
  }

  @Test
  void bothSeeds_sameNumbersInEverySessionAndEveryNewGraph() {
    Output x = normal(1L, 7L);
    double[] first;
    try (Session s1 = new Session(x.graph()); Session s2 = new Session(x.graph())) {
      first = s1.run(x).toDoubleArray();
      assertArrayEquals(first, s2.run(x).toDoubleArray());
    }
    assertArrayEquals(first, values(normal(1L, 7L)));
    assertFalse(Arrays.equals(first, values(normal(2L, 7L))), "another graph seed");
    assertFalse(Arrays.equals(first, values(normal(1L, 8L))), "another op seed");
  }

  @Test
  void sameSeeds_sameNumbersInEveryProgramRun() {
    Graph g = new Graph();
    g.setSeed(42);
    Output u = Ops.create(g).randomUniform(Shape.of(3), 0, 1, DType.FLOAT64, 3L);
    // Pinned: the generator is a SplittableRandom seeded from the two seeds alone, so these
    // numbers must not change between program runs (nor silently between releases).
    assertArrayEquals(new double[] {0.7008109888969074, 0.3096541482186138, 0.7661890857424426},
        values(u));
  }

  @Test
  void graphSeedOnly_opSeedsComeFromTheOpOrder() {
    Graph g = new Graph();
    g.setSeed(5);
    Ops tf = Ops.create(g);
    Output a = tf.randomNormal(Shape.of(4));
    Output b = tf.randomNormal(Shape.of(4));
    assertFalse(Arrays.equals(values(a), values(b)), "two ops of one graph differ");
    Graph h = new Graph();
    h.setSeed(5);
    Ops th = Ops.create(h);
    Output a2 = th.randomNormal(Shape.of(4));
    Output b2 = th.randomNormal(Shape.of(4));
    assertArrayEquals(values(a), values(a2));
    assertArrayEquals(values(b), values(b2));
  }

  @Test
  void opSeedOnly_usesTheDefaultGraphSeed() {
    double[] a = values(normal(null, 11L));
    assertArrayEquals(a, values(normal(null, 11L)));
    assertArrayEquals(a, values(normal(RandomOps.DEFAULT_GRAPH_SEED, 11L)));
  }

  @Test
  void noSeeds_differFromSessionToSession() {
    Output x = normal(null, null);
    assertFalse(Arrays.equals(values(x), values(x)));
  }

  @Test
  void eachRunDrawsTheNextNumbers_aNewSessionStartsOver() {
    Output x = normal(3L, 4L);
    try (Session s = new Session(x.graph()); Session t = new Session(x.graph())) {
      double[] first = s.run(x).toDoubleArray();
      double[] second = s.run(x).toDoubleArray();
      assertFalse(Arrays.equals(first, second));
      assertArrayEquals(first, t.run(x).toDoubleArray());
      assertArrayEquals(second, t.run(x).toDoubleArray());
    }
    assertTrue(x.op().type().isStateful());
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / v.length);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void normal_meanAndStddev(DType dt) {
    Output x = Ops.create(new Graph()).randomNormal(Shape.of(N), 3, 2, dt, 1L);
    Tensor t = run(x);
    assertEquals(dt, t.dtype());
    double[] v = t.toDoubleArray();
    // standard errors: 2 / sqrt(N) = 0.0063 for the mean, 2 / sqrt(2N) = 0.0045 for the stddev
    assertEquals(3, mean(v), 0.032);
    assertEquals(2, std(v), 0.025);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void truncatedNormal_staysWithinTwoStddevs(DType dt) {
    Output x = Ops.create(new Graph()).truncatedNormal(Shape.of(N), -1, 0.5, dt, 2L);
    double[] v = run(x).toDoubleArray();
    for (double d : v) {
      assertTrue(d >= -2 && d <= 0, "beyond 2 stddevs: " + d);
    }
    // a standard normal cut at +-2 has stddev sqrt(1 - 4 phi(2) / (2 Phi(2) - 1)) = 0.87962
    assertEquals(-1, mean(v), 0.01);
    assertEquals(0.5 * 0.87962, std(v), 0.006);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void uniform_withinBoundsWithUniformMoments(DType dt) {
    Output x = Ops.create(new Graph()).randomUniform(Shape.of(N), -1, 3, dt, 3L);
    double[] v = run(x).toDoubleArray();
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (double d : v) {
      assertTrue(d >= -1 && d < 3, "outside [-1, 3): " + d);
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    assertTrue(lo < -0.99 && hi > 2.99, "covers the range: " + lo + " " + hi);
    assertEquals(1, mean(v), 0.02);
    assertEquals(4 / Math.sqrt(12), std(v), 0.01);
  }

  @Test
  void uniformInt_coversTheRangeEvenly() {
    Output x = Ops.create(new Graph()).randomUniform(Shape.of(30_000), 2, 5, DType.INT32, 4L);
    int[] v = run(x).ints();
    int[] counts = new int[3];
    for (int d : v) {
      assertTrue(d >= 2 && d < 5, "outside [2, 5): " + d);
      counts[d - 2]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 400);
    }
  }

  @Test
  void shapeTensor_unknownDims() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output r = tf.randomUniform(tf.shape(x), 0, 1, DType.FLOAT32, null);
    Output n = tf.truncatedNormal(tf.shape(x), 0, 1, DType.FLOAT64, 1L);
    assertEquals(Shape.of(-1, 3), r.shape());
    assertEquals(Shape.of(-1, 3), n.shape());
    assertEquals(Shape.of(4, 3), run(r, x, Tensor.of(new float[4][3])).shape());
    assertEquals(DType.FLOAT64, run(n, x, Tensor.of(new float[2][3])).dtype());
  }

  @Test
  void badArguments_throw() {
    Ops tf = Ops.create(new Graph());
    assertOpError(() -> tf.randomNormal(Shape.of(-1, 3)), "must be fully defined",
        "RandomOpsTest.java");
    assertOpError(() -> tf.randomNormal(Shape.of(2), 0, 1, DType.INT32, null),
        "float32 or float64", "RandomOpsTest.java");
    assertOpError(() -> tf.randomUniform(Shape.of(2), 1, 1), "minval < maxval",
        "RandomOpsTest.java");
    assertOpError(() -> tf.randomUniform(Shape.of(2), 0, 2.5, DType.INT32, null),
        "whole int bounds", "RandomOpsTest.java");
    Output dims = tf.placeholder(DType.INT32, Shape.of(1), "dims");
    Output r = tf.randomNormal(dims, 0, 1, DType.FLOAT32, null);
    assertOpError(() -> run(r, dims, Tensor.of(new int[] {-3})), "negative entry",
        "RandomOpsTest.java");
  }
}
