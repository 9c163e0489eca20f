package dev.skein.onnx;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.control.ControlOps;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.control.TracedFunction;
import dev.skein.core.ops.math.MathOps;
import dev.skein.onnx.proto.OnnxProto.GraphProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * While loops as ONNX Loop nodes, and the TensorArrays around them.
 *
 * <p>A While's body and condition become the Loop's body graph (the condition is evaluated on
 * the new loop variables at the end of each iteration, and once on the initial values before
 * the loop). Captured outer values are referenced from the body by name, as ONNX allows.
 * TensorArrays have no ONNX value: an unstacked array is the tensor it was unstacked from, a
 * read is a Gather, and an array carried through the loop and written once per iteration at the
 * loop counter (a loop variable starting at 0 and adding 1, which is then ONNX's iteration
 * number) becomes a scan output of the Loop, stacked [T, ...] by ONNX itself. That covers
 * dynamicRnn's loop; other uses of arrays fail naming the op.
 */
final class LoopConverter {
  private LoopConverter() {}

  static boolean convert(Emitter e, Operation op, OpType t) {
    if (t instanceof ControlOps.While w) {
      convertWhile(e, op, w);
    } else if (t instanceof TensorArrayOps.TensorArrayV3) {
      e.bind(op.output(0), new Value.EmptyArray(op.output(0)));
    } else if (t instanceof TensorArrayOps.TensorArrayOp a) {
      arrayOp(e, op, a);
    } else {
      return false;
    }
    return true;
  }

  private static void arrayOp(Emitter e, Operation op, TensorArrayOps.TensorArrayOp a) {
    String n = op.name();
    Value array = e.value(op.input(0));
    switch (a) {
      case UNSTACK:
      case UNSTACK_AXIS1:
        if (!(array instanceof Value.EmptyArray)) {
          throw OpConverters.unsupported(op, "only an unstack into a new TensorArray is"
              + " exported");
        }
        e.bind(op.output(0), new Value.UnstackedArray(e.in(op, 1),
            a == TensorArrayOps.TensorArrayOp.UNSTACK ? 0 : 1));
        return;
      case READ:
        if (array instanceof Value.UnstackedArray u) {
          e.set(op, 0, e.node("Gather", n, u.dense(), e.in(op, 1), Attr.i("axis", u.axis())));
        } else if (array instanceof Value.ScannedArray s) {
          e.set(op, 0, e.node("Gather", n, s.dense(), e.in(op, 1), Attr.i("axis", 0)));
        } else {
          throw OpConverters.unsupported(op, "only reads of an unstacked TensorArray, or of"
              + " one a loop wrote, are exported");
        }
        return;
      case WRITE:
        if (array instanceof Value.LoopArray l && e.isCounter(op.input(1))) {
          e.bind(op.output(0), new Value.WrittenArray(l.loopVar(), e.in(op, 2)));
          return;
        }
        throw OpConverters.unsupported(op, "a TensorArray write is exported only inside a"
            + " loop, to a TensorArray loop variable, at the loop counter (a loop variable"
            + " starting at 0 and adding 1 per iteration), once per iteration");
      case STACK:
        if (array instanceof Value.ScannedArray s) {
          e.set(op, 0, s.dense());
        } else if (array instanceof Value.UnstackedArray u && u.axis() == 0) {
          e.set(op, 0, u.dense());
        } else if (array instanceof Value.UnstackedArray u) {
          Shape shape = op.input(0).shape();
          int rank = shape.hasKnownRank() ? shape.rank() : -1;
          if (rank < 2) {
            throw OpConverters.unsupported(op, "stacking an array unstacked along axis 1 needs"
                + " a static rank");
          }
          int[] perm = new int[rank];
          for (int k = 0; k < rank; k++) {
            perm[k] = k;
          }
          perm[0] = 1;
          perm[1] = 0;
          e.set(op, 0, e.node("Transpose", n, u.dense(), Attr.ints("perm", perm)));
        } else {
          throw OpConverters.unsupported(op, "only stacks of an unstacked TensorArray, or of one"
              + " a loop wrote, are exported");
        }
        return;
      default:
        throw OpConverters.unsupported(op, "this TensorArray op is not exported");
    }
  }

  private static void convertWhile(Emitter outer, Operation op, ControlOps.While w) {
    TracedFunction cond = w.cond();
    TracedFunction body = w.body();
    if (!w.bodySlicedInputs().isEmpty() || !body.extraFeeds().isEmpty()) {
      throw OpConverters.unsupported(op, "gradient loops are not exported; export the"
          + " forward (inference) graph");
    }
    int n = w.numLoopVars();
    String name = op.name();
    ExportContext ctx = outer.ctx();
    List<Value> init = new ArrayList<>(n);
    boolean[] isArray = new boolean[n];
    for (int k = 0; k < n; k++) {
      Value v = outer.value(op.input(k));
      if (v instanceof Value.EmptyArray) {
        isArray[k] = true;
      } else if (!(v instanceof Value.Dense)) {
        throw OpConverters.unsupported(op, "loop variable " + k + " is a TensorArray that"
            + " already holds values; only empty arrays filled by the loop are exported");
      }
      init.add(v);
    }
    Set<Output> counters = new HashSet<>();
    for (int k = 0; k < n; k++) {
      if (isCounter(op, body, k)) {
        counters.add(body.args().get(k));
      }
    }

    // The condition on the initial values, in the enclosing graph.
    Emitter condInit = new Emitter(ctx, outer.out(), Set.of());
    bindFunction(condInit, outer, op, cond, w.condCaptureInputs(), init);
    condInit.emit(cond.results());
    String condStart = condInit.dense(cond.results().get(0));

    // The body, then the condition on the new values.
    GraphProto.Builder g = GraphProto.newBuilder().setName(ctx.fresh(name + "/body"));
    String iter = ctx.fresh(name + "/iteration");
    String condIn = ctx.fresh(name + "/cond_in");
    g.addInput(Tensors.valueInfo(iter, Tensors.INT64, Shape.scalar()));
    g.addInput(Tensors.valueInfo(condIn, Tensors.BOOL, Shape.scalar()));
    List<Value> args = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Output arg = body.args().get(k);
      if (isArray[k]) {
        args.add(new Value.LoopArray(k));
      } else {
        String a = ctx.fresh(name + "/" + arg.op().name());
        g.addInput(Tensors.valueInfo(a, Tensors.onnxType(arg.dtype()), null));
        args.add(new Value.Dense(a));
      }
    }
    Emitter bodyE = new Emitter(ctx, g, counters);
    bindFunction(bodyE, outer, op, body, w.bodyCaptureInputs(), args);
    bodyE.emit(body.results());
    List<Value> next = new ArrayList<>(n);
    for (Output r : body.results()) {
      next.add(bodyE.value(r));
    }
    Emitter condNext = new Emitter(ctx, g, Set.of());
    bindFunction(condNext, outer, op, cond, w.condCaptureInputs(), next);
    condNext.emit(cond.results());
    String condOut = bodyE.node("Identity", name + "/cond_out",
        condNext.dense(cond.results().get(0)));
    g.addOutput(Tensors.valueInfo(condOut, Tensors.BOOL, Shape.scalar()));
    List<String> scans = new ArrayList<>();
    List<Integer> scanVars = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Output r = body.results().get(k);
      Value v = next.get(k);
      if (isArray[k]) {
        if (!(v instanceof Value.WrittenArray wa) || wa.loopVar() != k) {
          throw OpConverters.unsupported(op, "TensorArray loop variable " + k + " must be"
              + " written exactly once per iteration at the loop counter");
        }
        scans.add(bodyE.node("Identity", name + "/scan" + k, wa.element()));
        scanVars.add(k);
      } else {
        String o = bodyE.node("Identity", name + "/next" + k, bodyE.dense(r));
        g.addOutput(Tensors.valueInfo(o, Tensors.onnxType(r.dtype()), null));
      }
    }
    for (int j = 0; j < scans.size(); j++) {
      Output elem = body.results().get(scanVars.get(j));
      g.addOutput(Tensors.valueInfo(scans.get(j), Tensors.onnxType(elem.dtype()),
          scanElement(body, scanVars.get(j))));
    }

    // The Loop node.
    List<String> inputs = new ArrayList<>();
    inputs.add(w.hasMaximumIterations()
        ? outer.int64(name + "/max", outer.in(op, op.numInputs() - 1)) : "");
    inputs.add(condStart);
    List<String> outputs = new ArrayList<>();
    List<Integer> denseVars = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!isArray[k]) {
        inputs.add(((Value.Dense) init.get(k)).name());
        outputs.add(ctx.fresh(name + ":" + k));
        denseVars.add(k);
      }
    }
    List<String> scanOuts = new ArrayList<>();
    for (int k : scanVars) {
      scanOuts.add(ctx.fresh(name + ":" + k));
    }
    List<String> all = new ArrayList<>(outputs);
    all.addAll(scanOuts);
    outer.addNode("Loop", name, inputs, all, Attr.graph("body", g.build()));
    for (int j = 0; j < denseVars.size(); j++) {
      outer.set(op, denseVars.get(j), outputs.get(j));
    }
    for (int j = 0; j < scanVars.size(); j++) {
      outer.bind(op.output(scanVars.get(j)), new Value.ScannedArray(scanOuts.get(j)));
    }
    for (int k = n; k < op.numOutputs(); k++) {
      outer.bind(op.output(k), new Value.Unsupported(k == w.iterationsOutput()
          ? "the trip count of a While is not exported (count iterations in a loop variable)"
          : "a While's per-iteration exports serve gradients and are not exported"));
    }
  }

  /** The static shape of the element the body writes to TensorArray loop variable k. */
  private static Shape scanElement(TracedFunction body, int k) {
    Operation write = body.results().get(k).op();
    return write.numInputs() == 3 ? write.input(2).shape() : null;
  }

  /** Binds a traced function's arguments and captures in the emitter of its graph. */
  private static void bindFunction(Emitter e, Emitter outer, Operation op, TracedFunction f,
      List<Integer> captureInputs, List<Value> args) {
    for (int k = 0; k < f.args().size(); k++) {
      e.bind(f.args().get(k), args.get(k));
    }
    for (int i = 0; i < f.capturePlaceholders().size(); i++) {
      e.bind(f.capturePlaceholders().get(i), outer.value(op.input(captureInputs.get(i))));
    }
  }

  /** Loop variable k starts at int32 0 and the body adds int32 1 to it: the iteration number. */
  private static boolean isCounter(Operation op, TracedFunction body, int k) {
    Output arg = body.args().get(k);
    if (!isIntConstant(op.input(k), 0)) {
      return false;
    }
    Operation next = body.results().get(k).op();
    if (next.type() != MathOps.Binary.ADD) {
      return false;
    }
    Output a = next.input(0);
    Output b = next.input(1);
    return (a.equals(arg) && isIntConstant(b, 1)) || (b.equals(arg) && isIntConstant(a, 1));
  }

  private static boolean isIntConstant(Output o, int v) {
    if (!(o.op().type() instanceof Const c)) {
      return false;
    }
    Tensor t = c.value();
    return t.dtype() == DType.INT32 && t.size() == 1 && t.intValue() == v;
  }
}
