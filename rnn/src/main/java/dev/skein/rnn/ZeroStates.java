package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Builds all-zeros states shaped like a {@link StateSize} (TensorFlow's zero_state). */
final class ZeroStates {
  private ZeroStates() {}

  /** Zeros for a batch size known only at run time (a scalar int32 tensor). */
  static <S> S fromSize(Ops tf, String cellName, StateSize size, Output batchSize, DType dtype) {
    checkArgument(batchSize.dtype() == DType.INT32 && batchSize.shape().isCompatibleWith(
        Shape.scalar()), "the batch size must be a scalar int32, got %s", batchSize);
    try (Graph.Scope s = tf.nameScope(cellName + "ZeroState")) {
      return build(size, n -> RnnOps.zeros(tf, batchSize, n, dtype));
    }
  }

  /** Zeros for a batch size known when the graph is built. */
  static <S> S fromSize(Ops tf, String cellName, StateSize size, int batchSize, DType dtype) {
    checkArgument(batchSize >= 0, "the batch size must be >= 0, got %s", batchSize);
    try (Graph.Scope s = tf.nameScope(cellName + "ZeroState")) {
      return build(size, n -> tf.zeros(Shape.of(batchSize, n), dtype));
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> S build(StateSize size, IntFunction<Output> zeros) {
    return (S) structure(size, zeros);
  }

  private static Object structure(StateSize size, IntFunction<Output> zeros) {
    if (size instanceof StateSize.Single s) {
      return zeros.apply(s.size());
    }
    if (size instanceof StateSize.Lstm l) {
      return new LstmStateTuple(zeros.apply(l.c()), zeros.apply(l.h()));
    }
    StateSize.Tuple t = (StateSize.Tuple) size;
    List<Object> parts = new ArrayList<>();
    for (StateSize p : t.parts()) {
      parts.add(structure(p, zeros));
    }
    return new StateTuple(parts);
  }
}
