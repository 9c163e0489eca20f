package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;

/**
 * TensorFlow 1.x's {@code tf.contrib.seq2seq.sequence_loss}: the weighted softmax cross entropy
 * of a sequence of logits.
 */
public final class SequenceLoss {
  /** Added to the total weight before dividing, as TensorFlow 1.x does: zero weights give 0. */
  public static final double EPSILON = 1e-12;

  private SequenceLoss() {}

  /**
   * The weighted cross entropy averaged across time and batch, a scalar:
   * {@code sum(w[b,t] * xent[b,t]) / (sum(w) + 1e-12)}.
   *
   * @param logits [batch, time, classes]
   * @param targets [batch, time] int32 class ids
   * @param weights [batch, time], the logits' dtype (a sequence mask, typically)
   */
  public static Output sequenceLoss(Ops tf, Output logits, Output targets, Output weights) {
    return sequenceLoss(tf, logits, targets, weights, true, true);
  }

  /**
   * The weighted cross entropy [batch, time], averaged (weighted) across time steps
   * ([batch] left), across the batch ([time] left), or both (a scalar).
   */
  public static Output sequenceLoss(Ops tf, Output logits, Output targets, Output weights,
      boolean averageAcrossTimesteps, boolean averageAcrossBatch) {
    checkArgument(logits.shape().rank() == 3, "sequenceLoss needs logits of shape [batch, time,"
        + " classes], got %s (%s)", logits.shape(), logits.name());
    checkArgument(targets.shape().rank() == 2, "sequenceLoss needs targets of shape [batch,"
        + " time], got %s (%s)", targets.shape(), targets.name());
    checkArgument(weights.shape().rank() == 2, "sequenceLoss needs weights of shape [batch,"
        + " time], got %s (%s)", weights.shape(), weights.name());
    checkArgument(targets.dtype().isInteger(), "sequenceLoss needs int32 or int64 targets, got"
        + " %s", targets.dtype());
    checkArgument(weights.dtype() == logits.dtype(), "sequenceLoss needs weights of the logits'"
        + " dtype %s, got %s", logits.dtype(), weights.dtype());
    Shape bt = logits.shape().dims().length == 3
        ? Shape.of(logits.shape().dim(0), logits.shape().dim(1)) : Shape.unknownDims(2);
    checkArgument(targets.shape().isCompatibleWith(bt) && weights.shape().isCompatibleWith(bt),
        "sequenceLoss needs targets and weights of shape [batch, time] = %s (from logits %s),"
            + " got targets %s and weights %s", bt, logits.shape(), targets.shape(),
        weights.shape());
    try (Graph.Scope s = tf.nameScope("sequence_loss")) {
      int classes = logits.shape().dim(2);
      Output flatLogits = classes >= 0 ? tf.reshape(logits, new int[] {-1, classes})
          : tf.reshape(logits, tf.stack(java.util.List.of(tf.constant(-1),
              RnnOps.dim(tf, logits, 2)), 0));
      Output flatTargets = tf.reshape(targets, new int[] {-1});
      Output xent = Losses.sparseSoftmaxCrossEntropyWithLogits(tf, flatTargets, flatLogits);
      xent = tf.mul(xent, tf.reshape(weights, new int[] {-1}));
      Output eps = RnnOps.scalar(tf, EPSILON, logits.dtype());
      if (averageAcrossTimesteps && averageAcrossBatch) {
        return tf.div(tf.reduceSum(xent), tf.add(tf.reduceSum(weights), eps));
      }
      Output perStep = tf.reshape(xent, tf.slice(tf.shape(logits), new int[] {0}, new int[] {2}));
      if (averageAcrossTimesteps) {
        return tf.div(tf.reduceSum(perStep, new int[] {1}),
            tf.add(tf.reduceSum(weights, new int[] {1}), eps));
      }
      if (averageAcrossBatch) {
        return tf.div(tf.reduceSum(perStep, new int[] {0}),
            tf.add(tf.reduceSum(weights, new int[] {0}), eps));
      }
      return perStep;
    }
  }
}
