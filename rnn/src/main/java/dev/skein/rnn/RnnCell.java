package dev.skein.rnn;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;

/**
 * A recurrent cell, TensorFlow 1.x's {@code RNNCell}: one time step mapping (input [batch, depth],
 * state) to (output [batch, outputSize], new state). The builders in {@link Rnn} run a cell over
 * a sequence.
 *
 * <p>A cell creates its variables the first time it is called (or {@link #build built}), under
 * the current variable scope and its own name ({@code rnn/basic_lstm_cell/kernel}), and reuses
 * them on every later call: one cell object is one set of weights.
 *
 * @param <S> the state type: an {@link Output} for simple cells, a {@link State} record such as
 *     {@link LstmStateTuple} or {@link StateTuple} for structured ones
 */
public interface RnnCell<S> {
  /** The facade of the graph this cell builds in. */
  Ops tf();

  /** The sizes of the state's tensors, shaped like the state. */
  StateSize stateSize();

  /** The size of the output's last dimension. */
  int outputSize();

  /**
   * The all-zeros state for a batch of {@code batchSize} (a scalar int32 tensor, possibly known
   * only at run time).
   */
  S zeroState(Output batchSize, DType dtype);

  /** The all-zeros state for a batch size known when the graph is built. */
  S zeroState(int batchSize, DType dtype);

  /**
   * Runs one step: (input [batch, depth], state) to (output, new state). The first call creates
   * the cell's variables for inputs of this depth and dtype; later calls must match them.
   */
  CellOutput<S> call(Output input, S state);

  /**
   * Creates the variables for inputs of depth {@code inputDepth} now, in the current variable
   * scope, if the cell has none yet; builders call it before tracing a loop body. Does nothing
   * if the cell is built already for that depth (and fails for another depth).
   */
  void build(int inputDepth, DType dtype);

  /** True once the cell has its variables. */
  boolean isBuilt();
}
