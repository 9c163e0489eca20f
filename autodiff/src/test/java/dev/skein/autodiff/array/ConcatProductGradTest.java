package dev.skein.autodiff.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.linalg.LinalgOps.MatMulBRows;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gradient of concat([x, h]) w when x needs none (an RNN step's fed input): h's piece is
 * one MatMulBRows by w's rows of h, so x's columns of dy w^T are never computed. Its values
 * against the formula dh = dy w[rows of h]^T computed here, and which ops the builder makes.
 */
class ConcatProductGradTest {
  @Test
  void hPiece_isAProductByWsRowsOfH_withTheFormulasValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Random r = new Random(3);
    double[][] x = new double[3][2];
    double[] w = new double[6 * 5];
    double[] hv = new double[3 * 4];
    for (double[] row : x) {
      row[0] = r.nextGaussian();
      row[1] = r.nextGaussian();
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextGaussian();
    }
    for (int i = 0; i < hv.length; i++) {
      hv[i] = r.nextGaussian();
    }
    Output h = tf.placeholder(DType.FLOAT64, Shape.of(3, 4), "h");
    Output wc = tf.constant(Tensor.wrap(DType.FLOAT64, Shape.of(6, 5), w));
    Output y = tf.matmul(tf.concat(List.of(tf.constant(x), h), 1), wc);
    // loss = sum(y * y / 2): dy = y.
    Output loss = tf.reduceSum(tf.mul(tf.mul(y, y), tf.constant(0.5)));
    Output dh = Gradients.gradients(loss, List.of(h)).get(0);
    List<Operation> rows = g.operations().stream()
        .filter(o -> o.type() instanceof MatMulBRows).toList();
    assertEquals(1, rows.size(), "one product by w's rows");
    assertEquals(new MatMulBRows(false, true, 2, 4), rows.get(0).type());
    assertTrue(dh.op().type() instanceof MatMulBRows, "dh is that product, no Slice");
    try (Session s = new Session(g)) {
      Tensor hFeed = Tensor.wrap(DType.FLOAT64, Shape.of(3, 4), hv);
      List<Tensor> v = s.runner().feed(h, hFeed).fetch(y).fetch(dh).run();
      double[] dy = v.get(0).doubles();
      double[] want = new double[3 * 4];
      for (int b = 0; b < 3; b++) {
        for (int j = 0; j < 4; j++) {
          for (int q = 0; q < 5; q++) {
            want[b * 4 + j] += dy[b * 5 + q] * w[(2 + j) * 5 + q];
          }
        }
      }
      assertArrayEquals(want, v.get(1).doubles(), 1e-12);
      // and y itself is concat([x, h]) w, by hand
      double yv = 0;
      for (int q = 0; q < 6; q++) {
        yv += (q < 2 ? x[1][q] : hv[4 + q - 2]) * w[q * 5 + 3];
      }
      assertEquals(yv, dy[5 + 3], 1e-12);
    }
  }

  @Test
  void bothPiecesWanted_orWTransposed_keepTheSplitAndSlice() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(3, 2), "x");
    Output h = tf.placeholder(DType.FLOAT32, Shape.of(3, 4), "h");
    Output w = tf.placeholder(DType.FLOAT32, Shape.of(6, 5), "w");
    Output wt = tf.placeholder(DType.FLOAT32, Shape.of(5, 6), "wt");
    Output cat = tf.concat(List.of(x, h), 1);
    Gradients.gradients(tf.reduceSum(tf.matmul(cat, w)), List.of(x, h));
    Gradients.gradients(tf.reduceSum(tf.matmul(cat, wt, false, true)), List.of(h));
    assertTrue(g.operations().stream().noneMatch(o -> o.type() instanceof MatMulBRows),
        "no MatMulBRows when every piece is wanted or the product is by w^T");
  }
}
