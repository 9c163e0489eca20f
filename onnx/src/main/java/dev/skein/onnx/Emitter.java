package dev.skein.onnx;

import dev.skein.core.DType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Tensor;
import dev.skein.onnx.proto.OnnxProto.AttributeProto;
import dev.skein.onnx.proto.OnnxProto.GraphProto;
import dev.skein.onnx.proto.OnnxProto.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the ops of one Skein graph (the main graph, a loop's body or its condition) as nodes of
 * one ONNX graph. Values already known (feeds, loop arguments, captures) are bound first;
 * {@link #emit} then converts, in id order (a topological order), every op the targets need.
 */
final class Emitter {
  private final ExportContext ctx;
  private final GraphProto.Builder out;
  private final Map<Output, Value> values = new HashMap<>();
  private final Set<Output> counters;

  /**
   * @param counters loop-body values known to equal the ONNX Loop's iteration number (a loop
   *     counter starting at 0 and adding 1), the only index a TensorArray write may use
   */
  Emitter(ExportContext ctx, GraphProto.Builder out, Set<Output> counters) {
    this.ctx = ctx;
    this.out = out;
    this.counters = counters;
  }

  ExportContext ctx() {
    return ctx;
  }

  GraphProto.Builder out() {
    return out;
  }

  boolean isCounter(Output o) {
    return counters.contains(o);
  }

  /** Binds a value; one bound already (a fed output of a multi-output op) stays. */
  void bind(Output o, Value v) {
    values.putIfAbsent(o, v);
  }

  boolean isBound(Output o) {
    return values.containsKey(o);
  }

  /** What an input became; every input of an emitted op is bound before the op. */
  Value value(Output o) {
    Value v = values.get(o);
    if (v == null) {
      throw new IllegalStateException("no ONNX value for " + o.name());
    }
    if (v instanceof Value.Unsupported u) {
      throw new OnnxExportException("cannot export " + o.name() + ": " + u.reason());
    }
    return v;
  }

  /** The ONNX name of a dense value. */
  String dense(Output o) {
    Value v = value(o);
    if (v instanceof Value.Dense d) {
      return d.name();
    }
    throw new OnnxExportException("cannot export " + o.name() + " as a plain tensor: it is a"
        + " TensorArray, which ONNX export supports only through TensorArray reads, writes at"
        + " the loop counter, unstacks and stacks (found " + v.getClass().getSimpleName() + ")");
  }

  /** The ONNX name of input k of op. */
  String in(Operation op, int k) {
    return dense(op.input(k));
  }

  /** Binds output k of op to a dense ONNX value. */
  void set(Operation op, int k, String name) {
    bind(op.output(k), new Value.Dense(name));
  }

  /** Converts every op that the targets need, in id order. */
  void emit(List<Output> targets) {
    Set<Operation> needed = new HashSet<>();
    Deque<Output> stack = new ArrayDeque<>(targets);
    while (!stack.isEmpty()) {
      Output o = stack.pop();
      if (values.containsKey(o) || !needed.add(o.op())) {
        continue;
      }
      for (Output i : o.op().inputs()) {
        stack.push(i);
      }
    }
    List<Operation> order = new ArrayList<>(needed);
    order.sort(Comparator.comparingInt(Operation::id));
    for (Operation op : order) {
      OpConverters.convert(this, op);
    }
  }

  // ---- node helpers ------------------------------------------------------------------------

  /** Adds a one-output node and returns its output's name. */
  String node(String opType, String hint, List<String> inputs, AttributeProto... attrs) {
    return nodeN(opType, hint, inputs, 1, attrs).get(0);
  }

  String node(String opType, String hint, String input, AttributeProto... attrs) {
    return node(opType, hint, List.of(input), attrs);
  }

  String node(String opType, String hint, String a, String b, AttributeProto... attrs) {
    return node(opType, hint, List.of(a, b), attrs);
  }

  /** Adds a node with n outputs named after the hint. */
  List<String> nodeN(String opType, String hint, List<String> inputs, int n,
      AttributeProto... attrs) {
    List<String> outs = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      outs.add(ctx.fresh(hint + (n == 1 ? "" : ":" + k)));
    }
    addNode(opType, hint, inputs, outs, attrs);
    return outs;
  }

  /** Adds a node whose output names the caller chose. */
  void addNode(String opType, String hint, List<String> inputs, List<String> outputs,
      AttributeProto... attrs) {
    NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType)
        .setName(ctx.fresh("node/" + hint)).addAllInput(inputs).addAllOutput(outputs);
    b.addAllAttribute(Arrays.asList(attrs));
    out.addNode(b);
  }

  String cast(String hint, String x, int onnxType) {
    return node("Cast", hint, x, Attr.i("to", onnxType));
  }

  /** An int32 (or other) tensor cast to int64, as ONNX's shape and index inputs want. */
  String int64(String hint, String x) {
    return cast(hint + "/to_int64", x, Tensors.INT64);
  }

  String int64s(long... v) {
    return ctx.int64s(v);
  }

  /** A scalar constant of a Skein dtype; an int64 one from a whole Number is exact. */
  String scalar(String hint, DType dtype, Number v) {
    return dtype == DType.INT64 ? ctx.constant(hint, Tensor.scalar(v.longValue()))
        : scalar(hint, dtype, v.doubleValue());
  }

  /** A scalar constant of a Skein dtype. */
  String scalar(String hint, DType dtype, double v) {
    Tensor t;
    switch (dtype) {
      case FLOAT32:
        t = Tensor.scalar((float) v);
        break;
      case FLOAT64:
        t = Tensor.scalar(v);
        break;
      case INT32:
        t = Tensor.scalar((int) v);
        break;
      case INT64:
        t = Tensor.scalar((long) v);
        break;
      default:
        t = Tensor.scalar(v != 0);
        break;
    }
    return ctx.constant(hint, t);
  }

  /** Unsqueeze (opset 13: axes as an int64 input). */
  String unsqueeze(String hint, String x, long... axes) {
    return node("Unsqueeze", hint, x, int64s(axes));
  }

  String squeeze(String hint, String x, long... axes) {
    return axes.length == 0 ? node("Squeeze", hint, x) : node("Squeeze", hint, x, int64s(axes));
  }
}
