package dev.skein.autodiff;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.linalg.LinalgOps.MatMul;
import java.util.List;

/** What a gradient rule builds with: the graph's {@code Ops} facade and a few helpers. */
public final class GradContext {
  private final Ops tf;
  private final java.util.function.Predicate<Output> needed;

  GradContext(Graph graph) {
    this(graph, o -> true);
  }

  GradContext(Graph graph, java.util.function.Predicate<Output> needed) {
    this.tf = Ops.create(graph);
    this.needed = needed;
  }

  /**
   * False if the driver will drop a gradient for this input of the op being differentiated (it
   * leads back to none of the xs): a rule may skip computing it (return null). Rules that do
   * not ask compute it, and the driver drops it.
   */
  public boolean needsGradient(Output input) {
    return needed.test(input);
  }

  /** The facade to build gradient ops with (they land in the current gradients scope). */
  public Ops tf() {
    return tf;
  }

  public Graph graph() {
    return tf.graph();
  }

  /** A scalar constant of a float dtype (broadcasts against any tensor of that dtype). */
  public Output scalar(double v, DType dtype) {
    return tf.constant(dtype == DType.FLOAT32 ? Tensor.scalar((float) v) : Tensor.scalar(v));
  }

  /** A scalar constant with x's dtype. */
  public Output scalarLike(double v, Output x) {
    return scalar(v, x.dtype());
  }

  /** x's shape as an int32 vector: a constant when static, else a Shape op. */
  public Output shapeOf(Output x) {
    Shape s = x.shape();
    return s.isFullyDefined() ? tf.constant(s.dims()) : tf.shape(x);
  }

  /**
   * Columns [begin, begin + size) of a matrix dy (its last axis): a Slice, or, when dy is a
   * product {@code g w^T} (a MatMul with transposeB, which is what reaches {@code concat([x, h])
   * w}), the product of g by those rows of w, so that the other columns are never computed. The
   * same values, bit for bit: each element is the same dot product in the same order.
   */
  public Output columns(Output dy, int begin, int size) {
    Shape s = dy.shape();
    if (s.rank() == 2 && dy.op().type() instanceof MatMul m && !m.transposeA()
        && m.transposeB()) {
      Output w = dy.op().input(1);
      Shape ws = w.shape();
      if (ws.rank() == 2 && ws.dim(0) >= 0 && ws.dim(0) == s.dim(1)) {
        return tf.matmulBRows(dy.op().input(0), w, false, true, begin, size);
      }
    }
    int rank = s.rank();
    int[] from = new int[rank];
    int[] sizes = new int[rank];
    java.util.Arrays.fill(sizes, -1);
    from[rank - 1] = begin;
    sizes[rank - 1] = size;
    return tf.slice(dy, from, sizes);
  }

  /**
   * {@code acc + d} for a loop's running sum of a captured value's gradient: when d is a matrix
   * product (a weight's gradient in one iteration), one MatMulAdd of its operands, which adds
   * the product to acc in its tiles and gives the bits MatMulSum gives an unrolled graph's
   * products; otherwise an Add.
   */
  public static Output accumulate(Ops tf, Output acc, Output d) {
    if (d.op().type() instanceof MatMul m && d.shape().rank() == 2
        && acc.shape().isCompatibleWith(d.shape())) {
      return tf.matmulAdd(acc, d.op().input(0), d.op().input(1), m.transposeA(),
          m.transposeB());
    }
    return tf.add(acc, d);
  }

  /** {@code dys.get(i)}, or zeros shaped like output i of {@code op} when it got no gradient. */
  public Output dyOrZeros(Operation op, List<Output> dys, int i) {
    Output dy = dys.get(i);
    return dy != null ? dy : tf.zerosLike(op.output(i));
  }
}
