package dev.skein.core.ops.nn;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The nn family: bias addition, softmax and log-softmax over the last axis, the fused softmax
 * cross-entropy losses (dense and sparse labels; each also outputs its gradient), inTopK and
 * l2Loss. Semantics follow TensorFlow 1.x; kernels live in NnKernels. (Activations such as relu,
 * tanh and sigmoid are elementwise and live in MathOps.)
 */
public final class NnOps {
  private NnOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(BiasAdd.class,
      Softmax.class, SoftmaxCrossEntropyWithLogits.class,
      SparseSoftmaxCrossEntropyWithLogits.class, InTopK.class, L2Loss.class,
      ActivationGrad.class);

  /** value {@code [..., c]} plus bias {@code [c]}, added along the last dimension. */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32, INT64}, name = "value")
  public record BiasAdd() implements OpType.FreshReader {
    @Override
    public boolean writesOverInputs() {
      return true;
    }

    @Override
    public String typeName() {
      return "BiasAdd";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkArgument(t.isNumeric() && ctx.dtype(1) == t,
          "biasAdd: value and bias must have the same numeric dtype, got %s and %s", t,
          ctx.dtype(1));
      Shape value = ctx.shape(0);
      Shape bias = ctx.shape(1);
      checkArgument(!value.hasKnownRank() || value.rank() >= 2,
          "biasAdd: value must have rank 2 or more, got shape %s", value);
      checkArgument(!bias.hasKnownRank() || bias.rank() == 1,
          "biasAdd: bias must be a vector, got shape %s", bias);
      if (!value.hasKnownRank()) {
        return List.of(new TensorSpec(t, value));
      }
      int c = value.dim(-1);
      int b = bias.hasKnownRank() ? bias.dim(0) : -1;
      checkArgument(c < 0 || b < 0 || c == b,
          "biasAdd: bias size %s does not match the last dimension of value %s (bias shape %s)",
          b, value, bias);
      int[] dims = value.dims();
      dims[dims.length - 1] = c >= 0 ? c : b;
      return List.of(new TensorSpec(t, Shape.of(dims)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {NnKernels.biasAdd(in[0], in[1], ctx.canReuseInput(0))};
    }
  }

  /**
   * softmax(x) = exp(x) / sum(exp(x)) and logSoftmax(x) = x - log(sum(exp(x))) over the last
   * axis, computed after subtracting each row's maximum so large logits do not overflow.
   */
  public enum Softmax implements OpType {
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "logits") SOFTMAX("Softmax"),
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "logits") LOG_SOFTMAX("LogSoftmax");

    private final String typeName;

    Softmax(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.dtype(0).isFloating(), "%s: logits must be float32 or float64, got %s",
          typeName, ctx.dtype(0));
      Shape s = ctx.shape(0);
      checkArgument(!s.hasKnownRank() || s.rank() >= 1,
          "%s: logits must have rank 1 or more, got a scalar", typeName);
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      checkArgument(in[0].rank() >= 1, "%s: logits must have rank 1 or more, got a scalar",
          typeName);
      return new Tensor[] {NnKernels.softmax(in[0], this == LOG_SOFTMAX)};
    }
  }

  /**
   * The fused softmax cross-entropy of TensorFlow, inputs (logits {@code [d0, ..., dn, classes]}
   * of any rank from 1, labels of the same shape, each row a distribution over the last axis).
   * Output 0 is the loss per row {@code [d0, ..., dn]},
   * {@code sum(labels * (logsumexp(logits) - logits))}; output 1 is its gradient with respect to
   * the logits, {@code softmax(logits) - labels}.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "logits")
  @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "labels")
  public record SoftmaxCrossEntropyWithLogits() implements OpType {
    @Override
    public String typeName() {
      return "SoftmaxCrossEntropyWithLogits";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkArgument(t.isFloating() && ctx.dtype(1) == t,
          "softmaxCrossEntropyWithLogits: logits and labels must both be float32 or float64,"
              + " got %s and %s", t, ctx.dtype(1));
      Shape logits = ctx.shape(0);
      Shape labels = ctx.shape(1);
      checkArgument(logits.isCompatibleWith(labels),
          "softmaxCrossEntropyWithLogits: logits %s and labels %s must have the same shape",
          logits, labels);
      Shape s = logits.mergeWith(labels);
      checkArgument(!s.hasKnownRank() || s.rank() >= 1,
          "softmaxCrossEntropyWithLogits: logits must have rank 1 or more, got a scalar");
      Shape rows = s.hasKnownRank() ? s.subShape(0, s.rank() - 1) : Shape.unknown();
      return List.of(new TensorSpec(t, rows), new TensorSpec(t, s));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      checkArgument(in[0].rank() >= 1 && in[0].shape().equals(in[1].shape()),
          "softmaxCrossEntropyWithLogits: logits %s and labels %s must have the same shape, of"
              + " rank 1 or more", in[0].shape(), in[1].shape());
      Shape s = in[0].shape();
      Shape flat = NnKernels.flatRows(s);
      Tensor[] r = NnKernels.softmaxCrossEntropy(in[0].reshape(flat), in[1].reshape(flat));
      return new Tensor[] {r[0].reshape(s.subShape(0, s.rank() - 1)), r[1].reshape(s)};
    }
  }

  /**
   * The fused softmax cross-entropy with int32 class labels, inputs (logits
   * {@code [d0, ..., dn, classes]} of any rank from 1, labels {@code [d0, ..., dn]} in
   * [0, classes)), as TensorFlow's. Output 0 is the loss per row {@code [d0, ..., dn]}, {@code logsumexp(logits) - logits[label]}; output 1 its gradient with respect to
   * the logits, {@code softmax(logits) - onehot(label)}. A label out of range fails.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "logits")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "labels")
  public record SparseSoftmaxCrossEntropyWithLogits() implements OpType {
    @Override
    public String typeName() {
      return "SparseSoftmaxCrossEntropyWithLogits";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = ctx.dtype(0);
      checkArgument(t.isFloating(),
          "sparseSoftmaxCrossEntropyWithLogits: logits must be float32 or float64, got %s", t);
      checkArgument(ctx.dtype(1).isInteger(), "sparseSoftmaxCrossEntropyWithLogits: labels"
          + " must be int32 or int64 class indices, got %s",
          ctx.dtype(1));
      Shape logits = ctx.shape(0);
      Shape labels = ctx.shape(1);
      checkArgument(!logits.hasKnownRank() || logits.rank() >= 1,
          "sparseSoftmaxCrossEntropyWithLogits: logits must have rank 1 or more, got a scalar");
      if (!logits.hasKnownRank() && labels.hasKnownRank()) {
        logits = Shape.unknownDims(labels.rank() + 1);
      }
      if (!logits.hasKnownRank()) {
        return List.of(new TensorSpec(t, Shape.unknown()), new TensorSpec(t, Shape.unknown()));
      }
      Shape rows = logits.subShape(0, logits.rank() - 1);
      checkArgument(rows.isCompatibleWith(labels), "sparseSoftmaxCrossEntropyWithLogits: labels"
          + " %s must have the shape of logits %s without its last (class) dimension", labels,
          logits);
      rows = rows.mergeWith(labels);
      return List.of(new TensorSpec(t, rows),
          new TensorSpec(t, rows.append(logits.dim(logits.rank() - 1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      Shape s = in[0].shape();
      checkArgument(s.rank() >= 1 && in[1].shape().equals(s.subShape(0, s.rank() - 1)),
          "sparseSoftmaxCrossEntropyWithLogits: labels %s must have the shape of logits %s"
              + " without its last (class) dimension", in[1].shape(), s);
      NnKernels.checkLabels(in[1], s.dim(s.rank() - 1));
      Shape flat = NnKernels.flatRows(s);
      Tensor[] r = NnKernels.sparseSoftmaxCrossEntropy(in[0].reshape(flat),
          in[1].reshape(Shape.of(flat.dim(0))));
      return new Tensor[] {r[0].reshape(in[1].shape()), r[1].reshape(s)};
    }
  }

  /**
   * Whether each target is among the k largest predictions of its row, as TensorFlow's InTopK:
   * ties with the k-th largest count as in; a row with a non-finite prediction, or a target
   * out of range, gives false.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "predictions")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "targets")
  public record InTopK(int k) implements OpType {
    @Override
    public String typeName() {
      return "InTopK";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.dtype(0).isFloating(),
          "inTopK: predictions must be float32 or float64, got %s", ctx.dtype(0));
      checkArgument(ctx.dtype(1).isInteger(), "inTopK: targets must be int32 or int64, got %s",
          ctx.dtype(1));
      Shape predictions = matrix(ctx.shape(0), "inTopK: predictions");
      Shape targets = ctx.shape(1).hasKnownRank() ? ctx.shape(1) : Shape.unknownDims(1);
      checkArgument(targets.rank() == 1, "inTopK: targets must be a vector, got shape %s",
          targets);
      int batch = mergeDim(predictions.dim(0), targets.dim(0),
          "inTopK: predictions %s and targets %s differ in batch size", predictions, targets);
      return List.of(new TensorSpec(DType.BOOL, Shape.of(batch)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      checkArgument(in[0].rank() == 2 && in[1].rank() == 1
              && in[0].shape().dim(0) == in[1].shape().dim(0),
          "inTopK: predictions %s and targets %s must be [batch, classes] and [batch]",
          in[0].shape(), in[1].shape());
      return new Tensor[] {NnKernels.inTopK(in[0], in[1], k)};
    }
  }

  /** sum(x^2) / 2, a scalar (TensorFlow's l2_loss, the usual weight-decay term). */
  @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "t")
  public record L2Loss() implements OpType {
    @Override
    public String typeName() {
      return "L2Loss";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.dtype(0).isFloating(), "l2Loss: x must be float32 or float64, got %s",
          ctx.dtype(0));
      return List.of(new TensorSpec(ctx.dtype(0), Shape.scalar()));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {NnKernels.l2Loss(in[0])};
    }
  }

  /**
   * The gradients of tanh and sigmoid in terms of their output, TensorFlow's TanhGrad and
   * SigmoidGrad: inputs (y, dy) of the same shape, outputs {@code dy * (1 - y * y)} and
   * {@code dy * (y * (1 - y))}, in one pass (the gradient rules of Tanh and Sigmoid use them).
   */
  public enum ActivationGrad implements OpType.FreshReader {
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "y")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "dy")
    TANH_GRAD("TanhGrad"),
    @TakesDTypes(value = {FLOAT32, FLOAT64}, name = "y")
    @TakesDTypes(value = {FLOAT32, FLOAT64}, input = 1, name = "dy")
    SIGMOID_GRAD("SigmoidGrad");

    @Override
    public boolean writesOverInputs() {
      return true;
    }

    private final String typeName;

    ActivationGrad(String typeName) {
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
      return List.of(new TensorSpec(t, ctx.shape(0).mergeWith(ctx.shape(1))));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      checkArgument(in[0].shape().equals(in[1].shape()), "%s: y %s and dy %s must have the"
          + " same shape", typeName, in[0].shape(), in[1].shape());
      return new Tensor[] {NnKernels.activationGrad(in[0], in[1], this == TANH_GRAD,
          ctx.canReuseInput(1))};
    }
  }

  /** A rank-2 shape (unknown rank read as two unknown dims); fails for another rank. */
  private static Shape matrix(Shape s, String what) {
    if (!s.hasKnownRank()) {
      return Shape.unknownDims(2);
    }
    checkArgument(s.rank() == 2, "%s must be a matrix [batch, classes], got shape %s", what, s);
    return s;
  }

  private static int mergeDim(int a, int b, String message, Object... args) {
    checkArgument(a < 0 || b < 0 || a == b, message, args);
    return a >= 0 ? a : b;
  }

  // ---- builders ----------------------------------------------------------------------------

  public static Output biasAdd(Graph g, Output value, Output bias, String name) {
    return g.addOp(new BiasAdd(), name, List.of(value, bias)).output(0);
  }

  public static Output softmax(Graph g, Output logits, String name) {
    return g.addOp(Softmax.SOFTMAX, name, List.of(logits)).output(0);
  }

  public static Output logSoftmax(Graph g, Output logits, String name) {
    return g.addOp(Softmax.LOG_SOFTMAX, name, List.of(logits)).output(0);
  }

  /**
   * The loss per example of the fused op; its gradient with respect to the logits is
   * {@code loss.op().output(1)}. Arguments in the order of TF's keywords (labels, logits).
   */
  public static Output softmaxCrossEntropyWithLogits(Graph g, Output labels, Output logits,
      String name) {
    Operation op = g.addOp(new SoftmaxCrossEntropyWithLogits(), name, List.of(logits, labels));
    return op.output(0);
  }

  /**
   * The loss per example of the fused sparse op; its gradient with respect to the logits is
   * {@code loss.op().output(1)}. Arguments in the order of TF's keywords (labels, logits).
   */
  public static Output sparseSoftmaxCrossEntropyWithLogits(Graph g, Output labels,
      Output logits, String name) {
    Operation op = g.addOp(new SparseSoftmaxCrossEntropyWithLogits(), name,
        List.of(logits, labels));
    return op.output(0);
  }

  public static Output inTopK(Graph g, Output predictions, Output targets, int k, String name) {
    return g.addOp(new InTopK(k), name, List.of(predictions, targets)).output(0);
  }

  /** {@code dy * (1 - y * y)}, the gradient of y = tanh(x). */
  public static Output tanhGrad(Graph g, Output y, Output dy, String name) {
    return g.addOp(ActivationGrad.TANH_GRAD, name, List.of(y, dy)).output(0);
  }

  /** {@code dy * (y * (1 - y))}, the gradient of y = sigmoid(x). */
  public static Output sigmoidGrad(Graph g, Output y, Output dy, String name) {
    return g.addOp(ActivationGrad.SIGMOID_GRAD, name, List.of(y, dy)).output(0);
  }

  public static Output l2Loss(Graph g, Output x, String name) {
    return g.addOp(new L2Loss(), name, List.of(x)).output(0);
  }
}
