package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossesTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  /** A constant of the given dtype from double values. */
  private Output constant(DType dt, Shape shape, double... v) {
    if (dt == DType.FLOAT64) {
      return tf.constant(Tensor.create(shape, v));
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return tf.constant(Tensor.create(shape, f));
  }

  private double[] run(Output o) {
    try (Session s = new Session(g)) {
      Tensor t = s.run(o);
      if (t.dtype() == DType.FLOAT64) {
        return t.doubles();
      }
      float[] f = t.floats();
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
  }

  private static double tol(DType dt) {
    return dt == DType.FLOAT64 ? 1e-12 : 1e-5;
  }

  /** log(sum(exp(row))) computed the naive way (fine for the small logits used with it). */
  private static double logSumExp(double... row) {
    double s = 0;
    for (double x : row) {
      s += Math.exp(x);
    }
    return Math.log(s);
  }

  @Test
  void softmaxCrossEntropy_matchesHandValues_bothDtypes() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output labels = constant(dt, Shape.of(2, 3), 0, 1, 0, 0.25, 0.25, 0.5);
      Output logits = constant(dt, Shape.of(2, 3), 1, 2, 3, 0, 0, 0);
      Output loss = Losses.softmaxCrossEntropyWithLogits(tf, labels, logits);
      assertEquals(Shape.of(2), loss.shape());
      assertEquals(dt, loss.dtype());
      // row 0: -log softmax(1,2,3)[1] = lse - 2; row 1: uniform softmax, loss = log 3.
      double[] expected = {logSumExp(1, 2, 3) - 2, Math.log(3)};
      assertArrayEquals(expected, run(loss), tol(dt), dt.toString());
    }
  }

  @Test
  void sparseSoftmaxCrossEntropy_matchesHandValues_bothDtypes() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output labels = tf.constant(new int[] {2, 0});
      Output logits = constant(dt, Shape.of(2, 3), 1, 2, 3, 0, Math.log(2), Math.log(5));
      Output loss = Losses.sparseSoftmaxCrossEntropyWithLogits(tf, labels, logits);
      assertEquals(Shape.of(2), loss.shape());
      // row 1: exp(logits) = 1, 2, 5 -> p(0) = 1/8.
      double[] expected = {logSumExp(1, 2, 3) - 3, Math.log(8)};
      assertArrayEquals(expected, run(loss), tol(dt), dt.toString());
    }
  }

  @Test
  void sparseSoftmaxCrossEntropy_logitsOfMagnitude1e4_finiteAndCorrect() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output labels = tf.constant(new int[] {0, 1, 2});
      Output logits = constant(dt, Shape.of(3, 3),
          1e4, 0, -1e4, // right class far ahead: loss ~ exp(-1e4) = 0
          1e4, 0, -1e4, // right class 1e4 behind: loss = 1e4 + log(1 + e^-1e4 + e^-2e4) = 1e4
          -1e4, -1e4, -1e4); // all equal: log 3
      Output loss = Losses.sparseSoftmaxCrossEntropyWithLogits(tf, labels, logits);
      double[] got = run(loss);
      for (double v : got) {
        assertTrue(Double.isFinite(v), dt + ": " + java.util.Arrays.toString(got));
      }
      assertArrayEquals(new double[] {0, 1e4, Math.log(3)}, got, dt == DType.FLOAT64 ? 1e-9
          : 1e-3, dt.toString());
      // The gradient is softmax - onehot: finite, (0,0,0), (1,-1,0), (1/3,1/3,-2/3).
      Output grad = Gradients.gradients(List.of(tf.reduceSum(loss)), List.of(logits)).get(0);
      double third = 1.0 / 3;
      assertArrayEquals(new double[] {0, 0, 0, 1, -1, 0, third, third, -2 * third}, run(grad),
          tol(dt), dt.toString());
    }
  }

  @Test
  void sigmoidCrossEntropy_matchesHandValues_bothDtypes_stableForLargeLogits() {
    double[] x = {-100, -1, 0, 2, 100, 30};
    double[] z = {0, 1, 0.5, 0, 1, 0};
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      // -z log(sigmoid(x)) - (1 - z) log(1 - sigmoid(x)), with log(sigmoid(x)) = -softplus(-x)
      // and log(1 - sigmoid(x)) = -softplus(x), softplus evaluated away from overflow.
      expected[i] = z[i] * softplus(-x[i]) + (1 - z[i]) * softplus(x[i]);
    }
    assertEquals(Math.log(1 + Math.E), expected[1], 1e-15);
    assertEquals(Math.log(2), expected[2], 1e-15);
    assertEquals(30, expected[5], 1e-12);
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output loss = Losses.sigmoidCrossEntropyWithLogits(tf,
          constant(dt, Shape.of(6), z), constant(dt, Shape.of(6), x));
      double[] got = run(loss);
      assertArrayEquals(expected, got, tol(dt), dt.toString());
    }
  }

  private static double softplus(double v) {
    return v > 30 ? v + Math.exp(-v) : Math.log(1 + Math.exp(v));
  }

  @Test
  void meanSquaredError_isTheMean_bothDtypes() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output labels = constant(dt, Shape.of(2, 2), 1, 2, 3, 4);
      Output predictions = constant(dt, Shape.of(2, 2), 1.5, 2, 2, 6);
      Output loss = Losses.meanSquaredError(tf, labels, predictions);
      assertEquals(Shape.scalar(), loss.shape());
      assertEquals((0.25 + 0 + 1 + 4) / 4, run(loss)[0], tol(dt));
    }
  }

  @Test
  void l2Loss_isHalfTheSumOfSquares_bothDtypes() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Output loss = Losses.l2Loss(tf, constant(dt, Shape.of(3), 1, -2, 3));
      assertEquals(7, run(loss)[0], tol(dt));
    }
  }

  @Test
  void mismatchedShapes_throw() {
    Output a = tf.constant(new float[] {1, 2});
    Output b = tf.constant(new float[] {1, 2, 3});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.meanSquaredError(tf, a, b));
    assertTrue(e.getMessage().contains("(2,)") && e.getMessage().contains("(3,)"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Losses.sigmoidCrossEntropyWithLogits(tf, a, b));
  }
}
