package dev.skein.core.ops.math;

import static dev.skein.core.DType.BOOL;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.math.MathShapes.checkNumeric;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.AttrDefault;
import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.Nullable;
import dev.skein.core.OpType;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The math family's reductions, arg-max/min and broadcast helpers (op types only; the builders
 * are in {@link MathReduceBuilders}, and {@link MathOps} lists these types).
 *
 * <p>Reduction axes: {@code null} means all axes; negative axes count from the end; an empty
 * array reduces nothing (as in TensorFlow). Repeated or out-of-range axes are errors.
 */
public final class MathReduceOps {
  private MathReduceOps() {}

  /** What a reduction computes, for the shared kernel. */
  enum Kind { SUM, MEAN, MAX, MIN, PROD, ANY, ALL }

  /** A reduction over some axes; the records below differ only in what they compute. */
  public sealed interface Reduction extends OpType {
    /** The axes to reduce, null for all. */
    ImmutableIntArray axes();

    /** Keep reduced axes as size-1 dimensions. */
    boolean keepDims();

    @Override
    default List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      if (this instanceof ReduceAny || this instanceof ReduceAll) {
        checkArgument(t == DType.BOOL, "%s needs a bool input, got %s", typeName(), t);
      } else {
        checkNumeric(t, true, typeName() + "'s input");
      }
      return List.of(new TensorSpec(t, MathShapes.reducedShape(ctx.shape(0), axes(),
          keepDims())));
    }

    @Override
    default String describeAttributes() {
      return "axes=" + (axes() == null ? "all" : axes()) + ", keepDims=" + keepDims();
    }
  }

  /** Sum over axes (TF "Sum"). */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ReduceSum(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Sum";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.SUM, in[0], axes, keepDims)};
    }
  }

  /** Mean over axes (TF "Mean"); int32 uses integer division, truncating like TF. */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ReduceMean(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Mean";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.MEAN, in[0], axes, keepDims)};
    }
  }

  /** Maximum over axes (TF "Max"); an empty reduction gives -inf (int32: its minimum). */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ReduceMax(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Max";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.MAX, in[0], axes, keepDims)};
    }
  }

  /** Minimum over axes (TF "Min"); an empty reduction gives +inf (int32: its maximum). */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ReduceMin(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Min";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.MIN, in[0], axes, keepDims)};
    }
  }

  /** Product over axes (TF "Prod"). */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ReduceProd(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Prod";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.PROD, in[0], axes, keepDims)};
    }
  }

  /** Logical or over axes of a bool tensor (TF "Any"). */
  @TakesDTypes(BOOL)
  public record ReduceAny(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "Any";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.ANY, in[0], axes, keepDims)};
    }
  }

  /** Logical and over axes of a bool tensor (TF "All"). */
  @TakesDTypes(BOOL)
  public record ReduceAll(@Nullable ImmutableIntArray axes, boolean keepDims)
      implements Reduction {
    @Override
    public String typeName() {
      return "All";
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.reduce(Kind.ALL, in[0], axes, keepDims)};
    }
  }

  /**
   * Index of the largest value along one axis, as an {@code outputType} (TF's output_type:
   * int32 or int64); ties give the first index.
   */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  @MakesDTypes(value = {INT32, INT64}, attr = "outputType")
  public record ArgMax(int axis, @AttrDefault("int32") DType outputType) implements OpType {
    /** int32 indices (Skein's default; TF1's is int64). */
    public ArgMax(int axis) {
      this(axis, DType.INT32);
    }

    @Override
    public String typeName() {
      return "ArgMax";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return argInfer(ctx, axis, outputType);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.argMaxMin(in[0], axis, true, outputType)};
    }
  }

  /**
   * Index of the smallest value along one axis, as an {@code outputType} (TF's output_type:
   * int32 or int64); ties give the first index.
   */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  @MakesDTypes(value = {INT32, INT64}, attr = "outputType")
  public record ArgMin(int axis, @AttrDefault("int32") DType outputType) implements OpType {
    /** int32 indices (Skein's default; TF1's is int64). */
    public ArgMin(int axis) {
      this(axis, DType.INT32);
    }

    @Override
    public String typeName() {
      return "ArgMin";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return argInfer(ctx, axis, outputType);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathReduceKernels.argMaxMin(in[0], axis, false, outputType)};
    }
  }

  private static List<TensorSpec> argInfer(InferContext ctx, int axis, DType out) {
    checkArgument(out == DType.INT32 || out == DType.INT64, "output_type must be int32 or int64,"
        + " got %s", out);
    checkNumeric(ctx.dtype(0), true, "the input");
    Shape s = ctx.shape(0);
    if (!s.hasKnownRank()) {
      return List.of(new TensorSpec(out, Shape.unknown()));
    }
    boolean[] mask = MathShapes.reductionMask(ImmutableIntArray.of(axis), s.rank(), s);
    return List.of(new TensorSpec(out, Shape.of(MathShapes.reducedDims(s.dims(), mask, false))));
  }

  /**
   * Broadcasts x to the shape held by an int32 or int64 vector (TF "BroadcastTo"). The static shape
   * is the vector's value when it is a constant; otherwise its length gives the rank, and x's known
   * dimensions other than 1 fill in the rest. {@code staticShape} (usually unknown) lets a caller
   * that knows more say so; a wrong claim fails at run time.
   */
  @TakesDTypes(anyDType = true, name = "input")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "shape")
  public record BroadcastTo(Shape staticShape) implements OpType {
    @Override
    public String typeName() {
      return "BroadcastTo";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      Shape target = MathShapes.shapeFromShapeTensor(ctx, 1, "the shape");
      Shape x = ctx.shape(0);
      if (target.hasKnownRank() && x.hasKnownRank()) {
        checkArgument(x.rank() <= target.rank(), "cannot broadcast shape %s to rank %s (%s)", x,
            target.rank(), target);
        int[] t = target.dims();
        int off = t.length - x.rank();
        for (int i = 0; i < x.rank(); i++) {
          int dx = x.dim(i);
          int dt = t[off + i];
          checkArgument(dx < 0 || dx == 1 || dt < 0 || dx == dt, "cannot broadcast shape %s to"
              + " %s", x, target);
          if (dt < 0 && dx >= 0 && dx != 1) {
            t[off + i] = dx;
          }
        }
        target = Shape.of(t);
      }
      return List.of(new TensorSpec(ctx.dtype(0), MathShapes.mergeHint(target, staticShape)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      int[] target = MathShapes.checkShapeValues(in[1].intValues("the shape"), "the shape");
      return new Tensor[] {MathNaryKernels.broadcastTo(in[0], target)};
    }
  }

  /**
   * Undoes broadcasting for gradients: sums {@code grad} over the axes that broadcasting to its
   * shape added or stretched, so the result has the shape held by an int32 or int64 vector. Static
   * shape as for {@link BroadcastTo}: the constant's value, else the vector's length as rank (with
   * 1 where grad's aligned dimension is 1), merged with {@code staticShape}.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32, INT64}, name = "grad")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "shape")
  public record SumToShape(Shape staticShape) implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "SumToShape";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkNumeric(ctx.dtype(0), true, "the gradient");
      Shape target = MathShapes.shapeFromShapeTensor(ctx, 1, "the shape");
      Shape g = ctx.shape(0);
      if (target.hasKnownRank() && g.hasKnownRank()) {
        checkArgument(target.rank() <= g.rank(), "cannot sum a gradient of shape %s to shape %s",
            g, target);
        int[] t = target.dims();
        int off = g.rank() - t.length;
        for (int i = 0; i < t.length; i++) {
          int dg = g.dim(off + i);
          checkArgument(dg < 0 || t[i] < 0 || t[i] == 1 || t[i] == dg,
              "cannot sum a gradient of shape %s to shape %s", g, target);
          if (dg == 1) {
            t[i] = 1;
          }
        }
        target = Shape.of(t);
      }
      return List.of(new TensorSpec(ctx.dtype(0), MathShapes.mergeHint(target, staticShape)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      int[] target = MathShapes.checkShapeValues(in[1].intValues("the shape"), "the shape");
      return new Tensor[] {MathReduceKernels.sumToShape(in[0], target)};
    }
  }
}
