package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null variable list means all trainable variables (TensorFlow's {@code var_list=None}):
 * loss = sum((w - t)^2) + sum(u^2) + sum(f^2), f not trainable; one gradient-descent step of 0.1
 * moves w by -0.2 (w - t), u by -0.2 u and leaves f alone.
 */
class NullVarListTest {
  @Test
  void minimize_nullVarList_trainsAllTrainableVariables_andCountsSteps() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.constant(new double[] {1.0, -2.0}), "w");
    Variable u = tf.variable(tf.constant(new double[] {4.0}), "u");
    Variable f = tf.variable(tf.constant(new double[] {5.0}), "f");
    Variables.markNonTrainable(f);
    Output loss = tf.add(tf.add(
        tf.reduceSum(tf.square(tf.sub(w, tf.constant(new double[] {3.0, 0.5})))),
        tf.reduceSum(tf.square(u))), tf.reduceSum(tf.square(f)));
    Variable step = Optimizer.getOrCreateGlobalStep(tf);
    Operation train = new GradientDescentOptimizer(tf, 0.1).minimize(loss, null, step);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(train);
      assertArrayEquals(new double[] {1.0 - 0.2 * (1.0 - 3.0), -2.0 - 0.2 * (-2.0 - 0.5)},
          s.run(w).doubles(), 1e-12);
      assertArrayEquals(new double[] {4.0 - 0.2 * 4.0}, s.run(u).doubles(), 1e-12);
      assertArrayEquals(new double[] {5.0}, s.run(f).doubles(), 0.0);
      assertEquals(1.0, s.run(step).getDouble(0), 0.0);
    }
  }

  @Test
  void computeGradients_nullVarList_isTheTrainableVariablesInOrder() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable a = tf.variable(tf.constant(new double[] {2.0}), "a");
    Variable b = tf.variable(tf.constant(new double[] {3.0}), "b");
    Output loss = tf.reduceSum(tf.square(a));
    List<GradAndVar> gv = new AdamOptimizer(tf, 0.1).computeGradients(loss, null);
    assertEquals(List.of(a, b), gv.stream().map(GradAndVar::variable).toList());
    assertNull(gv.get(1).gradient());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new double[] {4.0}, s.run(gv.get(0).gradient()).doubles(), 0.0);
    }
  }
}
