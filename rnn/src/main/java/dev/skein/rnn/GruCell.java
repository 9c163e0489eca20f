package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.Initializer;
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
 * The gated recurrent unit, TensorFlow 1.x's {@code GRUCell}, with its variable layout:
 * {@code gru_cell/gates/kernel} [depth + units, 2 * units], {@code gates/bias} [2 * units]
 * (initialized to 1.0), {@code candidate/kernel} [depth + units, units] and
 * {@code candidate/bias} [units] (zeros):
 *
 * <pre>
 * r, u = split(sigmoid(concat([x, h], 1) @ gates/kernel + gates/bias), 2, axis 1)
 * c    = activation(concat([x, r * h], 1) @ candidate/kernel + candidate/bias)
 * h'   = u * h + (1 - u) * c
 * </pre>
 *
 * <p>Bias and sigmoid of the gates are one fused BiasSigmoid op, with the default tanh the
 * candidate's bias and tanh one BiasTanh op, {@code r * h} one GRUResetGate op (no Split) and
 * {@code h'} one GRUUpdate op; their float results equal the separate ops'.
 */
public final class GruCell extends LayerRnnCell<Output> {
  private final int numUnits;
  private final UnaryOperator<Output> activation;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  /** True with the default tanh: the candidate's bias and tanh are one fused BiasTanh op. */
  private final boolean fusedCandidate;
  private Variable gateKernel;
  private Variable gateBias;
  private Variable candidateKernel;
  private Variable candidateBias;

  /** A cell with tanh activation and TensorFlow's default initializers. */
  public GruCell(Ops tf, int numUnits) {
    this(tf, numUnits, tf::tanh, null, null, true);
  }

  public GruCell(Ops tf, int numUnits, UnaryOperator<Output> activation) {
    this(tf, numUnits, activation, null, null);
  }

  /**
   * @param kernelInitializer for both kernels; null: the scope's default (Glorot uniform)
   * @param biasInitializer for both biases; null: 1.0 for the gates, 0.0 for the candidate
   */
  public GruCell(Ops tf, int numUnits, UnaryOperator<Output> activation,
      Initializer kernelInitializer, Initializer biasInitializer) {
    this(tf, numUnits, activation, kernelInitializer, biasInitializer, false);
  }

  private GruCell(Ops tf, int numUnits, UnaryOperator<Output> activation,
      Initializer kernelInitializer, Initializer biasInitializer, boolean fusedCandidate) {
    super(tf, "gru_cell");
    this.fusedCandidate = fusedCandidate;
    checkArgument(numUnits > 0, "numUnits must be positive, got %s", numUnits);
    this.numUnits = numUnits;
    this.activation = Objects.requireNonNull(activation, "activation");
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
  }

  @Override
  public StateSize stateSize() {
    return StateSize.of(numUnits);
  }

  @Override
  public int outputSize() {
    return numUnits;
  }

  public Variable gateKernel() {
    return gateKernel;
  }

  public Variable gateBias() {
    return gateBias;
  }

  public Variable candidateKernel() {
    return candidateKernel;
  }

  public Variable candidateBias() {
    return candidateBias;
  }

  @Override
  protected void createVariables(int inputDepth, DType dtype) {
    gateKernel = Variables.getVariable(tf, "gates/kernel",
        Shape.of(inputDepth + numUnits, 2 * numUnits), dtype, kernelInitializer);
    gateBias = Variables.getVariable(tf, "gates/bias", Shape.of(2 * numUnits), dtype,
        biasInitializer != null ? biasInitializer : Initializers.constant(1.0));
    candidateKernel = Variables.getVariable(tf, "candidate/kernel",
        Shape.of(inputDepth + numUnits, numUnits), dtype, kernelInitializer);
    candidateBias = Variables.getVariable(tf, "candidate/bias", Shape.of(numUnits), dtype,
        biasInitializer != null ? biasInitializer : Initializers.zeros());
  }

  @Override
  protected CellOutput<Output> step(Output input, Output state) {
    Output gates = tf.biasSigmoid(tf.matmul(tf.concat(List.of(input, state), 1), gateKernel),
        gateBias);
    Output product = tf.matmul(tf.concat(List.of(input, tf.gruResetGate(gates, state)), 1),
        candidateKernel);
    Output c = fusedCandidate ? tf.biasTanh(product, candidateBias)
        : activation.apply(tf.biasAdd(product, candidateBias));
    Output newH = tf.gruUpdate(gates, state, c);
    return new CellOutput<>(newH, newH);
  }
}
