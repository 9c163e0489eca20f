package dev.skein.core.io;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.array.SliceIndex;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.WhileOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph touching every kind of attribute the op types use (ints, doubles, booleans, strings,
 * int arrays, shapes, dtypes, tensors, enums, nested records, seeds, operation references,
 * function bodies with captures, TensorArrays and maximum iterations), plus scopes, devices and
 * control dependencies; with the feeds and fetches to run it.
 */
final class GraphSamples {
  final Graph g = new Graph();
  final Ops tf = Ops.create(g);
  final Output x;
  final Output steps;
  final Output pred;
  final List<Output> fetches = new ArrayList<>();
  final Operation init;
  final Operation train;

  GraphSamples() {
    g.setSeed(1234);
    x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    steps = tf.placeholder(DType.INT32, Shape.scalar(), "steps");
    pred = tf.placeholder(DType.BOOL, Shape.scalar(), "pred");
    Variable w;
    Variable b;
    try (Graph.Scope s = tf.nameScope("layer")) {
      w = tf.variable(tf.randomNormal(Shape.of(3, 4), 0, 0.5, DType.FLOAT32, null), "kernel");
      try (Graph.Scope d = g.device("/cpu:0")) {
        b = tf.variable(tf.constant(new float[] {0.1f, -0.2f, Float.MIN_VALUE, 1e30f}), "bias");
      }
    }
    Variable count = tf.variable(tf.constant(0), "count");
    init = tf.globalVariablesInitializer();
    Output h = tf.tanh(tf.add(tf.matmul(x, w), b));
    fetches.add(h);
    fetches.add(tf.reduceSum(h, new int[] {1}, true));
    fetches.add(tf.argMax(h, 1));
    fetches.add(tf.softmax(h));
    fetches.add(tf.stridedSlice(h, SliceIndex.all(), SliceIndex.range(1, 3)));
    fetches.add(tf.transpose(h, new int[] {1, 0}));
    fetches.add(tf.oneHot(tf.argMax(h, 1), 4, 2.5, -1, -1, DType.FLOAT64));
    fetches.add(tf.cast(tf.greater(h, tf.constant(0f)), DType.INT32));
    fetches.add(tf.constant(Tensor.create(Shape.of(100), range(100)), "big"));
    fetches.add(tf.constant(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1e-300}));
    fetches.add(tf.constant(new boolean[][] {{true, false}}));
    fetches.add(tf.randomUniform(Shape.of(2, 2)));
    fetches.add(tf.checkNumerics(h, "h is \"bad\"\n\u00e9"));
    // A loop over a TensorArray, capturing w and b, with a nested cond and loop.
    TensorArray ta = tf.tensorArray(DType.FLOAT32, steps, false, Shape.of(-1, 4));
    List<Output> r;
    try (Graph.Scope s = tf.nameScope("rnn")) {
      r = tf.whileLoop(v -> tf.less(v.get(0), steps), v -> {
        Output t = v.get(0);
        Output hh = tf.tanh(tf.add(tf.matmul(tf.slice(v.get(1), new int[] {0, 0},
            new int[] {-1, 3}), w), b));
        Output c = tf.cond(pred, () -> tf.mul(hh, tf.constant(2f)), () -> tf.neg(hh));
        List<Output> inner = tf.whileLoop(u -> tf.less(u.get(0), tf.constant(2)),
            u -> List.of(tf.add(u.get(0), tf.constant(1)), tf.add(u.get(1), c)),
            List.of(tf.constant(0), c));
        return List.of(tf.add(t, tf.constant(1)), inner.get(1),
            new TensorArray(v.get(2)).write(t, hh).value());
      }, List.of(tf.constant(0), h, ta.value()), WhileOptions.defaults()
          .withMaximumIterations(5).withName("loop"));
    }
    fetches.add(r.get(1));
    fetches.add(new TensorArray(r.get(2)).stack());
    Output upd;
    try (Graph.Scope s = tf.controlDependencies(fetches.get(0).op())) {
      upd = tf.assignAdd(count, tf.constant(1));
    }
    train = tf.group(upd.op(), tf.assign(b, tf.mul(b, tf.constant(0.5f))).op());
  }

  private static float[] range(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.37f - 5;
    }
    return v;
  }

  /** Runs the graph g2 (this graph, or one read back from a file) and returns all fetches. */
  static List<Tensor> run(Graph g2) {
    try (Session s = new Session(g2)) {
      s.run(g2.operation("init"));
      Tensor xv = Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}});
      Session.Runner r = s.runner()
          .feed(g2.operation("x").output(0), xv)
          .feed(g2.operation("steps").output(0), Tensor.scalar(4))
          .feed(g2.operation("pred").output(0), Tensor.scalar(true));
      GraphSamples names = NAMES;
      for (String f : names.fetchNames()) {
        int colon = f.lastIndexOf(':');
        r.fetch(g2.operation(f.substring(0, colon)).output(
            Integer.parseInt(f.substring(colon + 1))));
      }
      List<Tensor> out = new ArrayList<>(r.run());
      s.runner().feed(g2.operation("x").output(0), xv)
          .addTarget(g2.operation(names.train.name())).run();
      out.add(s.run(g2.operation("layer/bias").output(0)));
      out.add(s.run(g2.operation("count").output(0)));
      return out;
    }
  }

  private static final GraphSamples NAMES = new GraphSamples();

  List<String> fetchNames() {
    List<String> r = new ArrayList<>();
    for (Output o : fetches) {
      r.add(o.name());
    }
    return r;
  }
}
