package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.kernel.KernelWarmup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runs subgraphs of a graph. For each distinct (feeds, fetches, targets) it compiles a
 * {@link Plan} once and caches it. Variables live here, one value per session.
 *
 * <p>Thread safety: {@code run} may be called from many threads at once. Each run reads each
 * variable once per read op and sees a whole value (old or new, never a mix); updates by
 * concurrent runs are applied atomically per variable but in no promised order across
 * variables, as in TensorFlow without locking. Ops must not be added to the graph while runs are
 * being planned.
 *
 * <p>Run options ({@link RunOptions}: a timeout, a {@link Cancellation} handle, numeric checks)
 * come from the session's defaults or from {@link Runner#options}. A run that is cancelled,
 * times out, or fails (a kernel error, a NaN found by the numeric checks) stops before its next
 * op and throws; <b>runs are not transactional</b>: every op that completed before keeps its
 * effects, so variables assigned by earlier ops of the run (or in earlier iterations of a loop)
 * stay assigned, and ops not yet reached have not run. An op is atomic: an assignment either
 * replaced the variable's value or did not. Fetches of a stopped run are lost.
 */
public final class Session implements AutoCloseable {
  private final Graph graph;
  private final SessionState state = new SessionState();
  private final ConcurrentMap<PlanKey, Plan> plans = new ConcurrentHashMap<>();
  private final RunOptions defaults;
  private volatile boolean closed;

  public Session(Graph graph) {
    this(graph, RunOptions.defaults());
  }

  /**
   * A session whose runs use {@code defaults} unless a run gives its own options, e.g.
   * {@code new Session(g, RunOptions.defaults().withCheckNumerics(true))}.
   */
  public Session(Graph graph, RunOptions defaults) {
    this.graph = Objects.requireNonNull(graph);
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    // The JVM's first session starts compiling the vector kernels on small shapes, on a daemon
    // thread, so the first runs do not execute them interpreted for long (KernelWarmup;
    // skein.kernelWarmup=sync waits for it, =false skips it).
    KernelWarmup.ensureWarm();
  }

  /** The options runs use unless they give their own. */
  public RunOptions defaultOptions() {
    return defaults;
  }

  public Graph graph() {
    return graph;
  }

  /** The session's state (variable values), for tools such as savers and inspectors. */
  public SessionState state() {
    return state;
  }

  public Runner runner() {
    return new Runner();
  }

  /** Runs target operations (an initializer, a training step) and returns nothing. */
  public void run(Operation... targets) {
    Runner r = runner();
    for (Operation t : targets) {
      r.addTarget(t);
    }
    r.run();
  }

  /** Fetches one value with no feeds. */
  public Tensor run(Output fetch) {
    return runner().fetch(fetch).run().get(0);
  }

  /**
   * Reports every op of later runs (loop bodies included) to {@code observer}, such as an
   * {@link OpProfile}; null removes it.
   */
  public void setObserver(OpObserver observer) {
    state.setObserver(observer);
  }

  /** The number of plans compiled so far (one per distinct feeds/fetches/targets). */
  public int numCachedPlans() {
    return plans.size();
  }

  @Override
  public void close() {
    closed = true;
    plans.clear();
  }

  private record PlanKey(List<Output> feeds, List<Output> fetches, List<Operation> targets) {}

  /** Builds one run: {@code session.runner().feed(x, v).fetch(y).run()}. */
  public final class Runner {
    private final List<Output> feeds = new ArrayList<>();
    private final List<Tensor> feedValues = new ArrayList<>();
    private final List<Output> fetches = new ArrayList<>();
    private final List<Operation> targets = new ArrayList<>();
    private RunOptions options = defaults;

    /** Feeds a value for any output (a placeholder or, as TensorFlow allows, any other op's). */
    public Runner feed(Output output, Tensor value) {
      if (output == null) {
        throw new SkeinException("feed: the output to feed is null (a placeholder or another"
            + " op's output)");
      }
      if (value == null) {
        throw OpException.of(output.op(), "the value fed for " + output.name() + " ("
            + output.dtype() + " " + output.shape() + ") is null");
      }
      checkArgument(!feeds.contains(output), "%s is fed twice", output.name());
      feeds.add(output);
      feedValues.add(value);
      return this;
    }

    public Runner fetch(Output output) {
      if (output == null) {
        throw new SkeinException("fetch: the output to fetch is null. A gradient is null when"
            + " the loss does not depend on its variable (as in TensorFlow); ask"
            + " Gradients.gradients for UnconnectedGradients.ZERO to get zeros instead");
      }
      fetches.add(output);
      return this;
    }

    public Runner addTarget(Operation op) {
      if (op == null) {
        throw new SkeinException("addTarget: the target op is null");
      }
      targets.add(op);
      return this;
    }

    /** Options for this run, replacing the session's defaults. */
    public Runner options(RunOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Stops this run once it has run longer than {@code timeout}. */
    public Runner timeout(Duration timeout) {
      return options(options.withTimeout(timeout));
    }

    /** Stops this run when {@code c} is cancelled. */
    public Runner cancellation(Cancellation c) {
      return options(options.withCancellation(c));
    }

    /** Checks every float output of this run for NaN and infinity. */
    public Runner checkNumerics(boolean check) {
      return options(options.withCheckNumerics(check));
    }

    /**
     * Runs and returns the fetched values in fetch order. Throws {@link RunCancelledException}
     * if cancelled or timed out, {@link NumericsException} if the numeric checks find a NaN or
     * infinity; see the class comment for what a stopped run leaves applied.
     */
    public List<Tensor> run() {
      checkArgument(!closed, "session is closed");
      RunContext run = RunContext.start(options);
      for (int i = 0; i < feeds.size(); i++) {
        checkFeed(feeds.get(i), feedValues.get(i));
      }
      PlanKey key = new PlanKey(List.copyOf(feeds), List.copyOf(fetches), List.copyOf(targets));
      Plan plan = plans.get(key);
      if (plan == null) {
        plan = plans.computeIfAbsent(key,
            k -> Plan.compile(graph, k.feeds(), k.fetches(), k.targets()));
      }
      return Executor.run(plan, feedValues, state, run);
    }
  }

  private static void checkFeed(Output out, Tensor value) {
    TensorSpec spec = out.spec();
    if (value.dtype() != spec.dtype()) {
      throw OpException.of(out.op(), "cannot feed a " + value.dtype() + " tensor of shape "
          + value.shape() + " to " + out.name() + ", which is " + spec.dtype() + " "
          + spec.shape());
    }
    if (!value.shape().isCompatibleWith(spec.shape())) {
      throw OpException.of(out.op(), "cannot feed a tensor of shape " + value.shape() + " to "
          + out.name() + ", which has shape " + spec.shape());
    }
  }
}
