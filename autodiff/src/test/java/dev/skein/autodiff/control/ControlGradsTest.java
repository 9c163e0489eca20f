package dev.skein.autodiff.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientChecker;
import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.ControlOps;
import dev.skein.core.ops.control.TensorArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gradients of whileLoop, cond and TensorArrays, against formulas, the checker and unrolling. */
class ControlGradsTest {
  private static final int B = 2;
  private static final int H = 3;

  @Test
  void powerByLoop_gradientIsNTimesXToTheNMinusOne_tripCountFedAtRunTime() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(d, Shape.scalar(), "x");
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n),
          v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), x)),
          List.of(tf.constant(0), tf.onesLike(x)));
      Output dx = Gradients.gradient(r.get(1), x);
      try (Session s = new Session(g)) {
        for (int k : new int[] {0, 1, 2, 5, 9}) {
          double xv = 1.3;
          Tensor xt = d == DType.FLOAT32 ? Tensor.scalar((float) xv) : Tensor.scalar(xv);
          List<Tensor> out = s.runner().feed(x, xt).feed(n, Tensor.scalar(k)).fetch(r.get(1))
              .fetch(dx).run();
          assertEquals(Math.pow(xv, k), out.get(0).doubleValue(), 1e-5 * Math.pow(xv, k));
          double want = k == 0 ? 0 : k * Math.pow(xv, k - 1);
          assertEquals(want, out.get(1).doubleValue(), 1e-5 * Math.max(1, want), d + " n=" + k);
        }
      }
    }
  }

  @Test
  void captureNeedingNoGradient_getsNoAccumulator_sameGradients() {
    // h = tanh(h * w + x_t) over a TensorArray of fed x: the gradient w.r.t. w alone must not
    // carry an accumulator for the (fed) input array, and must equal the gradient computed
    // when the inputs' gradient is asked for too.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(4, H), "x");
    Output w = tf.placeholder(DType.FLOAT64, Shape.of(H), "w");
    TensorArray in = tf.tensorArray(DType.FLOAT64, tf.constant(4), false, Shape.of(H)).unstack(x);
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(4)), v -> List.of(
        tf.add(v.get(0), tf.constant(1)),
        tf.tanh(tf.add(tf.mul(v.get(1), w), in.read(v.get(0))))),
        List.of(tf.constant(0), tf.zeros(Shape.of(H), DType.FLOAT64)));
    Output loss = tf.reduceSum(tf.square(r.get(1)));
    int whilesBefore = whileOps(g).size();
    Output dwOnly = Gradients.gradient(loss, w);
    List<Operation> whiles = whileOps(g);
    ControlOps.While reverse = (ControlOps.While) whiles.get(whilesBefore).type();
    // Counter, the gradient of h, the accumulator of w: not one for the input array.
    assertEquals(3, reverse.numLoopVars());
    List<Output> both = Gradients.gradients(loss, List.of(w, x));
    ControlOps.While reverse2 = (ControlOps.While) whileOps(g).get(whiles.size()).type();
    assertEquals(4, reverse2.numLoopVars());
    try (Session s = new Session(g)) {
      double[][] xv = {{0.1, -0.2, 0.3}, {0.5, 0.4, -0.6}, {-0.1, 0.2, 0.9}, {0.3, -0.7, 0.2}};
      List<Tensor> v = s.runner().feed(x, Tensor.of(xv)).feed(w, Tensor.of(new double[] {0.5,
          -1.2, 0.8})).fetch(dwOnly).fetch(both.get(0)).run();
      double[] a = v.get(0).doubles();
      double[] b = v.get(1).doubles();
      for (int i = 0; i < H; i++) {
        assertEquals(b[i], a[i], 1e-12);
      }
    }
  }

  private static List<Operation> whileOps(Graph g) {
    List<Operation> r = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (op.type() instanceof ControlOps.While) {
        r.add(op);
      }
    }
    return r;
  }

  @Test
  void forwardOnlyRun_savesNothing_gradientRunSavesOnlyWhatItReads() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.scalar(), "x");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(4)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.tanh(tf.mul(v.get(1), x))),
        List.of(tf.constant(0), x));
    Output dx = Gradients.gradient(r.get(1), x);
    Operation w = r.get(0).op();
    ControlOps.While wt = (ControlOps.While) w.type();
    int read = 0;
    for (int j = 0; j < wt.body().exportable().size(); j++) {
      Output e = w.output(wt.exportOutput(j));
      boolean consumed = g.operations().stream().anyMatch(op -> op.inputs().contains(e));
      read += consumed ? 1 : 0;
    }
    // The gradient reads the body's value of acc (for d(acc*x)) and of acc*x (for d tanh),
    // not the counter or the tanh itself.
    assertTrue(read >= 1 && read < wt.body().exportable().size(), "exports read: " + read);
    try (Session s = new Session(g)) {
      double xv = 0.7;
      double acc = xv;
      double dacc = 0;
      double[] accs = new double[4];
      for (int i = 0; i < 4; i++) {
        accs[i] = acc;
        acc = Math.tanh(acc * xv);
      }
      // d/dx by hand: reverse accumulation of y_{i+1} = tanh(y_i x), y_0 = x.
      double gy = 1;
      for (int i = 3; i >= 0; i--) {
        double th = Math.tanh(accs[i] * xv);
        double c = 1 - th * th;
        dacc += gy * c * accs[i];
        gy = gy * c * xv;
      }
      dacc += gy;
      List<Tensor> out = s.runner().feed(x, Tensor.scalar(xv)).fetch(r.get(1)).fetch(dx).run();
      assertEquals(acc, out.get(0).doubleValue(), 1e-12);
      assertEquals(dacc, out.get(1).doubleValue(), 1e-12);
    }
  }

  /**
   * h_{t+1} = tanh(W h_t + x_t) for a batch (h [B, H]) by whileLoop, x_t read by slicing a
   * captured tensor or from a TensorArray; returns sum_t (t + 1) * sum(h_t) + sum(h_T^2).
   */
  private static Output loopRecurrence(Ops tf, Output w, Output xs, Output h0, int steps,
      boolean tensorArrays) {
    Output t0 = tf.constant(0);
    if (!tensorArrays) {
      // x_t read by slicing a captured tensor; outputs accumulated into a running sum.
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(steps)), v -> {
        Output t = v.get(0);
        Output xt = tf.squeeze(tf.gather(xs, tf.expandDims(t, 0)), new int[] {0});
        Output h = tf.tanh(tf.add(matvec(tf, w, v.get(1)), xt));
        Output weight = tf.cast(tf.add(t, tf.constant(1)), DType.FLOAT64);
        return List.of(tf.add(t, tf.constant(1)), h,
            tf.add(v.get(2), tf.reduceSum(tf.mul(h, weight))));
      }, List.of(t0, h0, tf.constant(0.0)));
      return tf.add(r.get(2), tf.reduceSum(tf.mul(r.get(1), r.get(1))));
    }
    TensorArray in = tf.tensorArray(DType.FLOAT64, tf.constant(steps), false, Shape.of(B, H))
        .unstack(xs);
    TensorArray out = tf.tensorArray(DType.FLOAT64, tf.constant(steps), false, Shape.unknown());
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(steps)), v -> {
      Output t = v.get(0);
      Output h = tf.tanh(tf.add(matvec(tf, w, v.get(1)), in.read(t)));
      return List.of(tf.add(t, tf.constant(1)), h, new TensorArray(v.get(2)).write(t, h).value());
    }, List.of(t0, h0, out.value()));
    Output stacked = new TensorArray(r.get(2)).stack();
    return weightedSum(tf, stacked, r.get(1), steps);
  }

  private static Output weightedSum(Ops tf, Output stacked, Output last, int steps) {
    double[] weights = new double[steps];
    for (int t = 0; t < steps; t++) {
      weights[t] = t + 1;
    }
    Output wsum = tf.reduceSum(tf.mul(stacked,
        tf.reshape(tf.constant(weights), new int[] {steps, 1, 1})));
    return tf.add(wsum, tf.reduceSum(tf.mul(last, last)));
  }

  private static Output unrolledRecurrence(Ops tf, Output w, Output xs, Output h0, int steps) {
    List<Output> hs = new ArrayList<>();
    List<Output> xt = tf.unstack(xs, 0, steps);
    Output h = h0;
    for (int t = 0; t < steps; t++) {
      h = tf.tanh(tf.add(matvec(tf, w, h), xt.get(t)));
      hs.add(h);
    }
    return weightedSum(tf, tf.stack(hs), h, steps);
  }

  /** W h_b for each row h_b of h [B, H]. */
  private static Output matvec(Ops tf, Output w, Output h) {
    return tf.matmul(h, w, false, true);
  }

  private static List<Tensor> recurrenceValues(int steps) {
    return List.of(Tensor.create(Shape.of(H, H), values(H * H, 1, 0.6)),
        Tensor.create(Shape.of(steps, B, H), values(steps * B * H, 2, 1.0)),
        Tensor.create(Shape.of(B, H), values(B * H, 3, 0.5)));
  }

  private static double[] values(int n, int seed, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(1.7 * i + seed) * scale;
    }
    return v;
  }

  @Test
  void tanhRecurrenceByLoop_gradientCheck_weightsInputsInitialState() {
    for (boolean tensorArrays : new boolean[] {false, true}) {
      int steps = 10;
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output w = tf.placeholder(DType.FLOAT64, Shape.of(H, H), "W");
      Output xs = tf.placeholder(DType.FLOAT64, Shape.of(steps, B, H), "xs");
      Output h0 = tf.placeholder(DType.FLOAT64, Shape.of(B, H), "h0");
      Output y = loopRecurrence(tf, w, xs, h0, steps, tensorArrays);
      GradientChecker.Result res = GradientChecker.compute(List.of(w, xs, h0),
          recurrenceValues(steps), y);
      assertTrue(res.maxRelError() < 1e-6, (tensorArrays ? "TensorArray" : "slicing") + ": "
          + res);
    }
  }

  @Test
  void tensorArrayRecurrence_gradientsMatchUnrolled() {
    int steps = 10;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output w = tf.placeholder(DType.FLOAT64, Shape.of(H, H), "W");
    Output xs = tf.placeholder(DType.FLOAT64, Shape.of(steps, B, H), "xs");
    Output h0 = tf.placeholder(DType.FLOAT64, Shape.of(B, H), "h0");
    Output looped = loopRecurrence(tf, w, xs, h0, steps, true);
    Output unrolled = unrolledRecurrence(tf, w, xs, h0, steps);
    List<Output> gl = Gradients.gradients(List.of(looped), List.of(w, xs, h0));
    List<Output> gu = Gradients.gradients(List.of(unrolled), List.of(w, xs, h0));
    List<Tensor> v = recurrenceValues(steps);
    try (Session s = new Session(g)) {
      Session.Runner run = s.runner().feed(w, v.get(0)).feed(xs, v.get(1)).feed(h0, v.get(2))
          .fetch(looped).fetch(unrolled);
      for (int i = 0; i < 3; i++) {
        run.fetch(gl.get(i)).fetch(gu.get(i));
      }
      List<Tensor> out = run.run();
      assertEquals(out.get(1).doubleValue(), out.get(0).doubleValue(), 1e-12);
      for (int i = 0; i < 3; i++) {
        Tensor a = out.get(2 + 2 * i);
        Tensor b = out.get(3 + 2 * i);
        assertEquals(b.shape(), a.shape());
        for (int k = 0; k < a.size(); k++) {
          assertEquals(b.getDouble(k), a.getDouble(k), 1e-6, "input " + i + " at " + k);
        }
      }
    }
  }

  @Test
  void nestedLoops_gradientCheck() {
    // y = prod over outer i<3 of (sum over inner j<2 of x * (j + 1)) ... built as nested loops.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
      List<Output> inner = tf.whileLoop(u -> tf.less(u.get(0), tf.constant(2)),
          u -> List.of(tf.add(u.get(0), tf.constant(1)),
              tf.add(u.get(1), tf.mul(tf.tanh(u.get(1)), x))),
          List.of(tf.constant(0), v.get(1)));
      return List.of(tf.add(v.get(0), tf.constant(1)), inner.get(1));
    }, List.of(tf.constant(0), x));
    GradientChecker.Result res = GradientChecker.compute(List.of(x),
        List.of(Tensor.of(new double[] {0.3, -0.8})), r.get(1));
    assertTrue(res.maxRelError() < 1e-6, res.toString());
  }

  @Test
  void cond_gradientFollowsTheTakenBranch() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    Output z = tf.placeholder(DType.FLOAT64, Shape.of(2), "z");
    Output y = tf.cond(p, () -> tf.mul(tf.tanh(x), x), () -> tf.mul(z, tf.constant(3.0)));
    List<Output> grads = Gradients.gradients(List.of(tf.reduceSum(y)), List.of(x, z));
    try (Session s = new Session(g)) {
      double[] xv = {0.4, -1.1};
      List<Tensor> t = s.runner().feed(p, Tensor.scalar(true)).feed(x, Tensor.of(xv))
          .feed(z, Tensor.of(new double[] {1, 2})).fetch(grads.get(0)).fetch(grads.get(1)).run();
      for (int i = 0; i < 2; i++) {
        double th = Math.tanh(xv[i]);
        assertEquals((1 - th * th) * xv[i] + th, t.get(0).getDouble(i), 1e-12);
        assertEquals(0, t.get(1).getDouble(i));
      }
      List<Tensor> f = s.runner().feed(p, Tensor.scalar(false)).feed(x, Tensor.of(xv))
          .feed(z, Tensor.of(new double[] {1, 2})).fetch(grads.get(0)).fetch(grads.get(1)).run();
      for (int i = 0; i < 2; i++) {
        assertEquals(0, f.get(0).getDouble(i));
        assertEquals(3, f.get(1).getDouble(i));
      }
    }
    GradientChecker.Result res = GradientChecker.compute(new Session(g), List.of(x, z),
        List.of(Tensor.of(new double[] {0.4, -1.1}), Tensor.of(new double[] {1, 2})), y,
        Map.of(p, Tensor.scalar(true)), GradientChecker.DEFAULT_DELTA);
    assertTrue(res.maxRelError() < 1e-6, res.toString());
  }

  @Test
  void intLoopVarAndUnusedOutputs_getNoGradient() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.scalar(), "x");
    Output unrelated = tf.placeholder(DType.FLOAT64, Shape.scalar(), "u");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), x), v.get(2)),
        List.of(tf.constant(0), x, unrelated));
    List<Output> grads = Gradients.gradients(List.of(r.get(1)), List.of(x, unrelated));
    assertNull(grads.get(1));
    try (Session s = new Session(g)) {
      Tensor t = s.runner().feed(x, Tensor.scalar(2.0)).feed(unrelated, Tensor.scalar(1.0))
          .fetch(grads.get(0)).run().get(0);
      assertEquals(4 * 8.0, t.doubleValue(), 1e-12); // d x^4 / dx at 2
    }
  }

  @Test
  void secondDerivativeThroughALoop_isRefusedClearly() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.scalar(), "x");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), x)),
        List.of(tf.constant(0), x));
    Output dx = Gradients.gradient(r.get(1), x);
    dev.skein.core.OpException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.skein.core.OpException.class, () -> Gradients.gradient(dx, x));
    assertTrue(e.getMessage().contains(
        "second derivatives of loops and conditionals are not supported"), e.getMessage());
  }
}
