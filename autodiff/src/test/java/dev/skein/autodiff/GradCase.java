package dev.skein.autodiff;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One row of the gradient-check table: a function of float64 placeholders, the shapes to feed,
 * and the interval each input's values come from. Values are a shuffled, jittered grid, so no
 * two values of inputs sharing an interval are closer than a fraction of the grid spacing: inputs
 * stay away from ties (max, min) and, for intervals symmetric around 0, from the kink at 0.
 */
public final class GradCase {
  /** Builds y from the placeholders. */
  @FunctionalInterface
  public interface Build {
    Output build(Ops tf, List<Output> xs);
  }

  final String name;
  final Build build;
  final List<Shape> shapes;
  final double[] lo;
  final double[] hi;
  boolean staticOnly;
  double tolerance = 1e-6;

  private GradCase(String name, Build build, List<Shape> shapes) {
    this.name = name;
    this.build = build;
    this.shapes = shapes;
    this.lo = new double[shapes.size()];
    this.hi = new double[shapes.size()];
    java.util.Arrays.fill(lo, -2);
    java.util.Arrays.fill(hi, 2);
  }

  public static GradCase of(String name, Build build, Shape... shapes) {
    return new GradCase(name, build, List.of(shapes));
  }

  /** Values of input i come from [lo, hi]. */
  public GradCase domain(int i, double lo, double hi) {
    this.lo[i] = lo;
    this.hi[i] = hi;
    return this;
  }

  /** Every input's values come from [lo, hi]. */
  public GradCase domain(double lo, double hi) {
    java.util.Arrays.fill(this.lo, lo);
    java.util.Arrays.fill(this.hi, hi);
    return this;
  }

  /** Skip the variant whose placeholders have unknown dimensions (for ops that need them). */
  public GradCase staticOnly() {
    staticOnly = true;
    return this;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A built case: its graph, placeholders and y. */
  record Built(Graph graph, List<Output> xs, Output y) {}

  /** Builds the case in a fresh graph; with unknownDims the placeholders have rank but no dims. */
  Built build(boolean unknownDims) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> xs = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      Shape s = unknownDims ? Shape.unknownDims(shapes.get(i).rank()) : shapes.get(i);
      xs.add(tf.placeholder(DType.FLOAT64, s, "x" + i));
    }
    return new Built(g, xs, build.build(tf, xs));
  }

  /** Runs the gradient checker on this case. */
  GradientChecker.Result check(boolean unknownDims) {
    Built b = build(unknownDims);
    return GradientChecker.compute(b.xs(), values(), b.y());
  }

  /** Input values: for each interval, one shuffled grid shared by the inputs that use it. */
  List<Tensor> values() {
    Random rnd = new Random(name.hashCode());
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < shapes.size(); i++) {
      groups.computeIfAbsent(lo[i] + ":" + hi[i], k -> new ArrayList<>()).add(i);
    }
    double[][] vals = new double[shapes.size()][];
    for (List<Integer> group : groups.values()) {
      int n = 0;
      for (int i : group) {
        n += shapes.get(i).numElements();
      }
      List<Integer> perm = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        perm.add(k);
      }
      Collections.shuffle(perm, rnd);
      int next = 0;
      for (int i : group) {
        double step = (hi[i] - lo[i]) / n;
        vals[i] = new double[shapes.get(i).numElements()];
        for (int k = 0; k < vals[i].length; k++) {
          double jitter = (rnd.nextDouble() - 0.5) * 0.4;
          vals[i][k] = lo[i] + (perm.get(next++) + 0.5 + jitter) * step;
        }
      }
    }
    List<Tensor> r = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      r.add(Tensor.create(shapes.get(i), vals[i]));
    }
    return r;
  }

  /** Registry keys of the ops on a path from an x to y: the op types this case checks. */
  Set<Object> checkedKeys() {
    Built b = build(false);
    Set<Output> xs = new HashSet<>(b.xs());
    Set<Operation> onPath = new HashSet<>();
    Set<Object> keys = new HashSet<>();
    for (Operation op : b.graph().operations()) {
      for (Output in : op.inputs()) {
        if (xs.contains(in) || onPath.contains(in.op())) {
          onPath.add(op);
          keys.add(GradientRegistry.key(op.type()));
          break;
        }
      }
    }
    return keys;
  }
}
