package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.CreationSite;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The control family: functional loops and conditionals whose bodies are Java lambdas traced
 * once into body graphs (TensorFlow 2's While/If, JAX's while_loop/cond), and TensorArrays.
 *
 * <p>{@code whileLoop(cond, body, vars)} means, as a plain loop:
 * <pre>{@code
 * while (cond(vars)) { vars = body(vars); }  return vars;
 * }</pre>
 * Values the lambdas use from outside become explicit inputs of the While op (captures). The
 * While op's outputs are the loop variables' final values, then the trip count (int32), then,
 * for each exportable body value, its values of every iteration stacked in a TensorArray: the
 * forward values a gradient reads. A run computes an export only when something reads it, so a
 * forward-only run saves nothing per iteration.
 */
public final class ControlOps {
  private ControlOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(While.class, If.class,
      TensorArrayOps.TensorArrayV3.class, TensorArrayOps.TensorArrayOp.class,
      TensorArrayOps.TensorArrayGradOp.class);

  // ---- op types --------------------------------------------------------------------------

  /**
   * A functional while loop. Inputs: the loop variables' initial values, the captured outer
   * values ({@code condCaptureInputs}/{@code bodyCaptureInputs} give, for each capture of cond
   * and body, its input index), then the maximum iteration count if any. Outputs: final loop
   * variables, trip count, then per-iteration exports of the body's values.
   *
   * <p>Gradient loops also have <em>sliced</em> inputs: for each extra feed of the body,
   * {@code bodySlicedInputs} names an input holding a TensorArray of T elements, and iteration
   * i feeds element T-1-i (the forward values of the matching forward iteration, in reverse).
   */
  @TakesDTypes(anyDType = true, name = "loop_vars")
  public record While(TracedFunction cond, TracedFunction body, int numLoopVars,
      List<Integer> condCaptureInputs, List<Integer> bodyCaptureInputs,
      List<Integer> bodySlicedInputs, boolean hasMaximumIterations,
      List<TensorSpec> outputSpecs) implements OpType {
    @Override
    public String typeName() {
      return "While";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      ControlKernels.checkStructure(this, ctx);
      for (int k = 0; k < numLoopVars; k++) {
        checkArgument(ctx.dtype(k) == body.args().get(k).dtype(),
            "loop variable %s is %s, the body expects %s", k, ctx.dtype(k),
            body.args().get(k).dtype());
      }
      return outputSpecs;
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return ControlKernels.runWhile(this, ctx, inputs);
    }

    @Override
    public boolean isStateful() {
      return cond.isStateful() || body.isStateful();
    }

    @Override
    public Map<String, Graph> subgraphs() {
      Map<String, Graph> m = new LinkedHashMap<>();
      m.put("cond", cond.graph());
      m.put("body", body.graph());
      return m;
    }

    /** Index of the trip-count output. */
    public int iterationsOutput() {
      return numLoopVars;
    }

    /** Index of the output exporting {@code body.exportable().get(j)} per iteration. */
    public int exportOutput(int j) {
      return numLoopVars + 1 + j;
    }

    @Override
    public String describeAttributes() {
      return "loop_vars=" + numLoopVars + ", captures="
          + (cond.captured().size() + body.captured().size()) + ", maximum_iterations="
          + hasMaximumIterations;
    }
  }

  /**
   * A functional conditional: runs one branch. Inputs: the predicate, then captured outer
   * values. Outputs: the branch results, then the exportable values of the then branch, then
   * those of the else branch (the branch not taken exports zeros). A branch's extra feeds (in
   * gradient conditionals) are fed with the inputs {@code thenFedInputs}/{@code elseFedInputs}.
   */
  @TakesDTypes(value = DType.BOOL, name = "pred")
  public record If(TracedFunction thenBranch, TracedFunction elseBranch,
      List<Integer> thenCaptureInputs, List<Integer> elseCaptureInputs,
      List<Integer> thenFedInputs, List<Integer> elseFedInputs, int numResults,
      List<TensorSpec> outputSpecs) implements OpType {
    @Override
    public String typeName() {
      return "If";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkPredicate(ctx.input(0));
      ControlKernels.checkStructure(this, ctx);
      return outputSpecs;
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return ControlKernels.runIf(this, ctx, inputs);
    }

    @Override
    public boolean isStateful() {
      return thenBranch.isStateful() || elseBranch.isStateful();
    }

    @Override
    public Map<String, Graph> subgraphs() {
      Map<String, Graph> m = new LinkedHashMap<>();
      m.put("then", thenBranch.graph());
      m.put("else", elseBranch.graph());
      return m;
    }

    /** Index of the output exporting {@code thenBranch.exportable().get(j)}. */
    public int thenExportOutput(int j) {
      return numResults + j;
    }

    /** Index of the output exporting {@code elseBranch.exportable().get(j)}. */
    public int elseExportOutput(int j) {
      return numResults + thenBranch.exportable().size() + j;
    }

    @Override
    public String describeAttributes() {
      return "results=" + numResults;
    }
  }

  // ---- builders ----------------------------------------------------------------------------

  /**
   * A loop: while {@code cond(vars)} is true, {@code vars = body(vars)}; returns the final
   * values. Both lambdas are traced once. {@code cond} returns a bool scalar; {@code body}
   * returns one value per loop variable, with the same dtype and a shape that fits the loop
   * variable's (its initial shape, or its shape invariant from {@code options}).
   */
  public static List<Output> whileLoop(Graph g, Function<List<Output>, Output> cond,
      Function<List<Output>, List<Output>> body, List<Output> loopVars, WhileOptions options) {
    return WhileBuilder.build(g, cond, body, loopVars, options);
  }

  /**
   * {@link #whileLoop} over a structured state: {@code structure} flattens it into loop
   * variables and rebuilds it for the lambdas and the result.
   */
  public static <S> S whileLoop(Graph g, S init, Function<S, Output> cond, UnaryOperator<S> body,
      LoopStructure<S> structure, WhileOptions options) {
    List<Output> out = whileLoop(g, vs -> cond.apply(structure.unflatten(vs)),
        vs -> structure.flatten(body.apply(structure.unflatten(vs))), structure.flatten(init),
        options);
    return structure.unflatten(out);
  }

  /**
   * Runs {@code trueFn} if {@code pred} is true, else {@code falseFn}; both are traced once and
   * must return as many values, with matching dtypes. Only the taken branch's ops run.
   */
  public static List<Output> cond(Graph g, Output pred, Supplier<List<Output>> trueFn,
      Supplier<List<Output>> falseFn, String name) {
    return WhileBuilder.buildCond(g, pred, trueFn, falseFn, name);
  }

  /**
   * Claims a fresh scope name for a control-flow op built by hand ("while", then "while_1", ...)
   * without staying inside it; its body graphs are named under it.
   */
  public static String reserveScope(Graph g, String name) {
    return WhileBuilder.reserveScope(g.activeGraph(), name);
  }

  /**
   * A While over body functions built by hand, as gradients build them
   * ({@link TracedFunction#of}); the cond and body graphs must be children of g's active graph
   * named under {@code scope}. {@code sliced}: one TensorArray value per extra feed of the body
   * (see {@link While}). Returns the op; its first outputs are the loop variables.
   */
  public static Operation whileOp(Graph g, String scope, TracedFunction cond, TracedFunction body,
      List<Output> loopVars, List<Output> sliced) {
    return WhileBuilder.buildFromFunctions(g, scope, cond, body, loopVars, sliced);
  }

  /**
   * An If over branch functions built by hand; {@code thenFed}/{@code elseFed} feed the
   * branches' extra feeds. Returns the op; its first outputs are the results.
   */
  public static Operation ifOp(Graph g, String scope, Output pred, TracedFunction thenBranch,
      TracedFunction elseBranch, List<Output> thenFed, List<Output> elseFed) {
    return WhileBuilder.buildIfFromFunctions(g, scope, pred, thenBranch, elseBranch, thenFed,
        elseFed);
  }

  // ---- shared checks -----------------------------------------------------------------------

  static void checkPredicate(TensorSpec p) {
    checkArgument(p.dtype() == DType.BOOL && p.shape().isCompatibleWith(Shape.scalar()),
        "the predicate must be a bool scalar, got %s", p);
  }

  /** An index, size or iteration count: an int32 or int64 scalar (as TensorFlow's). */
  static void checkIndexSpec(TensorSpec s, String what) {
    checkArgument(s.dtype().isInteger() && s.shape().isCompatibleWith(Shape.scalar()),
        "the %s must be an int32 or int64 scalar, got %s", what, s);
  }

  /** The value of an int32 or int64 scalar index; an int64 outside the int32 range fails. */
  static int index(Tensor t, String what) {
    checkArgument(t.size() == 1, "the %s must be a scalar, got shape %s", what, t.shape());
    return t.intValues("the " + what)[0];
  }

  /** A build-time error about a control-flow op that could not be created. */
  static OpException buildError(String detail, String opName, String opType,
      List<Output> inputs) {
    return new OpException(detail, opName, opType, inputs, CreationSite.capture(), null);
  }
}
