package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.math.MathShapes.checkNumeric;
import static dev.skein.core.ops.math.MathShapes.sameDType;

import static dev.skein.core.DType.BOOL;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The math family: elementwise arithmetic with NumPy broadcasting, unary functions,
 * comparisons and logic, cast, select, clipping, reductions, arg-max/min, and the broadcast
 * helpers autodiff needs (broadcastTo, sumToShape). Semantics follow TensorFlow 1.x; dtypes are
 * never converted implicitly, and the dtypes each op takes are declared with
 * {@link TakesDTypes}. Reductions and the broadcast helpers are declared in
 * {@link MathReduceOps}; kernels live in MathKernels (arithmetic, clip, addN, broadcastTo),
 * MathUnaryKernels (unary), CastKernels, LongKernels (int64 loops), MathCompareKernels
 * (comparisons, logic, select) and MathReduceKernels; shape-rule helpers in MathShapes.
 */
public final class MathOps {
  private MathOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(Binary.class, Unary.class,
      Compare.class, Logical.class, SelectOps.Cast.class, SelectOps.Select.class,
      SelectOps.SelectV2.class, SelectOps.ClipByValue.class,
      AddN.class, MathReduceOps.ReduceSum.class, MathReduceOps.ReduceMean.class,
      MathReduceOps.ReduceMax.class, MathReduceOps.ReduceMin.class, MathReduceOps.ReduceProd.class,
      MathReduceOps.ReduceAny.class, MathReduceOps.ReduceAll.class, MathReduceOps.ArgMax.class,
      MathReduceOps.ArgMin.class, MathReduceOps.BroadcastTo.class,
      MathReduceOps.SumToShape.class);

  // ---- elementwise -------------------------------------------------------------------------

  /**
   * Binary arithmetic with broadcasting; x and y have the same dtype. DIV (RealDiv) is for
   * floats only; {@link #div} picks FLOOR_DIV for int32 and int64 like TF1's {@code tf.div}. Integer
   * FLOOR_DIV/FLOOR_MOD by zero and POW with a negative integer exponent fail at run time.
   */
  public enum Binary implements OpType.FreshReader {
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) ADD("Add", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) SUB("Sub", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) MUL("Mul", true),
    @TakesDTypes({FLOAT32, FLOAT64}) DIV("RealDiv", false),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) FLOOR_DIV("FloorDiv", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) FLOOR_MOD("FloorMod", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) POW("Pow", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) MAXIMUM("Maximum", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) MINIMUM("Minimum", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) SQUARED_DIFFERENCE("SquaredDifference", true);

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
      checkArgument(t.isFloating() || (intOk && t.isInteger()), "%s needs %s inputs, got %s%s",
          typeName, intOk ? "float32, float64, int32 or int64" : "float32 or float64", t,
          this == DIV && t.isInteger() ? " (for " + t + " use floorDiv, which div() picks)" : "");
      return List.of(new TensorSpec(t, Broadcast.shape(ctx.shape(0), ctx.shape(1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathKernels.binary(this, in[0], in[1], ctx.canReuseInput(0),
          ctx.canReuseInput(1))};
    }
  }

  /** Elementwise functions of one float tensor; the first five also take int32 and int64. */
  public enum Unary implements OpType {
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) NEG("Neg", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) ABS("Abs", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) SQUARE("Square", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) SIGN("Sign", true),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) RELU("Relu", true),
    @TakesDTypes({FLOAT32, FLOAT64}) SQRT("Sqrt", false),
    @TakesDTypes({FLOAT32, FLOAT64}) RSQRT("Rsqrt", false),
    @TakesDTypes({FLOAT32, FLOAT64}) EXP("Exp", false),
    @TakesDTypes({FLOAT32, FLOAT64}) LOG("Log", false),
    @TakesDTypes({FLOAT32, FLOAT64}) LOG1P("Log1p", false),
    @TakesDTypes({FLOAT32, FLOAT64}) TANH("Tanh", false),
    @TakesDTypes({FLOAT32, FLOAT64}) SIGMOID("Sigmoid", false),
    @TakesDTypes({FLOAT32, FLOAT64}) RECIPROCAL("Reciprocal", false),
    @TakesDTypes({FLOAT32, FLOAT64}) FLOOR("Floor", false);

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
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64, BOOL}) EQUAL("Equal"),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64, BOOL}) NOT_EQUAL("NotEqual"),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) LESS("Less"),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) LESS_EQUAL("LessEqual"),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) GREATER("Greater"),
    @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64}) GREATER_EQUAL("GreaterEqual");

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
          "%s needs float32, float64, int32 or int64 inputs, got %s", typeName, t);
      return List.of(new TensorSpec(DType.BOOL, Broadcast.shape(ctx.shape(0), ctx.shape(1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {MathCompareKernels.compare(this, in[0], in[1])};
    }
  }

  /** Logic on BOOL tensors; AND and OR broadcast, NOT takes one input. */
  public enum Logical implements OpType {
    @TakesDTypes(BOOL) LOGICAL_AND("LogicalAnd"),
    @TakesDTypes(BOOL) LOGICAL_OR("LogicalOr"),
    @TakesDTypes(BOOL) LOGICAL_NOT("LogicalNot");

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

  /** The sum of any number of tensors of the same dtype and shape (no broadcasting). */
  @TakesDTypes({FLOAT32, FLOAT64, INT32, INT64})
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
      return new Tensor[] {MathNaryKernels.addN(in)};
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

  /**
   * TF1's {@code tf.div}: RealDiv for floats, FloorDiv (rounding toward negative infinity, as
   * Python's {@code //}) for int32 and int64.
   */
  public static Output div(Graph g, Output x, Output y, String name) {
    Binary op = x.dtype().isInteger() ? Binary.FLOOR_DIV : Binary.DIV;
    return binary(g, op, x, y, name);
  }

  /**
   * TF1's {@code tf.truediv} / {@code tf.divide}: int32 or int64 inputs (of one dtype) are cast
   * to float64 first.
   */
  public static Output truediv(Graph g, Output x, Output y, String name) {
    if (x.dtype().isInteger() && y.dtype() == x.dtype()) {
      x = SelectOps.cast(g, x, DType.FLOAT64, null);
      y = SelectOps.cast(g, y, DType.FLOAT64, null);
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

  public static Output addN(Graph g, List<Output> xs, String name) {
    return g.addOp(new AddN(), name, xs).output(0);
  }
}
