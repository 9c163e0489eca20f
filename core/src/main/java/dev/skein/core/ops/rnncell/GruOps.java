package dev.skein.core.ops.rnncell;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;

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
 * The elementwise parts of a GRU step (TensorFlow's {@code GRUCell}), each one op, forward and
 * backward: {@code gates} [batch, 2 units] is {@code sigmoid(concat(x, h) W + b)} with the reset
 * gate r in its first half and the update gate u in its second.
 * <ul>
 *   <li>{@link GruResetGate}: {@code r * h}, the state the candidate's product reads (instead of
 *       a Split and a Mul);
 *   <li>{@link GruUpdate}: {@code h' = u * h + (1 - u) * c} from the candidate c (instead of
 *       two Muls, a Sub and an Add).
 * </ul>
 * Their float results equal those separate ops' (the same operations in the same order, each
 * rounded). Kernels live in GruKernels.
 */
public final class GruOps {
  private GruOps() {}

  /** Op types of this family part, for the registry. */
  public static final List<Class<? extends OpType>> TYPES = List.of(GruResetGate.class,
      GruResetGateGrad.class, GruUpdate.class, GruUpdateGrad.class);

  /** {@code r * h}: inputs gates [batch, 2 units] and h [batch, units]. */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "h")
  public record GruResetGate() implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "GRUResetGate";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 2, "gruResetGate");
      int[] bu = batchUnits(ctx, 2, "gruResetGate");
      return List.of(new TensorSpec(t, Shape.of(bu[0], bu[1])));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {GruKernels.resetGate(in[0], in[1])};
    }
  }

  /**
   * The gradient of {@link GruResetGate}: inputs gates, h and the gradient of r * h; outputs the
   * gradient of gates (the update half zero) and of h.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "h")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 2, name = "d_rh")
  public record GruResetGateGrad() implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "GRUResetGateGrad";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 3, "gruResetGateGrad");
      int[] bu = batchUnits(ctx, 3, "gruResetGateGrad");
      return List.of(new TensorSpec(t, Shape.of(bu[0], bu[1] < 0 ? -1 : 2 * bu[1])),
          new TensorSpec(t, Shape.of(bu[0], bu[1])));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return GruKernels.resetGateGrad(in[0], in[1], in[2]);
    }
  }

  /** {@code u * h + (1 - u) * c}: inputs gates [batch, 2 units], h and c [batch, units]. */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "h")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 2, name = "c")
  public record GruUpdate() implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "GRUUpdate";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 3, "gruUpdate");
      int[] bu = batchUnits(ctx, 3, "gruUpdate");
      return List.of(new TensorSpec(t, Shape.of(bu[0], bu[1])));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {GruKernels.update(in[0], in[1], in[2])};
    }
  }

  /**
   * The gradient of {@link GruUpdate}: inputs gates, h, c and the gradient of h'; outputs the
   * gradients of gates (the reset half zero; the update half {@code dh' h - dh' c}), of h
   * ({@code dh' u}) and of c ({@code dh' (1 - u)}).
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "h")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 2, name = "c")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 3, name = "d_new_h")
  public record GruUpdateGrad() implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "GRUUpdateGrad";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 4, "gruUpdateGrad");
      int[] bu = batchUnits(ctx, 4, "gruUpdateGrad");
      TensorSpec s = new TensorSpec(t, Shape.of(bu[0], bu[1]));
      return List.of(new TensorSpec(t, Shape.of(bu[0], bu[1] < 0 ? -1 : 2 * bu[1])), s, s);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return GruKernels.updateGrad(in[0], in[1], in[2], in[3]);
    }
  }

  private static DType checkFloat(InferContext ctx, int n, String op) {
    checkArgument(ctx.numInputs() == n, "%s: needs %s inputs, got %s", op, n, ctx.numInputs());
    return RnnCellOps.checkFloat(ctx, n, op);
  }

  /**
   * {batch, units} (-1 where unknown), checked across gates [b, 2u] (input 0) and the
   * [b, u] inputs 1 to n - 1.
   */
  private static int[] batchUnits(InferContext ctx, int n, String op) {
    Shape g = ctx.shape(0);
    checkArgument(g.isCompatibleWith(Shape.unknownDims(2)), "%s: gates must be"
        + " [batch, 2 * units], got %s", op, g);
    int batch = g.hasKnownRank() ? g.dim(0) : -1;
    int two = g.hasKnownRank() ? g.dim(1) : -1;
    checkArgument(two < 0 || two % 2 == 0, "%s: gates must have 2 * units columns, got %s", op,
        g);
    int units = two >= 0 ? two / 2 : -1;
    for (int k = 1; k < n; k++) {
      Shape s = ctx.shape(k);
      checkArgument(s.isCompatibleWith(Shape.unknownDims(2)), "%s: input %s must be"
          + " [batch, units], got %s", op, k, s);
      int b = s.hasKnownRank() ? s.dim(0) : -1;
      int u = s.hasKnownRank() ? s.dim(1) : -1;
      checkArgument(batch < 0 || b < 0 || b == batch, "%s: inputs disagree on the batch size:"
          + " gates %s, input %s %s", op, g, k, s);
      checkArgument(units < 0 || u < 0 || u == units, "%s: gates %s must have twice the"
          + " columns of input %s %s", op, g, k, s);
      batch = batch >= 0 ? batch : b;
      units = units >= 0 ? units : u;
    }
    return new int[] {batch, units};
  }

  // ---- builders ----------------------------------------------------------------------------

  /** Adds a {@link GruResetGate} op; returns r * h. */
  public static Output resetGate(Graph g, Output gates, Output h, String name) {
    return g.addOp(new GruResetGate(), name == null ? "GRUResetGate" : name,
        List.of(gates, h)).output(0);
  }

  /** Adds a {@link GruResetGateGrad} op; returns [dGates, dH]. */
  public static List<Output> resetGateGrad(Graph g, Output gates, Output h, Output dRh,
      String name) {
    return g.addOp(new GruResetGateGrad(), name == null ? "GRUResetGateGrad" : name,
        List.of(gates, h, dRh)).outputs();
  }

  /** Adds a {@link GruUpdate} op; returns h'. */
  public static Output update(Graph g, Output gates, Output h, Output c, String name) {
    return g.addOp(new GruUpdate(), name == null ? "GRUUpdate" : name, List.of(gates, h, c))
        .output(0);
  }

  /** Adds a {@link GruUpdateGrad} op; returns [dGates, dH, dC]. */
  public static List<Output> updateGrad(Graph g, Output gates, Output h, Output c, Output dNewH,
      String name) {
    return g.addOp(new GruUpdateGrad(), name == null ? "GRUUpdateGrad" : name,
        List.of(gates, h, c, dNewH)).outputs();
  }
}
