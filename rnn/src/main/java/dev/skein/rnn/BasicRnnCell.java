package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.Initializers;
import dev.skein.autodiff.Variables;
import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The basic RNN cell, TensorFlow's {@code BasicRNNCell}:
 * {@code output = newState = activation(concat([input, state], 1) @ kernel + bias)}, with
 * {@code kernel} [depth + units, units] (default initializer of the scope: Glorot uniform) and
 * {@code bias} [units] (zeros), named {@code <scope>/basic_rnn_cell/kernel} and {@code .../bias}.
 */
public final class BasicRnnCell extends LayerRnnCell<Output> {
  private final int numUnits;
  private final UnaryOperator<Output> activation;
  /** True with the default tanh: bias and activation are one fused BiasTanh op. */
  private final boolean fused;
  private Variable kernel;
  private Variable bias;

  /** A cell with tanh activation; its bias and tanh are one fused BiasTanh op. */
  public BasicRnnCell(Ops tf, int numUnits) {
    this(tf, numUnits, tf::tanh, true);
  }

  /** A cell with any activation, e.g. {@code tf::relu}, built from separate ops. */
  public BasicRnnCell(Ops tf, int numUnits, UnaryOperator<Output> activation) {
    this(tf, numUnits, activation, false);
  }

  private BasicRnnCell(Ops tf, int numUnits, UnaryOperator<Output> activation, boolean fused) {
    super(tf, "basic_rnn_cell");
    checkArgument(numUnits > 0, "numUnits must be positive, got %s", numUnits);
    this.numUnits = numUnits;
    this.activation = Objects.requireNonNull(activation, "activation");
    this.fused = fused;
  }

  @Override
  public StateSize stateSize() {
    return StateSize.of(numUnits);
  }

  @Override
  public int outputSize() {
    return numUnits;
  }

  /** The kernel [depth + units, units], null before the cell is built. */
  public Variable kernel() {
    return kernel;
  }

  /** The bias [units], null before the cell is built. */
  public Variable bias() {
    return bias;
  }

  @Override
  protected void createVariables(int inputDepth, DType dtype) {
    kernel = Variables.getVariable(tf, "kernel", Shape.of(inputDepth + numUnits, numUnits),
        dtype);
    bias = Variables.getVariable(tf, "bias", Shape.of(numUnits), dtype, Initializers.zeros());
  }

  @Override
  protected CellOutput<Output> step(Output input, Output state) {
    Output gate = tf.matmul(tf.concat(List.of(input, state), 1), kernel);
    Output out = fused ? tf.biasTanh(gate, bias) : activation.apply(tf.biasAdd(gate, bias));
    return new CellOutput<>(out, out);
  }
}
