package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * Rule behaviour the finite-difference table cannot reach: points where the function is not
 * smooth or a zero sits in a product, with values worked out by hand.
 */
class GradRulesTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private double[] gradAt(Output y, Output x, Tensor value) {
    Output dx = Gradients.gradient(y, x);
    try (Session s = new Session(g)) {
      return s.runner().feed(x, value).fetch(dx).run().get(0).toDoubleArray();
    }
  }

  @Test
  void reduceProd_withZeros_givesTheProductOfTheOthers() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(3, 3), "x");
    Output y = tf.reduceProd(x, new int[] {1});
    double[] d = gradAt(y, x, Tensor.of(new double[][] {{2, 0, 3}, {0, 0, 5}, {2, 3, 4}}));
    // Row 0: one zero gets 2*3, the others 0. Row 1: two zeros, all 0. Row 2: prod / x.
    assertArrayEquals(new double[] {0, 6, 0, 0, 0, 0, 12, 8, 6}, d, 1e-12);
  }

  @Test
  void reduceMax_ties_shareTheGradientEqually() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(4), "x");
    double[] d = gradAt(tf.reduceMax(x), x, Tensor.of(new double[] {1, 3, 3, 2}));
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, d);
  }

  @Test
  void maximum_tie_goesToX_asInTensorFlow() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    Output y = tf.constant(new double[] {1, 5});
    double[] d = gradAt(tf.maximum(x, y), x, Tensor.of(new double[] {1, 2}));
    assertArrayEquals(new double[] {1, 0}, d);
  }

  @Test
  void relu_atZero_hasZeroGradient() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(3), "x");
    double[] d = gradAt(tf.relu(x), x, Tensor.of(new double[] {-1, 0, 2}));
    assertArrayEquals(new double[] {0, 0, 1}, d);
  }

  @Test
  void pow_gradientOfExponent_isZeroForNonPositiveBase() {
    Output b = tf.constant(new double[] {-2, 0, 2});
    Output e = tf.placeholder(DType.FLOAT64, Shape.of(3), "e");
    double[] d = gradAt(tf.pow(b, e), e, Tensor.of(new double[] {2, 2, 2}));
    assertArrayEquals(new double[] {0, 0, 4 * Math.log(2)}, d, 1e-12);
  }

  @Test
  void cast_float32ToFloat64_passesTheGradientBackAsFloat32() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Output y = tf.square(tf.cast(x, DType.FLOAT64));
    Output dx = Gradients.gradient(y, x);
    assertEquals(DType.FLOAT32, dx.dtype());
    try (Session s = new Session(g)) {
      float[] v = s.runner().feed(x, Tensor.of(new float[] {1.5f, -2})).fetch(dx).run().get(0)
          .floats();
      assertArrayEquals(new float[] {3, -4}, v);
    }
  }

  @Test
  void gather_repeatedIndices_sumTheirGradients() {
    Output p = tf.placeholder(DType.FLOAT64, Shape.of(3), "p");
    Output y = tf.gather(p, tf.constant(new int[] {2, 0, 2, 2}));
    double[] d = gradAt(y, p, Tensor.of(new double[] {1, 2, 3}));
    assertArrayEquals(new double[] {1, 0, 3}, d);
  }
}
