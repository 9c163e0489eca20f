package dev.skein.rnn;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import java.util.Objects;

/**
 * Base of the wrappers that add behavior around a cell without a variable scope of their own
 * (TensorFlow's DropoutWrapper, ResidualWrapper, DeviceWrapper): the wrapped cell's variables
 * keep their names ({@code rnn/basic_lstm_cell/kernel}), sizes and state pass through.
 *
 * @param <S> the wrapped cell's state type
 */
public abstract class CellWrapper<S> implements RnnCell<S> {
  protected final RnnCell<S> cell;

  protected CellWrapper(RnnCell<S> cell) {
    this.cell = Objects.requireNonNull(cell, "cell");
  }

  /** The wrapped cell. */
  public RnnCell<S> cell() {
    return cell;
  }

  @Override
  public Ops tf() {
    return cell.tf();
  }

  @Override
  public StateSize stateSize() {
    return cell.stateSize();
  }

  @Override
  public int outputSize() {
    return cell.outputSize();
  }

  @Override
  public S zeroState(Output batchSize, DType dtype) {
    return cell.zeroState(batchSize, dtype);
  }

  @Override
  public S zeroState(int batchSize, DType dtype) {
    return cell.zeroState(batchSize, dtype);
  }

  @Override
  public void build(int inputDepth, DType dtype) {
    cell.build(inputDepth, dtype);
  }

  @Override
  public boolean isBuilt() {
    return cell.isBuilt();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + cell + ")";
  }
}
