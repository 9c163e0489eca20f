package dev.skein.core;

import static dev.skein.core.ArrayReuse.recyclable;
import static dev.skein.core.ArrayReuse.reusable;

import dev.skein.core.kernel.BufferPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a compiled plan: one pass over its steps, freeing each value after its last use. With a
 * {@link RunContext} (a run with non-default {@link RunOptions}) it checks for cancellation
 * before each op and, when asked, each op's float outputs for NaN and infinity; without one the
 * loop does nothing else.
 */
public final class Executor {
  private Executor() {}

  /** Runs {@code plan} with feed values given in the plan's feed order. */
  public static List<Tensor> run(Plan plan, List<Tensor> feedValues, SessionState state) {
    return run(plan, feedValues, state, null);
  }

  /**
   * Runs {@code plan} under {@code run} (null for a plain run): loop and conditional kernels pass
   * their context's {@link KernelContext#runContext()} so that body ops are checked too.
   */
  public static List<Tensor> run(Plan plan, List<Tensor> feedValues, SessionState state,
      RunContext run) {
    Tensor[] slots = new Tensor[plan.numSlots];
    for (int i = 0; i < plan.feedSlots.length; i++) {
      slots[plan.feedSlots[i]] = feedValues.get(i);
    }
    Ctx ctx = new Ctx(state, run);
    OpObserver observer = state.observer();
    Operation[] steps = plan.steps;
    for (int s = 0; s < steps.length; s++) {
      Operation op = steps[s];
      int[] in = plan.inputSlots[s];
      Tensor[] inputs = new Tensor[in.length];
      for (int k = 0; k < in.length; k++) {
        inputs[k] = slots[in[k]];
      }
      ctx.op = op;
      ctx.used = plan.outputUsed[s];
      ctx.reusable = plan.reusable[s];
      ctx.sole = plan.soleConsumer[s];
      if (run != null) {
        run.checkContinue(op);
      }
      Tensor[] outs;
      if (observer == null) {
        outs = compute(op, ctx, inputs);
      } else {
        observer.beforeOp(op);
        boolean done = false;
        try {
          outs = compute(op, ctx, inputs);
          done = true;
        } finally {
          if (!done) {
            observer.afterOp(op, slots);
          }
        }
      }
      if (run != null) {
        run.afterOp(op, outs);
      }
      int[] outSlots = plan.outputSlots[s];
      for (int k = 0; k < outSlots.length; k++) {
        if (outSlots[k] >= 0) {
          slots[outSlots[k]] = outs[k];
        }
      }
      for (int slot : plan.freeAfter[s]) {
        Tensor dead = slots[slot];
        if (plan.recyclable[slot] && dead != null && dead.heldArray() instanceof float[] f) {
          BufferPool.recycle(f);
        }
        slots[slot] = null;
      }
      if (observer != null) {
        observer.afterOp(op, slots);
      }
    }
    List<Tensor> result = new ArrayList<>(plan.fetchSlots.length);
    for (int slot : plan.fetchSlots) {
      result.add(slots[slot]);
    }
    return result;
  }

  /**
   * Hands a dead tensor's float32 array to later kernels ({@link BufferPool}); the caller
   * promises nothing references the tensor or a view of its array any more.
   */
  public static void recycle(Tensor dead) {
    if (dead.heldArray() instanceof float[] f) {
      BufferPool.recycle(f);
    }
  }

  /** Runs one op's kernel, turning kernel errors into OpExceptions that name the op. */
  public static Tensor[] compute(Operation op, KernelContext ctx, Tensor[] inputs) {
    Tensor[] outs;
    try {
      outs = op.type().compute(ctx, inputs);
    } catch (OpException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
        | ArithmeticException e) {
      throw OpException.of(op, e.getMessage() + inputValuesText(inputs), e);
    } catch (OutOfMemoryError e) {
      // The array that failed was never made: the session and its variables stay usable.
      throw OpException.of(op, "out of memory: " + wantedText(op, e) + ", with at most "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB of heap (raise it with -Xmx or"
          + " feed a smaller batch)" + inputValuesText(inputs), e);
    }
    if (outs.length != op.numOutputs()) {
      throw OpException.of(op, "kernel returned " + outs.length + " outputs, expected "
          + op.numOutputs());
    }
    for (int k = 0; k < outs.length; k++) {
      TensorSpec spec = op.outputSpec(k);
      if (outs[k] == null) {
        if (ctx.isOutputUsed(k)) {
          throw OpException.of(op, "kernel returned no value for output " + k + ", which is used");
        }
        continue;
      }
      if (outs[k].dtype() != spec.dtype() || !outs[k].shape().isCompatibleWith(spec.shape())) {
        throw OpException.of(op, "kernel output " + k + " is " + outs[k].dtype() + " "
            + outs[k].shape() + " but the shape rule promised " + spec);
      }
    }
    return outs;
  }

  /** The bytes the op's outputs need when the shape rule knows them, else what the JVM said. */
  private static String wantedText(Operation op, OutOfMemoryError e) {
    long bytes = 0;
    for (TensorSpec spec : op.outputSpecs()) {
      if (!spec.shape().isFullyDefined()) {
        return "could not allocate (" + e.getMessage() + ")";
      }
      long n = spec.dtype().byteSize();
      for (int d : spec.shape().dims()) {
        n *= d;
      }
      bytes += n;
    }
    return String.format("its outputs %s need %,d bytes", op.outputSpecs(), bytes);
  }

  private static String inputValuesText(Tensor[] inputs) {
    if (inputs.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (run-time input shapes:");
    for (Tensor t : inputs) {
      sb.append(' ').append(t == null ? "null" : t.dtype() + " " + t.shape());
    }
    return sb.append(')').toString();
  }

  private static final class Ctx implements KernelContext {
    private final SessionState state;
    private final RunContext run;
    private Operation op;
    private boolean[] used;
    private boolean[] reusable;
    private boolean[] sole;

    Ctx(SessionState state, RunContext run) {
      this.state = state;
      this.run = run;
    }

    @Override
    public RunContext runContext() {
      return run;
    }

    @Override
    public Operation op() {
      return op;
    }

    @Override
    public SessionState state() {
      return state;
    }

    @Override
    public boolean isOutputUsed(int k) {
      return used[k];
    }

    @Override
    public boolean canReuseInput(int i) {
      return reusable != null && reusable[i];
    }

    @Override
    public boolean isSoleConsumer(int i) {
      return sole != null && sole[i];
    }
  }
}
