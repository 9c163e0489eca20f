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

  /**
   * Gradients through ops whose shape-like argument (slice's begin, paddings, tile's multiples,
   * scatterNd's shape) is int64 are those of the int32 form: d/dx of sum(w * op(x)) placed by hand.
   */
  @Test
  void gradientsThroughInt64ShapeArguments_matchTheInt32Ones() {
    Output x = tf.constant(new double[][] {{1, 2, 3}, {4, 5, 6}});
    // slice rows 0..1, columns 1..2; weights 1..4 land where the slice took its values
    Output s = tf.slice(x, tf.constant(new long[] {0, 1}), tf.constant(new long[] {2, 2}));
    Output ws = tf.mul(s, tf.constant(new double[][] {{1, 2}, {3, 4}}));
    assertArrayEquals(new double[] {0, 1, 2, 0, 3, 4}, eval(Gradients.gradient(tf.reduceSum(ws),
        x)), 0);
    // pad one row above: the weights below it come back
    Output p = tf.pad(x, tf.constant(new long[][] {{1, 0}, {0, 0}}), 0);
    Output wp = tf.mul(p, tf.constant(new double[][] {{9, 9, 9}, {1, 2, 3}, {4, 5, 6}}));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, eval(Gradients.gradient(tf.reduceSum(wp),
        x)), 0);
    // tile twice along the columns: each x gets the sum of its two copies' weights
    Output t = tf.tile(x, tf.constant(new long[] {1, 2}));
    Output wt = tf.mul(t, tf.constant(new double[][] {{1, 2, 3, 10, 20, 30},
        {4, 5, 6, 40, 50, 60}}));
    assertArrayEquals(new double[] {11, 22, 33, 44, 55, 66},
        eval(Gradients.gradient(tf.reduceSum(wt), x)), 0);
    // scatterNd into an int64 shape, with int32 and with int64 index tuples
    Output u = tf.constant(new double[] {7, 8});
    for (Output idx : List.of(tf.constant(new int[][] {{1, 0}, {0, 2}}),
        tf.constant(new long[][] {{1, 0}, {0, 2}}))) {
      Output sc = tf.scatterNd(idx, u, tf.constant(new long[] {2, 3}));
      Output wsc = tf.mul(sc, tf.constant(new double[][] {{1, 2, 3}, {4, 5, 6}}));
      assertArrayEquals(new double[] {4, 3}, eval(Gradients.gradient(tf.reduceSum(wsc), u)), 0);
    }
  }

  /** TensorArray reads and gathers at int64 indices carry gradients back to the rows they read. */
  @Test
  void tensorArrayReadAndGatherAtInt64Indices_gradients() {
    Output x = tf.constant(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    var ta = tf.tensorArray(DType.FLOAT64, 3).unstack(x);
    Output read = tf.mul(ta.read(tf.constant(1L)), tf.constant(new double[] {10, 20}));
    Output twice = ta.gather(tf.constant(new long[] {2, 2}));
    Output y = tf.add(tf.reduceSum(read), tf.reduceSum(twice));
    // row 0 unread, row 1 read once with weights 10 and 20, row 2 gathered twice
    assertArrayEquals(new double[] {0, 0, 10, 20, 2, 2}, eval(Gradients.gradient(y, x)), 0);
  }
}
