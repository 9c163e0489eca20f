package dev.skein.core.ops.control;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.control.TensorArrayOps.TensorArrayOp;
import java.util.List;

/**
 * A TensorArray (TensorFlow's tf.TensorArray) as a graph value: a list of same-shaped elements,
 * each written once. Writing returns a new TensorArray; the old one is unchanged, so an array is
 * a plain value that flows through loop variables ({@code ta.value()} in, {@code new
 * TensorArray(vars.get(k))} inside the body). Writes to the newest version happen in place, so a
 * loop of T writes costs O(T) (see {@link TensorArrayValue}).
 *
 * <p>The value is a tensor of the element dtype and shape [size, ...element]: viewed as a dense
 * tensor (fetching it, or passing it to a non-TensorArray op) it is the stacked elements with
 * zeros where nothing was written. The element shape is inferred from the first write when not
 * given. Reading an unwritten element, or writing one twice, is a run-time error naming the index.
 *
 * <p>Ops are added to the graph being traced, so these methods work inside loop bodies too.
 */
public record TensorArray(Output value) {
  /** The element dtype. */
  public DType dtype() {
    return value.dtype();
  }

  /** The static element shape (maybe partial or unknown). */
  public Shape elementShape() {
    Shape s = value.shape();
    return s.hasKnownRank() ? s.subShape(1, s.rank()) : Shape.unknown();
  }

  private Graph graph() {
    return value.graph();
  }

  /** Element {@code index} (an int32 or int64 scalar) set to {@code v}. */
  public TensorArray write(Output index, Output v) {
    return new TensorArray(op(TensorArrayOp.WRITE, List.of(index, v)));
  }

  public TensorArray write(int index, Output v) {
    return write(constant(index), v);
  }

  /** Element {@code index}. */
  public Output read(Output index) {
    return op(TensorArrayOp.READ, List.of(index));
  }

  public Output read(int index) {
    return read(constant(index));
  }

  /** The elements at {@code indices} (int32 or int64 [k]) stacked: [k, ...element]. */
  public Output gather(Output indices) {
    return op(TensorArrayOp.GATHER, List.of(indices));
  }

  /** Row i of {@code v} ([k, ...element]) written to element {@code indices[i]}. */
  public TensorArray scatter(Output indices, Output v) {
    return new TensorArray(op(TensorArrayOp.SCATTER, List.of(indices, v)));
  }

  /** All elements stacked: [size, ...element]. */
  public Output stack() {
    return op(TensorArrayOp.STACK, List.of());
  }

  /** The rows of {@code v} ([n, ...element]) written to elements 0..n-1. */
  public TensorArray unstack(Output v) {
    return new TensorArray(op(TensorArrayOp.UNSTACK, List.of(v)));
  }

  /**
   * {@code v[:, t, ...]} ({@code v} is [m, n, ...rest]) written to element t for t &lt; n: a
   * batch-major sequence [batch, time, ...] unstacked by time step without first making a
   * time-major copy, as {@code unstack(transpose(v, [1, 0, ...]))} would.
   */
  public TensorArray unstackAxis1(Output v) {
    return new TensorArray(op(TensorArrayOp.UNSTACK_AXIS1, List.of(v)));
  }

  /** The number of elements (int32 scalar). */
  public Output size() {
    return op(TensorArrayOp.SIZE, List.of());
  }

  private Output op(TensorArrayOp op, List<Output> more) {
    return TensorArrayOps.tensorArrayOp(graph(), op, this, more, null);
  }

  private Output constant(int i) {
    return Const.create(graph(), Tensor.scalar(i), "index");
  }
}
