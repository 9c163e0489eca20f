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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MatMulBRows, a product by rows [begin, begin + size) of b read in place: against the naive
 * triple loop on those rows (float32, float64, int32, every transpose), bit for bit against the
 * columns of the whole product that the gradient builder replaces by it, shapes and errors.
 */
class MatMulBRowsTest {
  private static final String FILE = "MatMulBRowsTest.java";

  static Stream<Arguments> cases() {
    // {m, n, k, rows before, rows after}: the LSTM step's dX (150 x 150 of 178 columns, k 600)
    int[][] sizes = {{5, 3, 4, 2, 1}, {13, 37, 29, 0, 5}, {150, 150, 600, 28, 0}};
    Stream.Builder<Arguments> b = Stream.builder();
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      for (int[] s : sizes) {
        for (int tr = 0; tr < 4; tr++) {
          b.add(Arguments.of(t, s[0], s[1], s[2], s[3], s[4], (tr & 1) != 0, (tr & 2) != 0));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3} before={4} after={5} ta={6} tb={7}")
  @MethodSource("cases")
  void matchesNaiveProductOfTheRows(DType t, int m, int n, int k, int before, int after,
      boolean ta, boolean tb) {
    Random r = new Random(m * 31L + n * 7L + k + before);
    double[] a = LinalgOpsTest.random(r, m * k, t);
    // b's stored rows: n of them when tb ([n, k]), else k ([k, n]).
    int size = tb ? n : k;
    int cols = tb ? k : n;
    double[] full = LinalgOpsTest.random(r, (before + size + after) * cols, t);
    double[] rows = Arrays.copyOfRange(full, before * cols, (before + size) * cols);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output c = tf.matmulBRows(tf.constant(tensor(t, ta ? Shape.of(k, m) : Shape.of(m, k), a)),
        tf.constant(tensor(t, Shape.of(before + size + after, cols), full)), ta, tb, before,
        size);
    assertEquals(Shape.of(m, n), c.shape());
    double[] expected = LinalgOpsTest.naive(1, m, n, k, ta, tb, a, rows);
    assertValues(t, Shape.of(m, n), expected, run(c), t == DType.FLOAT32 ? 1e-4 : 1e-11);
  }

  /** {m, k, rows of w, then pieces {begin, size}...}: wide and narrow pieces, small products. */
  private static final int[][] WHOLE = {{150, 600, 178, 0, 28, 28, 150, 5, 100},
      {24, 32, 40, 0, 8, 8, 32, 3, 1}, {3, 4, 5, 1, 2, 0, 5}, {150, 32, 40, 0, 8}};

  @Test
  void equalsTheWholeProductsColumns_bitForBit() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      for (boolean ta : new boolean[] {false, true}) {
        for (int[] s : WHOLE) {
          Random r = new Random(5);
          int m = s[0];
          int k = s[1];
          double[] a = LinalgOpsTest.random(r, m * k, t);
          double[] w = LinalgOpsTest.random(r, s[2] * k, t);
          Graph g = new Graph();
          Ops tf = Ops.create(g);
          Output ac = tf.constant(tensor(t, ta ? Shape.of(k, m) : Shape.of(m, k), a));
          Output wc = tf.constant(tensor(t, Shape.of(s[2], k), w));
          Output whole = tf.matmul(ac, wc, ta, true);
          for (int p = 3; p < s.length; p += 2) {
            List<Tensor> v = run(List.of(tf.slice(whole, new int[] {0, s[p]},
                new int[] {-1, s[p + 1]}), tf.matmulBRows(ac, wc, ta, true, s[p], s[p + 1])));
            assertEquals(v.get(0), v.get(1), t + " ta=" + ta + " " + m + "x" + s[2] + "x" + k
                + " columns [" + s[p] + ", +" + s[p + 1] + ")");
          }
        }
      }
    }
  }

  @Test
  void shapesAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "a");
    Output b = tf.placeholder(DType.FLOAT32, Shape.of(10, 4), "b");
    Output bu = tf.placeholder(DType.FLOAT32, Shape.unknown(), "bu");
    assertEquals(Shape.of(-1, 3), tf.matmulBRows(a, b, false, true, 7, 3).shape());
    assertEquals(Shape.of(-1, -1), tf.matmulBRows(a, bu, false, false, 2, 4).shape());
    assertOpError(FILE, () -> tf.matmulBRows(a, b, false, true, 8, 3), "MatMulBRows",
        "rows [8, 8 + 3) are not within b (10, 4)");
    assertOpError(FILE, () -> tf.matmulBRows(a, b, false, false, 0, 3),
        "inner dimensions differ");
    assertOpError(FILE, () -> tf.matmulBRows(a, tf.placeholder(DType.FLOAT64, Shape.of(10, 4),
        "b64"), false, true, 0, 2), "a and b must have the same dtype, got float32 and float64");
    Output y = tf.matmulBRows(a, bu, false, true, 4, 3);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(a, Tensor.zeros(DType.FLOAT32, Shape.of(2, 4)))
          .feed(bu, Tensor.zeros(DType.FLOAT32, Shape.of(6, 4))).fetch(y).run(),
          "matmulBRows: rows [4, 4 + 3) are not within b (6, 4)");
    }
  }
}
