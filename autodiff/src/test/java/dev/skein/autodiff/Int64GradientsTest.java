package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/** int64 values are not differentiable, as int32: no gradient through them, none w.r.t. them. */
class Int64GradientsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private double[] eval(Output y) {
    try (Session s = new Session(g)) {
      return s.run(y).doubles();
    }
  }

  @Test
  void int64Values_carryNoGradient() {
    Output x = tf.constant(new double[] {1.5, -2.5, 3.25});
    Output truncated = tf.cast(tf.cast(x, DType.INT64), DType.FLOAT64); // {1, -2, 3}
    Output y = tf.mul(x, truncated);
    // d/dx (x * trunc(x)) = trunc(x): the int64 path contributes nothing
    assertArrayEquals(new double[] {1, -2, 3}, eval(Gradients.gradient(y, x)), 1e-12);
  }

  @Test
  void gradientWrtInt64Tensor_throwsNamingItAndItsDtype() {
    Output x = tf.constant(new double[] {1, 2, 3});
    Output counts = tf.placeholder(DType.INT64, Shape.of(3), "counts");
    Output y = tf.mul(x, tf.cast(counts, DType.FLOAT64));
    OpException e = assertThrows(OpException.class,
        () -> Gradients.gradients(List.of(y), List.of(counts)));
    assertTrue(e.getMessage().contains("counts:0"), e.getMessage());
    assertTrue(e.getMessage().contains("int64"), e.getMessage());
    assertTrue(e.getMessage().contains("only float32 and float64"), e.getMessage());
  }

  @Test
  void sparseCrossEntropy_int64Labels_gradientIsSoftmaxMinusOneHot() {
    double[][] z = {{1, 2, 3}, {0.5, -1, 0}};
    long[] labels = {2, 0};
    Output logits = tf.constant(z);
    Output loss = tf.reduceSum(tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(labels),
        logits));
    double[] grad = eval(Gradients.gradient(loss, logits));
    for (int r = 0; r < 2; r++) {
      double sum = Math.exp(z[r][0]) + Math.exp(z[r][1]) + Math.exp(z[r][2]);
      for (int j = 0; j < 3; j++) {
        double expect = Math.exp(z[r][j]) / sum - (j == labels[r] ? 1 : 0);
        assertEquals(expect, grad[r * 3 + j], 1e-12, "row " + r + " class " + j);
      }
    }
  }

  @Test
  void training_withInt64Labels_andTheInt64GlobalStep() {
    Variable w = tf.variable(tf.constant(new double[][] {{0, 0}}), "w");
    Output labels = tf.placeholder(DType.INT64, Shape.of(1), "labels");
    Output loss = tf.reduceSum(tf.sparseSoftmaxCrossEntropyWithLogits(labels, w));
    Variable step = Optimizer.getOrCreateGlobalStep(tf);
    Operation train = new GradientDescentOptimizer(tf, 1.0).minimize(loss, null, step);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.runner().feed(labels, Tensor.create(Shape.of(1), new long[] {1})).addTarget(train).run();
      // softmax of (0, 0) is (1/2, 1/2); the gradient (1/2, -1/2) steps w to (-1/2, 1/2)
      assertArrayEquals(new double[] {-0.5, 0.5}, s.run(w).doubles(), 1e-12);
      assertEquals(DType.INT64, s.run(step).dtype());
      assertEquals(1L, s.run(step).longValue());
    }
  }
}
