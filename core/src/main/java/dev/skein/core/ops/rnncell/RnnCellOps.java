package dev.skein.core.ops.rnncell;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * Fused recurrent-cell ops (TensorFlow's rnn_ops, in the spirit of LSTMBlockCell): the
 * elementwise part of an LSTM step in one op, so a step is a matmul and one pass over the gates
 * instead of a dozen small ops, forward and backward. Kernels live in RnnCellKernels (on
 * {@link dev.skein.core.kernel.LstmLoops}).
 */
public final class RnnCellOps {
  private RnnCellOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES =
      List.of(LstmGates.class, LstmGatesGrad.class, LstmGatesActGrad.class,
          BiasActivation.class, BiasActivationGrad.class, CheckSequenceLength.class);

  /**
   * {@code activation(value + bias)}: value [..., c] plus bias [c] along the last dimension,
   * then tanh or sigmoid, in one pass (a BasicRNN or GRU step after its matmul). Float32 results
   * equal those of BiasAdd followed by Tanh or Sigmoid.
   */
  public enum BiasActivation implements OpType.FreshReader {
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "value")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "bias")
    TANH("BiasTanh"),
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "value")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "bias")
    SIGMOID("BiasSigmoid");

    @Override
    public boolean writesOverInputs() {
      return true;
    }

    private final String typeName;

    BiasActivation(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkArgument(t.isFloating() && ctx.dtype(1) == t, "%s: value and bias must both be"
          + " float32 or float64, got %s and %s", typeName, t, ctx.dtype(1));
      return List.of(new TensorSpec(t, biasShape(ctx.shape(0), ctx.shape(1), typeName)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {RnnCellKernels.biasActivation(in[0], in[1], this == TANH,
          typeName, ctx.canReuseInput(0))};
    }
  }

  /**
   * The gradient of {@link BiasActivation} from its output: inputs (y, dy) of the same shape;
   * outputs the gradient of the value, {@code dy * (1 - y * y)} (tanh) or
   * {@code dy * (y * (1 - y))} (sigmoid), and of the bias, that summed over all but the last
   * dimension.
   */
  public enum BiasActivationGrad implements OpType.FreshReader {
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "y")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "dy")
    TANH("BiasTanhGrad"),
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "y")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "dy")
    SIGMOID("BiasSigmoidGrad");

    @Override
    public boolean writesOverInputs() {
      return true;
    }

    /** dz may take dy's array; the bias gradient is always new. */
    @Override
    public boolean writesOverInputsInto(int output) {
      return output == 0;
    }

    private final String typeName;

    BiasActivationGrad(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkArgument(t.isFloating() && ctx.dtype(1) == t, "%s: y and dy must both be float32 or"
          + " float64, got %s and %s", typeName, t, ctx.dtype(1));
      checkArgument(ctx.shape(0).isCompatibleWith(ctx.shape(1)), "%s: y %s and dy %s must have"
          + " the same shape", typeName, ctx.shape(0), ctx.shape(1));
      Shape y = ctx.shape(0).mergeWith(ctx.shape(1));
      checkArgument(!y.hasKnownRank() || y.rank() >= 2, "%s: y must have rank 2 or more, got"
          + " shape %s", typeName, y);
      Shape bias = y.hasKnownRank() ? Shape.of(y.dim(-1)) : Shape.unknownDims(1);
      return List.of(new TensorSpec(t, y), new TensorSpec(t, bias));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      checkArgument(in[0].shape().equals(in[1].shape()) && in[0].rank() >= 2, "%s: y %s and dy"
          + " %s must have the same shape, of rank 2 or more", typeName, in[0].shape(),
          in[1].shape());
      return RnnCellKernels.biasActivationGrad(in[0], in[1], this == TANH,
          ctx.canReuseInput(1));
    }
  }

  /** The shape of value [..., c] + bias [c], checked as BiasAdd checks it. */
  private static Shape biasShape(Shape value, Shape bias, String op) {
    checkArgument(!value.hasKnownRank() || value.rank() >= 2, "%s: value must have rank 2 or"
        + " more, got shape %s", op, value);
    checkArgument(!bias.hasKnownRank() || bias.rank() == 1, "%s: bias must be a vector, got"
        + " shape %s", op, bias);
    if (!value.hasKnownRank()) {
      return value;
    }
    int c = value.dim(-1);
    int b = bias.hasKnownRank() ? bias.dim(0) : -1;
    checkArgument(c < 0 || b < 0 || c == b, "%s: bias size %s does not match the last dimension"
        + " of value %s", op, b, value);
    int[] dims = value.dims();
    dims[dims.length - 1] = c >= 0 ? c : b;
    return Shape.of(dims);
  }

  /**
   * An LSTM step after its matmul: inputs {@code gates} [batch, 4 units] (concat([x, h]) times
   * the kernel, gates i, j, f, o), {@code bias} [4 units] and {@code c} [batch, units]; outputs
   * c' and h' [batch, units], and the activations [batch, 5 units] (i, j, f, o after their
   * sigmoid or tanh, then tanh(c')) that the gradient reads, computed only when something
   * reads them:
   *
   * <pre>
   * i, j, f, o = split(gates + bias, 4, axis 1)
   * c' = c * sigmoid(f + forgetBias) + sigmoid(i) * tanh(j)
   * h' = tanh(c') * sigmoid(o)
   * </pre>
   *
   * This is BasicLSTMCell's arithmetic with tanh activations, with the same float operations in
   * the same order as the graph built from BiasAdd, Split, Add, Sigmoid, Tanh and Mul, so float32
   * results equal that graph's (see {@link dev.skein.core.kernel.LstmLoops}).
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  public record LstmGates(double forgetBias) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "LSTMGates";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 3, "lstmGates");
      int units = units(ctx.shape(0), ctx.shape(1), ctx.shape(2), "lstmGates");
      int batch = batch(ctx, new int[] {0, 2}, "lstmGates");
      TensorSpec s = new TensorSpec(t, Shape.of(batch, units));
      return List.of(s, s, new TensorSpec(t, Shape.of(batch, units < 0 ? -1 : 5 * units)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return RnnCellKernels.lstmGates(in[0], in[1], in[2], forgetBias, ctx.isOutputUsed(2));
    }
  }

  /**
   * The gradient of {@link LstmGates} from its three inputs and the gradients of c' and h';
   * outputs the gradients of gates [batch, 4 units], of c [batch, units] and of bias
   * [4 units]. The activations are recomputed from the inputs. Gradients now use
   * {@link LstmGatesActGrad}, which reads them from LSTMGates' third output (the same bits,
   * without evaluating five activations per unit again); this op stays for graphs that hold
   * it.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "gates")
  public record LstmGatesGrad(double forgetBias) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "LSTMGatesGrad";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkFloat(ctx, 5, "lstmGatesGrad");
      int units = units(ctx.shape(0), ctx.shape(1), ctx.shape(2), "lstmGatesGrad");
      for (int k = 3; k < 5; k++) {
        checkArgument(ctx.shape(k).isCompatibleWith(Shape.of(-1, units)), "lstmGatesGrad:"
            + " input %s must be [batch, %s] like c, got %s", k, units, ctx.shape(k));
      }
      int batch = batch(ctx, new int[] {0, 2, 3, 4}, "lstmGatesGrad");
      return List.of(new TensorSpec(t, Shape.of(batch, units < 0 ? -1 : 4 * units)),
          new TensorSpec(t, Shape.of(batch, units)),
          new TensorSpec(t, Shape.of(units < 0 ? -1 : 4 * units)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return RnnCellKernels.lstmGatesGrad(in[0], in[1], in[2], in[3], in[4], forgetBias);
    }
  }

  /** Input 0's dtype, checked: inputs [0, n) all float32 or all float64. */
  static DType checkFloat(InferContext ctx, int n, String op) {
    DType t = ctx.dtype(0);
    for (int k = 0; k < n; k++) {
      checkArgument(ctx.dtype(k).isFloating() && ctx.dtype(k) == t, "%s: every input must be"
          + " float32 or float64, all the same, got %s for input 0 and %s for input %s", op, t,
          ctx.dtype(k), k);
    }
    return t;
  }

  /** The number of units, checked across gates [b, 4u], bias [4u] and c [b, u]; -1 if unknown. */
  private static int units(Shape gates, Shape bias, Shape c, String op) {
    checkArgument(gates.isCompatibleWith(Shape.unknownDims(2)), "%s: gates must be"
        + " [batch, 4 * units], got %s", op, gates);
    checkArgument(bias.isCompatibleWith(Shape.unknownDims(1)), "%s: bias must be a vector"
        + " [4 * units], got %s", op, bias);
    checkArgument(c.isCompatibleWith(Shape.unknownDims(2)), "%s: c must be [batch, units], got"
        + " %s", op, c);
    int fromGates = gates.hasKnownRank() ? gates.dim(1) : -1;
    int fromBias = bias.hasKnownRank() ? bias.dim(0) : -1;
    int fromC = c.hasKnownRank() ? c.dim(1) : -1;
    int four = fromGates >= 0 ? fromGates : fromBias;
    checkArgument(four < 0 || four % 4 == 0, "%s: gates must have 4 * units columns, got %s",
        op, gates);
    checkArgument(fromGates < 0 || fromBias < 0 || fromGates == fromBias, "%s: bias %s must"
        + " match the gates' columns %s", op, bias, gates);
    checkArgument(four < 0 || fromC < 0 || four == 4 * fromC, "%s: gates %s must have 4 times"
        + " the columns of c %s", op, gates, c);
    return four >= 0 ? four / 4 : fromC;
  }

  /** The batch size shared by the given [batch, ...] inputs, -1 if unknown. */
  private static int batch(InferContext ctx, int[] inputs, String op) {
    int batch = -1;
    for (int k : inputs) {
      Shape s = ctx.shape(k);
      int b = s.hasKnownRank() ? s.dim(0) : -1;
      checkArgument(batch < 0 || b < 0 || b == batch, "%s: inputs disagree on the batch size:"
          + " %s vs %s (input %s, %s)", op, batch, b, k, s);
      batch = batch >= 0 ? batch : b;
    }
    return batch;
  }

  // ---- builders ----------------------------------------------------------------------------

  /** {@code activation(value + bias)} in one op (see {@link BiasActivation}). */
  public static Output biasActivation(Graph g, BiasActivation activation, Output value,
      Output bias, String name) {
    return g.addOp(activation, name, List.of(value, bias)).output(0);
  }

  /** The gradient of a {@link BiasActivation} from its output y: [dValue, dBias]. */
  public static List<Output> biasActivationGrad(Graph g, BiasActivationGrad grad, Output y,
      Output dy, String name) {
    return g.addOp(grad, name, List.of(y, dy)).outputs();
  }

  /** Adds an {@link LstmGates} op; returns [c', h']. */
  public static List<Output> lstmGates(Graph g, Output gates, Output bias, Output c,
      double forgetBias, String name) {
    return g.addOp(new LstmGates(forgetBias), name == null ? "LSTMGates" : name,
        List.of(gates, bias, c)).outputs();
  }

  /** Adds an {@link LstmGatesGrad} op; returns [dGates, dC, dBias]. */
  public static List<Output> lstmGatesGrad(Graph g, Output gates, Output bias, Output c,
      Output dNewC, Output dNewH, double forgetBias, String name) {
    return g.addOp(new LstmGatesGrad(forgetBias), name == null ? "LSTMGatesGrad" : name,
        List.of(gates, bias, c, dNewC, dNewH)).outputs();
  }

  /** Adds an {@link LstmGatesActGrad} op; returns [dGates, dC, dBias]. */
  public static List<Output> lstmGatesActGrad(Graph g, Output act, Output c, Output dNewC,
      Output dNewH, String name) {
    return g.addOp(new LstmGatesActGrad(), name == null ? "LSTMGatesActGrad" : name,
        List.of(act, c, dNewC, dNewH)).outputs();
  }

  /**
   * Passes the sequence lengths [batch] through after checking them at run time, as TensorFlow's
   * RNN ops do: one entry per batch row, each in [0, steps]. Inputs: the int32 lengths, the
   * number of time steps and the batch size (int32 scalars, often read from the input's shape).
   * Costs one pass over the lengths.
   */
  @TakesDTypes(value = INT32, name = "sequence_length")
  @TakesDTypes(value = INT32, input = 1, name = "steps")
  @TakesDTypes(value = INT32, input = 2, name = "batch")
  public record CheckSequenceLength() implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "CheckSequenceLength";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.numInputs() == 3, "checkSequenceLength: needs lengths, steps and batch,"
          + " got %s inputs", ctx.numInputs());
      checkArgument(ctx.dtype(0) == DType.INT32 && ctx.shape(0).isCompatibleWith(Shape.of(-1)),
          "sequence_length must be an int32 vector, got %s %s", ctx.dtype(0), ctx.shape(0));
      for (int i = 1; i < 3; i++) {
        checkArgument(ctx.dtype(i) == DType.INT32 && ctx.shape(i).isCompatibleWith(
            Shape.scalar()), "checkSequenceLength: input %s must be an int32 scalar, got %s %s",
            i, ctx.dtype(i), ctx.shape(i));
      }
      int batch = StaticValues.scalar(ctx.source(2));
      Shape len = ctx.shape(0);
      checkArgument(batch < 0 || !len.hasKnownRank() || len.dim(0) < 0 || len.dim(0) == batch,
          "sequence_length has %s entries for a batch of %s", len.hasKnownRank() ? len.dim(0)
              : -1, batch);
      return List.of(new TensorSpec(DType.INT32, batch >= 0 && !(len.hasKnownRank()
          && len.dim(0) >= 0) ? Shape.of(batch) : len));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      int[] len = in[0].ints();
      int steps = in[1].intValue();
      int batch = in[2].intValue();
      checkArgument(len.length == batch, "sequence_length has %s entries for a batch of %s",
          len.length, batch);
      for (int b = 0; b < len.length; b++) {
        checkArgument(len[b] >= 0 && len[b] <= steps, "sequence_length[%s] = %s is outside"
            + " [0, %s], the input's time steps", b, len[b], steps);
      }
      return new Tensor[] {in[0]};
    }
  }

  /** The lengths, checked at run time against the steps and batch size (see above). */
  public static Output checkSequenceLength(Graph g, Output lengths, Output steps, Output batch,
      String name) {
    return g.addOp(new CheckSequenceLength(), name == null ? "CheckSequenceLength" : name,
        List.of(lengths, steps, batch)).output(0);
  }
}
