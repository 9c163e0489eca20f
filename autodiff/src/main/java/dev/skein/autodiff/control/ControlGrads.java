package dev.skein.autodiff.control;

import dev.skein.autodiff.GradContext;
import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientOptions;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.ControlOps;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.TensorArrayOps.TensorArrayGradOp;
import dev.skein.core.ops.control.TensorArrayOps.TensorArrayOp;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.control.TracedFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gradient rules of the control family: While, If and the TensorArray ops.
 *
 * <p><b>While.</b> The gradient is another While running the body's gradient in reverse. Its
 * body is built by copying the forward body into a new body graph ({@link BodyCloner}) and
 * running the gradient driver there, with placeholders for the gradients flowing into the loop
 * variables. The forward values the gradient ops read are not recomputed: each is fed, in
 * iteration i of the reverse loop, with its value in forward iteration T-1-i, which the forward
 * While exports (only those exports are computed; a forward-only run computes none). Loop
 * variables: a counter, the gradient of each float loop variable, and an accumulator for each
 * float value the body captures (its gradient summed over iterations). The trip count T is the
 * forward While's, known only at run time.
 *
 * <p><b>If.</b> Another If on the same predicate whose branches are the gradients of the
 * forward branches, fed with the taken branch's exported values.
 *
 * <p><b>TensorArray.</b> A gradient of an array is a tensor of its dense shape: dense, or a
 * sparse gradient array whose unwritten elements read as zeros, so a read or write per loop
 * iteration costs O(element) in the reverse loop too. The gradient of a write passes the
 * array's gradient through unchanged (the element it wrote was unwritten before, so no earlier
 * reader can depend on it).
 */
public final class ControlGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public ControlGrads() {}

  @Override
  public void register(GradientRegistry r) {
    r.register(ControlOps.While.class, ControlGrads::whileGrad);
    r.register(ControlOps.If.class, ControlGrads::ifGrad);
    r.notDifferentiable(TensorArrayOps.TensorArrayV3.class);
    r.notDifferentiable(TensorArrayOp.SIZE);
    r.register(TensorArrayOp.WRITE, (c, op, dys) -> Arrays.asList(
        writeGrad(c, op.input(0), dys.get(0)), null,
        taOp(c, TensorArrayOp.READ, dys.get(0), op.input(1))));
    r.register(TensorArrayOp.READ, (c, op, dys) -> Arrays.asList(
        gradOp(c, TensorArrayGradOp.READ_GRAD, op.input(0), op.input(1), dys.get(0)), null));
    r.register(TensorArrayOp.GATHER, (c, op, dys) -> Arrays.asList(
        gradOp(c, TensorArrayGradOp.GATHER_GRAD, op.input(0), op.input(1), dys.get(0)), null));
    r.register(TensorArrayOp.SCATTER, (c, op, dys) -> Arrays.asList(
        writeGrad(c, op.input(0), dys.get(0)), null,
        taOp(c, TensorArrayOp.GATHER, dys.get(0), op.input(1))));
    r.register(TensorArrayOp.STACK, (c, op, dys) -> List.of(dys.get(0)));
    r.register(TensorArrayOp.UNSTACK, (c, op, dys) -> Arrays.asList(
        writeGrad(c, op.input(0), dys.get(0)),
        gradOp(c, TensorArrayGradOp.UNSTACK_GRAD, dys.get(0), op.input(1))));
    r.register(TensorArrayOp.UNSTACK_AXIS1, (c, op, dys) -> Arrays.asList(
        writeGrad(c, op.input(0), dys.get(0)),
        gradOp(c, TensorArrayGradOp.UNSTACK_AXIS1_GRAD, dys.get(0), op.input(1))));
    // The gradient ops are linear in their float inputs; their rules give second derivatives.
    r.register(TensorArrayGradOp.READ_GRAD, (c, op, dys) -> Arrays.asList(null, null,
        taOp(c, TensorArrayOp.READ, dys.get(0), op.input(1))));
    r.register(TensorArrayGradOp.GATHER_GRAD, (c, op, dys) -> Arrays.asList(null, null,
        taOp(c, TensorArrayOp.GATHER, dys.get(0), op.input(1))));
    r.register(TensorArrayGradOp.UNSTACK_GRAD, (c, op, dys) -> {
      Ops tf = c.tf();
      Output n = tf.gather(tf.shape(op.input(1)), tf.constant(0));
      Output idx = tf.range(tf.constant(0), n, tf.constant(1));
      return Arrays.asList(gradOp(c, TensorArrayGradOp.GATHER_GRAD, op.input(0), idx,
          dys.get(0)), null);
    });
    // Unstacking along axis 1's gradient interleaves the elements back; its adjoint takes
    // dy [m, n, ...] apart by time step: dy with axes 0 and 1 swapped, a dense array gradient.
    r.register(TensorArrayGradOp.UNSTACK_AXIS1_GRAD, (c, op, dys) -> {
      int rank = op.input(1).shape().rank();
      if (rank < 0) {
        throw new IllegalArgumentException("the second derivative of " + op.name()
            + " needs the value's rank, which is unknown");
      }
      int[] perm = new int[rank];
      Arrays.setAll(perm, i -> i < 2 ? 1 - i : i);
      return Arrays.asList(c.tf().transpose(dys.get(0), perm), null);
    });
    r.register(TensorArrayGradOp.ACCUMULATE, (c, op, dys) -> List.of(dys.get(0), dys.get(0)));
    r.register(TensorArrayGradOp.WRITE_GRAD, (c, op, dys) -> Arrays.asList(null,
        writeGrad(c, op.input(1), dys.get(0))));
  }

  private static Output writeGrad(GradContext c, Output array, Output dOut) {
    return gradOp(c, TensorArrayGradOp.WRITE_GRAD, array, dOut);
  }

  private static Output taOp(GradContext c, TensorArrayOp op, Output array, Output arg) {
    return TensorArrayOps.tensorArrayOp(c.graph(), op, new TensorArray(array), List.of(arg), null);
  }

  private static Output gradOp(GradContext c, TensorArrayGradOp op, Output... in) {
    return TensorArrayOps.tensorArrayGradOp(c.graph(), op, List.of(in), null);
  }

  // ---- While -------------------------------------------------------------------------------

  private static List<Output> whileGrad(GradContext c, Operation op, List<Output> dys) {
    ControlOps.While w = (ControlOps.While) op.type();
    checkNoExportGradients(op, dys, w.numLoopVars() + 1);
    checkNotAGradient(op, !w.bodySlicedInputs().isEmpty());
    Graph g = c.graph();
    Ops tf = c.tf();
    TracedFunction fb = w.body();
    boolean[][] reach = reached(fb, dys);
    // A captured value whose gradient leads to none of the xs (the input TensorArray of an RNN
    // over fed data) gets no accumulator: the reverse loop would compute and sum its gradient
    // every iteration only for the driver to drop it.
    for (int j = 0; j < reach[1].length; j++) {
      reach[1][j] &= c.needsGradient(op.input(w.bodyCaptureInputs().get(j)));
    }
    List<Integer> vars = floatIndices(fb.args(), reach[0]);
    List<Integer> caps = floatIndices(fb.capturePlaceholders(), reach[1]);
    if (vars.isEmpty()) {
      return Arrays.asList(new Output[op.numInputs()]);
    }
    String scope = ControlOps.reserveScope(g, "while");

    Graph bb = g.newChildGraph(scope + "/body");
    Ops tb = Ops.create(bb);
    List<Output> args = loopArgs(bb, fb, vars, caps);
    BodyCloner cl = new BodyCloner(fb, bb, op, w.bodyCaptureInputs());
    List<Output> ys = new ArrayList<>();
    List<Output> xs = new ArrayList<>();
    for (int k : vars) {
      ys.add(cl.map(fb.results().get(k)));
      xs.add(cl.map(fb.args().get(k)));
    }
    for (int j : caps) {
      xs.add(cl.map(fb.capturePlaceholders().get(j)));
    }
    List<Output> dx = Gradients.gradients(ys, xs, GradientOptions.defaults()
        .withGradYs(args.subList(1, 1 + vars.size())).withName("grad"));
    List<Output> results = new ArrayList<>();
    results.add(tb.add(args.get(0), tb.constant(1)));
    for (int m = 0; m < vars.size(); m++) {
      Output d = dx.get(m);
      results.add(d != null ? d : tb.zerosLike(args.get(1 + m)));
    }
    for (int m = 0; m < caps.size(); m++) {
      Output d = dx.get(vars.size() + m);
      Output acc = args.get(1 + vars.size() + m);
      // A dense gradient (made by an op that returns new arrays: a matmul, a bias gradient)
      // is summed with Add, which may write over it, and the session then reuses the previous
      // sum's array: no allocation per iteration; a matmul's with one MatMulAdd, which adds
      // the product to the sum in its tiles (GradContext.accumulate). Anything else may be a
      // sparse gradient of a TensorArray, which AccumulateGrad adds element by element.
      results.add(d == null ? acc : d.op().type().freshOutputs()
          ? GradContext.accumulate(Ops.create(bb), acc, d)
          : TensorArrayOps.tensorArrayGradOp(bb, TensorArrayGradOp.ACCUMULATE, List.of(acc, d), null));
    }
    List<Output> fed = cl.fedValues(bb, results);
    TracedFunction body = TracedFunction.of(bb, args, results, fed, List.of());

    Graph cg = g.newChildGraph(scope + "/cond");
    List<Output> cargs = new ArrayList<>();
    for (Output a : args) {
      cargs.add(Placeholder.create(cg, a.dtype(), a.shape(), a.op().name()
          .substring(a.op().name().lastIndexOf('/') + 1)));
    }
    Output trips = cg.capture(op.output(w.iterationsOutput()));
    TracedFunction cond = TracedFunction.of(cg, cargs,
        List.of(Ops.create(cg).less(cargs.get(0), trips)), List.of(), List.of());

    List<Output> init = new ArrayList<>();
    init.add(tf.constant(0));
    for (int k : vars) {
      init.add(dys.get(k) != null ? dys.get(k) : tf.zerosLike(op.output(k)));
    }
    for (int j : caps) {
      init.add(tf.zerosLike(op.input(w.bodyCaptureInputs().get(j))));
    }
    List<Output> sliced = new ArrayList<>();
    for (Output v : fed) {
      sliced.add(op.output(w.exportOutput(cl.exportIndex(v))));
    }
    Operation back = ControlOps.whileOp(g, scope, cond, body, init, sliced);

    Output[] grads = new Output[op.numInputs()];
    for (int m = 0; m < vars.size(); m++) {
      grads[vars.get(m)] = back.output(1 + m);
    }
    for (int m = 0; m < caps.size(); m++) {
      addTo(tf, grads, w.bodyCaptureInputs().get(caps.get(m)), back.output(1 + vars.size() + m));
    }
    return Arrays.asList(grads);
  }

  /** Placeholders of the reverse loop: counter, loop-variable gradients, accumulators. */
  private static List<Output> loopArgs(Graph bb, TracedFunction fb, List<Integer> vars,
      List<Integer> caps) {
    List<Output> args = new ArrayList<>();
    args.add(Placeholder.create(bb, DType.INT32, Shape.scalar(), "i"));
    for (int k : vars) {
      Output a = fb.args().get(k);
      args.add(Placeholder.create(bb, a.dtype(), a.shape(), "grad_loop_var" + k));
    }
    for (int j : caps) {
      Output p = fb.capturePlaceholders().get(j);
      args.add(Placeholder.create(bb, p.dtype(), p.shape(), "grad_capture" + j));
    }
    return args;
  }

  // ---- If ----------------------------------------------------------------------------------

  private static List<Output> ifGrad(GradContext c, Operation op, List<Output> dys) {
    ControlOps.If f = (ControlOps.If) op.type();
    checkNoExportGradients(op, dys, f.numResults());
    checkNotAGradient(op, !f.thenFedInputs().isEmpty() || !f.elseFedInputs().isEmpty());
    Graph g = c.graph();
    Ops tf = c.tf();
    List<Integer> res = new ArrayList<>();
    List<Output> dy = new ArrayList<>();
    for (int k = 0; k < f.numResults(); k++) {
      if (op.output(k).dtype().isFloating()) {
        res.add(k);
        dy.add(dys.get(k) != null ? dys.get(k) : tf.zerosLike(op.output(k)));
      }
    }
    // The inputs that get a gradient: float values captured by either branch.
    List<Integer> inputs = new ArrayList<>();
    for (TracedFunction b : List.of(f.thenBranch(), f.elseBranch())) {
      List<Integer> idx = b == f.thenBranch() ? f.thenCaptureInputs() : f.elseCaptureInputs();
      for (int j : floatIndices(b.capturePlaceholders())) {
        if (!inputs.contains(idx.get(j))) {
          inputs.add(idx.get(j));
        }
      }
    }
    String scope = ControlOps.reserveScope(g, "cond");
    TracedFunction[] fns = new TracedFunction[2];
    List<List<Output>> fedOuter = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      TracedFunction b = side == 0 ? f.thenBranch() : f.elseBranch();
      List<Integer> capIdx = side == 0 ? f.thenCaptureInputs() : f.elseCaptureInputs();
      Graph gb = g.newChildGraph(scope + (side == 0 ? "/then" : "/else"));
      Ops tb = Ops.create(gb);
      BodyCloner cl = new BodyCloner(b, gb, op, capIdx);
      List<Output> ys = new ArrayList<>();
      List<Output> gys = new ArrayList<>();
      for (int m = 0; m < res.size(); m++) {
        ys.add(cl.map(b.results().get(res.get(m))));
        gys.add(gb.capture(dy.get(m)));
      }
      List<Output> xs = new ArrayList<>();
      List<Integer> xInputs = new ArrayList<>();
      for (int j : floatIndices(b.capturePlaceholders())) {
        xs.add(cl.map(b.capturePlaceholders().get(j)));
        xInputs.add(capIdx.get(j));
      }
      List<Output> dx = xs.isEmpty() ? List.of() : Gradients.gradients(ys, xs,
          GradientOptions.defaults().withGradYs(gys).withName("grad"));
      List<Output> results = new ArrayList<>();
      for (int in : inputs) {
        int m = xInputs.indexOf(in);
        Output d = m >= 0 ? dx.get(m) : null;
        results.add(d != null ? d : tb.zerosLike(gb.capture(op.input(in))));
      }
      List<Output> fed = cl.fedValues(gb, results);
      List<Output> outer = new ArrayList<>();
      for (Output v : fed) {
        int j = cl.exportIndex(v);
        outer.add(op.output(side == 0 ? f.thenExportOutput(j) : f.elseExportOutput(j)));
      }
      fns[side] = TracedFunction.of(gb, List.of(), results, fed, List.of());
      fedOuter.add(outer);
    }
    Operation back = ControlOps.ifOp(g, scope, op.input(0), fns[0], fns[1], fedOuter.get(0),
        fedOuter.get(1));
    Output[] grads = new Output[op.numInputs()];
    for (int m = 0; m < inputs.size(); m++) {
      addTo(tf, grads, inputs.get(m), back.output(m));
    }
    return Arrays.asList(grads);
  }

  /**
   * Which loop variables ([0]) and captures ([1]) a gradient reaches: a loop variable whose final
   * value gets a gradient, then, to a fixed point, the arguments and captures the body results
   * of reached variables depend on (over any number of iterations).
   */
  private static boolean[][] reached(TracedFunction fb, List<Output> dys) {
    int n = fb.args().size();
    boolean[] vars = new boolean[n];
    boolean[] caps = new boolean[fb.capturePlaceholders().size()];
    List<Integer> work = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (dys.get(k) != null) {
        vars[k] = true;
        work.add(k);
      }
    }
    while (!work.isEmpty()) {
      int k = work.remove(work.size() - 1);
      Set<Output> deps = dependencies(fb.results().get(k));
      for (int j = 0; j < n; j++) {
        if (!vars[j] && deps.contains(fb.args().get(j))) {
          vars[j] = true;
          work.add(j);
        }
      }
      for (int j = 0; j < caps.length; j++) {
        caps[j] |= deps.contains(fb.capturePlaceholders().get(j));
      }
    }
    return new boolean[][] {vars, caps};
  }

  /** The values v is computed from, v included (within its graph). */
  private static Set<Output> dependencies(Output v) {
    Set<Output> seen = new HashSet<>();
    Set<Operation> ops = new HashSet<>();
    List<Output> stack = new ArrayList<>(List.of(v));
    while (!stack.isEmpty()) {
      Output o = stack.remove(stack.size() - 1);
      seen.add(o);
      if (ops.add(o.op())) {
        stack.addAll(o.op().inputs());
      }
    }
    return seen;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static List<Integer> floatIndices(List<Output> values) {
    boolean[] all = new boolean[values.size()];
    Arrays.fill(all, true);
    return floatIndices(values, all);
  }

  private static List<Integer> floatIndices(List<Output> values, boolean[] keep) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (keep[i] && values.get(i).dtype().isFloating()) {
        r.add(i);
      }
    }
    return r;
  }

  private static void addTo(Ops tf, Output[] grads, int i, Output g) {
    grads[i] = grads[i] == null ? g : tf.add(grads[i], g);
  }

  private static void checkNotAGradient(Operation op, boolean isGradient) {
    if (isGradient) {
      throw new IllegalArgumentException("this " + op.type().typeName() + " computes a gradient"
          + " of control flow; second derivatives of loops and conditionals are not supported");
    }
  }

  private static void checkNoExportGradients(Operation op, List<Output> dys, int from) {
    for (int k = from; k < dys.size(); k++) {
      if (dys.get(k) != null) {
        throw new IllegalArgumentException("gradients of the values a " + op.type().typeName()
            + " exports for its own gradient (second derivatives of control flow) are not"
            + " supported");
      }
    }
  }
}
