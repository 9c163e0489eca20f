package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.state.StateOps;
import java.util.List;

/** Small graph-building helpers shared by the cells and builders. */
final class RnnOps {
  private RnnOps() {}

  /** A scalar constant of a float dtype. */
  static Output scalar(Ops tf, double value, DType dtype) {
    return tf.constant(
        dtype == DType.FLOAT64 ? Tensor.scalar(value) : Tensor.scalar((float) value));
  }

  /** Zeros of shape [batchSize, size] for a scalar int32 batch size known at run time. */
  static Output zeros(Ops tf, Output batchSize, int size, DType dtype) {
    Output shape = tf.stack(List.of(batchSize, tf.constant(size)), 0);
    return tf.zeros(shape, dtype);
  }

  /** Dimension {@code axis} of x as a scalar int32: a constant if static, else read at run time. */
  static Output dim(Ops tf, Output x, int axis) {
    int d = x.shape().hasKnownRank() ? x.shape().dim(axis) : -1;
    if (d >= 0) {
      return tf.constant(d);
    }
    return tf.gather(tf.shape(x), tf.constant(axis));
  }

  /**
   * The sequence lengths as an int32 vector named "sequence_length" (TensorFlow casts too),
   * checked at run time to hold one entry per row of {@code batch}, each in [0, steps].
   */
  static Output sequenceLength(Ops tf, Output sequenceLength, Output steps, Output batch) {
    Shape s = sequenceLength.shape();
    checkArgument(!s.hasKnownRank() || s.rank() == 1, "sequenceLength must be a vector of"
        + " length batch_size, got shape %s (%s)", s, sequenceLength.name());
    checkArgument(sequenceLength.dtype() != DType.BOOL, "sequenceLength must be an integer"
        + " vector, got %s (%s)", sequenceLength.dtype(), sequenceLength.name());
    Output len = sequenceLength.dtype() == DType.INT32 ? sequenceLength
        : tf.cast(sequenceLength, DType.INT32);
    return StateOps.identity(tf.graph(), tf.checkSequenceLength(len, steps, batch),
        "sequence_length");
  }

  /**
   * TensorFlow's {@code _rnn_step} for one time step with sequence lengths: where
   * {@code time >= sequenceLength}, the output is zero and the state is copied through.
   */
  static <S> CellOutput<S> maskStep(Ops tf, Output time, Output sequenceLength,
      Output zeroOutput, S oldState, CellOutput<S> step) {
    Output copy = tf.greaterEqual(time, sequenceLength);
    Output out = tf.select(copy, zeroOutput, step.output());
    S state = State.map2(oldState, step.state(), (old, fresh) -> tf.select(copy, old, fresh));
    return new CellOutput<>(out, state);
  }
}
