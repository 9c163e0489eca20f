package dev.skein.core.ops.nn;

import dev.skein.core.Graph;
import dev.skein.core.Output;

/**
 * The nn family's part of the {@code Ops} facade: each method delegates to NnOps. The loss
 * methods take (labels, logits), the order of TensorFlow's keyword arguments.
 */
public interface NnApi {
  Graph graph();

  /** value {@code [..., c]} + bias {@code [c]} along the last dimension. */
  default Output biasAdd(Output value, Output bias) {
    return NnOps.biasAdd(graph(), value, bias, null);
  }

  default Output biasAdd(Output value, Output bias, String name) {
    return NnOps.biasAdd(graph(), value, bias, name);
  }

  /** Softmax over the last axis. */
  default Output softmax(Output logits) {
    return NnOps.softmax(graph(), logits, null);
  }

  default Output softmax(Output logits, String name) {
    return NnOps.softmax(graph(), logits, name);
  }

  /** Log-softmax over the last axis. */
  default Output logSoftmax(Output logits) {
    return NnOps.logSoftmax(graph(), logits, null);
  }

  default Output logSoftmax(Output logits, String name) {
    return NnOps.logSoftmax(graph(), logits, name);
  }

  /**
   * Cross-entropy per example between label distributions and softmax(logits), both
   * {@code [batch, classes]}; {@code result.op().output(1)} is the gradient for the logits.
   */
  default Output softmaxCrossEntropyWithLogits(Output labels, Output logits) {
    return NnOps.softmaxCrossEntropyWithLogits(graph(), labels, logits, null);
  }

  default Output softmaxCrossEntropyWithLogits(Output labels, Output logits, String name) {
    return NnOps.softmaxCrossEntropyWithLogits(graph(), labels, logits, name);
  }

  /**
   * Cross-entropy per example for int32 class labels {@code [batch]} and logits
   * {@code [batch, classes]}; {@code result.op().output(1)} is the gradient for the logits.
   */
  default Output sparseSoftmaxCrossEntropyWithLogits(Output labels, Output logits) {
    return NnOps.sparseSoftmaxCrossEntropyWithLogits(graph(), labels, logits, null);
  }

  default Output sparseSoftmaxCrossEntropyWithLogits(Output labels, Output logits,
      String name) {
    return NnOps.sparseSoftmaxCrossEntropyWithLogits(graph(), labels, logits, name);
  }

  /** Whether each target class is among the k highest predictions of its row (BOOL). */
  default Output inTopK(Output predictions, Output targets, int k) {
    return NnOps.inTopK(graph(), predictions, targets, k, null);
  }

  default Output inTopK(Output predictions, Output targets, int k, String name) {
    return NnOps.inTopK(graph(), predictions, targets, k, name);
  }

  /** sum(x^2) / 2. */
  default Output l2Loss(Output x) {
    return NnOps.l2Loss(graph(), x, null);
  }

  default Output l2Loss(Output x, String name) {
    return NnOps.l2Loss(graph(), x, name);
  }

  /** {@code dy * (1 - y * y)}: the gradient of y = tanh(x), from y (TensorFlow's TanhGrad). */
  default Output tanhGrad(Output y, Output dy) {
    return NnOps.tanhGrad(graph(), y, dy, null);
  }

  /** {@code dy * (y * (1 - y))}: the gradient of y = sigmoid(x), from y (SigmoidGrad). */
  default Output sigmoidGrad(Output y, Output dy) {
    return NnOps.sigmoidGrad(graph(), y, dy, null);
  }
}
