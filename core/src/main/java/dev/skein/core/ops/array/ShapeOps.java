package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.array.ArraySupport.add;
import static dev.skein.core.ops.array.ArraySupport.one;

import dev.skein.core.AttrDefault;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The array family's shape ops: the run-time shape (a vector), size and rank (scalars) of a
 * value, as an {@code outType} of int32 (the default, as TF's) or int64 (TF's
 * {@code out_type=tf.int64}). Shape rules see through them ({@link StaticValues}): the parts of
 * the input's static shape that are known are known values of the output. The records are named
 * as TF's op types (and as graph files have always named them), so {@code ShapeOps.Shape} is not
 * {@link dev.skein.core.Shape}.
 */
public final class ShapeOps {
  private ShapeOps() {}

  /** Shape, Size or Rank. */
  public sealed interface ShapeOf extends OpType, StaticValues.KnownValue
      permits Shape, Size, Rank {
    /** int32 or int64. */
    DType outType();

    /** The output's value for an input of this shape. */
    long[] values(dev.skein.core.Shape s);

    /** The output's static shape for an input of this rank (-1: unknown). */
    dev.skein.core.Shape outShape(int rank);

    @Override
    default boolean readsInputsOnly() {
      return true;
    }

    @Override
    default List<TensorSpec> infer(InferContext ctx) {
      checkArgument(outType() == DType.INT32 || outType() == DType.INT64,
          "out_type must be int32 or int64, got %s", outType());
      return List.of(new TensorSpec(outType(), outShape(ctx.shape(0).rank())));
    }

    @Override
    default Tensor[] compute(KernelContext ctx, Tensor[] in) {
      dev.skein.core.Shape s = in[0].shape();
      long[] v = values(s);
      dev.skein.core.Shape shape = outShape(s.rank());
      if (outType() == DType.INT64) {
        return one(Tensor.create(shape, v));
      }
      int[] r = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = (int) v[i]; // dims, counts and ranks are ints
      }
      return one(Tensor.create(shape, r));
    }
  }

  /** The run-time shape of the input: a vector of its dims. */
  @TakesDTypes(anyDType = true, name = "input")
  @MakesDTypes(value = {DType.INT32, DType.INT64}, attr = "outType")
  public record Shape(@AttrDefault("int32") DType outType) implements ShapeOf {
    @Override
    public String typeName() {
      return "Shape";
    }

    @Override
    public long[] values(dev.skein.core.Shape s) {
      long[] r = new long[s.rank()];
      for (int i = 0; i < r.length; i++) {
        r[i] = s.dim(i);
      }
      return r;
    }

    @Override
    public dev.skein.core.Shape outShape(int rank) {
      return dev.skein.core.Shape.of(rank);
    }

    @Override
    public int[] knownVector(Operation op) {
      dev.skein.core.Shape s = op.input(0).shape();
      return s.hasKnownRank() ? s.dims() : null;
    }
  }

  /** The input's number of elements: a scalar. */
  @TakesDTypes(anyDType = true, name = "input")
  @MakesDTypes(value = {DType.INT32, DType.INT64}, attr = "outType")
  public record Size(@AttrDefault("int32") DType outType) implements ShapeOf {
    @Override
    public String typeName() {
      return "Size";
    }

    @Override
    public long[] values(dev.skein.core.Shape s) {
      return new long[] {s.numElements()};
    }

    @Override
    public dev.skein.core.Shape outShape(int rank) {
      return dev.skein.core.Shape.scalar();
    }

    @Override
    public int knownScalar(Operation op) {
      return op.input(0).shape().numElements();
    }
  }

  /** The input's rank: a scalar. */
  @TakesDTypes(anyDType = true, name = "input")
  @MakesDTypes(value = {DType.INT32, DType.INT64}, attr = "outType")
  public record Rank(@AttrDefault("int32") DType outType) implements ShapeOf {
    @Override
    public String typeName() {
      return "Rank";
    }

    @Override
    public long[] values(dev.skein.core.Shape s) {
      return new long[] {s.rank()};
    }

    @Override
    public dev.skein.core.Shape outShape(int rank) {
      return dev.skein.core.Shape.scalar();
    }

    @Override
    public int knownScalar(Operation op) {
      return op.input(0).shape().rank();
    }
  }

  /** x's run-time shape, an int32 or int64 vector. */
  public static Output shape(Graph g, Output x, DType outType, String name) {
    return add(g, new Shape(outType), name, "Shape", x);
  }

  /** x's number of elements, an int32 or int64 scalar. */
  public static Output size(Graph g, Output x, DType outType, String name) {
    return add(g, new Size(outType), name, "Size", x);
  }

  /** x's rank, an int32 or int64 scalar. */
  public static Output rank(Graph g, Output x, DType outType, String name) {
    return add(g, new Rank(outType), name, "Rank", x);
  }
}
