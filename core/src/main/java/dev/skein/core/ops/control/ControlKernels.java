package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Executor;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.LoopFrame;
import dev.skein.core.NumericsException;
import dev.skein.core.Output;
import dev.skein.core.Plan;
import dev.skein.core.RunCancelledException;
import dev.skein.core.RunContext;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kernels and shape rules of the control family (While, If, TensorArray ops). */
final class ControlKernels {
  private static final Tensor[] NONE = new Tensor[0];

  private ControlKernels() {}

  // ---- While / If --------------------------------------------------------------------------

  static Tensor[] runWhile(ControlOps.While w, KernelContext ctx, Tensor[] in) {
    int n = w.numLoopVars();
    Tensor[] vars = new Tensor[n];
    System.arraycopy(in, 0, vars, 0, n);
    Tensor[] condCaps = pick(in, w.condCaptureInputs());
    Tensor[] bodyCaps = pick(in, w.bodyCaptureInputs());
    TensorArrayValue[] sliced = new TensorArrayValue[w.bodySlicedInputs().size()];
    for (int j = 0; j < sliced.length; j++) {
      sliced[j] = TensorArrayValue.of(in[w.bodySlicedInputs().get(j)]);
    }
    Tensor[] slice = new Tensor[sliced.length];
    int max = Integer.MAX_VALUE;
    if (w.hasMaximumIterations()) {
      long m = in[in.length - 1].getLong(0);
      checkArgument(m >= 0, "maximum_iterations must be >= 0, got %s", m);
      // the trip count is an int32: an int64 bound beyond it bounds nothing more
      max = (int) Math.min(m, Integer.MAX_VALUE);
    }
    TracedFunction body = w.body();
    List<Integer> exports = new ArrayList<>();
    for (int j = 0; j < body.exportable().size(); j++) {
      if (ctx.isOutputUsed(w.exportOutput(j))) {
        exports.add(j);
      }
    }
    Plan condPlan = w.cond().plan(List.of());
    Plan bodyPlan = livePlan(body, n, exports, condPlan, ctx);
    TensorArrayValue[] saved = new TensorArrayValue[exports.size()];
    int[] carried = new int[saved.length];
    for (int j = 0; j < saved.length; j++) {
      TensorSpec s = body.exportable().get(exports.get(j)).spec();
      // Values saved for the gradient that the body made for saving alone: the gradient loop,
      // if it is their only reader, may reuse each one's array after reading it. So may it a
      // value the body made for saving and for the next iteration (an RNN's new state), if the
      // next iteration only reads it: the saved copy outlives that reader. The last one is the
      // loop's output too, so it stays alone where something reads that output.
      boolean owned = bodyPlan.fetchOwned(n + j);
      carried[j] = -1;
      for (int k = 0; k < n && !owned; k++) {
        if (bodyPlan.fetchesOwnedTogether(k, n + j) && bodyPlan.feedDies(k)
            && condPlan.feedDies(k)) {
          owned = true;
          carried[j] = k;
        }
      }
      saved[j] = TensorArrayValue.createRagged(s.dtype(), s.shape(), owned);
    }
    boolean[] recycleSlice = new boolean[sliced.length];
    for (int j = 0; j < sliced.length; j++) {
      recycleSlice[j] = sliced[j].ownsElements()
          && ctx.isSoleConsumer(w.bodySlicedInputs().get(j))
          && bodyPlan.feedDies(n + bodyCaps.length + j);
    }
    boolean[] recycleVar = new boolean[n];
    for (int k = 0; k < n; k++) {
      recycleVar[k] = bodyPlan.fetchOwned(k) && bodyPlan.feedDies(k) && condPlan.feedDies(k);
    }
    RunContext run = ctx.runContext();
    int it = 0;
    try {
      while (it < max) {
        if (run != null) {
          run.checkContinue(ctx.op());
        }
        Tensor c = w.cond().call(condPlan, vars, condCaps, NONE, ctx).get(0);
        if (!c.booleanValue()) {
          break;
        }
        for (int j = 0; j < sliced.length; j++) {
          int size = sliced[j].size();
          checkArgument(it < size, "iteration %s reads element %s of a sliced input of size %s",
              it, size - 1 - it, size);
          slice[j] = sliced[j].read(size - 1 - it);
        }
        List<Tensor> r = body.call(bodyPlan, vars, bodyCaps, slice, ctx);
        for (int j = 0; j < sliced.length; j++) {
          if (recycleSlice[j] && sliced[j].ownsElement(sliced[j].size() - 1 - it)) {
            Executor.recycle(slice[j]);
          }
        }
        for (int j = 0; j < saved.length; j++) {
          saved[j] = saved[j].append(r.get(n + j));
        }
        for (int k = 0; k < n; k++) {
          // A value the previous iteration made for this one alone, that neither this iteration
          // nor the condition kept, is dead: its array goes to later kernels.
          if (it > 0 && recycleVar[k]) {
            Executor.recycle(vars[k]);
          }
          vars[k] = r.get(k);
        }
        it++;
      }
    } catch (NumericsException e) {
      e.addLoopFrame(frame(ctx, it, sliced));
      throw e;
    } catch (RunCancelledException e) {
      e.addLoopFrame(frame(ctx, it, sliced));
      throw e;
    }
    Tensor[] out = new Tensor[w.outputSpecs().size()];
    System.arraycopy(vars, 0, out, 0, n);
    out[n] = Tensor.scalar(it);
    for (int j = 0; j < saved.length; j++) {
      if (carried[j] >= 0 && saved[j].size() > 0 && ctx.isOutputUsed(carried[j])) {
        saved[j].disown(saved[j].size() - 1);
      }
      out[w.exportOutput(exports.get(j))] = saved[j].toTensor();
    }
    return out;
  }

  /**
   * The body plan for this run. A loop variable is dead when no one reads the loop's output of
   * it, the condition does not read it, it is not exported, and no work of the body that
   * something needs reads it (a dynamicRnn's output sequence when only the final state is
   * used): the body then passes it through unchanged and skips the work that only fed it.
   * Found by growing the live set until the plan reads no dead variable.
   */
  private static Plan livePlan(TracedFunction body, int n, List<Integer> exports, Plan condPlan,
      KernelContext ctx) {
    Set<Output> exported = new HashSet<>();
    for (int j : exports) {
      exported.add(body.exportable().get(j));
    }
    List<Integer> dead = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!ctx.isOutputUsed(k) && !condPlan.readsFeed(k)
          && !exported.contains(body.args().get(k))) {
        dead.add(k);
      }
    }
    while (true) {
      Plan p = body.plan(exports, dead);
      List<Integer> still = new ArrayList<>();
      for (int k : dead) {
        if (!p.readsFeed(k)) {
          still.add(k);
        }
      }
      if (still.size() == dead.size()) {
        return p;
      }
      dead = still;
    }
  }

  /**
   * Where in this loop an error arose. A loop with sliced inputs is a gradient loop running the
   * forward iterations in reverse: iteration i differentiates forward iteration T-1-i.
   */
  private static LoopFrame frame(KernelContext ctx, int it, TensorArrayValue[] sliced) {
    int forward = sliced.length == 0 ? -1 : Math.max(-1, sliced[0].size() - 1 - it);
    return new LoopFrame(ctx.op().name(), it, forward);
  }

  static Tensor[] runIf(ControlOps.If f, KernelContext ctx, Tensor[] in) {
    boolean taken = in[0].booleanValue();
    TracedFunction branch = taken ? f.thenBranch() : f.elseBranch();
    List<Integer> capIdx = taken ? f.thenCaptureInputs() : f.elseCaptureInputs();
    int exportBase = taken ? f.thenExportOutput(0) : f.elseExportOutput(0);
    List<Integer> exports = new ArrayList<>();
    for (int j = 0; j < branch.exportable().size(); j++) {
      if (ctx.isOutputUsed(exportBase + j)) {
        exports.add(j);
      }
    }
    List<Tensor> r = branch.call(branch.plan(exports), NONE, pick(in, capIdx),
        pick(in, taken ? f.thenFedInputs() : f.elseFedInputs()), ctx);
    Tensor[] out = new Tensor[f.outputSpecs().size()];
    for (int k = 0; k < f.numResults(); k++) {
      out[k] = r.get(k);
    }
    for (int j = 0; j < exports.size(); j++) {
      out[exportBase + exports.get(j)] = r.get(f.numResults() + j);
    }
    // The branch not taken exports zeros where something reads its values.
    for (int k = f.numResults(); k < out.length; k++) {
      if (out[k] == null && ctx.isOutputUsed(k)) {
        out[k] = TracedFunction.placeholderValue(f.outputSpecs().get(k));
      }
    }
    return out;
  }

  // ---- structure checks (the builders satisfy them; they guard hand-made and read-in ops) ----

  static void checkStructure(ControlOps.While w, InferContext ctx) {
    int n = w.numLoopVars();
    TracedFunction body = w.body();
    checkArgument(n >= 1 && n <= ctx.numInputs(), "%s loop variables for %s inputs", n,
        ctx.numInputs());
    checkArgument(w.cond().args().size() == n && body.args().size() == n
        && body.results().size() == n && w.cond().results().size() == 1,
        "cond takes %s and returns %s values, body takes %s and returns %s, for %s loop"
            + " variables", w.cond().args().size(), w.cond().results().size(),
        body.args().size(), body.results().size(), n);
    ControlOps.checkPredicate(w.cond().results().get(0).spec());
    checkCaptures("cond", w.cond(), w.condCaptureInputs(), ctx);
    checkCaptures("body", body, w.bodyCaptureInputs(), ctx);
    checkArgument(w.cond().extraFeeds().isEmpty(), "the condition takes no extra feeds, got %s",
        w.cond().extraFeeds());
    checkExtraFeeds("body", body);
    checkArgument(w.bodySlicedInputs().size() == body.extraFeeds().size(),
        "%s sliced inputs for %s extra feeds of the body", w.bodySlicedInputs().size(),
        body.extraFeeds().size());
    checkInputIndices("sliced", w.bodySlicedInputs(), ctx);
    if (w.hasMaximumIterations()) {
      ControlOps.checkIndexSpec(ctx.input(ctx.numInputs() - 1), "maximum iteration count");
    }
    checkArgument(w.outputSpecs().size() == n + 1 + body.exportable().size(),
        "%s output specs for %s loop variables, the trip count and %s exports",
        w.outputSpecs().size(), n, body.exportable().size());
  }

  static void checkStructure(ControlOps.If f, InferContext ctx) {
    TracedFunction a = f.thenBranch();
    TracedFunction b = f.elseBranch();
    checkArgument(a.args().isEmpty() && b.args().isEmpty(), "branches take no arguments");
    checkArgument(a.results().size() == f.numResults() && b.results().size() == f.numResults(),
        "branches return %s and %s values, the op promises %s", a.results().size(),
        b.results().size(), f.numResults());
    checkCaptures("then", a, f.thenCaptureInputs(), ctx);
    checkCaptures("else", b, f.elseCaptureInputs(), ctx);
    checkExtraFeeds("then", a);
    checkExtraFeeds("else", b);
    checkArgument(f.thenFedInputs().size() == a.extraFeeds().size()
        && f.elseFedInputs().size() == b.extraFeeds().size(), "fed inputs do not match the"
        + " branches' extra feeds");
    checkInputIndices("fed", f.thenFedInputs(), ctx);
    checkInputIndices("fed", f.elseFedInputs(), ctx);
    checkArgument(f.outputSpecs().size() == f.numResults() + a.exportable().size()
        + b.exportable().size(), "%s output specs for %s results and %s + %s exports",
        f.outputSpecs().size(), f.numResults(), a.exportable().size(), b.exportable().size());
  }

  /**
   * Capture i of fn is fed from the op's input idx.get(i), which must fit the capture's
   * placeholder. (Usually that input is the captured value itself; a copy of the op made by a
   * gradient's body cloner feeds the copy's values instead.)
   */
  private static void checkCaptures(String what, TracedFunction fn, List<Integer> idx,
      InferContext ctx) {
    checkArgument(idx.size() == fn.captured().size(), "%s has %s captures but %s capture"
        + " inputs", what, fn.captured().size(), idx.size());
    checkInputIndices(what + " capture", idx, ctx);
    for (int i = 0; i < idx.size(); i++) {
      TensorSpec want = fn.capturePlaceholders().get(i).spec();
      TensorSpec got = ctx.input(idx.get(i));
      checkArgument(got.dtype() == want.dtype() && got.shape().isCompatibleWith(want.shape()),
          "%s capture %s (%s) is fed from input %s, which is %s", what, i, want, idx.get(i),
          got);
    }
  }

  /** A function's extra feeds are distinct values of its own that nothing else feeds. */
  private static void checkExtraFeeds(String what, TracedFunction fn) {
    java.util.Set<Output> seen = new java.util.HashSet<>(fn.args());
    seen.addAll(fn.capturePlaceholders());
    for (Output o : fn.extraFeeds()) {
      checkArgument(o.graph() == fn.graph(), "%s's extra feed %s is not a value of its body",
          what, o.name());
      checkArgument(seen.add(o), "%s's extra feed %s is already fed (an argument, a capture"
          + " or another extra feed)", what, o.name());
    }
  }

  private static void checkInputIndices(String what, List<Integer> idx, InferContext ctx) {
    for (int i : idx) {
      checkArgument(i >= 0 && i < ctx.numInputs(), "%s input index %s out of range for %s"
          + " inputs", what, i, ctx.numInputs());
    }
  }

  private static Tensor[] pick(Tensor[] in, List<Integer> idx) {
    Tensor[] r = new Tensor[idx.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = in[idx.get(i)];
    }
    return r;
  }
}
