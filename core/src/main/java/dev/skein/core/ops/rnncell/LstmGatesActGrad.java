package dev.skein.core.ops.rnncell;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The gradient of {@link RnnCellOps.LstmGates} from the activations it saved: inputs its third
 * output {@code act} [batch, 5 units] (i, j, f, o, tanh(c')), its input {@code c} [batch, units]
 * and the gradients of c' and h' [batch, units]; outputs the gradients of gates
 * [batch, 4 units], of c [batch, units] and of bias [4 units], as LSTMGatesGrad does and with
 * the same bits, but with no activation evaluated again (TensorFlow's LSTMBlockCellGrad reads
 * the forward op's saved gates in the same way). A loop saves {@code act} and {@code c} for it.
 */
@TakesDTypes(value = {FLOAT32, FLOAT64}, name = "act")
public record LstmGatesActGrad() implements OpType.FreshReader {
  @Override
  public String typeName() {
    return "LSTMGatesActGrad";
  }

  @Override
  public List<TensorSpec> infer(InferContext ctx) {
    DType t = RnnCellOps.checkFloat(ctx, 4, "lstmGatesActGrad");
    Shape act = ctx.shape(0);
    checkArgument(act.isCompatibleWith(Shape.unknownDims(2)), "lstmGatesActGrad: act must be"
        + " [batch, 5 * units], got %s", act);
    int fromAct = act.hasKnownRank() ? act.dim(1) : -1;
    checkArgument(fromAct < 0 || fromAct % 5 == 0, "lstmGatesActGrad: act must have 5 * units"
        + " columns, got %s", act);
    int units = fromAct >= 0 ? fromAct / 5 : -1;
    int batch = act.hasKnownRank() ? act.dim(0) : -1;
    for (int k = 1; k < 4; k++) {
      Shape s = ctx.shape(k);
      checkArgument(s.isCompatibleWith(Shape.of(batch, units)), "lstmGatesActGrad: input %s"
          + " must be [batch, units] = %s like act %s implies, got %s", k,
          Shape.of(batch, units), act, s);
      if (s.hasKnownRank()) {
        batch = batch >= 0 ? batch : s.dim(0);
        units = units >= 0 ? units : s.dim(1);
      }
    }
    return List.of(new TensorSpec(t, Shape.of(batch, units < 0 ? -1 : 4 * units)),
        new TensorSpec(t, Shape.of(batch, units)),
        new TensorSpec(t, Shape.of(units < 0 ? -1 : 4 * units)));
  }

  @Override
  public Tensor[] compute(KernelContext ctx, Tensor[] in) {
    return RnnCellKernels.lstmGatesActGrad(in[0], in[1], in[2], in[3]);
  }
}
