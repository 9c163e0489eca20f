package dev.skein.onnx;

import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.ops.linalg.LinalgOps;
import dev.skein.core.ops.nn.NnOps;
import dev.skein.core.ops.random.RandomOps;
import dev.skein.core.ops.rnncell.GruOps;
import dev.skein.core.ops.rnncell.RnnCellOps;
import dev.skein.onnx.proto.OnnxProto.AttributeProto;
import java.util.Arrays;
import java.util.List;

/**
 * Neural-network ops, products and the fused cell steps. The fused ops have no ONNX
 * counterpart and are written as the primitive subgraph they stand for, with the same float
 * operations in the same order as the unfused cell.
 */
final class NnConverters {
  private NnConverters() {}

  static boolean convert(Emitter e, Operation op, OpType t) {
    String n = op.name();
    if (t instanceof NnOps.BiasAdd) {
      // bias [c] broadcasts along the last dimension, as BiasAdd adds it.
      e.set(op, 0, e.node("Add", n, e.in(op, 0), e.in(op, 1)));
    } else if (t instanceof NnOps.Softmax s) {
      e.set(op, 0, e.node(s == NnOps.Softmax.SOFTMAX ? "Softmax" : "LogSoftmax", n,
          e.in(op, 0), Attr.i("axis", -1)));
    } else if (t instanceof LinalgOps.MatMul m) {
      e.set(op, 0, matMul(e, op, m.transposeA(), m.transposeB()));
    } else if (t instanceof LinalgOps.BatchMatMul m) {
      e.set(op, 0, batchMatMul(e, op, m.adjX(), m.adjY()));
    } else if (t instanceof RnnCellOps.BiasActivation a) {
      String sum = e.node("Add", n + "/bias_add", e.in(op, 0), e.in(op, 1));
      e.set(op, 0, e.node(a == RnnCellOps.BiasActivation.TANH ? "Tanh" : "Sigmoid", n, sum));
    } else if (t instanceof RnnCellOps.LstmGates g) {
      lstmGates(e, op, g.forgetBias());
    } else if (t instanceof GruOps.GruResetGate) {
      // r * h, r the first half of the gates
      List<String> ru = e.nodeN("Split", n + "/split", List.of(e.in(op, 0)), 2, Attr.i("axis", 1));
      e.set(op, 0, e.node("Mul", n, ru.get(0), e.in(op, 1)));
    } else if (t instanceof GruOps.GruUpdate) {
      // u * h + (1 - u) * c, u the second half of the gates: GRUCell's Mul, Sub, Mul, Add
      List<String> ru = e.nodeN("Split", n + "/split", List.of(e.in(op, 0)), 2, Attr.i("axis", 1));
      String u = ru.get(1);
      String keep = e.node("Mul", n + "/keep", u, e.in(op, 1));
      String oneMinus = e.node("Sub", n + "/one_minus_u", e.scalar(n + "/one",
          op.input(0).dtype(), 1.0), u);
      e.set(op, 0, e.node("Add", n, keep, e.node("Mul", n + "/write", oneMinus, e.in(op, 2))));
    } else if (t instanceof RandomOps.RandomUniform u) {
      e.set(op, 0, random(e, op, "RandomUniformLike", Attr.f("low", (float) u.minval()),
          Attr.f("high", (float) u.maxval())));
    } else if (t instanceof RandomOps.RandomNormal r) {
      e.set(op, 0, random(e, op, "RandomNormalLike", Attr.f("mean", (float) r.mean()),
          Attr.f("scale", (float) r.stddev())));
    } else {
      return false;
    }
    return true;
  }

  /**
   * A random op of a run-time shape (input 0): ONNX's *Like form over zeros of that shape. The
   * distribution is the same, the numbers are ONNX Runtime's (dropout at keep probability 1,
   * the inference setting, gives exactly Skein's values).
   */
  private static String random(Emitter e, Operation op, String onnx, AttributeProto... dist) {
    String n = op.name();
    String zeros = e.node("Expand", n + "/like", e.scalar(n + "/zero",
        op.output(0).dtype(), 0), e.int64(n, e.in(op, 0)));
    AttributeProto[] attrs = Arrays.copyOf(dist, dist.length + 1);
    attrs[dist.length] = Attr.i("dtype", Tensors.onnxType(op.output(0).dtype()));
    return e.node(onnx, n, zeros, attrs);
  }

  private static String matMul(Emitter e, Operation op, boolean ta, boolean tb) {
    String a = e.in(op, 0);
    String b = e.in(op, 1);
    if (!ta && !tb) {
      return e.node("MatMul", op.name(), a, b);
    }
    if (op.input(0).dtype().isFloating()) {
      return e.node("Gemm", op.name(), a, b, Attr.i("transA", ta ? 1 : 0),
          Attr.i("transB", tb ? 1 : 0));
    }
    String at = ta ? e.node("Transpose", op.name() + "/a_t", a, Attr.ints("perm", 1, 0)) : a;
    String bt = tb ? e.node("Transpose", op.name() + "/b_t", b, Attr.ints("perm", 1, 0)) : b;
    return e.node("MatMul", op.name(), at, bt);
  }

  private static String batchMatMul(Emitter e, Operation op, boolean adjX, boolean adjY) {
    String x = e.in(op, 0);
    String y = e.in(op, 1);
    if (adjX) {
      x = swapLast(e, op, 0, x);
    }
    if (adjY) {
      y = swapLast(e, op, 1, y);
    }
    return e.node("MatMul", op.name(), x, y);
  }

  private static String swapLast(Emitter e, Operation op, int k, String x) {
    if (!op.input(k).shape().hasKnownRank()) {
      throw OpConverters.unsupported(op, "an adjoint input needs a static rank, input " + k
          + " has shape " + op.input(k).shape());
    }
    int r = op.input(k).shape().rank();
    int[] perm = new int[r];
    for (int d = 0; d < r; d++) {
      perm[d] = d;
    }
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return e.node("Transpose", op.name() + "/adj" + k, x, Attr.ints("perm", perm));
  }

  /**
   * LSTMGates(gates, bias, c) as BasicLSTMCell's ops: i, j, f, o = split(gates + bias, 4);
   * c' = c * sigmoid(f + forgetBias) + sigmoid(i) * tanh(j); h' = tanh(c') * sigmoid(o).
   */
  private static void lstmGates(Emitter e, Operation op, double forgetBias) {
    String n = op.name();
    String gates = e.node("Add", n + "/bias_add", e.in(op, 0), e.in(op, 1));
    List<String> ijfo = e.nodeN("Split", n + "/split", List.of(gates), 4, Attr.i("axis", 1));
    String fb = e.scalar(n + "/forget_bias", op.input(0).dtype(), forgetBias);
    String forget = e.node("Sigmoid", n + "/forget", e.node("Add", n + "/f_add", ijfo.get(2),
        fb));
    String keep = e.node("Mul", n + "/keep", e.in(op, 2), forget);
    String write = e.node("Mul", n + "/write", e.node("Sigmoid", n + "/input_gate",
        ijfo.get(0)), e.node("Tanh", n + "/candidate", ijfo.get(1)));
    String c = e.node("Add", n + "/c", keep, write);
    String h = e.node("Mul", n + "/h", e.node("Tanh", n + "/tanh_c", c),
        e.node("Sigmoid", n + "/output_gate", ijfo.get(3)));
    e.set(op, 0, c);
    e.set(op, 1, h);
  }
}
