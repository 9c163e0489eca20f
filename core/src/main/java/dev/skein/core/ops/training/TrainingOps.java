package dev.skein.core.ops.training;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.SessionState;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import java.util.List;

/**
 * Fused optimizer updates (TensorFlow's training_ops): one op reads a variable and its slots,
 * computes the update in one pass and assigns them all, instead of a dozen elementwise ops each
 * allocating a tensor the size of the variable. Like assignments, they name their variables as
 * attributes and are stateful.
 */
public final class TrainingOps {
  private TrainingOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(ApplyAdam.class);

  /**
   * TensorFlow's ApplyAdam: inputs beta1_power, beta2_power, lr, beta1, beta2, epsilon (scalars)
   * and grad (the variable's shape); updates {@code var} and its slots {@code m} and {@code v}
   * and outputs the variable's new value:
   *
   * <pre>
   * lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power)
   * m    = m + (grad - m) * (1 - beta1)
   * v    = v + (grad * grad - v) * (1 - beta2)
   * var  = var - lr_t * m / (sqrt(v) + epsilon)
   * </pre>
   *
   * computed in the variable's dtype. Like TensorFlow without locking, concurrent runs updating
   * the same variable may each compute from the same old values.
   */
  @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "beta1_power")
  @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, input = 6, name = "grad")
  public record ApplyAdam(Operation var, Operation m, Operation v) implements OpType {
    @Override
    public String typeName() {
      return "ApplyAdam";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      TensorSpec spec = var.outputSpec(0);
      DType t = spec.dtype();
      checkArgument(t.isFloating(), "applyAdam: variable '%s' must be float32 or float64, got %s",
          var.name(), t);
      for (Operation slot : List.of(m, v)) {
        checkArgument(slot.outputSpec(0).equals(spec), "applyAdam: slot '%s' (%s) must match"
            + " variable '%s' (%s)", slot.name(), slot.outputSpec(0), var.name(), spec);
      }
      for (int k = 0; k < 7; k++) {
        checkArgument(ctx.dtype(k) == t, "applyAdam: input %s must be %s like variable '%s',"
            + " got %s", k, t, var.name(), ctx.dtype(k));
      }
      for (int k = 0; k < 6; k++) {
        checkArgument(ctx.shape(k).isCompatibleWith(Shape.scalar()), "applyAdam: input %s"
            + " (beta1_power, beta2_power, lr, beta1, beta2, epsilon) must be a scalar, got %s",
            k, ctx.shape(k));
      }
      checkArgument(ctx.shape(6).isCompatibleWith(spec.shape()), "applyAdam: grad %s must have"
          + " the shape of variable '%s' %s", ctx.shape(6), var.name(), spec.shape());
      return List.of(spec);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      SessionState state = ctx.state();
      Tensor w = initialized(state, var);
      Tensor mt = initialized(state, m);
      Tensor vt = initialized(state, v);
      Tensor grad = in[6];
      checkArgument(grad.shape().equals(w.shape()), "applyAdam: grad %s must have the shape of"
          + " variable '%s' %s", grad.shape(), var.name(), w.shape());
      Tensor[] r = w.dtype() == DType.FLOAT32
          ? adam(w.floats(), mt.floats(), vt.floats(), grad.floats(), in, w.shape())
          : adam(w.doubles(), mt.doubles(), vt.doubles(), grad.doubles(), in, w.shape());
      state.setVariable(m, r[1]);
      state.setVariable(v, r[2]);
      state.setVariable(var, r[0]);
      return new Tensor[] {r[0]};
    }

    @Override
    public boolean isStateful() {
      return true;
    }

    @Override
    public String describeAttributes() {
      return "var=" + var.name() + ", m=" + m.name() + ", v=" + v.name();
    }
  }

  private static Tensor initialized(SessionState state, Operation variable) {
    Tensor t = state.variable(variable);
    if (t == null) {
      throw new IllegalStateException("variable '" + variable.name() + "' is not initialized;"
          + " run globalVariablesInitializer() first");
    }
    return t;
  }

  private static Tensor[] adam(float[] w, float[] m, float[] v, float[] g, Tensor[] in,
      Shape shape) {
    float b1p = in[0].floats()[0];
    float b2p = in[1].floats()[0];
    float lr = in[2].floats()[0];
    float oneMinusB1 = 1f - in[3].floats()[0];
    float oneMinusB2 = 1f - in[4].floats()[0];
    float eps = in[5].floats()[0];
    float lrT = lr * (float) Math.sqrt(1f - b2p) / (1f - b1p);
    int n = w.length;
    float[] w2 = new float[n];
    float[] m2 = new float[n];
    float[] v2 = new float[n];
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float mi = m[i] + (gi - m[i]) * oneMinusB1;
      float vi = v[i] + (gi * gi - v[i]) * oneMinusB2;
      m2[i] = mi;
      v2[i] = vi;
      w2[i] = w[i] - lrT * mi / ((float) Math.sqrt(vi) + eps);
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT32, shape, w2),
        Tensor.wrap(DType.FLOAT32, shape, m2), Tensor.wrap(DType.FLOAT32, shape, v2)};
  }

  private static Tensor[] adam(double[] w, double[] m, double[] v, double[] g, Tensor[] in,
      Shape shape) {
    double b1p = in[0].doubles()[0];
    double b2p = in[1].doubles()[0];
    double lr = in[2].doubles()[0];
    double oneMinusB1 = 1 - in[3].doubles()[0];
    double oneMinusB2 = 1 - in[4].doubles()[0];
    double eps = in[5].doubles()[0];
    double lrT = lr * Math.sqrt(1 - b2p) / (1 - b1p);
    int n = w.length;
    double[] w2 = new double[n];
    double[] m2 = new double[n];
    double[] v2 = new double[n];
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      double mi = m[i] + (gi - m[i]) * oneMinusB1;
      double vi = v[i] + (gi * gi - v[i]) * oneMinusB2;
      m2[i] = mi;
      v2[i] = vi;
      w2[i] = w[i] - lrT * mi / (Math.sqrt(vi) + eps);
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, shape, w2),
        Tensor.wrap(DType.FLOAT64, shape, m2), Tensor.wrap(DType.FLOAT64, shape, v2)};
  }

  // ---- builders ----------------------------------------------------------------------------

  /** Adds an {@link ApplyAdam} op updating {@code var} and its slots; returns the new value. */
  public static Output applyAdam(Graph g, Variable var, Variable m, Variable v,
      Output beta1Power, Output beta2Power, Output lr, Output beta1, Output beta2,
      Output epsilon, Output grad, String name) {
    return g.addOp(new ApplyAdam(var.op(), m.op(), v.op()), name == null ? "ApplyAdam" : name,
        List.of(beta1Power, beta2Power, lr, beta1, beta2, epsilon, grad)).output(0);
  }
}
