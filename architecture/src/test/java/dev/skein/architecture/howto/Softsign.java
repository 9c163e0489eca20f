package dev.skein.architecture.howto;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

// [howto:op-type]
/** softsign(x) = x / (1 + |x|), elementwise (TensorFlow's tf.nn.softsign). */
public record Softsign() implements OpType.FreshReader {
  @Override
  public String typeName() {
    return "Softsign";
  }

  @Override
  public List<TensorSpec> infer(InferContext ctx) {
    DType t = ctx.dtype(0);
    checkArgument(t.isFloating(), "softsign: needs float32 or float64, got %s", t);
    return List.of(ctx.input(0));
  }

  @Override
  public Tensor[] compute(KernelContext ctx, Tensor[] in) {
    Tensor x = in[0];
    if (x.dtype() == DType.FLOAT32) {
      float[] v = x.floats();
      float[] y = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        y[i] = v[i] / (1f + Math.abs(v[i]));
      }
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, x.shape(), y)};
    }
    double[] v = x.doubles();
    double[] y = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      y[i] = v[i] / (1 + Math.abs(v[i]));
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, x.shape(), y)};
  }
}
// [/howto:op-type]
