package dev.skein.viz;

import dev.skein.core.Operation;
import dev.skein.core.Placeholder;
import dev.skein.core.ops.state.StateOps;

/** How viz styles an op: what role it plays in a model. */
public enum OpKind {
  /** A value fed at run time. */
  PLACEHOLDER,
  /** A variable (the op that reads its current value). */
  VARIABLE,
  /** A constant known when the graph is built. */
  CONSTANT,
  /** An ordinary computation of the forward graph. */
  COMPUTE,
  /** Any op under a {@code gradients} name scope (built by the gradient builder). */
  GRADIENT,
  /** An op that changes a variable: assign ops and optimizer updates. */
  UPDATE,
  /** An op without outputs that only groups others (tf.group, init, train ops). */
  GROUP,
  /** An op that carries subgraphs (a While loop). */
  LOOP;

  /** The kind of an op, from its type and, for gradients, its name scope. */
  public static OpKind of(Operation op) {
    if (!op.type().subgraphs().isEmpty()) {
      return LOOP;
    }
    if (op.type() instanceof Placeholder) {
      return PLACEHOLDER;
    }
    if (op.type() instanceof StateOps.VariableOp) {
      return VARIABLE;
    }
    if (op.type() instanceof StateOps.Assign || isOptimizerUpdate(op.type().typeName())) {
      return UPDATE;
    }
    if (op.constantValue() != null) {
      return inGradientScope(op.name()) ? GRADIENT : CONSTANT;
    }
    if (inGradientScope(op.name())) {
      return GRADIENT;
    }
    if (op.numOutputs() == 0 && op.numInputs() == 0) {
      return GROUP;
    }
    return COMPUTE;
  }

  /** TensorFlow's optimizer kernels are named Apply* (ApplyGradientDescent, ApplyAdam, ...). */
  private static boolean isOptimizerUpdate(String typeName) {
    return typeName.startsWith("Apply") || typeName.startsWith("ResourceApply")
        || typeName.startsWith("ScatterUpdate") || typeName.startsWith("ScatterAdd")
        || typeName.startsWith("ScatterSub");
  }

  /**
   * True if a scope segment of the name is {@code gradients} or {@code gradients_N} (TensorFlow
   * names the scopes of successive gradient calls that way).
   */
  static boolean inGradientScope(String name) {
    int start = 0;
    int end;
    while ((end = name.indexOf('/', start)) >= 0) {
      if (isGradientSegment(name, start, end)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  static boolean isGradientSegment(String s, int from, int to) {
    String g = "gradients";
    if (!s.startsWith(g, from)) {
      return false;
    }
    int i = from + g.length();
    if (i == to) {
      return true;
    }
    if (s.charAt(i) != '_' || i + 1 == to) {
      return false;
    }
    for (int j = i + 1; j < to; j++) {
      if (!Character.isDigit(s.charAt(j))) {
        return false;
      }
    }
    return true;
  }
}
