package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** End-to-end training: layers, losses, gradients and optimizers together. */
class TrainingTest {
  @Test
  void mlp_learnsXor() {
    Graph g = new Graph();
    g.setSeed(7);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "y");
    Output hidden = Layers.dense(tf, x, 8, tf::tanh);
    Output logits = Layers.dense(tf, hidden, 1);
    Output loss = tf.reduceMean(Losses.sigmoidCrossEntropyWithLogits(tf, y, logits));
    Operation train = new AdamOptimizer(tf, 0.05).minimize(loss);
    Tensor xs = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor ys = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      float last = Float.NaN;
      for (int step = 0; step < 300; step++) {
        last = s.runner().feed(x, xs).feed(y, ys).fetch(loss).addTarget(train).run().get(0)
            .floats()[0];
      }
      float finalLoss = s.runner().feed(x, xs).feed(y, ys).fetch(loss).run().get(0).floats()[0];
      assertTrue(finalLoss < 0.01, "final loss " + finalLoss + " (last step " + last + ")");
      float[] out = s.runner().feed(x, xs).fetch(logits).run().get(0).floats();
      assertTrue(out[0] < 0 && out[1] > 0 && out[2] > 0 && out[3] < 0);
    }
  }

  @Test
  void linearRegression_recoversWeights() {
    double[] trueW = {2.0, -3.0, 0.5};
    double trueB = 1.5;
    int n = 64;
    Random rnd = new Random(1);
    double[][] xv = new double[n][3];
    double[][] yv = new double[n][1];
    for (int i = 0; i < n; i++) {
      double t = trueB;
      for (int j = 0; j < 3; j++) {
        xv[i][j] = rnd.nextGaussian();
        t += trueW[j] * xv[i][j];
      }
      yv[i][0] = t;
    }
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1, 3), "x");
    Output y = tf.placeholder(DType.FLOAT64, Shape.of(-1, 1), "y");
    Output pred = Layers.dense(tf, x, 1);
    Output loss = Losses.meanSquaredError(tf, y, pred);
    Operation train = new GradientDescentOptimizer(tf, 0.1).minimize(loss);
    Variable kernel = g.globalVariables().get(0);
    Variable bias = g.globalVariables().get(1);
    assertEquals("dense/kernel", kernel.varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor xt = Tensor.of(xv);
      Tensor yt = Tensor.of(yv);
      for (int step = 0; step < 500; step++) {
        s.runner().feed(x, xt).feed(y, yt).addTarget(train).run();
      }
      assertArrayEquals(trueW, s.run(kernel).doubles(), 1e-3);
      assertEquals(trueB, s.run(bias).doubles()[0], 1e-3);
    }
  }
}
