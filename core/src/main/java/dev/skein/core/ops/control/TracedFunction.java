package dev.skein.core.ops.control;

import dev.skein.core.Const;
import dev.skein.core.Executor;
import dev.skein.core.Graph;
import dev.skein.core.KernelContext;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Plan;
import dev.skein.core.RunContext;
import dev.skein.core.SessionState;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A Java lambda traced once into a body graph that belongs to one control-flow op: argument
 * placeholders standing for its parameters, the values it returned, and the outer values it
 * captured (each with the placeholder standing for it in the body). Running it executes a
 * cached {@link Plan} of the body graph with the arguments and captures fed.
 *
 * <p>Stateful ops of the body (assignments, random ops) run on every call even when no result
 * depends on them, as in TensorFlow 2 functions.
 *
 * <p>Every value of the body except constants and captures is <em>exportable</em>: a
 * control-flow op can hand it out (per iteration, for a loop) so that a gradient can read it.
 * A call computes only the exports it is asked for.
 */
public final class TracedFunction {
  private final Graph graph;
  private final List<Output> args;
  private final List<Output> results;
  private final List<Output> captured;
  private final List<Output> capturePlaceholders;
  private final List<Output> extraFeeds;
  private final List<Output> exportable;
  private final List<Operation> targets;
  private final boolean stateful;
  private final List<Output> feeds;
  private final ConcurrentMap<PlanKey, Plan> plans = new ConcurrentHashMap<>();

  private TracedFunction(Graph graph, List<Output> args, List<Output> results,
      List<Output> extraFeeds, List<Operation> targets) {
    this.graph = graph;
    this.args = List.copyOf(args);
    this.results = List.copyOf(results);
    this.extraFeeds = List.copyOf(extraFeeds);
    Map<Output, Output> caps = graph.captures();
    this.captured = List.copyOf(caps.keySet());
    this.capturePlaceholders = List.copyOf(caps.values());
    Set<Operation> captureOps = new HashSet<>();
    for (Output p : capturePlaceholders) {
      captureOps.add(p.op());
    }
    List<Output> exp = new ArrayList<>();
    List<Operation> stateful = new ArrayList<>();
    for (Operation op : graph.operations()) {
      if (op.type().isStateful()) {
        stateful.add(op);
      }
      if (!captureOps.contains(op) && !(op.type() instanceof Const)) {
        exp.addAll(op.outputs());
      }
    }
    this.exportable = List.copyOf(exp);
    this.targets = targets == null ? List.copyOf(stateful) : List.copyOf(targets);
    this.stateful = !this.targets.isEmpty();
    List<Output> f = new ArrayList<>(this.args);
    f.addAll(capturePlaceholders);
    f.addAll(this.extraFeeds);
    this.feeds = List.copyOf(f);
  }

  /**
   * A function over a body graph built by other means than tracing a lambda (gradient bodies):
   * {@code extraFeeds} are body values fed on every call (their ops do not run), {@code targets}
   * the ops run even if no result needs them. Captures are the graph's. Compiles the plan now.
   */
  public static TracedFunction of(Graph graph, List<Output> args, List<Output> results,
      List<Output> extraFeeds, List<Operation> targets) {
    TracedFunction f = new TracedFunction(graph, args, results, extraFeeds, targets);
    f.plan(List.of());
    return f;
  }

  /**
   * Traces {@code fn} into a new child graph of {@code parent} named inside {@code scope}. The
   * argument placeholders get {@code argSpecs}; while {@code fn} runs, ops added to
   * {@code parent} (or above) go into the child. Returned values that belong to an enclosing
   * graph are captured. Compiles the plan now, so a placeholder created inside the body and never
   * fed fails here.
   */
  public static TracedFunction trace(Graph parent, String scope, List<TensorSpec> argSpecs,
      Function<List<Output>, List<Output>> fn) {
    Graph body = parent.newChildGraph(scope);
    List<Output> args = new ArrayList<>();
    for (int i = 0; i < argSpecs.size(); i++) {
      TensorSpec s = argSpecs.get(i);
      args.add(Placeholder.create(body, s.dtype(), s.shape(), "arg" + i));
    }
    List<Output> out;
    try (Graph.Scope t = parent.traceInto(body)) {
      out = fn.apply(List.copyOf(args));
    }
    if (out == null) {
      throw new IllegalArgumentException(scope + " returned null instead of a list of values");
    }
    List<Output> results = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      Output o = out.get(i);
      if (o == null) {
        throw new IllegalArgumentException(scope + " returned null as value " + i);
      }
      results.add(body.capture(o));
    }
    TracedFunction f = new TracedFunction(body, args, results, List.of(), null);
    f.plan(List.of());
    return f;
  }

  public Graph graph() {
    return graph;
  }

  /** The argument placeholders, in parameter order. */
  public List<Output> args() {
    return args;
  }

  /** The returned values (in the body graph). */
  public List<Output> results() {
    return results;
  }

  /** The values of the enclosing graph the body uses, in capture order. */
  public List<Output> captured() {
    return captured;
  }

  /** The placeholders standing for {@link #captured()} inside the body. */
  public List<Output> capturePlaceholders() {
    return capturePlaceholders;
  }

  /** Body values fed on every call besides arguments and captures (see {@link #of}). */
  public List<Output> extraFeeds() {
    return extraFeeds;
  }

  /** The body ops every call runs even if no result needs them (by default its stateful ops). */
  public List<Operation> targets() {
    return targets;
  }

  /** Body values a control-flow op can export for gradients, in op order. */
  public List<Output> exportable() {
    return exportable;
  }

  /** True if some op of the body has side effects or is random. */
  public boolean isStateful() {
    return stateful;
  }

  /** Specs of the exportable values. */
  public List<TensorSpec> exportableSpecs() {
    List<TensorSpec> r = new ArrayList<>();
    for (Output o : exportable) {
      r.add(o.spec());
    }
    return r;
  }

  /** The plan computing the results plus the exportable values at {@code exports}. */
  public Plan plan(List<Integer> exports) {
    return plan(exports, List.of());
  }

  /**
   * The plan computing the results plus the exportable values at {@code exports}, except that
   * each result at {@code passThrough} (sorted indices) returns its argument unchanged instead:
   * a loop passes through loop variables nothing reads, and skips the work that made them.
   */
  public Plan plan(List<Integer> exports, List<Integer> passThrough) {
    PlanKey key = new PlanKey(exports, passThrough);
    Plan p = plans.get(key);
    if (p != null) {
      return p;
    }
    return plans.computeIfAbsent(new PlanKey(List.copyOf(exports), List.copyOf(passThrough)),
        k -> {
          List<Output> fetches = new ArrayList<>(results);
          for (int i : k.passThrough()) {
            fetches.set(i, args.get(i));
          }
          for (int i : k.exports()) {
            fetches.add(exportable.get(i));
          }
          return Plan.compile(graph, feeds, fetches, targets);
        });
  }

  private record PlanKey(List<Integer> exports, List<Integer> passThrough) {}

  /**
   * Runs the body: {@code argValues} for the arguments, {@code captureValues} for the captures,
   * {@code extraValues} for the extra feeds. Returns the results followed by the requested
   * exports.
   */
  public List<Tensor> call(Plan plan, Tensor[] argValues, Tensor[] captureValues,
      Tensor[] extraValues, SessionState state) {
    return call(plan, argValues, captureValues, extraValues, state, null);
  }

  /**
   * {@link #call} from the kernel of a control-flow op: the body runs under the op's run
   * ({@code ctx}'s state and {@link KernelContext#runContext()}), so cancellation and numeric
   * checks reach the body's ops.
   */
  public List<Tensor> call(Plan plan, Tensor[] argValues, Tensor[] captureValues,
      Tensor[] extraValues, KernelContext ctx) {
    return call(plan, argValues, captureValues, extraValues, ctx.state(), ctx.runContext());
  }

  private List<Tensor> call(Plan plan, Tensor[] argValues, Tensor[] captureValues,
      Tensor[] extraValues, SessionState state, RunContext run) {
    Tensor[] all = new Tensor[feeds.size()];
    System.arraycopy(argValues, 0, all, 0, argValues.length);
    System.arraycopy(captureValues, 0, all, argValues.length, captureValues.length);
    System.arraycopy(extraValues, 0, all, argValues.length + captureValues.length,
        extraValues.length);
    return Executor.run(plan, Arrays.asList(all), state, run);
  }

  /** A zero-filled tensor whose shape fits {@code spec} (unknown dims as 0). */
  public static Tensor placeholderValue(TensorSpec spec) {
    Shape s = spec.shape().hasKnownRank() ? ElementTensors.placeholderShape(spec.shape())
        : Shape.scalar();
    return Tensor.zeros(spec.dtype(), s);
  }

  @Override
  public String toString() {
    return "TracedFunction(" + graph.rootScope() + ", " + args.size() + " args, "
        + captured.size() + " captures, " + results.size() + " results)";
  }
}
