package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpProfile;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A While whose loop variable nothing reads (not the loop's consumers, not the condition, not
 * the body's needed work, not a gradient's exports) skips the body work that only fed it, and
 * still computes every variable that is read exactly.
 */
class WhileDeadVarsTest {
  private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

  /** How many ops of this type the observed runs executed. */
  private static long count(OpProfile p, String typePrefix) {
    return p.rows().stream().filter(r -> r.opType().startsWith(typePrefix))
        .mapToLong(OpProfile.Row::count).sum();
  }

  /** h_{t+1} = tanh(0.5 h_t + x_t), h_0 = 0, and the sequence of h, by hand. */
  private static double[] recurrence(double[] x) {
    double[] hs = new double[x.length];
    double h = 0;
    for (int t = 0; t < x.length; t++) {
      h = Math.tanh(0.5 * h + x[t]);
      hs[t] = h;
    }
    return hs;
  }

  @Test
  void unreadOutputSequence_isNotWritten_readOneIsExact() {
    double[] xs = {0.3, -1.2, 0.8, 2.0};
    double[] want = recurrence(xs);
    for (DType d : FLOATS) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(d, Shape.of(-1), "x");
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      TensorArray out = tf.tensorArray(d, n, false, Shape.scalar());
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> {
        Output t = v.get(0);
        Output h = tf.tanh(tf.add(tf.mul(v.get(1), tf.cast(tf.constant(0.5), d)),
            tf.gather(x, t)));
        return List.of(tf.add(t, tf.constant(1)), h, new TensorArray(v.get(2)).write(t, h).value());
      }, List.of(tf.constant(0), tf.cast(tf.constant(0.0), d), out.value()));
      Output seq = new TensorArray(r.get(2)).stack();
      Tensor xv = MathTestSupport.tensor(d, Shape.of(xs.length), xs);
      OpProfile p = new OpProfile();
      try (Session s = new Session(g)) {
        s.setObserver(p);
        // Only the final state: the sequence is a dead loop variable, no write runs.
        Tensor last = s.runner().feed(x, xv).feed(n, Tensor.scalar(4)).fetch(r.get(1)).run()
            .get(0);
        assertEquals(want[3], last.doubleValue(), d == DType.FLOAT32 ? 1e-6 : 1e-15);
        assertEquals(4, count(p, "Tanh"));
        assertEquals(0, count(p, "TensorArrayWrite"));
        // The sequence read: every write runs and every element is right.
        p.reset();
        List<Tensor> both = s.runner().feed(x, xv).feed(n, Tensor.scalar(4)).fetch(seq)
            .fetch(r.get(1)).run();
        assertEquals(4, count(p, "TensorArrayWrite"));
        assertArrayEquals(want, both.get(0).toDoubleArray(), d == DType.FLOAT32 ? 1e-6 : 1e-15);
        assertEquals(want[3], both.get(1).doubleValue(), d == DType.FLOAT32 ? 1e-6 : 1e-15);
        // Only the sequence: h is still computed, because the write reads it.
        p.reset();
        Tensor only = s.runner().feed(x, xv).feed(n, Tensor.scalar(4)).fetch(seq).run().get(0);
        assertArrayEquals(want, only.toDoubleArray(), d == DType.FLOAT32 ? 1e-6 : 1e-15);
        assertEquals(4, count(p, "Tanh"));
      }
    }
  }

  @Test
  void variableReadByALiveOne_staysLive_transitively() {
    // a' = a + 1, b' = b + a, c' = 2c + b: fetching c needs b, which needs a. From a = 1,
    // b = 0, c = 0, three iterations give a = 2, 3, 4; b = 1, 3, 6; c = 0, 1, 5.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.add(v.get(1), tf.constant(1.0)),
            tf.add(v.get(2), v.get(1)), tf.add(tf.mul(v.get(3), tf.constant(2.0)), v.get(2))),
        List.of(tf.constant(0), tf.constant(1.0), tf.constant(0.0), tf.constant(0.0)));
    try (Session s = new Session(g)) {
      assertEquals(5.0, s.run(r.get(3)).doubleValue());
      assertEquals(6.0, s.run(r.get(2)).doubleValue());
      assertEquals(4.0, s.run(r.get(1)).doubleValue());
      // The counter alone: the condition reads it, so it counts though nothing else runs.
      assertEquals(3, s.run(r.get(0)).intValue());
      List<Tensor> all = s.runner().fetch(r.get(1)).fetch(r.get(3)).run();
      assertEquals(4.0, all.get(0).doubleValue());
      assertEquals(5.0, all.get(1).doubleValue());
    }
  }

  @Test
  void innerLoopFeedingOnlyADeadVariable_doesNotRun() {
    // Outer: i' = i + 1, s' = s + (inner loop: 4 doublings of i + 1), three times. Reading only
    // i, the inner loop never runs; reading s, it runs 3 times: s = 16 (1 + 2 + 3) = 96.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
      List<Output> inner = tf.whileLoop(u -> tf.less(u.get(0), tf.constant(4)),
          u -> List.of(tf.add(u.get(0), tf.constant(1)), tf.mul(u.get(1), tf.constant(2.0))),
          List.of(tf.constant(0), tf.cast(tf.add(v.get(0), tf.constant(1)), DType.FLOAT64)));
      return List.of(tf.add(v.get(0), tf.constant(1)), tf.add(v.get(1), inner.get(1)));
    }, List.of(tf.constant(0), tf.constant(0.0)));
    OpProfile p = new OpProfile();
    try (Session s = new Session(g)) {
      s.setObserver(p);
      assertEquals(3, s.run(r.get(0)).intValue());
      assertEquals(1, count(p, "While"), "only the outer loop ran");
      p.reset();
      assertEquals(96.0, s.run(r.get(1)).doubleValue());
      assertEquals(4, count(p, "While"), "the outer loop and three inner ones");
    }
  }

  @Test
  void statefulBodyOp_readingAnUnusedVariable_keepsItLive() {
    // acc += a each iteration, a' = a + 1; the loop's a output is never read, yet the
    // assignment (a stateful op, run on every call) reads a: 1 + 2 + 3 = 6.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable acc = tf.variable(tf.constant(0.0), "acc");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
      tf.assignAdd(acc, v.get(1));
      return List.of(tf.add(v.get(0), tf.constant(1)), tf.add(v.get(1), tf.constant(1.0)));
    }, List.of(tf.constant(0), tf.constant(1.0)));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(3, s.run(r.get(0)).intValue());
      assertEquals(6.0, s.run(acc).doubleValue());
    }
  }
}
