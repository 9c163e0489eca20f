package dev.skein.onnx;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Shape;
import dev.skein.core.ops.math.MathOps;
import dev.skein.core.ops.math.MathReduceOps;
import dev.skein.core.ops.math.SelectOps;
import java.util.ArrayList;
import java.util.List;

/** Elementwise arithmetic, comparisons, casts, selects and reductions. */
final class MathConverters {
  private MathConverters() {}

  static boolean convert(Emitter e, Operation op, OpType t) {
    String n = op.name();
    if (t instanceof MathOps.Binary b) {
      e.set(op, 0, binary(e, op, b, e.in(op, 0), e.in(op, 1)));
    } else if (t instanceof MathOps.Unary u) {
      e.set(op, 0, unary(e, op, u, e.in(op, 0)));
    } else if (t instanceof MathOps.Compare c) {
      String x = e.in(op, 0);
      String y = e.in(op, 1);
      String r;
      switch (c) {
        case EQUAL: r = e.node("Equal", n, x, y); break;
        case NOT_EQUAL: r = e.node("Not", n, e.node("Equal", n + "/eq", x, y)); break;
        case LESS: r = e.node("Less", n, x, y); break;
        case LESS_EQUAL: r = e.node("LessOrEqual", n, x, y); break;
        case GREATER: r = e.node("Greater", n, x, y); break;
        default: r = e.node("GreaterOrEqual", n, x, y); break;
      }
      e.set(op, 0, r);
    } else if (t instanceof MathOps.Logical l) {
      e.set(op, 0, l == MathOps.Logical.LOGICAL_NOT ? e.node("Not", n, e.in(op, 0))
          : e.node(l == MathOps.Logical.LOGICAL_AND ? "And" : "Or", n, e.in(op, 0),
              e.in(op, 1)));
    } else if (t instanceof SelectOps.Cast c) {
      e.set(op, 0, e.cast(n, e.in(op, 0), Tensors.onnxType(c.dtype())));
    } else if (t instanceof SelectOps.Select) {
      e.set(op, 0, select(e, op));
    } else if (t instanceof SelectOps.SelectV2) {
      e.set(op, 0, e.node("Where", n, List.of(e.in(op, 0), e.in(op, 1), e.in(op, 2))));
    } else if (t instanceof SelectOps.ClipByValue) {
      // TF1's order: max(min(x, hi), lo), so lo wins if lo > hi.
      e.set(op, 0, e.node("Max", n, e.node("Min", n + "/min", e.in(op, 0), e.in(op, 2)),
          e.in(op, 1)));
    } else if (t instanceof MathOps.AddN) {
      List<String> in = new ArrayList<>();
      for (int k = 0; k < op.numInputs(); k++) {
        in.add(e.in(op, k));
      }
      e.set(op, 0, e.node("Sum", n, in));
    } else if (t instanceof MathReduceOps.Reduction r) {
      e.set(op, 0, reduce(e, op, r));
    } else if (t instanceof MathReduceOps.BroadcastTo) {
      e.set(op, 0, e.node("Expand", n, e.in(op, 0), e.int64(n, e.in(op, 1))));
    } else if (t instanceof MathReduceOps.ArgMax a) {
      e.set(op, 0, argMinMax(e, op, "ArgMax", a.axis()));
    } else if (t instanceof MathReduceOps.ArgMin a) {
      e.set(op, 0, argMinMax(e, op, "ArgMin", a.axis()));
    } else {
      return false;
    }
    return true;
  }

  private static String binary(Emitter e, Operation op, MathOps.Binary b, String x, String y) {
    String n = op.name();
    boolean floating = op.input(0).dtype().isFloating();
    switch (b) {
      case ADD: return e.node("Add", n, x, y);
      case SUB: return e.node("Sub", n, x, y);
      case MUL: return e.node("Mul", n, x, y);
      case DIV: return e.node("Div", n, x, y);
      case POW: return e.node("Pow", n, x, y);
      case MAXIMUM: return e.node("Max", n, x, y);
      case MINIMUM: return e.node("Min", n, x, y);
      case SQUARED_DIFFERENCE: {
        String d = e.node("Sub", n + "/diff", x, y);
        return e.node("Mul", n, d, d);
      }
      case FLOOR_DIV:
        if (floating) {
          return e.node("Floor", n, e.node("Div", n + "/div", x, y));
        }
        throw OpConverters.unsupported(op, "integer FloorDiv rounds toward -inf, ONNX's integer"
            + " Div toward zero; cast to float first");
      case FLOOR_MOD:
        if (!floating) {
          return e.node("Mod", n, x, y, Attr.i("fmod", 0));
        }
        throw OpConverters.unsupported(op, "float FloorMod has no ONNX counterpart (ONNX's"
            + " float Mod is C's fmod)");
      default:
        throw OpConverters.unsupported(op, "this binary op has no ONNX counterpart here");
    }
  }

  private static String unary(Emitter e, Operation op, MathOps.Unary u, String x) {
    String n = op.name();
    switch (u) {
      case NEG: return e.node("Neg", n, x);
      case ABS: return e.node("Abs", n, x);
      case SQUARE: return e.node("Mul", n, x, x);
      case SIGN: return e.node("Sign", n, x);
      case RELU: return e.node("Relu", n, x);
      case SQRT: return e.node("Sqrt", n, x);
      case RSQRT: return e.node("Reciprocal", n, e.node("Sqrt", n + "/sqrt", x));
      case EXP: return e.node("Exp", n, x);
      case LOG: return e.node("Log", n, x);
      case LOG1P: return e.node("Log", n, e.node("Add", n + "/add1", x,
          e.scalar(n + "/one", op.input(0).dtype(), 1)));
      case TANH: return e.node("Tanh", n, x);
      case SIGMOID: return e.node("Sigmoid", n, x);
      case RECIPROCAL: return e.node("Reciprocal", n, x);
      case FLOOR: return e.node("Floor", n, x);
      default:
        throw OpConverters.unsupported(op, "this unary op has no ONNX counterpart here");
    }
  }

  /**
   * TF1's Select picks whole rows when cond is a vector and x has rank > 1; ONNX's Where
   * broadcasts from the right, so cond gets trailing size-1 axes first.
   */
  private static String select(Emitter e, Operation op) {
    String n = op.name();
    String c = e.in(op, 0);
    Shape cs = op.input(0).shape();
    Shape xs = op.output(0).shape();
    if (!cs.hasKnownRank() || (cs.rank() != 0 && !xs.hasKnownRank())) {
      throw OpConverters.unsupported(op, "Select needs the static ranks of cond and x (cond "
          + cs + ", x " + xs + ") to pick rows the way TensorFlow's Select does");
    }
    if (cs.rank() == 1 && xs.rank() > 1) {
      long[] axes = new long[xs.rank() - 1];
      for (int k = 0; k < axes.length; k++) {
        axes[k] = k + 1;
      }
      c = e.unsqueeze(n + "/rows", c, axes);
    }
    return e.node("Where", n, List.of(c, e.in(op, 1), e.in(op, 2)));
  }

  private static String reduce(Emitter e, Operation op, MathReduceOps.Reduction r) {
    String n = op.name();
    String x = e.in(op, 0);
    ImmutableIntArray axes = r.axes();
    if (axes != null && axes.isEmpty()) {
      return e.node("Identity", n, x);
    }
    long keep = r.keepDims() ? 1 : 0;
    boolean bool = r instanceof MathReduceOps.ReduceAny || r instanceof MathReduceOps.ReduceAll;
    String onnx;
    if (r instanceof MathReduceOps.ReduceSum) {
      onnx = "ReduceSum";
    } else if (r instanceof MathReduceOps.ReduceMean) {
      onnx = "ReduceMean";
    } else if (r instanceof MathReduceOps.ReduceMax || r instanceof MathReduceOps.ReduceAny) {
      onnx = "ReduceMax";
    } else if (r instanceof MathReduceOps.ReduceMin || r instanceof MathReduceOps.ReduceAll) {
      onnx = "ReduceMin";
    } else {
      onnx = "ReduceProd";
    }
    if (bool) {
      x = e.cast(n + "/to_int", x, Tensors.INT32);
    }
    String y;
    if (onnx.equals("ReduceSum")) {
      // Opset 13 takes ReduceSum's axes as an input; the others keep an attribute until 18.
      List<String> in = axes == null ? List.of(x) : List.of(x, e.int64s(toLongs(axes)));
      y = e.node(onnx, bool ? n + "/int" : n, in, Attr.i("keepdims", keep));
    } else if (axes == null) {
      y = e.node(onnx, bool ? n + "/int" : n, x, Attr.i("keepdims", keep));
    } else {
      y = e.node(onnx, bool ? n + "/int" : n, x, Attr.ints("axes", toLongs(axes)),
          Attr.i("keepdims", keep));
    }
    return bool ? e.cast(n, y, Tensors.BOOL) : y;
  }

  /** ArgMax/ArgMin: ONNX gives int64 (first index on ties, as Skein); Skein's is int32. */
  private static String argMinMax(Emitter e, Operation op, String onnx, int axis) {
    String n = op.name();
    String i64 = e.node(onnx, n + "/int64", e.in(op, 0), Attr.i("axis", axis),
        Attr.i("keepdims", 0), Attr.i("select_last_index", 0));
    return op.output(0).dtype() == DType.INT32 ? e.cast(n, i64, Tensors.INT32) : i64;
  }

  static long[] toLongs(ImmutableIntArray a) {
    long[] l = new long[a.length()];
    for (int k = 0; k < l.length; k++) {
      l[k] = a.get(k);
    }
    return l;
  }
}
