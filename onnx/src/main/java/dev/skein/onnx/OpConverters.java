package dev.skein.onnx;

import dev.skein.core.Const;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Placeholder;
import dev.skein.core.ops.rnncell.RnnCellOps;
import dev.skein.core.ops.state.StateOps;
import java.util.List;

/**
 * Dispatches an op to the converter of its family; each converter writes the op as ONNX nodes
 * (opset {@value OnnxExporter#OPSET}) and binds its outputs. An op no converter knows fails
 * with its scoped name, type and creation line, and the list of what is supported.
 */
final class OpConverters {
  private OpConverters() {}

  /** The Skein op types the exporter writes, for error messages and the docs. */
  static final List<String> SUPPORTED = List.of(
      "Placeholder (fed)", "Const", "VariableV2 (frozen)", "Identity", "StopGradient",
      "CheckSequenceLength (as Identity: ONNX has no run-time check)", "Add", "Sub",
      "Mul", "RealDiv", "Pow", "Maximum", "Minimum", "SquaredDifference", "FloorDiv (float)",
      "FloorMod (int32)", "Neg", "Abs", "Square", "Sign", "Relu", "Sqrt", "Rsqrt", "Exp", "Log",
      "Log1p", "Tanh", "Sigmoid", "Reciprocal", "Floor", "Equal", "NotEqual", "Less", "LessEqual",
      "Greater", "GreaterEqual", "LogicalAnd", "LogicalOr", "LogicalNot", "Cast", "Select",
      "SelectV2", "ClipByValue", "AddN", "Sum", "Mean", "Max", "Min", "Prod", "ArgMax", "ArgMin",
      "BroadcastTo", "BiasAdd", "Softmax", "LogSoftmax", "MatMul", "BatchMatMul", "BiasTanh",
      "BiasSigmoid", "LSTMGates", "GRUResetGate", "GRUUpdate", "RandomUniform and RandomStandardNormal (ONNX Runtime's numbers)",
      "ConcatV2", "Split", "SplitV", "Pack", "Unpack", "Transpose", "Reshape", "ExpandDims",
      "Squeeze", "Slice", "StridedSlice (no ellipsis or new axis)", "GatherV2", "OneHot", "Fill",
      "ZerosLike", "OnesLike", "Shape", "Size", "Rank", "Range", "Tile", "Pad", "SequenceMask",
      "ReverseSequence", "ReverseV2", "While (as ONNX Loop)", "TensorArrayV3", "TensorArrayUnstack",
      "TensorArrayUnstackAxis1", "TensorArrayReadV3", "TensorArrayWriteV3 (at the loop counter)",
      "TensorArrayStack");

  static void convert(Emitter e, Operation op) {
    OpType t = op.type();
    boolean done = convertState(e, op, t)
        || MathConverters.convert(e, op, t)
        || NnConverters.convert(e, op, t)
        || ArrayConverters.convert(e, op, t)
        || LoopConverter.convert(e, op, t);
    if (!done) {
      throw unsupported(op, "ONNX export has no conversion for this op type");
    }
  }

  /** The error for an op that cannot be exported, naming it and what is supported. */
  static OnnxExportException unsupported(Operation op, String why) {
    StackTraceElement site = op.creationSite();
    return new OnnxExportException("cannot export " + op.type().typeName() + " op '"
        + op.name() + "'" + (site == null ? "" : " (created at " + site + ")") + ": " + why
        + ".\n  Supported op types: " + String.join(", ", SUPPORTED));
  }

  private static boolean convertState(Emitter e, Operation op, OpType t) {
    if (t instanceof Placeholder) {
      throw new OnnxExportException("placeholder '" + op.name() + "' is needed by the fetches"
          + " but is not among the feeds; add it to the feeds (it becomes an ONNX graph input)"
          + " or feed a value computed from it");
    } else if (t instanceof Const c) {
      e.set(op, 0, e.ctx().constant(op.name(), c.value()));
    } else if (t instanceof StateOps.VariableOp) {
      e.set(op, 0, e.ctx().variable(op));
    } else if (t instanceof StateOps.Identity || t instanceof StateOps.StopGradient) {
      // A TensorArray passes through unchanged; a tensor gets an Identity node.
      Value v = e.value(op.input(0));
      e.bind(op.output(0), v instanceof Value.Dense d
          ? new Value.Dense(e.node("Identity", op.name(), d.name())) : v);
    } else if (t instanceof RnnCellOps.CheckSequenceLength) {
      // ONNX has no assertion op: the lengths pass through unchecked, as ONNX's own RNN ops
      // take them.
      e.bind(op.output(0), new Value.Dense(e.node("Identity", op.name(),
          e.dense(op.input(0)))));
    } else {
      return false;
    }
    return true;
  }
}
