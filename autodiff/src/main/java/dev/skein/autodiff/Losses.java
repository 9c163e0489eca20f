package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;

/**
 * Loss functions, as TensorFlow 1.x's {@code tf.nn.*_cross_entropy_with_logits} (per-example
 * losses, to be reduced by the caller) and {@code tf.losses.mean_squared_error} (a scalar).
 */
public final class Losses {
  private Losses() {}

  /**
   * Softmax cross entropy between one probability distribution per row of {@code labels} and
   * {@code logits} [d0, ..., dn, classes] (any rank from 1; [batch, classes] usually, [batch,
   * time, classes] for a sequence); returns the loss of each row, [d0, ..., dn]. Stable for large
   * logits (the fused op subtracts each row's maximum).
   */
  public static Output softmaxCrossEntropyWithLogits(Ops tf, Output labels, Output logits) {
    checkArgument(labels.shape().isCompatibleWith(logits.shape()),
        "softmaxCrossEntropyWithLogits needs labels and logits of the same shape, got labels %s"
            + " and logits %s", labels.shape(), logits.shape());
    try (Graph.Scope s = tf.nameScope("softmax_cross_entropy_with_logits")) {
      return tf.softmaxCrossEntropyWithLogits(labels, logits);
    }
  }

  /**
   * Softmax cross entropy with integer class labels [d0, ..., dn] (int32 or int64, each in [0, classes))
   * and {@code logits} [d0, ..., dn, classes], as TF1's (any rank from 1: [batch, classes], or
   * [batch, time, classes] with labels [batch, time]); returns the loss of each row, the labels'
   * shape. Stable for large logits.
   */
  public static Output sparseSoftmaxCrossEntropyWithLogits(Ops tf, Output labels,
      Output logits) {
    try (Graph.Scope s = tf.nameScope("sparse_softmax_cross_entropy_with_logits")) {
      return tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
    }
  }

  /**
   * Elementwise logistic loss of {@code logits} x against targets z in [0, 1], computed as
   * TensorFlow does, stably for any x: {@code max(x, 0) - x * z + log(1 + exp(-|x|))}.
   */
  public static Output sigmoidCrossEntropyWithLogits(Ops tf, Output labels, Output logits) {
    checkArgument(labels.dtype() == logits.dtype(),
        "sigmoidCrossEntropyWithLogits needs labels and logits of one dtype, got %s and %s",
        labels.dtype(), logits.dtype());
    checkArgument(labels.shape().isCompatibleWith(logits.shape()),
        "sigmoidCrossEntropyWithLogits needs labels and logits of the same shape, got labels %s"
            + " and logits %s", labels.shape(), logits.shape());
    try (Graph.Scope s = tf.nameScope("logistic_loss")) {
      Output reluLogits = tf.relu(logits);
      Output negAbs = tf.neg(tf.abs(logits));
      return tf.add(tf.sub(reluLogits, tf.mul(logits, labels)), tf.log1p(tf.exp(negAbs)));
    }
  }

  /**
   * The mean over all elements of {@code (predictions - labels)^2}, a scalar
   * ({@code tf.losses.mean_squared_error} with unit weights).
   */
  public static Output meanSquaredError(Ops tf, Output labels, Output predictions) {
    checkArgument(labels.dtype() == predictions.dtype(),
        "meanSquaredError needs labels and predictions of one dtype, got %s and %s",
        labels.dtype(), predictions.dtype());
    checkArgument(labels.shape().isCompatibleWith(predictions.shape()),
        "meanSquaredError needs labels and predictions of the same shape, got labels %s and"
            + " predictions %s", labels.shape(), predictions.shape());
    try (Graph.Scope s = tf.nameScope("mean_squared_error")) {
      return tf.reduceMean(tf.squaredDifference(predictions, labels));
    }
  }

  /** {@code sum(t^2) / 2}, a scalar (tf.nn.l2_loss). */
  public static Output l2Loss(Ops tf, Output t) {
    return tf.l2Loss(t);
  }
}
