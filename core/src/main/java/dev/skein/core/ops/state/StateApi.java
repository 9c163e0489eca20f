package dev.skein.core.ops.state;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import java.util.List;

/** The state family's part of the {@code Ops} facade: each method delegates to StateOps. */
public interface StateApi {
  Graph graph();

  default Output placeholder(DType dtype, Shape shape) {
    return StateOps.placeholder(graph(), dtype, shape, "Placeholder");
  }

  default Output placeholder(DType dtype, Shape shape, String name) {
    return StateOps.placeholder(graph(), dtype, shape, name);
  }

  /** A constant from a Tensor or a Java array/scalar of float, double, int or boolean. */
  default Output constant(Object value) {
    return StateOps.constant(graph(), value instanceof Tensor t ? t : Tensor.of(value), null);
  }

  default Output constant(Object value, String name) {
    return StateOps.constant(graph(), value instanceof Tensor t ? t : Tensor.of(value), name);
  }

  default Variable variable(Output initialValue) {
    return StateOps.variable(graph(), initialValue, null);
  }

  default Variable variable(Output initialValue, String name) {
    return StateOps.variable(graph(), initialValue, name);
  }

  default Output assign(Variable v, Output value) {
    return StateOps.assign(graph(), v, value, null);
  }

  default Output assignAdd(Variable v, Output value) {
    return StateOps.assignAdd(graph(), v, value, null);
  }

  default Output assignSub(Variable v, Output value) {
    return StateOps.assignSub(graph(), v, value, null);
  }

  default Output identity(Output x) {
    return StateOps.identity(graph(), x, null);
  }

  /** x unchanged; a run fails with {@code message} if x holds a NaN or an infinity. */
  default Output checkNumerics(Output x, String message) {
    return StateOps.checkNumerics(graph(), x, message, null);
  }

  default Output stopGradient(Output x) {
    return StateOps.stopGradient(graph(), x, null);
  }

  default Operation group(Operation... ops) {
    return StateOps.group(graph(), List.of(ops), null);
  }

  default Operation globalVariablesInitializer() {
    return StateOps.globalVariablesInitializer(graph());
  }

  default Operation variablesInitializer(List<Variable> vars) {
    return StateOps.variablesInitializer(graph(), vars);
  }

  /** Opens a name scope: {@code try (var s = tf.nameScope("rnn")) { ... }}. */
  default Graph.Scope nameScope(String name) {
    return graph().nameScope(name);
  }

  default Graph.Scope controlDependencies(Operation... deps) {
    return graph().controlDependencies(List.of(deps));
  }
}
