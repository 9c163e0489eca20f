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
 * The basic LSTM cell, TensorFlow's {@code BasicLSTMCell} (state as a tuple). All four gates come
 * from one matmul: {@code concat([x, h], 1) @ kernel + bias}, with {@code kernel}
 * [depth + units, 4 * units] and {@code bias} [4 * units] (zeros), split in TensorFlow's order
 * i (input), j (candidate), f (forget), o (output):
 *
 * <pre>
 * c' = c * sigmoid(f + forgetBias) + sigmoid(i) * activation(j)
 * h' = activation(c') * sigmoid(o)
 * </pre>
 *
 * <p>The output is h'; the state is {@code LstmStateTuple(c', h')}.
 *
 * <p>With the default tanh activation, everything after the matmul is one fused
 * {@code LSTMGates} op (and one {@code LSTMGatesGrad} in the gradient), whose float32 results
 * equal the unfused ops'; a cell given an activation function is built from
 * the separate ops (BiasAdd, Split, Sigmoid, ...).
 */
public final class BasicLstmCell extends LayerRnnCell<LstmStateTuple> {
  private final int numUnits;
  private final double forgetBias;
  private final UnaryOperator<Output> activation;
  /** True when built with the default tanh: the step uses the fused LSTMGates op. */
  private final boolean fused;
  private Variable kernel;
  private Variable bias;

  /** A cell with forget bias 1.0 and tanh activation. */
  public BasicLstmCell(Ops tf, int numUnits) {
    this(tf, numUnits, 1.0);
  }

  /** A cell with tanh activation, fused (see the class comment). */
  public BasicLstmCell(Ops tf, int numUnits, double forgetBias) {
    this(tf, numUnits, forgetBias, tf::tanh, true);
  }

  /** A cell with any activation, built from separate ops. */
  public BasicLstmCell(Ops tf, int numUnits, double forgetBias,
      UnaryOperator<Output> activation) {
    this(tf, numUnits, forgetBias, activation, false);
  }

  private BasicLstmCell(Ops tf, int numUnits, double forgetBias,
      UnaryOperator<Output> activation, boolean fused) {
    super(tf, "basic_lstm_cell");
    checkArgument(numUnits > 0, "numUnits must be positive, got %s", numUnits);
    this.numUnits = numUnits;
    this.forgetBias = forgetBias;
    this.activation = Objects.requireNonNull(activation, "activation");
    this.fused = fused;
  }

  @Override
  public StateSize stateSize() {
    return StateSize.lstm(numUnits, numUnits);
  }

  @Override
  public int outputSize() {
    return numUnits;
  }

  public double forgetBias() {
    return forgetBias;
  }

  /** The kernel [depth + units, 4 * units], gates i, j, f, o; null before the cell is built. */
  public Variable kernel() {
    return kernel;
  }

  /** The bias [4 * units], null before the cell is built. */
  public Variable bias() {
    return bias;
  }

  @Override
  protected void createVariables(int inputDepth, DType dtype) {
    kernel = Variables.getVariable(tf, "kernel",
        Shape.of(inputDepth + numUnits, 4 * numUnits), dtype);
    bias = Variables.getVariable(tf, "bias", Shape.of(4 * numUnits), dtype,
        Initializers.zeros());
  }

  @Override
  protected CellOutput<LstmStateTuple> step(Output input, LstmStateTuple state) {
    Output product = tf.matmul(tf.concat(List.of(input, state.h()), 1), kernel);
    if (fused) {
      List<Output> ch = tf.lstmGates(product, bias, state.c(), forgetBias);
      return new CellOutput<>(ch.get(1), new LstmStateTuple(ch.get(0), ch.get(1)));
    }
    Output gates = tf.biasAdd(product, bias);
    List<Output> ijfo = tf.split(gates, 4, 1);
    Output i = ijfo.get(0);
    Output j = ijfo.get(1);
    Output f = ijfo.get(2);
    Output o = ijfo.get(3);
    Output forget = tf.sigmoid(tf.add(f, RnnOps.scalar(tf, forgetBias, f.dtype())));
    Output newC = tf.add(tf.mul(state.c(), forget), tf.mul(tf.sigmoid(i), activation.apply(j)));
    Output newH = tf.mul(activation.apply(newC), tf.sigmoid(o));
    return new CellOutput<>(newH, new LstmStateTuple(newC, newH));
  }
}
