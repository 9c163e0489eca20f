package dev.skein.core.ops.linalg;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MatMulAdd, d + op(a) op(b): against d plus the naive triple loop (float32, float64, int32,
 * every transpose, sizes below and above the vector tiles), a running sum of products built
 * with it against MatMulSum of the same products bit for bit, shapes and errors.
 */
class MatMulAddTest {
  private static final String FILE = "MatMulAddTest.java";

  static Stream<Arguments> cases() {
    // {m, n, k}: a fallback size, a tile size, the LSTM step's weight gradient (A transposed)
    int[][] sizes = {{5, 3, 4}, {40, 128, 24}, {178, 600, 150}};
    Stream.Builder<Arguments> b = Stream.builder();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      for (int[] s : sizes) {
        for (int tr = 0; tr < 4; tr++) {
          b.add(Arguments.of(t, s[0], s[1], s[2], (tr & 1) != 0, (tr & 2) != 0));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3} ta={4} tb={5}")
  @MethodSource("cases")
  void equalsDPlusTheNaiveProduct(DType t, int m, int n, int k, boolean ta, boolean tb) {
    Random r = new Random(m + 7L * n + 31L * k);
    double[] a = LinalgOpsTest.random(r, m * k, t);
    double[] b = LinalgOpsTest.random(r, k * n, t);
    double[] d = LinalgOpsTest.random(r, m * n, t);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.matmulAdd(tf.constant(tensor(t, Shape.of(m, n), d)),
        tf.constant(tensor(t, ta ? Shape.of(k, m) : Shape.of(m, k), a)),
        tf.constant(tensor(t, tb ? Shape.of(n, k) : Shape.of(k, n), b)), ta, tb);
    assertEquals(Shape.of(m, n), y.shape());
    double[] want = LinalgOpsTest.naive(1, m, n, k, ta, tb, a, b);
    for (int i = 0; i < want.length; i++) {
      want[i] += d[i];
    }
    assertValues(t, Shape.of(m, n), want, run(y), t == DType.FLOAT32 ? 1e-4 : 1e-11);
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3} ta={4} tb={5}")
  @MethodSource("cases")
  void aRunningSumOfProducts_isMatMulSumsBits(DType t, int m, int n, int k, boolean ta,
      boolean tb) {
    Random r = new Random(3 * m + n + k);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> as = new ArrayList<>();
    List<Output> bs = new ArrayList<>();
    Output acc = tf.zerosLike(tf.constant(tensor(t, Shape.of(m, n), new double[m * n])));
    for (int i = 0; i < 3; i++) {
      as.add(tf.constant(tensor(t, ta ? Shape.of(k, m) : Shape.of(m, k),
          LinalgOpsTest.random(r, m * k, t))));
      bs.add(tf.constant(tensor(t, tb ? Shape.of(n, k) : Shape.of(k, n),
          LinalgOpsTest.random(r, k * n, t))));
      acc = tf.matmulAdd(acc, as.get(i), bs.get(i), ta, tb);
    }
    List<Tensor> v = run(List.of(acc, tf.matmulSum(as, bs, ta, tb)));
    assertEquals(v.get(1), v.get(0));
  }

  @Test
  void shapesAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output d = tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "d");
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "a");
    Output b = tf.placeholder(DType.FLOAT32, Shape.of(4, 3), "b");
    assertEquals(Shape.of(2, 3), tf.matmulAdd(d, a, b, false, false).shape());
    assertOpError(FILE, () -> tf.matmulAdd(d, a, tf.placeholder(DType.FLOAT32, Shape.of(4, 5),
        "b5"), false, false), "MatMulAdd", "d (2, 3) must have the product's shape (?, 5)");
    assertOpError(FILE, () -> tf.matmulAdd(d, a, tf.placeholder(DType.FLOAT32, Shape.of(5, 3),
        "b53"), false, false), "inner dimensions differ");
    assertOpError(FILE, () -> tf.matmulAdd(d, a, b, true, false),
        "d (2, 3) must have the product's shape (4, 3)");
    assertOpError(FILE, () -> tf.matmulAdd(tf.placeholder(DType.FLOAT64, Shape.of(2, 3), "d64"),
        a, b, false, false), "d, a and b must have the same dtype, got float64, float32 and"
        + " float32");
    Output du = tf.placeholder(DType.FLOAT32, Shape.unknown(), "du");
    Output y = tf.matmulAdd(du, a, b, false, false);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(du, Tensor.zeros(DType.FLOAT32, Shape.of(3, 3)))
          .feed(a, Tensor.zeros(DType.FLOAT32, Shape.of(2, 4)))
          .feed(b, Tensor.zeros(DType.FLOAT32, Shape.of(4, 3))).fetch(y).run(),
          "matmulAdd: d (3, 3) must have the product's shape (2, 3)");
    }
  }
}
