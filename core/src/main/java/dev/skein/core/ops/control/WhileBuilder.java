package dev.skein.core.ops.control;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Traces the lambdas of whileLoop and cond into body graphs and builds the While/If op. */
final class WhileBuilder {
  private WhileBuilder() {}

  static List<Output> build(Graph g, Function<List<Output>, Output> cond,
      Function<List<Output>, List<Output>> body, List<Output> loopVars, WhileOptions options) {
    Graph t = g.activeGraph();
    String scope = reserveScope(t, options.name());
    String opName = scope;
    int n = loopVars.size();
    if (n == 0) {
      throw ControlOps.buildError("a loop needs at least one loop variable", opName, "While",
          List.of());
    }
    List<Output> init = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Output v = loopVars.get(k);
      if (v == null) {
        throw ControlOps.buildError("loop variable " + k + " is null", opName, "While", List.of());
      }
      init.add(t.capture(v));
    }
    List<Shape> inv = options.shapeInvariants();
    if (inv != null && inv.size() != n) {
      throw ControlOps.buildError(inv.size() + " shape invariants for " + n + " loop variables",
          opName, "While", init);
    }
    List<TensorSpec> argSpecs = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Shape s = init.get(k).shape();
      if (inv != null && inv.get(k) != null) {
        if (!fits(s, inv.get(k))) {
          throw ControlOps.buildError("loop variable " + k + ": input " + init.get(k).spec()
              + " does not fit the shape invariant " + inv.get(k), opName, "While", init);
        }
        s = inv.get(k);
      }
      argSpecs.add(new TensorSpec(init.get(k).dtype(), s));
    }
    TracedFunction c = TracedFunction.trace(t, scope + "/cond", argSpecs,
        vs -> List.of(cond.apply(vs)));
    TensorSpec p = c.results().get(0).spec();
    if (p.dtype() != DType.BOOL || !p.shape().isCompatibleWith(Shape.scalar())) {
      throw ControlOps.buildError("the condition must return a bool scalar, got " + p, opName,
          "While", init);
    }
    TracedFunction b = TracedFunction.trace(t, scope + "/body", argSpecs, body);
    List<Output> res = b.results();
    if (res.size() != n) {
      throw ControlOps.buildError("body returned " + res.size() + " values for " + n
          + " loop variables", opName, "While", init);
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      TensorSpec in = argSpecs.get(k);
      TensorSpec out = res.get(k).spec();
      if (out.dtype() != in.dtype()) {
        throw ControlOps.buildError("loop variable " + k + ": body returned " + out
            + " for input " + init.get(k).spec(), opName, "While", init);
      }
      if (!fits(out.shape(), in.shape())) {
        String hint = inv != null && inv.get(k) != null
            ? "which does not fit its shape invariant " + in.shape()
            : "; its shape changes across iterations, so declare a shape invariant (e.g. "
                + javaShape(generalize(in.shape(), out.shape())) + ")";
        throw ControlOps.buildError("loop variable " + k + ": body returned " + out
            + " for input " + init.get(k).spec() + " " + hint, opName, "While", init);
      }
      specs.add(new TensorSpec(in.dtype(), generalize(init.get(k).shape(), out.shape())));
    }
    specs.add(new TensorSpec(DType.INT32, Shape.scalar()));
    for (TensorSpec e : b.exportableSpecs()) {
      specs.add(new TensorSpec(e.dtype(), TensorArrayOps.arrayShape(-1, e.shape())));
    }
    List<Output> inputs = new ArrayList<>(init);
    List<Integer> condCaps = captureInputs(c, inputs);
    List<Integer> bodyCaps = captureInputs(b, inputs);
    Output max = maximumIterations(t, options, scope);
    if (max != null) {
      inputs.add(max);
    }
    Operation op;
    op = t.addOp(new ControlOps.While(c, b, n, condCaps, bodyCaps, List.of(), max != null,
        List.copyOf(specs)), scope + "/", inputs);
    return op.outputs().subList(0, n);
  }

  static List<Output> buildCond(Graph g, Output pred, Supplier<List<Output>> trueFn,
      Supplier<List<Output>> falseFn, String name) {
    Graph t = g.activeGraph();
    String scope = reserveScope(t, name == null ? "cond" : name);
    String opName = scope;
    Output p = t.capture(pred);
    try {
      ControlOps.checkPredicate(p.spec());
    } catch (IllegalArgumentException e) {
      throw ControlOps.buildError(e.getMessage(), opName, "If", List.of(p));
    }
    TracedFunction th = TracedFunction.trace(t, scope + "/then", List.of(), vs -> trueFn.get());
    TracedFunction el = TracedFunction.trace(t, scope + "/else", List.of(), vs -> falseFn.get());
    List<Output> a = th.results();
    List<Output> b = el.results();
    if (a.size() != b.size()) {
      throw ControlOps.buildError("the true branch returned " + a.size()
          + " values but the false branch returned " + b.size(), opName, "If", List.of(p));
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (int k = 0; k < a.size(); k++) {
      if (a.get(k).dtype() != b.get(k).dtype()) {
        throw ControlOps.buildError("output " + k + ": the true branch returned "
            + a.get(k).spec() + " but the false branch returned " + b.get(k).spec(), opName, "If",
            List.of(p));
      }
      specs.add(new TensorSpec(a.get(k).dtype(), generalize(a.get(k).shape(), b.get(k).shape())));
    }
    specs.addAll(th.exportableSpecs());
    specs.addAll(el.exportableSpecs());
    List<Output> inputs = new ArrayList<>(List.of(p));
    List<Integer> thenCaps = captureInputs(th, inputs);
    List<Integer> elseCaps = captureInputs(el, inputs);
    Operation op;
    op = t.addOp(new ControlOps.If(th, el, thenCaps, elseCaps, List.of(), List.of(), a.size(),
        List.copyOf(specs)), scope + "/", inputs);
    return op.outputs().subList(0, a.size());
  }

  /** A While over functions built by hand (gradient loops); see ControlOps.whileOp. */
  static Operation buildFromFunctions(Graph g, String scope, TracedFunction c, TracedFunction b,
      List<Output> loopVars, List<Output> sliced) {
    Graph t = g.activeGraph();
    int n = loopVars.size();
    List<Output> init = new ArrayList<>(n);
    for (Output v : loopVars) {
      init.add(t.capture(v));
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      TensorSpec arg = b.args().get(k).spec();
      TensorSpec out = b.results().get(k).spec();
      if (arg.dtype() != init.get(k).dtype() || out.dtype() != arg.dtype()
          || !fits(init.get(k).shape(), arg.shape()) || !fits(out.shape(), arg.shape())) {
        throw ControlOps.buildError("loop variable " + k + ": initial " + init.get(k).spec()
            + ", body argument " + arg + ", body result " + out + " do not match", scope,
            "While", init);
      }
      specs.add(new TensorSpec(arg.dtype(), generalize(init.get(k).shape(), out.shape())));
    }
    specs.add(new TensorSpec(DType.INT32, Shape.scalar()));
    for (TensorSpec e : b.exportableSpecs()) {
      specs.add(new TensorSpec(e.dtype(), TensorArrayOps.arrayShape(-1, e.shape())));
    }
    List<Output> inputs = new ArrayList<>(init);
    List<Integer> condCaps = captureInputs(c, inputs);
    List<Integer> bodyCaps = captureInputs(b, inputs);
    List<Integer> slicedIdx = new ArrayList<>();
    for (Output v : sliced) {
      slicedIdx.add(inputs.size());
      inputs.add(t.capture(v));
    }
    return t.addOp(new ControlOps.While(c, b, n, condCaps, bodyCaps, List.copyOf(slicedIdx),
        false, List.copyOf(specs)), scope + "/", inputs);
  }

  /** An If over functions built by hand (gradient conditionals); see ControlOps.ifOp. */
  static Operation buildIfFromFunctions(Graph g, String scope, Output pred, TracedFunction th,
      TracedFunction el, List<Output> thenFed, List<Output> elseFed) {
    Graph t = g.activeGraph();
    List<Output> a = th.results();
    List<Output> b = el.results();
    List<TensorSpec> specs = new ArrayList<>();
    for (int k = 0; k < a.size(); k++) {
      specs.add(new TensorSpec(a.get(k).dtype(), generalize(a.get(k).shape(), b.get(k).shape())));
    }
    specs.addAll(th.exportableSpecs());
    specs.addAll(el.exportableSpecs());
    List<Output> inputs = new ArrayList<>(List.of(t.capture(pred)));
    List<Integer> thenCaps = captureInputs(th, inputs);
    List<Integer> elseCaps = captureInputs(el, inputs);
    List<Integer> thenIdx = new ArrayList<>();
    for (Output v : thenFed) {
      thenIdx.add(inputs.size());
      inputs.add(t.capture(v));
    }
    List<Integer> elseIdx = new ArrayList<>();
    for (Output v : elseFed) {
      elseIdx.add(inputs.size());
      inputs.add(t.capture(v));
    }
    return t.addOp(new ControlOps.If(th, el, thenCaps, elseCaps, List.copyOf(thenIdx),
        List.copyOf(elseIdx), a.size(), List.copyOf(specs)), scope + "/", inputs);
  }

  /** Claims a unique scope name in t (like nameScope) without staying inside it. */
  static String reserveScope(Graph t, String name) {
    try (Graph.Scope s = t.nameScope(name)) {
      return t.currentScope();
    }
  }

  /** For each capture of f, its index in {@code inputs}, appending captures not there yet. */
  private static List<Integer> captureInputs(TracedFunction f, List<Output> inputs) {
    List<Integer> r = new ArrayList<>();
    for (Output v : f.captured()) {
      int i = inputs.indexOf(v);
      if (i < 0) {
        i = inputs.size();
        inputs.add(v);
      }
      r.add(i);
    }
    return List.copyOf(r);
  }

  private static Output maximumIterations(Graph t, WhileOptions o, String scope) {
    if (o.maximumIterationsOutput() != null) {
      Output m = t.capture(o.maximumIterationsOutput());
      try {
        ControlOps.checkIndexSpec(m.spec(), "maximum iteration count");
      } catch (IllegalArgumentException e) {
        throw ControlOps.buildError(e.getMessage(), scope, "While", List.of(m));
      }
      return m;
    }
    if (o.maximumIterations() != null) {
      try (Graph.Scope s = t.nameScope(scope + "/")) {
        return Const.create(t, Tensor.scalar(o.maximumIterations()), "maximum_iterations");
      }
    }
    return null;
  }

  /**
   * True if every value of shape {@code s} also fits {@code general}: general has unknown rank,
   * or the same rank with each dim unknown or equal.
   */
  static boolean fits(Shape s, Shape general) {
    if (!general.hasKnownRank()) {
      return true;
    }
    if (!s.hasKnownRank() || s.rank() != general.rank()) {
      return false;
    }
    for (int i = 0; i < s.rank(); i++) {
      if (general.dim(i) != -1 && general.dim(i) != s.dim(i)) {
        return false;
      }
    }
    return true;
  }

  /** The most specific shape both {@code a} and {@code b} fit. */
  static Shape generalize(Shape a, Shape b) {
    if (!a.hasKnownRank() || !b.hasKnownRank() || a.rank() != b.rank()) {
      return Shape.unknown();
    }
    int[] d = new int[a.rank()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.dim(i) == b.dim(i) ? a.dim(i) : -1;
    }
    return Shape.of(d);
  }

  private static String javaShape(Shape s) {
    if (!s.hasKnownRank()) {
      return "Shape.unknown()";
    }
    StringBuilder sb = new StringBuilder("Shape.of(");
    for (int i = 0; i < s.rank(); i++) {
      sb.append(i > 0 ? ", " : "").append(s.dim(i));
    }
    return sb.append(')').toString();
  }
}
