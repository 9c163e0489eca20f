package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.DType.BOOL;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static dev.skein.core.ops.math.MathShapes.checkNumeric;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The math family's casts and choices: Cast, Select (TF1's row-wise where), SelectV2
 * (broadcasting) and ClipByValue, with their builders.
 */
public final class SelectOps {
  private SelectOps() {}



  /**
   * Converts to another dtype: float to int truncates toward zero (NaN gives 0 and
   * out-of-range values saturate, where TensorFlow's result is platform-defined); bool to
   * number gives 0/1; number to bool is {@code x != 0}.
   */
  @TakesDTypes(anyDType = true)
  @MakesDTypes(anyDType = true)
  public record Cast(DType dtype) implements OpType, StaticValues.KnownValue {
    /** An int32 to int64 cast (or back) of a partly known shape keeps what is known of it. */
    @Override
    public int[] knownVector(Operation op) {
      return dtype.isInteger() ? StaticValues.vector(op.input(0)) : null;
    }

    @Override
    public int knownScalar(Operation op) {
      return dtype.isInteger() ? StaticValues.scalar(op.input(0)) : -1;
    }

    @Override
    public String typeName() {
      return "Cast";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(new TensorSpec(dtype, ctx.shape(0)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {CastKernels.cast(in[0], dtype)};
    }
  }

  /**
   * TF1's {@code tf.where(cond, x, y)}: x and y have the same shape; cond has that shape too, or
   * is a vector whose length is x's first dimension (it picks whole rows), or is a scalar.
   */
  @TakesDTypes(value = BOOL, name = "condition")
  public record Select() implements OpType {
    @Override
    public String typeName() {
      return "Select";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = selectDType(ctx);
      Shape x = ctx.shape(1);
      Shape y = ctx.shape(2);
      checkArgument(x.isCompatibleWith(y), "x and y must have the same shape, got %s and %s", x,
          y);
      Shape xy = x.mergeWith(y);
      Shape c = ctx.shape(0);
      if (c.hasKnownRank() && xy.hasKnownRank() && c.rank() != xy.rank() && c.rank() != 0) {
        checkArgument(c.rank() == 1 && xy.rank() > 1,
            "cond must be a scalar, have the shape of x and y (%s), or be a vector of their"
                + " first dimension; got %s", xy, c);
        int n = c.dim(0) >= 0 ? c.dim(0) : xy.dim(0);
        checkArgument(xy.dim(0) < 0 || n == xy.dim(0),
            "cond is a vector of length %s but x and y have first dimension %s (shape %s)", n,
            xy.dim(0), xy);
        int[] d = xy.dims();
        d[0] = n;
        return List.of(new TensorSpec(t, Shape.of(d)));
      }
      if (c.hasKnownRank() && c.rank() != 0 && xy.hasKnownRank()) {
        checkArgument(c.isCompatibleWith(xy),
            "cond must be a scalar, have the shape of x and y (%s), or be a vector of their"
                + " first dimension; got %s", xy, c);
        xy = xy.mergeWith(c);
      }
      return List.of(new TensorSpec(t, xy));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathCompareKernels.select(in[0], in[1], in[2], false)};
    }
  }

  /** {@code tf.where_v2(cond, x, y)}: cond, x and y broadcast together. */
  @TakesDTypes(value = BOOL, name = "condition")
  public record SelectV2() implements OpType {
    @Override
    public String typeName() {
      return "SelectV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = selectDType(ctx);
      return List.of(new TensorSpec(t, Broadcast.shape(ctx.shape(0), ctx.shape(1),
          ctx.shape(2))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathCompareKernels.select(in[0], in[1], in[2], true)};
    }
  }

  private static DType selectDType(InferContext ctx) {
    checkArgument(ctx.dtype(0) == DType.BOOL, "cond must be bool, got %s", ctx.dtype(0));
    checkArgument(ctx.dtype(1) == ctx.dtype(2),
        "x and y must have the same dtype, got %s and %s (dtypes are never converted"
            + " implicitly; use cast)", ctx.dtype(1), ctx.dtype(2));
    return ctx.dtype(1);
  }

  /**
   * {@code max(min(x, hi), lo)} elementwise, as TF1's clip_by_value computes it (so lo wins if
   * lo &gt; hi); lo and hi broadcast to x's shape and may not enlarge it.
   */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
  public record ClipByValue() implements OpType {
    @Override
    public String typeName() {
      return "ClipByValue";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkNumeric(t, true, "x");
      checkArgument(ctx.dtype(1) == t && ctx.dtype(2) == t,
          "x, clip_value_min and clip_value_max must have the same dtype, got %s, %s and %s", t,
          ctx.dtype(1), ctx.dtype(2));
      Shape x = ctx.shape(0);
      Shape all = Broadcast.shape(x, ctx.shape(1), ctx.shape(2));
      checkArgument(all.isCompatibleWith(x),
          "clip bounds of shapes %s and %s would broadcast x of shape %s to %s", ctx.shape(1),
          ctx.shape(2), x, all);
      return List.of(new TensorSpec(t, x.hasKnownRank() ? x.mergeWith(all) : x));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathNaryKernels.clip(in[0], in[1], in[2])};
    }
  }

  public static Output cast(Graph g, Output x, DType dtype, String name) {
    return g.addOp(new Cast(dtype), name, List.of(x)).output(0);
  }

  /** TF1's {@code tf.where(cond, x, y)}; see {@link Select}. */
  public static Output select(Graph g, Output cond, Output x, Output y, String name) {
    return g.addOp(new Select(), name, List.of(cond, x, y)).output(0);
  }

  /** {@code tf.where_v2(cond, x, y)}: all three broadcast. */
  public static Output selectV2(Graph g, Output cond, Output x, Output y, String name) {
    return g.addOp(new SelectV2(), name, List.of(cond, x, y)).output(0);
  }

  public static Output clipByValue(Graph g, Output x, Output lo, Output hi, String name) {
    return g.addOp(new ClipByValue(), name, List.of(x, lo, hi)).output(0);
  }
}
