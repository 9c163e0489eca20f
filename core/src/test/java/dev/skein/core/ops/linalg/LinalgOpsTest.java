package dev.skein.core.ops.linalg;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MatMul and BatchMatMul through graphs and sessions: values against a naive triple loop,
 * transposes, batches, int32, unknown dimensions, shape rules and error messages. The kernel's
 * own size sweep is BlockedMatMulKernelTest.
 */
class LinalgOpsTest {
  private static final String FILE = "LinalgOpsTest.java";

  static Stream<Arguments> products() {
    int[][] mnk = {{1, 1, 1}, {1, 40, 7}, {5, 3, 4}, {13, 37, 29}, {70, 130, 65},
        {150, 600, 178}, {2, 1030, 33}};
    Stream.Builder<Arguments> b = Stream.builder();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      for (int[] s : mnk) {
        for (int tr = 0; tr < 4; tr++) {
          b.add(Arguments.of(t, s[0], s[1], s[2], (tr & 1) != 0, (tr & 2) != 0));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3} transposeA={4} transposeB={5}")
  @MethodSource("products")
  void matmul_matchesNaiveProduct(DType t, int m, int n, int k, boolean ta, boolean tb) {
    Random r = new Random(m * 1000L + n * 10L + k);
    double[] a = random(r, m * k, t);
    double[] b = random(r, k * n, t);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output c = tf.matmul(tf.constant(tensor(t, ta ? Shape.of(k, m) : Shape.of(m, k), a)),
        tf.constant(tensor(t, tb ? Shape.of(n, k) : Shape.of(k, n), b)), ta, tb);
    assertEquals(Shape.of(m, n), c.shape());
    assertInstanceOf(LinalgOps.MatMul.class, c.op().type());
    double[] expected = naive(1, m, n, k, ta, tb, a, b);
    assertValues(t, Shape.of(m, n), expected, run(c), t == DType.FLOAT32 ? 1e-4 : 1e-11);
  }

  @Test
  void matmul_smallExample_byHand() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output a = tf.constant(tensor(t, Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
      Output b = tf.constant(tensor(t, Shape.of(3, 2), 7, 8, 9, 10, 11, 12));
      assertValues(t, Shape.of(2, 2), new double[] {58, 64, 139, 154}, run(tf.matmul(a, b)));
      // a^T a and a a^T
      assertValues(t, Shape.of(3, 3), new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45},
          run(tf.matmul(a, a, true, false)));
      assertValues(t, Shape.of(2, 2), new double[] {14, 32, 32, 77},
          run(tf.matmul(a, a, false, true)));
      assertValues(t, Shape.of(2, 2), new double[] {58, 139, 64, 154},
          run(tf.matmul(b, a, true, true)));
    }
  }

  static Stream<Arguments> batches() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      for (int tr = 0; tr < 4; tr++) {
        b.add(Arguments.of(t, 4, 3, 5, 2, (tr & 1) != 0, (tr & 2) != 0));
        b.add(Arguments.of(t, 64, 24, 20, 30, (tr & 1) != 0, (tr & 2) != 0)); // batch-parallel
      }
      b.add(Arguments.of(t, 2, 100, 90, 80, false, false)); // kernel-parallel products
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} batch={1} m={2} n={3} k={4} adjX={5} adjY={6}")
  @MethodSource("batches")
  void batchMatmul_matchesNaiveProductPerBatch(DType t, int batch, int m, int n, int k,
      boolean ta, boolean tb) {
    Random r = new Random(batch + m + n + k);
    double[] x = random(r, batch * m * k, t);
    double[] y = random(r, batch * k * n, t);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output c = tf.matmul(
        tf.constant(tensor(t, ta ? Shape.of(batch, k, m) : Shape.of(batch, m, k), x)),
        tf.constant(tensor(t, tb ? Shape.of(batch, n, k) : Shape.of(batch, k, n), y)), ta, tb);
    assertInstanceOf(LinalgOps.BatchMatMul.class, c.op().type());
    assertEquals(Shape.of(batch, m, n), c.shape());
    double tol = t == DType.FLOAT32 ? 1e-4 : t == DType.FLOAT64 ? 1e-11 : 0;
    assertValues(t, Shape.of(batch, m, n), naive(batch, m, n, k, ta, tb, x, y), run(c), tol);
  }

  @Test
  void batchMatmul_rank4_multipliesEachMatrix() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    Output a = tf.constant(tensor(DType.FLOAT64, Shape.of(2, 2, 2, 2), x));
    Output c = tf.batchMatmul(a, a);
    // each 2x2 block [[p, q], [r, s]] squared
    double[] expected = new double[16];
    for (int blk = 0; blk < 4; blk++) {
      double p = x[4 * blk];
      double q = x[4 * blk + 1];
      double rr = x[4 * blk + 2];
      double s = x[4 * blk + 3];
      double[] sq = {p * p + q * rr, p * q + q * s, rr * p + s * rr, rr * q + s * s};
      System.arraycopy(sq, 0, expected, 4 * blk, 4);
    }
    assertValues(DType.FLOAT64, Shape.of(2, 2, 2, 2), expected, run(c));
  }

  @Test
  void matmul_unknownDims_inferPartialShapeAndRun() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(t, Shape.of(-1, 3), "x");
      Output w = tf.placeholder(t, Shape.of(3, -1), "w");
      Output y = tf.matmul(x, w);
      assertEquals(Shape.of(-1, -1), y.shape());
      Output unknown = tf.placeholder(t, Shape.unknown(), "u");
      assertEquals(Shape.unknown(), tf.matmul(unknown, unknown).shape());
      Output xb = tf.placeholder(t, Shape.of(-1, 4, 3), "xb");
      // the batch dimension is merged from both sides
      assertEquals(Shape.of(7, 4, 5),
          tf.matmul(xb, tf.constant(tensor(t, Shape.of(7, 3, 5), new double[105]))).shape());
      try (Session s = new Session(g)) {
        Tensor out = s.runner().feed(x, tensor(t, Shape.of(2, 3), 1, 0, 2, 0, 1, 1))
            .feed(w, tensor(t, Shape.of(3, 1), 3, 4, 5)).fetch(y).run().get(0);
        assertValues(t, Shape.of(2, 1), new double[] {13, 9}, out);
      }
    }
  }

  @Test
  void matmul_innerDimsMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "X0");
    Output w = tf.placeholder(DType.FLOAT32, Shape.of(4, 5), "W");
    assertOpError(FILE, () -> tf.matmul(x, w), "MatMul op 'MatMul'",
        "matmul: inner dimensions differ: a (?, 3) [transposeA=false] x b (4, 5)"
            + " [transposeB=false]: 3 != 4");
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(3, -1), "A");
    assertOpError(FILE, () -> tf.matmul(a, w, true, true),
        "a (3, ?) [transposeA=true] x b (4, 5) [transposeB=true]: 3 != 5");
    assertOpError(FILE, () -> tf.batchMatmul(tf.constant(new float[2][3][4]),
        tf.constant(new float[2][3][4])), "BatchMatMul",
        "inner dimensions differ: a (3, 4) [adjX=false] x b (3, 4) [adjY=false]: 4 != 3");
  }

  @Test
  void matmul_innerDimsMismatchAtRunTime_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1, -1), "x");
    Output y = tf.matmul(x, tf.constant(new double[][] {{1, 2}, {3, 4}}));
    try (Session s = new Session(g)) {
      assertOpError(FILE,
          () -> s.runner().feed(x, Tensor.of(new double[][] {{1, 2, 3}})).fetch(y).run(),
          "inner dimensions differ: a (1, 3) [transposeA=false] x b (2, 2)", "3 != 2");
    }
  }

  @Test
  void matmul_rankOrDtypeMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output v = tf.constant(new float[] {1, 2, 3});
    Output m = tf.constant(new float[][] {{1}, {2}, {3}});
    assertOpError(FILE, () -> tf.matmul(v, m), "a must be a matrix (rank 2), got shape (3,)");
    Output batch = tf.constant(new float[2][3][4]);
    assertOpError(FILE, () -> tf.matmul(batch, m), "BatchMatMul",
        "x (2, 3, 4) and y (3, 1) must have the same rank");
    Output other = tf.constant(new float[5][4][2]);
    assertOpError(FILE, () -> tf.matmul(batch, other),
        "batch dimensions differ: x (2, 3, 4) vs y (5, 4, 2)");
    Output d = tf.constant(new double[][] {{1, 2, 3}});
    assertOpError(FILE, () -> tf.matmul(d, m),
        "a and b must have the same dtype, got float64 and float32");
    Output bools = tf.constant(new boolean[][] {{true}});
    assertOpError(FILE, () -> tf.matmul(bools, bools), "got bool");
  }

  /** Random values; small integers for int32 so products are exact. */
  static double[] random(Random r, int n, DType t) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = t == DType.INT32 ? r.nextInt(7) - 3 : r.nextDouble() * 2 - 1;
      if (t == DType.FLOAT32) {
        v[i] = (float) v[i];
      }
    }
    return v;
  }

  /** The textbook triple loop, one product per batch index. */
  static double[] naive(int batch, int m, int n, int k, boolean ta, boolean tb,
      double[] a, double[] b) {
    double[] c = new double[batch * m * n];
    for (int q = 0; q < batch; q++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            double x = ta ? a[q * m * k + p * m + i] : a[q * m * k + i * k + p];
            double y = tb ? b[q * k * n + j * k + p] : b[q * k * n + p * n + j];
            s += x * y;
          }
          c[q * m * n + i * n + j] = s;
        }
      }
    }
    return c;
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT32"})
  void matmulSum_equalsSumOfProducts(DType t) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    // Three products [5, 40] with inner sizes 3, 7 and 33, A given transposed.
    int m = 5;
    int n = 40;
    int[] ks = {3, 7, 33};
    List<Output> as = new java.util.ArrayList<>();
    List<Output> bs = new java.util.ArrayList<>();
    double[] want = new double[m * n];
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      double[] a = MathTestSupport.values(k * m, i + 1);
      double[] b = MathTestSupport.values(k * n, i + 5);
      as.add(tf.constant(MathTestSupport.tensor(t, Shape.of(k, m), a)));
      bs.add(tf.constant(MathTestSupport.tensor(t, Shape.of(k, n), b)));
      double[] ar = MathTestSupport.roundTo(t, a);
      double[] br = MathTestSupport.roundTo(t, b);
      for (int r = 0; r < m; r++) {
        for (int c = 0; c < n; c++) {
          for (int p = 0; p < k; p++) {
            want[r * n + c] += ar[p * m + r] * br[p * n + c];
          }
        }
      }
    }
    Output sum = tf.matmulSum(as, bs, true, false);
    assertEquals(Shape.of(m, n), sum.shape());
    MathTestSupport.assertValues(t, Shape.of(m, n), want, MathTestSupport.run(sum));
  }

  @Test
  void matmulSum_shapesAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "a");
    Output b = tf.placeholder(DType.FLOAT32, Shape.of(3, 4), "b");
    Output a2 = tf.placeholder(DType.FLOAT32, Shape.of(2, -1), "a2");
    Output b2 = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1), "b2");
    assertEquals(Shape.of(2, 4), tf.matmulSum(List.of(a, a2), List.of(b, b2), false, false)
        .shape());
    assertOpError(FILE, () -> tf.matmulSum(List.of(a, a), List.of(b, tf.placeholder(
        DType.FLOAT32, Shape.of(3, 5), "b5")), false, false), "MatMulSum",
        "product 1 has shape (?, 5), product 0 (?, 4)");
    assertOpError(FILE, () -> tf.matmulSum(List.of(a), List.of(tf.placeholder(DType.FLOAT32,
        Shape.of(2, 4), "b24")), false, false), "inner dimensions differ");
    assertOpError(FILE, () -> tf.matmulSum(List.of(a), List.of(tf.placeholder(DType.FLOAT64,
        Shape.of(3, 4), "b64")), false, false), "every input must be float32 like input 0");
    Output s = tf.matmulSum(List.of(a, a2), List.of(b, b2), false, false);
    try (Session sess = new Session(g)) {
      assertOpError(FILE, () -> sess.runner().feed(a, Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)))
          .feed(b, Tensor.zeros(DType.FLOAT32, Shape.of(3, 4)))
          .feed(a2, Tensor.zeros(DType.FLOAT32, Shape.of(2, 2)))
          .feed(b2, Tensor.zeros(DType.FLOAT32, Shape.of(2, 5))).fetch(s).run(),
          "matmulSum: product 1 is [2, 5], product 0 [2, 4]");
    }
  }
}
