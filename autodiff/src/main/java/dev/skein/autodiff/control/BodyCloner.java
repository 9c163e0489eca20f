package dev.skein.autodiff.control;

import dev.skein.core.Const;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.ops.control.TracedFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a control-flow op's body graph into a gradient body graph, so the gradient driver can
 * walk it there: argument placeholders become placeholders of the gradient body, captures become
 * captures of the same outer values (the forward op's inputs), every other op is added again
 * with its inputs mapped. The copies never run: each copied value a gradient op reads is fed
 * with the value the forward op exported ({@link #fedValues}); only constants are recomputed.
 */
final class BodyCloner {
  private final TracedFunction forward;
  private final Map<Output, Output> toClone = new HashMap<>();
  private final Map<Output, Output> toForward = new HashMap<>();
  /** Copied ops whose values must come from the forward run (all but constants). */
  private final Set<Operation> copies = new HashSet<>();

  /**
   * Copies {@code forward}'s graph into {@code target}; {@code captureInputs} gives, for each
   * capture, the index of the forward op's input that holds the captured value.
   */
  BodyCloner(TracedFunction forward, Graph target, Operation forwardOp,
      List<Integer> captureInputs) {
    this.forward = forward;
    for (int k = 0; k < forward.args().size(); k++) {
      Output a = forward.args().get(k);
      Output p = Placeholder.create(target, a.dtype(), a.shape(), "forward_arg" + k);
      put(a, p);
      copies.add(p.op());
    }
    for (int j = 0; j < forward.capturePlaceholders().size(); j++) {
      Output outer = forwardOp.input(captureInputs.get(j));
      put(forward.capturePlaceholders().get(j), target.capture(outer));
    }
    String prefix = forward.graph().rootScope() + "/";
    for (Operation op : forward.graph().operations()) {
      if (op.numOutputs() > 0 && toClone.containsKey(op.output(0))) {
        continue;
      }
      List<Output> in = new ArrayList<>(op.numInputs());
      for (Output x : op.inputs()) {
        in.add(toClone.get(x));
      }
      String name = op.name().startsWith(prefix) ? op.name().substring(prefix.length())
          : op.name();
      Operation c = target.addOp(op.type(), name, in);
      for (int k = 0; k < op.numOutputs(); k++) {
        put(op.output(k), c.output(k));
      }
      if (!(op.type() instanceof Const)) {
        copies.add(c);
      }
    }
  }

  private void put(Output forwardValue, Output clone) {
    toClone.put(forwardValue, clone);
    toForward.put(clone, forwardValue);
  }

  /** The copy of a forward body value. */
  Output map(Output forwardValue) {
    return toClone.get(forwardValue);
  }

  /**
   * The copied values that ops of {@code target} other than copies read (or that are results):
   * these are fed from the forward op's exports, so no copy runs.
   */
  List<Output> fedValues(Graph target, List<Output> results) {
    Set<Output> fed = new LinkedHashSet<>();
    for (Operation op : target.operations()) {
      if (copies.contains(op)) {
        continue;
      }
      for (Output x : op.inputs()) {
        if (copies.contains(x.op())) {
          fed.add(x);
        }
      }
    }
    for (Output r : results) {
      if (copies.contains(r.op())) {
        fed.add(r);
      }
    }
    return new ArrayList<>(fed);
  }

  /** The index in {@code forward.exportable()} of the forward value a fed copy stands for. */
  int exportIndex(Output copy) {
    int j = forward.exportable().indexOf(toForward.get(copy));
    if (j < 0) {
      throw new IllegalStateException("no export for " + toForward.get(copy));
    }
    return j;
  }
}
