package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.function.UnaryOperator;

/** TensorFlow 1.x's {@code tf.layers} functions. */
public final class Layers {
  private Layers() {}

  /** A dense layer without activation. */
  public static Output dense(Ops tf, Output input, int units) {
    return dense(tf, input, units, null);
  }

  /**
   * {@code activation(input · kernel + bias)}, TensorFlow's {@code tf.layers.dense}: variables
   * {@code dense/kernel} [in, units] (Glorot uniform) and {@code dense/bias} [units] (zeros) in
   * the current variable scope, then {@code dense_1/...} for the next unnamed layer. An input of
   * rank above 2 is multiplied along its last dimension ([batch, time, in] gives
   * [batch, time, units]), as TensorFlow's tensordot does.
   *
   * @param activation applied to the result (e.g. {@code tf::relu}), or null for none
   */
  public static Output dense(Ops tf, Output input, int units, UnaryOperator<Output> activation) {
    return dense(tf, input, units, activation, true, null, null, null);
  }

  /**
   * A dense layer with an explicit scope name: its variables are {@code name/kernel} and
   * {@code name/bias}, and, inside a reusing variable scope, a second call with the same name
   * shares them.
   */
  public static Output dense(Ops tf, Output input, int units, UnaryOperator<Output> activation,
      String name) {
    return dense(tf, input, units, activation, true, null, null, name);
  }

  /**
   * The full form.
   *
   * @param kernelInitializer null for the variable scope's default initializer, which is Glorot
   *     uniform unless the scope sets another (as in TensorFlow)
   * @param biasInitializer null for zeros
   * @param name the layer's scope name, or null for a unique default ({@code dense},
   *     {@code dense_1}, ...)
   */
  public static Output dense(Ops tf, Output input, int units, UnaryOperator<Output> activation,
      boolean useBias, Initializer kernelInitializer, Initializer biasInitializer, String name) {
    checkArgument(units > 0, "dense needs units > 0, got %s", units);
    Shape in = input.shape();
    checkArgument(in.hasKnownRank() && in.rank() >= 2 && in.dim(-1) >= 0,
        "dense needs an input of rank >= 2 ([batch, ..., features]) with known features, got"
            + " %s %s", input.name(), in);
    checkArgument(input.dtype().isFloating(), "dense needs a float input, got %s %s",
        input.name(), input.dtype());
    Graph g = tf.graph();
    try (var s = name == null
        ? VariableScopes.variableScopeWithDefaultName(g, "dense")
        : VariableScopes.variableScope(g, name)) {
      int features = in.dim(-1);
      Variable kernel = Variables.getVariable(tf, "kernel", Shape.of(features, units),
          input.dtype(), kernelInitializer);
      Output x = in.rank() == 2 ? input : tf.reshape(input, new int[] {-1, features});
      Output y = tf.matmul(x, kernel);
      if (useBias) {
        Variable bias = Variables.getVariable(tf, "bias", Shape.of(units), input.dtype(),
            biasInitializer != null ? biasInitializer : Initializers.zeros());
        y = tf.biasAdd(y, bias);
      }
      if (in.rank() > 2) {
        y = restoreLeadingDims(tf, input, y, units);
      }
      return activation == null ? y : activation.apply(y);
    }
  }

  /**
   * Reshapes [n, units] back to [d0, ..., dk, units] for an input [d0, ..., dk, features]:
   * with static sizes when at most one leading dimension is unknown, else from the input's
   * run-time shape.
   */
  private static Output restoreLeadingDims(Ops tf, Output input, Output y, int units) {
    int[] d = input.shape().dims();
    int unknown = 0;
    for (int i = 0; i < d.length - 1; i++) {
      unknown += d[i] < 0 ? 1 : 0;
    }
    if (unknown <= 1) {
      int[] out = d.clone();
      out[d.length - 1] = units;
      return tf.reshape(y, out);
    }
    Output leading = tf.slice(tf.shape(input), new int[] {0}, new int[] {d.length - 1});
    return tf.reshape(y, tf.concat(List.of(leading, tf.constant(new int[] {units})), 0));
  }
}
