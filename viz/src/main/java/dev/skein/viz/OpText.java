package dev.skein.viz;

import dev.skein.core.CreationSite;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/** The texts viz shows for ops: shape labels, constant summaries, hover details. */
final class OpText {
  /** Constants up to this many elements show their value, larger ones only their shape. */
  static final int MAX_SHOWN_ELEMENTS = 8;

  private OpText() {}

  /** A shape as edge labels show it: {@code ?x5}, {@code 3}, {@code scalar}, {@code ?} (unknown). */
  static String shape(Shape s) {
    if (!s.hasKnownRank()) {
      return "?";
    }
    if (s.rank() == 0) {
      return "scalar";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.rank(); i++) {
      if (i > 0) {
        sb.append('x');
      }
      int d = s.dim(i);
      sb.append(d == Shape.UNKNOWN ? "?" : Integer.toString(d));
    }
    return sb.toString();
  }

  /** A constant's value if it is small (like the notebooks' strip_consts), else null. */
  static String smallConstant(Operation op) {
    Tensor t = op.constantValue();
    if (t == null || t.size() > MAX_SHOWN_ELEMENTS) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    boolean list = t.rank() > 0;
    if (list) {
      sb.append('[');
    }
    for (int i = 0; i < t.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(switch (t.dtype()) {
        case FLOAT32 -> trim(Float.toString(t.floats()[i]));
        case FLOAT64 -> trim(Double.toString(t.doubles()[i]));
        case INT32 -> Integer.toString(t.ints()[i]);
        case INT64 -> Long.toString(t.longs()[i]);
        case BOOL -> Boolean.toString(t.bools()[i]);
      });
    }
    if (list) {
      sb.append(']');
    }
    return sb.toString();
  }

  private static String trim(String number) {
    return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
  }

  /**
   * A node's two-line label: its short name, then its value (small constants), its shape (other
   * constants, placeholders, variables) or its type when the name does not already say it.
   */
  static String label(ScopeTree.Node n) {
    String type = n.op.type().typeName();
    String label = n.shortName();
    if (n.op.constantValue() != null) {
      String value = smallConstant(n.op);
      return label + (value != null ? "\n= " + value : "\n" + shape(n.op.outputSpec(0).shape()));
    }
    if (n.kind == OpKind.VARIABLE || n.kind == OpKind.PLACEHOLDER) {
      return label + "\n" + shape(n.op.outputSpec(0).shape());
    }
    if (!label.equals(type) && !label.startsWith(type + "_")) {
      return label + "\n" + type;
    }
    return label;
  }

  /** Output specs: {@code float32 (?, 5)} each. */
  static List<String> outputs(Operation op) {
    List<String> r = new ArrayList<>();
    for (TensorSpec s : op.outputSpecs()) {
      r.add(s.toString());
    }
    return r;
  }

  /** Inputs: {@code rnn/MatMul:0 float32 (?, 5)} each, then control inputs as {@code ^name}. */
  static List<String> inputs(Operation op) {
    List<String> r = new ArrayList<>();
    for (Output in : op.inputs()) {
      r.add(in.name() + " " + in.spec());
    }
    for (Operation c : op.controlInputs()) {
      r.add("^" + c.name());
    }
    return r;
  }

  /** The user line that created the op: {@code Model.build(Model.java:42)}, or "unknown". */
  static String site(Operation op) {
    return CreationSite.format(op.creationSite());
  }

  /** Multi-line hover text for an op. */
  static String details(Operation op, String name) {
    StringBuilder sb = new StringBuilder();
    sb.append(name).append('\n').append("type: ").append(op.type().typeName());
    String attrs = op.type().describeAttributes();
    if (!attrs.isEmpty()) {
      sb.append('\n').append("attrs: ").append(attrs);
    }
    String value = smallConstant(op);
    if (value != null) {
      sb.append('\n').append("value: ").append(value);
    }
    for (String o : outputs(op)) {
      sb.append('\n').append("out: ").append(o);
    }
    for (String in : inputs(op)) {
      sb.append('\n').append("in: ").append(in);
    }
    if (!op.device().isEmpty()) {
      sb.append('\n').append("device: ").append(op.device());
    }
    sb.append('\n').append("created at ").append(site(op));
    return sb.toString();
  }
}
