package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.LoopFrame;
import dev.skein.core.NumericsException;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.RunOptions;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.GraphFormat;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numeric checks and graph files meet gradients: a NaN that only the gradient produces is
 * reported in the gradient pass (with the forward iteration a reverse loop differentiates), and
 * gradient graphs, reverse loops included, survive a round trip through a graph file.
 */
class KeepGradientsTest {
  /** sum_t sqrt(x_t) * w, over a loop reading x from a TensorArray. */
  private static final class SqrtLoop {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Output x = tf.placeholder(DType.FLOAT64, Shape.of(10), "x");
    final Variable w = tf.variable(tf.constant(2.0), "w");
    final Output y;
    final Output dw;
    final Output dx;

    SqrtLoop() {
      TensorArray xs = tf.tensorArray(DType.FLOAT64, 10, Shape.scalar()).unstack(x);
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(10)), v -> List.of(
          tf.add(v.get(0), tf.constant(1)),
          tf.add(v.get(1), tf.mul(tf.sqrt(xs.read(v.get(0))), w))),
          List.of(tf.constant(0), tf.constant(0.0)));
      y = r.get(1);
      List<Output> grads = Gradients.gradients(List.of(y), List.of(w, x));
      dw = grads.get(0);
      dx = grads.get(1);
      tf.globalVariablesInitializer();
    }

    Tensor data(int zeroAt) {
      double[] v = new double[10];
      for (int i = 0; i < 10; i++) {
        v[i] = i == zeroAt ? 0 : i + 1;
      }
      return Tensor.of(v);
    }
  }

  @Test
  void nanOnlyInTheGradient_isReportedInTheGradientPass_withTheForwardIteration() {
    SqrtLoop m = new SqrtLoop();
    try (Session s = new Session(m.g, RunOptions.defaults().withCheckNumerics(true))) {
      s.run(m.g.operation("init"));
      // Forward: sqrt(0) = 0 is fine.
      double y = s.runner().feed(m.x, m.data(7)).fetch(m.y).run().get(0).doubleValue();
      assertTrue(Double.isFinite(y));
      // d sqrt(x)/dx at 0 is infinite: the reverse loop's iteration 2 is forward iteration 7.
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().feed(m.x, m.data(7)).fetch(m.dx).run());
      assertTrue(e.inGradient(), e.getMessage());
      assertTrue(e.getMessage().contains("in the gradient pass"), e.getMessage());
      assertTrue(e.opName().startsWith("gradients/"), e.getMessage());
      LoopFrame f = e.loopFrames().get(0);
      assertEquals(2, f.iteration(), e.getMessage());
      assertEquals(7, f.forwardIteration(), e.getMessage());
      assertTrue(e.getMessage().contains("in iteration 2 of loop '" + f.loop()
          + "' (the gradient of forward iteration 7)"), e.getMessage());
      assertTrue(e.getMessage().contains("KeepGradientsTest.java"), e.getMessage());
    }
  }

  @Test
  void checkNumericsOp_checksItsGradientToo() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Output c = tf.checkNumerics(x, "x");
    Output y = tf.reduceSum(tf.sqrt(c));
    Output dx = Gradients.gradients(List.of(y), List.of(x)).get(0);
    try (Session s = new Session(g)) {
      Tensor ok = Tensor.of(new float[] {4, 0});
      assertEquals(2, s.runner().feed(x, ok).fetch(y).run().get(0).floatValue());
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().feed(x, ok).fetch(dx).run());
      assertTrue(e.getMessage().contains("values detected in gradient. x: 1 infinite value"),
          e.getMessage());
      assertTrue(e.inGradient());
      NumericsException f = assertThrows(NumericsException.class,
          () -> s.runner().feed(x, Tensor.of(new float[] {Float.NaN, 1})).fetch(y).run());
      assertFalse(f.inGradient());
      assertTrue(f.getMessage().contains("x: 1 NaN value"), f.getMessage());
    }
  }

  @Test
  void gradientGraphs_roundTripThroughGraphFiles() {
    SqrtLoop m = new SqrtLoop();
    Operation step = m.tf.assignSub(m.w, m.tf.mul(m.tf.constant(0.01), m.dw)).op();
    String text = GraphFormat.standard().toText(m.g);
    Graph back = GraphFormat.standard().fromText(text);
    assertEquals(text, GraphFormat.standard().toText(back));
    assertTrue(text.contains("attr bodySlicedInputs [") && !text.contains(
        "attr bodySlicedInputs []\n  out float64"), "a reverse loop with sliced inputs");
    double[] a = runTwoSteps(m.g, step.name());
    double[] b = runTwoSteps(back, step.name());
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i]);
    }
  }

  @Test
  void nestedLoopAndCondGradients_roundTrip_withSharedBodies() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
      List<Output> inner = tf.whileLoop(u -> tf.less(u.get(0), tf.constant(2)),
          u -> List.of(tf.add(u.get(0), tf.constant(1)),
              tf.add(u.get(1), tf.mul(tf.tanh(u.get(1)), x))),
          List.of(tf.constant(0), v.get(1)));
      Output c = tf.cond(p, () -> tf.mul(inner.get(1), x), () -> tf.sigmoid(inner.get(1)));
      return List.of(tf.add(v.get(0), tf.constant(1)), c);
    }, List.of(tf.constant(0), x));
    Output dx = Gradients.gradients(List.of(r.get(1)), List.of(x)).get(0);
    String text = GraphFormat.standard().toText(g);
    assertTrue(text.contains(" shared\n"), "the gradient copies the inner loop's bodies");
    Graph back = GraphFormat.standard().fromText(text);
    assertEquals(text, GraphFormat.standard().toText(back));
    for (boolean taken : new boolean[] {true, false}) {
      Tensor xv = Tensor.of(new double[] {0.3, -0.8});
      try (Session a = new Session(g); Session b = new Session(back)) {
        List<Tensor> ra = a.runner().feed(x, xv).feed(p, Tensor.scalar(taken)).fetch(r.get(1))
            .fetch(dx).run();
        List<Tensor> rb = b.runner().feed(back.operation("x").output(0), xv)
            .feed(back.operation("p").output(0), Tensor.scalar(taken))
            .fetch(back.operation(r.get(1).op().name()).output(r.get(1).index()))
            .fetch(back.operation(dx.op().name()).output(dx.index())).run();
        assertEquals(ra, rb);
      }
    }
  }

  private static double[] runTwoSteps(Graph g, String step) {
    Output x = g.operation("x").output(0);
    try (Session s = new Session(g)) {
      s.run(g.operation("init"));
      Tensor data = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
      s.runner().feed(x, data).addTarget(g.operation(step)).run();
      s.runner().feed(x, data).addTarget(g.operation(step)).run();
      double w = s.run(g.operation("w").output(0)).doubleValue();
      Output dx = null;
      for (Operation op : g.operations()) {
        if (op.name().startsWith("gradients/") && op.numOutputs() == 1
            && op.outputSpec(0).shape().equals(Shape.of(10))) {
          dx = op.output(0);
        }
      }
      double[] g2 = s.runner().feed(x, data).fetch(dx).run().get(0).doubles();
      double[] r = new double[11];
      r[0] = w;
      System.arraycopy(g2, 0, r, 1, 10);
      return r;
    }
  }
}
