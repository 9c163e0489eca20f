package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker itself: exact Jacobians for known functions, and it catches a wrong rule. */
class GradientCheckerTest {
  @Test
  void jacobians_ofAProduct_matchTheFormula() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT64, Shape.of(2), "a");
    Output b = tf.placeholder(DType.FLOAT64, Shape.of(2), "b");
    GradientChecker.Result r = GradientChecker.compute(List.of(a, b),
        List.of(Tensor.of(new double[] {2, 3}), Tensor.of(new double[] {5, 7})), tf.mul(a, b));
    assertTrue(r.maxAbsError() < 1e-9, r.toString());
    assertArrayEquals(new double[] {5, 0}, r.symbolic().get(0)[0]);
    assertArrayEquals(new double[] {0, 7}, r.symbolic().get(0)[1]);
    assertArrayEquals(new double[] {2, 0}, r.numeric().get(1)[0], 1e-9);
    assertArrayEquals(new double[] {0, 3}, r.numeric().get(1)[1], 1e-9);
  }

  @Test
  void wrongRule_isCaught_andTheWorstElementNamed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(3), "x");
    Output y = g.addOp(new GradientsTest.Twice(), "twice", List.of(x)).output(0);
    // A deliberately wrong rule: 3 dy instead of 2 dy, except for element 1 which is right.
    GradientRegistry.forGraph(g).register(GradientsTest.Twice.class, (c, op, dys) -> List.of(
        c.tf().mul(dys.get(0), c.tf().constant(new double[] {3, 2, 3}))));
    GradientChecker.Result r = GradientChecker.compute(List.of(x),
        List.of(Tensor.of(new double[] {1, 2, 3})), y);
    assertEquals(1.0, r.maxAbsError(), 1e-9);
    assertEquals(1.0 / 3, r.maxRelError(), 1e-9);
    assertEquals(0, r.worstInput());
    assertEquals(r.worstYIndex(), r.worstXIndex());
    assertTrue(r.worstXIndex() != 1);
    assertTrue(r.toString().contains("symbolic 3.0"), r.toString());
  }

  @Test
  void float32_isSupported_withLooserAccuracy() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    GradientChecker.Result r = GradientChecker.compute(List.of(x),
        List.of(Tensor.of(new float[] {0.5f, -1})), tf.tanh(x));
    assertTrue(r.maxRelError() < 1e-2, r.toString());
  }

  @Test
  void sessionAndExtraFeeds_areUsed_variablesCanBeXs() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.constant(new double[] {1, 2}), "w");
    Output p = tf.placeholder(DType.FLOAT64, Shape.of(2), "p");
    Output y = tf.reduceSum(tf.mul(tf.square(w), p));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      GradientChecker.Result r = GradientChecker.compute(s, List.of(w),
          List.of(Tensor.of(new double[] {0.5, -1})), y,
          Map.of(p, Tensor.of(new double[] {3, 4})), GradientChecker.DEFAULT_DELTA);
      assertTrue(r.maxRelError() < 1e-9, r.toString());
      assertArrayEquals(new double[] {3, -8}, r.symbolic().get(0)[0], 1e-12);
    }
  }
}
