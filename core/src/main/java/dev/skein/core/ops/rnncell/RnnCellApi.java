package dev.skein.core.ops.rnncell;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import java.util.List;

/** The fused recurrent-cell ops' part of the {@code Ops} facade: delegates to RnnCellOps. */
public interface RnnCellApi {
  Graph graph();

  /**
   * The elementwise part of an LSTM step (see {@link RnnCellOps.LstmGates}): from the step's
   * matmul {@code gates} [batch, 4 units], the {@code bias} [4 units] and {@code c} [batch,
   * units], returns [c', h'].
   */
  default List<Output> lstmGates(Output gates, Output bias, Output c, double forgetBias) {
    return RnnCellOps.lstmGates(graph(), gates, bias, c, forgetBias, null);
  }

  /** The gradient of {@link #lstmGates}: returns [dGates, dC, dBias]. */
  default List<Output> lstmGatesGrad(Output gates, Output bias, Output c, Output dNewC,
      Output dNewH, double forgetBias) {
    return RnnCellOps.lstmGatesGrad(graph(), gates, bias, c, dNewC, dNewH, forgetBias, null);
  }

  /**
   * The gradient of {@link #lstmGates} from its activations (its third output), c and the
   * gradients of c' and h': returns [dGates, dC, dBias].
   */
  default List<Output> lstmGatesActGrad(Output act, Output c, Output dNewC, Output dNewH) {
    return RnnCellOps.lstmGatesActGrad(graph(), act, c, dNewC, dNewH, null);
  }

  /** {@code tanh(value + bias)}, bias along the last dimension, in one op. */
  default Output biasTanh(Output value, Output bias) {
    return RnnCellOps.biasActivation(graph(), RnnCellOps.BiasActivation.TANH, value, bias,
        null);
  }

  /** {@code sigmoid(value + bias)}, bias along the last dimension, in one op. */
  default Output biasSigmoid(Output value, Output bias) {
    return RnnCellOps.biasActivation(graph(), RnnCellOps.BiasActivation.SIGMOID, value, bias,
        null);
  }

  /** The gradient of {@link #biasTanh} or {@link #biasSigmoid} from its output: [dValue, dBias]. */
  default List<Output> biasActivationGrad(RnnCellOps.BiasActivationGrad grad, Output y,
      Output dy) {
    return RnnCellOps.biasActivationGrad(graph(), grad, y, dy, null);
  }

  /**
   * The sequence lengths, checked at run time: one per batch row, each in [0, steps] (see
   * {@link RnnCellOps.CheckSequenceLength}); the RNN builders insert it.
   */
  default Output checkSequenceLength(Output lengths, Output steps, Output batch) {
    return RnnCellOps.checkSequenceLength(graph(), lengths, steps, batch, null);
  }

  /**
   * A GRU step's reset state {@code r * h} (see {@link GruOps.GruResetGate}): r is the first
   * half of {@code gates} [batch, 2 units], h is [batch, units].
   */
  default Output gruResetGate(Output gates, Output h) {
    return GruOps.resetGate(graph(), gates, h, null);
  }

  /** The gradient of {@link #gruResetGate}: returns [dGates, dH]. */
  default List<Output> gruResetGateGrad(Output gates, Output h, Output dRh) {
    return GruOps.resetGateGrad(graph(), gates, h, dRh, null);
  }

  /**
   * A GRU step's new state {@code u * h + (1 - u) * c} (see {@link GruOps.GruUpdate}): u is the
   * second half of {@code gates} [batch, 2 units], h and the candidate c are [batch, units].
   */
  default Output gruUpdate(Output gates, Output h, Output c) {
    return GruOps.update(graph(), gates, h, c, null);
  }

  /** The gradient of {@link #gruUpdate}: returns [dGates, dH, dC]. */
  default List<Output> gruUpdateGrad(Output gates, Output h, Output c, Output dNewH) {
    return GruOps.updateGrad(graph(), gates, h, c, dNewH, null);
  }
}
