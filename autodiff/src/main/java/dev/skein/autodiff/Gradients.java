package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.linalg.LinalgOps.MatMul;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Symbolic reverse-mode differentiation (TensorFlow's {@code tf.gradients}): adds ops computing
 * the gradient of {@code sum(ys)} with respect to each x to the same graph, under a
 * {@code gradients} name scope, so the result can be run, rendered and differentiated again.
 * Existing ops are never changed.
 *
 * <p>The driver: find the ops between xs and ys, visit them in reverse id order (ids are
 * topological), and for each one sum the partial gradients of its outputs, apply its rule, and
 * sum each input's gradient down to the input's shape (undoing broadcasting). Only float32 and
 * float64 values carry gradients.
 */
public final class Gradients {
  private Gradients() {}

  /** The gradients of {@code sum(ys)} with respect to each x; null for an x the ys ignore. */
  public static List<Output> gradients(List<Output> ys, List<Output> xs) {
    return gradients(ys, xs, GradientOptions.defaults());
  }

  /** Gradients with {@code gradYs[i]} flowing into {@code ys[i]} (null entries: ones). */
  public static List<Output> gradients(List<Output> ys, List<Output> xs, List<Output> gradYs) {
    return gradients(ys, xs, GradientOptions.defaults().withGradYs(gradYs));
  }

  /** The gradients of one y with respect to each x. */
  public static List<Output> gradients(Output y, List<Output> xs) {
    return gradients(List.of(y), xs, GradientOptions.defaults());
  }

  /** The gradient of one y with respect to one x. */
  public static Output gradient(Output y, Output x) {
    return gradients(List.of(y), List.of(x)).get(0);
  }

  public static List<Output> gradients(List<Output> ys, List<Output> xs, GradientOptions opts) {
    checkArgument(!ys.isEmpty(), "gradients needs at least one y");
    Graph g = ys.get(0).graph();
    List<Output> gradYs = opts.gradYs();
    checkInputs(g, ys, xs, gradYs);
    GradientRegistry reg = opts.registry() != null ? opts.registry() : GradientRegistry.forGraph(g);
    Between between = Between.find(g, ys, xs, opts.stopGradients(), reg);
    Map<Output, List<Partial>> partials = new HashMap<>();
    SumGroups groups = SumGroups.of(g);
    List<Output> result = new ArrayList<>();
    int firstOwnOp = g.numOperations();
    try (Graph.Scope s = g.nameScope(opts.name())) {
      GradContext c = new GradContext(g, between::flows);
      Ops tf = c.tf();
      for (int i = 0; i < ys.size(); i++) {
        Output y = ys.get(i);
        Output gy = gradYs == null ? null : gradYs.get(i);
        if (y.dtype().isFloating()) {
          add(partials, y, gy != null ? gy : tf.onesLike(y), -1);
        }
      }
      for (int id = between.maxId; id >= between.minId; id--) {
        if (between.needed[id]) {
          backprop(c, between.ops.get(id), reg, between, partials, groups, firstOwnOp);
        }
      }
      for (Output x : xs) {
        Output dx = total(tf, partials, x, groups, firstOwnOp);
        if (dx == null && opts.unconnected() == UnconnectedGradients.ZERO) {
          dx = tf.zerosLike(x);
        }
        result.add(dx);
      }
    }
    return Collections.unmodifiableList(result);
  }

  /** One step of the reverse loop: op's output gradients in, its inputs' partials out. */
  private static void backprop(GradContext c, Operation op, GradientRegistry reg, Between between,
      Map<Output, List<Partial>> partials, SumGroups groups, int firstOwnOp) {
    List<Output> dys = new ArrayList<>(op.numOutputs());
    boolean any = false;
    for (int k = 0; k < op.numOutputs(); k++) {
      Output dy = total(c.tf(), partials, op.output(k), groups, firstOwnOp);
      dys.add(dy);
      any |= dy != null;
    }
    if (!any) {
      return;
    }
    GradientRule rule = reg.rule(op.type());
    if (rule == null) {
      throw noRule(op);
    }
    try (Graph.Scope s = c.graph().nameScope(ruleScope(op))) {
      List<Output> dxs;
      try {
        dxs = rule.grad(c, op, Collections.unmodifiableList(dys));
      } catch (IllegalArgumentException e) {
        throw OpException.of(op, "its gradient rule failed: " + e.getMessage(), e);
      }
      if (dxs == null || dxs.size() != op.numInputs()) {
        throw OpException.of(op, "the gradient rule of " + op.type().typeName() + " returned "
            + (dxs == null ? "null" : dxs.size() + " gradients") + " for " + op.numInputs()
            + " inputs");
      }
      int group = groups.groupOf(op);
      for (int i = 0; i < op.numInputs(); i++) {
        Output in = op.input(i);
        Output dx = dxs.get(i);
        if (dx != null && between.flows(in)) {
          add(partials, in, reg.hasExactShapes(op.type()) ? checkedExact(op, i, dx)
              : reduceToShape(c.tf(), op, i, dx), group);
        }
      }
    }
  }

  /**
   * The scope of an op's rule: its name plus "_grad", relative to its graph's root scope, so the
   * rules of a loop body's ops sit under the body's gradient scope without repeating its path.
   */
  private static String ruleScope(Operation op) {
    String root = op.graph().rootScope();
    String name = op.name();
    if (!root.isEmpty() && name.startsWith(root + "/")) {
      name = name.substring(root.length() + 1);
    }
    return name + "_grad";
  }

  /** A gradient its rule promises has its input's shape: dtype and static shape checked. */
  private static Output checkedExact(Operation op, int i, Output dx) {
    Output in = op.input(i);
    if (dx.dtype() != in.dtype() || !dx.shape().isCompatibleWith(in.shape())) {
      throw OpException.of(op, "the gradient rule of " + op.type().typeName() + " returned a "
          + dx.dtype() + " " + dx.shape() + " gradient for input " + i + ", which is "
          + in.dtype() + " " + in.shape());
    }
    return dx;
  }

  /**
   * Sums a gradient over broadcast dimensions so it has its input's shape. Skipped when both
   * static shapes are fully defined and equal.
   */
  private static Output reduceToShape(Ops tf, Operation op, int i, Output dx) {
    Output in = op.input(i);
    Shape gs = dx.shape();
    Shape xs = in.shape();
    if (dx.dtype() != in.dtype()) {
      throw OpException.of(op, "the gradient rule of " + op.type().typeName() + " returned a "
          + dx.dtype() + " gradient for input " + i + ", which is " + in.dtype());
    }
    if (gs.isFullyDefined() && gs.equals(xs)) {
      return dx;
    }
    Output shape = xs.isFullyDefined() ? tf.constant(xs.dims()) : tf.shape(in);
    return tf.sumToShape(dx, shape, xs);
  }

  /** One contribution to a value's gradient, and the sum group of the op that sent it. */
  private record Partial(Output grad, int group) {}

  private static void add(Map<Output, List<Partial>> partials, Output o, Output grad,
      int group) {
    partials.computeIfAbsent(o, k -> new ArrayList<>(2)).add(new Partial(grad, group));
  }

  /**
   * The sum of an output's partial gradients (fan-out summed here, once), or null if none.
   * Contributions sent by ops of another {@link SumGroups} group than the output's own (a later
   * time step of an unrolled loop) are summed per group first, as a while loop's gradient sums
   * them inside that iteration; the rest, and those group sums, are then added in the order they
   * came. With no groups this is one flat AddN.
   */
  private static Output total(Ops tf, Map<Output, List<Partial>> partials, Output o,
      SumGroups groups, int firstOwnOp) {
    List<Partial> ps = partials.get(o);
    if (ps == null || ps.isEmpty()) {
      return null;
    }
    if (ps.size() > 1) {
      List<Output> grads = new ArrayList<>(ps.size());
      ps.forEach(p -> grads.add(p.grad()));
      Output sum = productSum(tf, grads, firstOwnOp);
      sum = sum != null ? sum : tf.addN(groupSums(tf, ps, groups.groupOf(o.op())));
      ps.clear();
      ps.add(new Partial(sum, -1));
    }
    return ps.get(0).grad();
  }

  /** The terms of a grouped sum: one per contribution, except one sum per other group. */
  private static List<Output> groupSums(Ops tf, List<Partial> ps, int own) {
    List<List<Output>> terms = new ArrayList<>(ps.size());
    Map<Integer, List<Output>> others = new HashMap<>();
    for (Partial p : ps) {
      boolean other = p.group() >= 0 && p.group() != own;
      List<Output> term = other ? others.get(p.group()) : null;
      if (term == null) {
        term = new ArrayList<>(2);
        terms.add(term);
        if (other) {
          others.put(p.group(), term);
        }
      }
      term.add(p.grad());
    }
    List<Output> sums = new ArrayList<>(terms.size());
    for (List<Output> term : terms) {
      sums.add(term.size() == 1 || terms.size() == 1 ? term.get(0) : tf.addN(term));
    }
    return terms.size() == 1 ? terms.get(0) : sums;
  }

  /**
   * When every partial is a matrix product this call added (an unrolled RNN's weight gets one
   * per step), one MatMulSum of their operands instead of an AddN of the products: one pass
   * accumulating into one output. The product ops are left unused (no run computes them).
   */
  private static Output productSum(Ops tf, List<Output> ps, int firstOwnOp) {
    MatMul first = null;
    List<Output> as = new ArrayList<>();
    List<Output> bs = new ArrayList<>();
    for (Output p : ps) {
      if (!(p.op().type() instanceof MatMul m) || p.op().id() < firstOwnOp
          || !p.dtype().isFloating() || (first != null && !m.equals(first))) {
        return null;
      }
      first = m;
      as.add(p.op().input(0));
      bs.add(p.op().input(1));
    }
    return tf.matmulSum(as, bs, first.transposeA(), first.transposeB());
  }

  private static void checkInputs(Graph g, List<Output> ys, List<Output> xs, List<Output> gradYs) {
    for (Output y : ys) {
      checkArgument(y != null && y.graph() == g, "every y must be a value of the same graph");
    }
    for (Output x : xs) {
      checkArgument(x != null && x.graph() == g, "every x must be a value of the ys' graph");
      if (!x.dtype().isFloating()) {
        throw OpException.of(x.op(), "cannot compute a gradient with respect to " + x.name()
            + " of dtype " + x.dtype() + ": only float32 and float64 values have gradients");
      }
    }
    if (gradYs == null) {
      return;
    }
    checkArgument(gradYs.size() == ys.size(), "got %s gradYs for %s ys", gradYs.size(),
        ys.size());
    for (int i = 0; i < ys.size(); i++) {
      Output gy = gradYs.get(i);
      Output y = ys.get(i);
      if (gy != null) {
        checkArgument(gy.graph() == g, "gradYs[%s] belongs to another graph", i);
        checkArgument(gy.dtype() == y.dtype() && gy.shape().isCompatibleWith(y.shape()),
            "gradYs[%s] is %s %s but y %s is %s %s", i, gy.dtype(), gy.shape(), y.name(),
            y.dtype(), y.shape());
      }
    }
  }

  private static OpException noRule(Operation op) {
    OpType t = op.type();
    String how = t instanceof Enum<?> e
        ? e.getDeclaringClass().getSimpleName() + "." + e.name()
        : t.getClass().getSimpleName() + ".class";
    return OpException.of(op, "no gradient rule is registered for op type " + t.typeName()
        + " (" + t.getClass().getName() + "), which lies between the xs and the ys. Register one"
        + " with GradientRegistry.forGraph(graph).register(" + how
        + ", (c, op, dys) -> ...), or mark it with notDifferentiable(" + how + ")");
  }

  /** The ops between xs and ys: those a float path leads to from an x and on to a y. */
  private static final class Between {
    final List<Operation> ops;
    final Set<Output> xs;
    final Set<Output> stops;
    final boolean[] fromX;
    final boolean[] needed;
    final int minId;
    final int maxId;

    private Between(List<Operation> ops, Set<Output> xs, Set<Output> stops, int minId,
        int maxId) {
      this.ops = ops;
      this.xs = xs;
      this.stops = stops;
      this.fromX = new boolean[ops.size()];
      this.needed = new boolean[ops.size()];
      this.minId = minId;
      this.maxId = maxId;
    }

    static Between find(Graph g, List<Output> ys, List<Output> xs, List<Output> stops,
        GradientRegistry reg) {
      int minId = Integer.MAX_VALUE;
      for (Output x : xs) {
        minId = Math.min(minId, x.op().id());
      }
      int maxId = -1;
      for (Output y : ys) {
        maxId = Math.max(maxId, y.op().id());
      }
      Between b = new Between(g.operations(), new HashSet<>(xs), new HashSet<>(stops), minId,
          maxId);
      for (int id = minId; id <= maxId; id++) {
        Operation op = b.ops.get(id);
        if (op.type() instanceof StateOps.StopGradient || reg.isNotDifferentiable(op.type())) {
          continue;
        }
        for (Output in : op.inputs()) {
          if (b.flows(in)) {
            b.fromX[id] = true;
            break;
          }
        }
      }
      List<Operation> stack = new ArrayList<>();
      for (Output y : ys) {
        stack.add(y.op());
      }
      while (!stack.isEmpty()) {
        Operation op = stack.remove(stack.size() - 1);
        if (!b.fromX[op.id()] || b.needed[op.id()]) {
          continue;
        }
        b.needed[op.id()] = true;
        for (Output in : op.inputs()) {
          if (b.flows(in)) {
            stack.add(in.op());
          }
        }
      }
      return b;
    }

    /** True if a gradient may flow from this value back to an x. */
    boolean flows(Output o) {
      if (!o.dtype().isFloating() || stops.contains(o)) {
        return false;
      }
      int id = o.op().id();
      return xs.contains(o) || (id < fromX.length && fromX[id]);
    }
  }
}
