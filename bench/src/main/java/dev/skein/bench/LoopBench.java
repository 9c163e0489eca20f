package dev.skein.bench;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.WhileOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A forward-only whileLoop of T steps, each writing one element of {@code E} floats to a
 * TensorArray, for T = 100, 1,000 and 10,000; then the same loop accumulating into a dense tensor
 * with concat (the O(T^2) way) for contrast; then a recurrence h = tanh(h * w + x_t) reading
 * x_t from one TensorArray and writing h to another, forward alone and with its gradient (the
 * reverse loop), to show the gradient is linear in T too.
 *
 * <p>Printed per T:
 * <ul>
 *   <li>time per run (median of several runs) and per step: constant per step means linear;
 *   <li>bytes allocated per run and per step, exact, from the JVM's per-thread allocation
 *       counter ({@code com.sun.management.ThreadMXBean}): if a write copied the array, the
 *       bytes per step would grow with T;
 *   <li>retained bytes: heap in use after a full GC while the loop's final TensorArray value is
 *       held, minus the heap in use before the run, next to the bytes of its T elements. The
 *       array's element store only grows during the loop and the body's temporaries die within
 *       each iteration, so this is the loop's peak live set: T elements plus a few dozen bytes
 *       of object headers each, and nothing else per iteration. (A System.gc() measure through
 *       MemoryMXBean: a few KB of noise from the JVM itself.)
 *   <li>saved for the gradient: heap retained while holding what the forward loop saved per
 *       iteration for the reverse loop (the peak extra memory of a training step), per T and
 *       per step; constant per step means linear in T. A forward-only run saves none of it.
 * </ul>
 * Run: {@code mvn -q -pl bench -am compile} then {@code java -cp <classpath>
 * dev.skein.bench.LoopBench}.
 */
public final class LoopBench {
  private static final int E = 64;
  private static final int[] STEPS = {100, 1_000, 10_000};

  private LoopBench() {}

  public static void main(String[] args) {
    System.out.printf("whileLoop writing a TensorArray, forward only, %d floats per element%n", E);
    System.out.printf("%8s %12s %12s %14s %12s %14s %14s%n", "T", "ms/run", "us/step",
        "alloc B/run", "alloc B/step", "retained B", "elements B");
    for (int t : STEPS) {
      measure(t, true);
    }
    System.out.printf("%nsame loop carrying a dense tensor grown with concat (O(T^2) copying)%n");
    System.out.printf("%8s %12s %12s %14s %12s%n", "T", "ms/run", "us/step", "alloc B/run",
        "alloc B/step");
    for (int t : STEPS) {
      measure(t, false);
    }
    System.out.printf("%nrecurrence over TensorArrays: forward, and forward + gradient w.r.t. the"
        + " inputs and w%n");
    System.out.printf("%8s %14s %14s %20s %18s %16s%n", "T", "fwd us/step", "fwd+bwd us/step",
        "bwd alloc B/step", "saved for grad B", "saved B/step");
    for (int t : STEPS) {
      measureGradient(t);
    }
  }

  private static void measureGradient(int steps) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, E), "x");
    Output w = tf.placeholder(DType.FLOAT32, Shape.of(E), "w");
    TensorArray in = tf.tensorArray(DType.FLOAT32, n, false, Shape.of(E)).unstack(x);
    TensorArray out = tf.tensorArray(DType.FLOAT32, n, false, Shape.of(E));
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> {
      Output t = v.get(0);
      Output h = tf.tanh(tf.add(tf.mul(v.get(1), w), in.read(t)));
      return List.of(tf.add(t, tf.constant(1)), h,
          new TensorArray(v.get(2)).write(t, h).value());
    }, List.of(tf.constant(0), tf.zeros(Shape.of(E)), out.value()));
    Output loss = tf.reduceSum(new TensorArray(r.get(2)).stack());
    List<Output> grads = Gradients.gradients(List.of(loss), List.of(x, w));
    try (Session s = new Session(g)) {
      Tensor xv = Tensor.zeros(DType.FLOAT32, Shape.of(steps, E));
      Tensor wv = Tensor.zeros(DType.FLOAT32, Shape.of(E));
      Tensor nv = Tensor.scalar(steps);
      int runs = 5;
      long[] fwd = new long[runs];
      long[] both = new long[runs];
      long alloc = 0;
      for (int i = 0; i < runs + 2; i++) {
        long t0 = System.nanoTime();
        s.runner().feed(n, nv).feed(x, xv).feed(w, wv).fetch(loss).run();
        long t1 = System.nanoTime();
        long a0 = allocatedBytes();
        s.runner().feed(n, nv).feed(x, xv).feed(w, wv).fetch(grads.get(0)).fetch(grads.get(1))
            .run();
        long t2 = System.nanoTime();
        if (i >= 2) {
          fwd[i - 2] = t1 - t0;
          both[i - 2] = t2 - t1;
          alloc = allocatedBytes() - a0;
        }
      }
      Arrays.sort(fwd);
      Arrays.sort(both);
      long saved = savedForGradient(s, r.get(0).op(), 3, n, nv, x, xv, w, wv);
      System.out.printf("%8d %14.2f %14.2f %20d %18d %16d%n", steps, fwd[runs / 2] / 1e3 / steps,
          both[runs / 2] / 1e3 / steps, alloc / steps, saved, saved / steps);
    }
  }

  /**
   * The peak of a training step's extra memory: the bytes the forward loop saves per iteration
   * for the reverse loop (its outputs past the loop variables, which only the gradient reads),
   * measured as heap retained while they are held. A forward-only run saves none of them.
   */
  private static long savedForGradient(Session s, Operation loop, int loopVars, Output n,
      Tensor nv, Output x, Tensor xv, Output w, Tensor wv) {
    Session.Runner runner = s.runner().feed(n, nv).feed(x, xv).feed(w, wv);
    for (int i = loopVars; i < loop.numOutputs(); i++) {
      runner.fetch(loop.output(i));
    }
    long before = usedAfterGc();
    List<Tensor> held = runner.run();
    long retained = usedAfterGc() - before;
    if (held.isEmpty()) {
      throw new AssertionError("the loop saved nothing for its gradient");
    }
    return retained;
  }

  private static void measure(int steps, boolean tensorArray) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output x = tf.constant(new float[E]);
    Output result;
    Output array = null;
    if (tensorArray) {
      TensorArray ta = tf.tensorArray(DType.FLOAT32, n, false, Shape.of(E));
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> {
        Output t = v.get(0);
        Output y = tf.add(x, tf.cast(t, DType.FLOAT32));
        return List.of(tf.add(t, tf.constant(1)), new TensorArray(v.get(1)).write(t, y).value());
      }, List.of(tf.constant(0), ta.value()));
      array = r.get(1);
      result = new TensorArray(array).stack();
    } else {
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> {
        Output t = v.get(0);
        Output y = tf.expandDims(tf.add(x, tf.cast(t, DType.FLOAT32)), 0);
        return List.of(tf.add(t, tf.constant(1)), tf.concat(List.of(v.get(1), y), 0));
      }, List.of(tf.constant(0), tf.zeros(Shape.of(0, E))),
          WhileOptions.defaults().withShapeInvariants(null, Shape.of(-1, E)));
      result = r.get(1);
    }
    try (Session s = new Session(g)) {
      Tensor feed = Tensor.scalar(steps);
      int runs = tensorArray ? 7 : (steps > 1_000 ? 1 : 3);
      for (int i = 0; i < (tensorArray ? 3 : 1); i++) {
        s.runner().feed(n, feed).fetch(result).run(); // warm-up
      }
      long[] nanos = new long[runs];
      long alloc = 0;
      for (int i = 0; i < runs; i++) {
        long a0 = allocatedBytes();
        long t0 = System.nanoTime();
        s.runner().feed(n, feed).fetch(result).run();
        nanos[i] = System.nanoTime() - t0;
        alloc = allocatedBytes() - a0;
      }
      Arrays.sort(nanos);
      double ms = nanos[runs / 2] / 1e6;
      if (!tensorArray) {
        System.out.printf("%8d %12.2f %12.2f %14d %12d%n", steps, ms, ms * 1000 / steps, alloc,
            alloc / steps);
        return;
      }
      long before = usedAfterGc();
      Tensor held = s.runner().feed(n, feed).fetch(array).run().get(0);
      long retained = usedAfterGc() - before;
      System.out.printf("%8d %12.2f %12.2f %14d %12d %14d %14d%n", steps, ms, ms * 1000 / steps,
          alloc, alloc / steps, retained, held.byteSize());
      if (held.payload() == null) {
        throw new AssertionError("the loop's array was materialized");
      }
    }
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  private static long usedAfterGc() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return m.getHeapMemoryUsage().getUsed();
  }
}
