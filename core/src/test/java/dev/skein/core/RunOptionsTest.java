package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.ops.Ops;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Timeouts, cancellation and numeric checks of Session runs (RunOptions). */
class RunOptionsTest {
  /** A loop of {@code n} iterations adding 1 to v in each; returns the loop's counter. */
  private static Output countingLoop(Ops tf, Variable v, Output n) {
    return tf.whileLoop(vs -> tf.less(vs.get(0), n), vs -> {
      Output a = tf.assignAdd(v, tf.constant(1));
      try (Graph.Scope s = tf.controlDependencies(a.op())) {
        return List.of(tf.add(vs.get(0), tf.constant(1)));
      }
    }, List.of(tf.constant(0))).get(0);
  }

  @Test
  void cancelledHandle_stopsBeforeTheFirstOp_nothingApplied() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable v = tf.variable(tf.constant(0), "v");
    Output add = tf.assignAdd(v, tf.constant(5));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Cancellation c = new Cancellation();
      c.cancel("user pressed stop");
      RunCancelledException e = assertThrows(RunCancelledException.class,
          () -> s.runner().cancellation(c).fetch(add).run());
      assertFalse(e.timedOut());
      assertTrue(e.getMessage().contains("user pressed stop"), e.getMessage());
      assertTrue(e.getMessage().contains("keep their effects"), e.getMessage());
      assertEquals(0, s.run(v).intValue());
      // A run without the handle is unaffected.
      assertEquals(5, s.run(add).intValue());
    }
  }

  @Test
  void cancelFromAnotherThread_stopsBetweenLoopIterations_completedIterationsStayApplied()
      throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable v = tf.variable(tf.constant(0), "v");
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output loop = countingLoop(tf, v, n);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Cancellation c = new Cancellation();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      Thread runner = new Thread(() -> {
        try {
          s.runner().cancellation(c).feed(n, Tensor.scalar(Integer.MAX_VALUE)).fetch(loop).run();
        } catch (Throwable t) {
          thrown.set(t);
        } finally {
          done.countDown();
        }
      });
      runner.start();
      // Wait until the loop has made progress, then cancel.
      long t0 = System.nanoTime();
      while (s.state().variable(v.op()).intValue() < 100
          && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20)) {
        Thread.sleep(1);
      }
      c.cancel();
      assertTrue(done.await(20, TimeUnit.SECONDS), "the run did not stop");
      RunCancelledException e = (RunCancelledException) thrown.get();
      assertEquals(1, e.loopFrames().size(), e.getMessage());
      LoopFrame f = e.loopFrames().get(0);
      assertEquals("while", f.loop());
      assertTrue(e.getMessage().contains("of loop 'while'"), e.getMessage());
      // Iterations are atomic here: each one that ran added 1 and no other did, and the
      // cancellation landed either between iterations or between ops of iteration f.iteration().
      int applied = s.state().variable(v.op()).intValue();
      assertTrue(applied == f.iteration() || applied == f.iteration() + 1,
          applied + " vs " + e.getMessage());
      assertTrue(applied >= 100, "applied " + applied);
    }
  }

  @Test
  void timeout_stopsALongLoop() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable v = tf.variable(tf.constant(0), "v");
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output loop = countingLoop(tf, v, n);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      long t0 = System.nanoTime();
      RunCancelledException e = assertThrows(RunCancelledException.class,
          () -> s.runner().timeout(Duration.ofMillis(50))
              .feed(n, Tensor.scalar(Integer.MAX_VALUE)).fetch(loop).run());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(e.timedOut());
      assertTrue(e.getMessage().contains("timed out (timeout 50 ms)"), e.getMessage());
      assertTrue(ms < 5_000, ms + " ms");
      assertTrue(s.state().variable(v.op()).intValue() > 0);
      // Session-wide default options apply to every run.
      try (Session t = new Session(g, RunOptions.defaults().withTimeout(Duration.ofMillis(500)))) {
        t.run(tf.globalVariablesInitializer());
        assertThrows(RunCancelledException.class,
            () -> t.runner().feed(n, Tensor.scalar(Integer.MAX_VALUE)).fetch(loop).run());
        assertEquals(3, t.runner().feed(n, Tensor.scalar(3)).fetch(loop).run().get(0)
            .intValue());
      }
    }
  }

  @Test
  void runOptions_validateTheirValues() {
    assertThrows(IllegalArgumentException.class,
        () -> RunOptions.defaults().withTimeout(Duration.ZERO));
    RunOptions o = RunOptions.defaults().withCheckNumerics(true);
    assertTrue(o.checkNumerics());
    assertFalse(RunOptions.defaults().checkNumerics());
    assertEquals(o, RunOptions.defaults().withCheckNumerics(true));
  }

  @Test
  void checkNumerics_namesTheOpLineAndPass_forFloat32AndFloat64() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(d, Shape.of(-1), "x");
      Output y = tf.log(x);
      Output z = tf.mul(y, y);
      Tensor feed = d == DType.FLOAT32 ? Tensor.of(new float[] {1, -1, 0})
          : Tensor.of(new double[] {1, -1, 0});
      try (Session s = new Session(g)) {
        // Without checks the NaN flows through.
        assertTrue(Double.isNaN(s.runner().feed(x, feed).fetch(z).run().get(0).getDouble(1)));
        NumericsException e = assertThrows(NumericsException.class,
            () -> s.runner().checkNumerics(true).feed(x, feed).fetch(z).run());
        assertEquals("Log", e.opName());
        assertEquals(1, e.nanCount());
        assertEquals(1, e.infCount());
        assertFalse(e.inGradient());
        assertEquals(-1, e.iteration());
        String m = e.getMessage();
        assertTrue(m.contains("Log op 'Log'"), m);
        assertTrue(m.contains("1 NaN and 1 infinite values in output 0 (" + d
            + " (3,); the first at flat index 1 is NaN)"), m);
        assertTrue(m.contains("in the forward pass"), m);
        assertTrue(m.contains("RunOptionsTest.java"), m);
      }
      try (Session s = new Session(g, RunOptions.defaults().withCheckNumerics(true))) {
        assertThrows(NumericsException.class, () -> s.runner().feed(x, feed).fetch(z).run());
        // Finite values pass, and int outputs are not checked.
        Tensor ok = d == DType.FLOAT32 ? Tensor.of(new float[] {1, 2}) : Tensor.of(new double[] {1,
            2});
        assertEquals(2, s.runner().feed(x, ok).fetch(z).run().get(0).size());
      }
    }
  }

  @Test
  void checkNumerics_inALoop_reportsTheIteration() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    float[] xs = new float[12];
    java.util.Arrays.fill(xs, 0.5f);
    xs[7] = Float.NaN;
    // Fed values are not checked (no op produced them): the NaN shows where an op outputs it.
    Output xv = tf.placeholder(DType.FLOAT32, Shape.of(12), "xs");
    Output h0 = tf.constant(0f);
    List<Output> r = tf.whileLoop(vs -> tf.less(vs.get(0), tf.constant(12)), vs -> {
      Output h;
      try (Graph.Scope s = tf.nameScope("cell")) {
        h = tf.tanh(tf.add(vs.get(1), tf.gather(xv, vs.get(0), 0)));
      }
      return List.of(tf.add(vs.get(0), tf.constant(1)), h);
    }, List.of(tf.constant(0), h0));
    try (Session s = new Session(g)) {
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().checkNumerics(true).feed(xv, Tensor.of(xs)).fetch(r.get(1)).run());
      assertEquals(7, e.iteration(), e.getMessage());
      assertEquals("while/body/cell/GatherV2", e.opName(), e.getMessage());
      assertEquals(List.of(new LoopFrame("while", 7, -1)), e.loopFrames());
      assertTrue(e.getMessage().contains("in iteration 7 of loop 'while'"), e.getMessage());
      assertTrue(e.getMessage().contains("RunOptionsTest.java"), e.getMessage());
    }
  }

  @Test
  void checkNumerics_nestedLoops_reportEveryIteration() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output inf = tf.placeholder(DType.FLOAT32, Shape.of(6), "inf");
    List<Output> r = tf.whileLoop(o -> tf.less(o.get(0), tf.constant(3)), o -> {
      List<Output> inner = tf.whileLoop(i -> tf.less(i.get(0), tf.constant(2)), i -> {
        Output idx = tf.add(tf.mul(o.get(0), tf.constant(2)), i.get(0));
        return List.of(tf.add(i.get(0), tf.constant(1)),
            tf.add(i.get(1), tf.gather(inf, idx, 0)));
      }, List.of(tf.constant(0), o.get(1)));
      return List.of(tf.add(o.get(0), tf.constant(1)), inner.get(1));
    }, List.of(tf.constant(0), tf.constant(0f)));
    try (Session s = new Session(g)) {
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().checkNumerics(true)
              .feed(inf, Tensor.of(new float[] {1, 1, 1, 1, 1, Float.POSITIVE_INFINITY}))
              .fetch(r.get(1)).run());
      // Element 5 = outer iteration 2, inner iteration 1.
      assertEquals(2, e.loopFrames().size(), e.getMessage());
      assertEquals(1, e.loopFrames().get(0).iteration());
      assertEquals("while/body/while", e.loopFrames().get(0).loop());
      assertEquals(2, e.loopFrames().get(1).iteration());
      assertEquals("while", e.loopFrames().get(1).loop());
    }
  }

  @Test
  void checkNumerics_insideACond_andTheBranchNotTakenIsNotChecked() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Output x = tf.constant(new double[] {0, 1});
    Output y = tf.cond(p, () -> tf.div(tf.constant(1.0), x), () -> tf.add(x, x));
    try (Session s = new Session(g, RunOptions.defaults().withCheckNumerics(true))) {
      assertArrayEquals(new double[] {0, 2},
          s.runner().feed(p, Tensor.scalar(false)).fetch(y).run().get(0).doubles());
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().feed(p, Tensor.scalar(true)).fetch(y).run());
      assertTrue(e.opName().startsWith("cond/then/"), e.getMessage());
    }
  }
}
