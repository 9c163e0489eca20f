package dev.skein.core.ops.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cross-entropy ops at any rank, as TF1's: logits [d0, ..., dn, classes], labels
 * [d0, ..., dn] (sparse) or logits' shape (dense); the loss has the labels' (rows') shape and
 * the backprop the logits'. Values against the formula written out in double here; dims known
 * and unknown.
 */
class CrossEntropyRanksTest {
  enum F {
    F32(DType.FLOAT32, 2e-6), F64(DType.FLOAT64, 1e-13);

    final DType t;
    final double tol;

    F(DType t, double tol) {
      this.t = t;
      this.tol = tol;
    }
  }

  private static double[] values(int n, int seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * 2;
    }
    return v;
  }

  private static Tensor tensor(DType t, Shape s, double[] v) {
    if (t == DType.FLOAT64) {
      return Tensor.create(s, v.clone());
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.create(s, f);
  }

  private static double at(Tensor t, int i) {
    return t.dtype() == DType.FLOAT32 ? t.floats()[i] : t.doubles()[i];
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void sparseLossOfRank3MatchesTheFormula(F f) {
    int[] dims = {2, 3, 5};
    double[] x = values(30, 7);
    int[] labels = {4, 0, 2, 1, 1, 3};
    for (boolean unknown : new boolean[] {false, true}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output logits = tf.placeholder(f.t, unknown ? Shape.unknownDims(3) : Shape.of(dims), "l");
      Output y = tf.placeholder(DType.INT32, unknown ? Shape.unknownDims(2) : Shape.of(2, 3),
          "y");
      Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(y, logits);
      assertEquals(unknown ? Shape.unknownDims(2) : Shape.of(2, 3), loss.shape());
      assertEquals(logits.shape(), loss.op().output(1).shape());
      try (Session s = new Session(g)) {
        List<Tensor> r = s.runner().feed(logits, tensor(f.t, Shape.of(dims), x))
            .feed(y, Tensor.create(Shape.of(2, 3), labels)).fetch(loss)
            .fetch(loss.op().output(1)).run();
        assertEquals(Shape.of(2, 3), r.get(0).shape());
        assertEquals(Shape.of(dims), r.get(1).shape());
        for (int row = 0; row < 6; row++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < 5; c++) {
            max = Math.max(max, x[row * 5 + c]);
          }
          double sum = 0;
          for (int c = 0; c < 5; c++) {
            sum += Math.exp(x[row * 5 + c] - max);
          }
          double want = Math.log(sum) + max - x[row * 5 + labels[row]];
          assertEquals(want, at(r.get(0), row), f.tol * Math.max(1, want), "row " + row);
          for (int c = 0; c < 5; c++) {
            double p = Math.exp(x[row * 5 + c] - max) / sum - (c == labels[row] ? 1 : 0);
            assertEquals(p, at(r.get(1), row * 5 + c), f.tol, "backprop " + row + "," + c);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void denseLossOfRank3MatchesTheFormula(F f) {
    Shape s = Shape.of(2, 2, 3);
    double[] x = values(12, 3);
    double[] z = values(12, 4);
    // Labels: each row a distribution (softmax of z, computed here).
    double[] p = new double[12];
    for (int row = 0; row < 4; row++) {
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        sum += Math.exp(z[row * 3 + c]);
      }
      for (int c = 0; c < 3; c++) {
        p[row * 3 + c] = Math.exp(z[row * 3 + c]) / sum;
      }
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output loss = tf.softmaxCrossEntropyWithLogits(tf.constant(tensor(f.t, s, p)),
        tf.constant(tensor(f.t, s, x)));
    assertEquals(Shape.of(2, 2), loss.shape());
    try (Session sess = new Session(g)) {
      Tensor r = sess.runner().fetch(loss).run().get(0);
      for (int row = 0; row < 4; row++) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += Math.exp(x[row * 3 + c]);
        }
        double want = 0;
        for (int c = 0; c < 3; c++) {
          want -= p[row * 3 + c] * (x[row * 3 + c] - Math.log(sum));
        }
        assertEquals(want, at(r, row), f.tol * Math.max(1, want), "row " + row);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void aLabelOutOfRangeIsNamedByItsFullIndex(F f) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.placeholder(DType.INT32, Shape.of(2, 2), "y");
    Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(y,
        tf.constant(tensor(f.t, Shape.of(2, 2, 3), new double[12])));
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.runner()
          .feed(y, Tensor.create(Shape.of(2, 2), new int[] {0, 1, 2, 3})).fetch(loss).run());
      assertTrue(e.getMessage().contains("label 3 (labels[1, 1]) is out of range: logits have 3"
          + " classes"), e.getMessage());
    }
  }
}
