package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.math.MathShapes.checkNumeric;
import static dev.skein.core.ops.math.MathShapes.sameDType;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The math family: elementwise arithmetic with NumPy broadcasting, unary functions,
 * comparisons and logic, cast, select, clipping, reductions, arg-max/min, and the broadcast
 * helpers autodiff needs (broadcastTo, sumToShape). Semantics follow TensorFlow 1.x; dtypes are
 * never converted implicitly. Reductions and the broadcast helpers are declared in
 * {@link MathReduceOps}; kernels live in MathKernels (arithmetic, clip, addN, broadcastTo),
 * MathUnaryKernels (unary, cast), MathCompareKernels (comparisons, logic, select) and
 * MathReduceKernels; shape-rule helpers in MathShapes.
 */
public final class MathOps {
  private MathOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(Binary.class, Unary.class,
      Compare.class, Logical.class, Cast.class, Select.class, SelectV2.class, ClipByValue.class,
      AddN.class, MathReduceOps.ReduceSum.class, MathReduceOps.ReduceMean.class,
      MathReduceOps.ReduceMax.class, MathReduceOps.ReduceMin.class, MathReduceOps.ReduceProd.class,
      MathReduceOps.ReduceAny.class, MathReduceOps.ReduceAll.class, MathReduceOps.ArgMax.class,
      MathReduceOps.ArgMin.class, MathReduceOps.BroadcastTo.class,
      MathReduceOps.SumToShape.class);

  // ---- elementwise -------------------------------------------------------------------------

  /**
   * Binary arithmetic with broadcasting; x and y have the same dtype. DIV (RealDiv) is for
   * floats only; {@link #div} picks FLOOR_DIV for int32 like TF1's {@code tf.div}. Integer
   * FLOOR_DIV/FLOOR_MOD by zero and POW with a negative integer exponent fail at run time.
   */
  public enum Binary implements OpType.FreshReader {
    ADD("Add", true), SUB("Sub", true), MUL("Mul", true), DIV("RealDiv", false),
    FLOOR_DIV("FloorDiv", true), FLOOR_MOD("FloorMod", true), POW("Pow", true),
    MAXIMUM("Maximum", true), MINIMUM("Minimum", true),
    SQUARED_DIFFERENCE("SquaredDifference", true);

    private final String typeName;
    private final boolean intOk;

    Binary(String typeName, boolean intOk) {
      this.typeName = typeName;
      this.intOk = intOk;
    }

    @Override
    public boolean writesOverInputs() {
      return true;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = sameDType(ctx);
      checkArgument(t.isFloating() || (intOk && t == DType.INT32), "%s needs %s inputs, got %s%s",
          typeName, intOk ? "float32, float64 or int32" : "float32 or float64", t,
          this == DIV && t == DType.INT32 ? " (for int32 use floorDiv, which div() picks)" : "");
      return List.of(new TensorSpec(t, Broadcast.shape(ctx.shape(0), ctx.shape(1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathKernels.binary(this, in[0], in[1], ctx.canReuseInput(0),
          ctx.canReuseInput(1))};
    }
  }

  /** Elementwise functions of one float tensor; the first five also take int32. */
  public enum Unary implements OpType {
    NEG("Neg", true), ABS("Abs", true), SQUARE("Square", true), SIGN("Sign", true),
    RELU("Relu", true), SQRT("Sqrt", false), RSQRT("Rsqrt", false), EXP("Exp", false),
    LOG("Log", false), LOG1P("Log1p", false), TANH("Tanh", false), SIGMOID("Sigmoid", false),
    RECIPROCAL("Reciprocal", false), FLOOR("Floor", false);

    private final String typeName;
    private final boolean intOk;

    Unary(String typeName, boolean intOk) {
      this.typeName = typeName;
      this.intOk = intOk;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkNumeric(ctx.dtype(0), intOk, typeName + "'s input");
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathUnaryKernels.unary(this, in[0])};
    }
  }

  /** Comparisons with broadcasting, giving BOOL; EQUAL and NOT_EQUAL also compare BOOLs. */
  public enum Compare implements OpType {
    EQUAL("Equal"), NOT_EQUAL("NotEqual"), LESS("Less"), LESS_EQUAL("LessEqual"),
    GREATER("Greater"), GREATER_EQUAL("GreaterEqual");

    private final String typeName;

    Compare(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = sameDType(ctx);
      checkArgument(t.isNumeric() || this == EQUAL || this == NOT_EQUAL,
          "%s needs float32, float64 or int32 inputs, got %s", typeName, t);
      return List.of(new TensorSpec(DType.BOOL, Broadcast.shape(ctx.shape(0), ctx.shape(1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathCompareKernels.compare(this, in[0], in[1])};
    }
  }

  /** Logic on BOOL tensors; AND and OR broadcast, NOT takes one input. */
  public enum Logical implements OpType {
    LOGICAL_AND("LogicalAnd"), LOGICAL_OR("LogicalOr"), LOGICAL_NOT("LogicalNot");

    private final String typeName;

    Logical(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      for (int i = 0; i < ctx.numInputs(); i++) {
        checkArgument(ctx.dtype(i) == DType.BOOL, "%s needs bool inputs, got %s", typeName,
            ctx.dtype(i));
      }
      Shape s = this == LOGICAL_NOT ? ctx.shape(0) : Broadcast.shape(ctx.shape(0), ctx.shape(1));
      return List.of(new TensorSpec(DType.BOOL, s));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathCompareKernels.logical(this, in)};
    }
  }

  /**
   * Converts to another dtype: float to int truncates toward zero (NaN gives 0 and
   * out-of-range values saturate, where TensorFlow's result is platform-defined); bool to
   * number gives 0/1; number to bool is {@code x != 0}.
   */
  public record Cast(DType dtype) implements OpType {
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
      return new Tensor[] {MathUnaryKernels.cast(in[0], dtype)};
    }
  }

  /**
   * TF1's {@code tf.where(cond, x, y)}: x and y have the same shape; cond has that shape too, or
   * is a vector whose length is x's first dimension (it picks whole rows), or is a scalar.
   */
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
      return new Tensor[] {MathKernels.clip(in[0], in[1], in[2])};
    }
  }

  /** The sum of any number of tensors of the same dtype and shape (no broadcasting). */
  public record AddN() implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "AddN";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.numInputs() > 0, "AddN needs at least one input");
      DType t = ctx.dtype(0);
      checkNumeric(t, true, "AddN's inputs");
      Shape s = ctx.shape(0);
      for (int i = 1; i < ctx.numInputs(); i++) {
        checkArgument(ctx.dtype(i) == t, "all inputs must have the same dtype; input 0 is %s,"
            + " input %s is %s", t, i, ctx.dtype(i));
        checkArgument(s.isCompatibleWith(ctx.shape(i)), "all inputs must have the same shape;"
            + " got %s and %s (input %s); AddN does not broadcast", s, ctx.shape(i), i);
        s = s.mergeWith(ctx.shape(i));
      }
      return List.of(new TensorSpec(t, s));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathKernels.addN(in)};
    }
  }

  // ---- builders ----------------------------------------------------------------------------

  public static Output binary(Graph g, Binary op, Output x, Output y, String name) {
    return g.addOp(op, name, List.of(x, y)).output(0);
  }

  public static Output unary(Graph g, Unary op, Output x, String name) {
    return g.addOp(op, name, List.of(x)).output(0);
  }

  public static Output compare(Graph g, Compare op, Output x, Output y, String name) {
    return g.addOp(op, name, List.of(x, y)).output(0);
  }

  public static Output add(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.ADD, x, y, name);
  }

  public static Output sub(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.SUB, x, y, name);
  }

  public static Output mul(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.MUL, x, y, name);
  }

  /** TF1's {@code tf.div}: RealDiv for floats, FloorDiv (rounding down) for int32. */
  public static Output div(Graph g, Output x, Output y, String name) {
    Binary op = x.dtype() == DType.INT32 ? Binary.FLOOR_DIV : Binary.DIV;
    return binary(g, op, x, y, name);
  }

  /** TF1's {@code tf.truediv} / {@code tf.divide}: int32 inputs are cast to float64 first. */
  public static Output truediv(Graph g, Output x, Output y, String name) {
    if (x.dtype() == DType.INT32 && y.dtype() == DType.INT32) {
      x = cast(g, x, DType.FLOAT64, null);
      y = cast(g, y, DType.FLOAT64, null);
    }
    return binary(g, Binary.DIV, x, y, name);
  }

  public static Output floorDiv(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.FLOOR_DIV, x, y, name);
  }

  public static Output floorMod(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.FLOOR_MOD, x, y, name);
  }

  public static Output pow(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.POW, x, y, name);
  }

  public static Output maximum(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.MAXIMUM, x, y, name);
  }

  public static Output minimum(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.MINIMUM, x, y, name);
  }

  public static Output squaredDifference(Graph g, Output x, Output y, String name) {
    return binary(g, Binary.SQUARED_DIFFERENCE, x, y, name);
  }

  public static Output logicalAnd(Graph g, Output x, Output y, String name) {
    return g.addOp(Logical.LOGICAL_AND, name, List.of(x, y)).output(0);
  }

  public static Output logicalOr(Graph g, Output x, Output y, String name) {
    return g.addOp(Logical.LOGICAL_OR, name, List.of(x, y)).output(0);
  }

  public static Output logicalNot(Graph g, Output x, String name) {
    return g.addOp(Logical.LOGICAL_NOT, name, List.of(x)).output(0);
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

  public static Output addN(Graph g, List<Output> xs, String name) {
    return g.addOp(new AddN(), name, xs).output(0);
  }

  // ---- reductions and broadcast helpers (op types in MathReduceOps) -------------------------

  private static ImmutableIntArray axesOf(int[] axes) {
    return axes == null ? null : ImmutableIntArray.copyOf(axes);
  }

  /** Sum over {@code axes} (null: all axes; negative axes count from the end). */
  public static Output reduceSum(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceSum(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  /** Mean over {@code axes} (null: all); int32 divides with truncation like TensorFlow. */
  public static Output reduceMean(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMean(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceMax(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMax(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceMin(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMin(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceProd(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceProd(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceAny(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceAny(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceAll(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceAll(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  /** Index of the largest value along {@code axis} (int32; ties give the first). */
  public static Output argMax(Graph g, Output x, int axis, String name) {
    return g.addOp(new MathReduceOps.ArgMax(axis), name, List.of(x)).output(0);
  }

  /** Index of the smallest value along {@code axis} (int32; ties give the first). */
  public static Output argMin(Graph g, Output x, int axis, String name) {
    return g.addOp(new MathReduceOps.ArgMin(axis), name, List.of(x)).output(0);
  }

  /**
   * Broadcasts x to the shape held by the int32 vector {@code shape}. {@code staticShape} may
   * state what the caller knows of the result's shape ({@code Shape.unknown()} if nothing).
   */
  public static Output broadcastTo(Graph g, Output x, Output shape, Shape staticShape,
      String name) {
    return g.addOp(new MathReduceOps.BroadcastTo(staticShape), name, List.of(x, shape))
        .output(0);
  }

  /**
   * Sums {@code grad} over broadcast axes down to the shape held by the int32 vector
   * {@code shape} (the gradient driver's "unbroadcast"). {@code staticShape} may state what the
   * caller knows of the result's shape, e.g. the input's static shape.
   */
  public static Output sumToShape(Graph g, Output grad, Output shape, Shape staticShape,
      String name) {
    return g.addOp(new MathReduceOps.SumToShape(staticShape), name, List.of(grad, shape))
        .output(0);
  }
}
