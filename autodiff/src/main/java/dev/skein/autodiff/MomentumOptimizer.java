package dev.skein.autodiff;

import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;

/**
 * Gradient descent with momentum, TensorFlow's MomentumOptimizer (slot "momentum", named
 * {@code var/Momentum}, starting at zero):
 *
 * <pre>
 * accum = momentum * accum + grad
 * var  -= lr * accum                                  (plain)
 * var  -= lr * grad + lr * momentum * accum           (Nesterov)
 * </pre>
 */
public final class MomentumOptimizer extends Optimizer {
  private final double momentum;
  private final boolean useNesterov;

  public MomentumOptimizer(Ops tf, double learningRate, double momentum) {
    this(tf, learningRate, momentum, false);
  }

  public MomentumOptimizer(Ops tf, double learningRate, double momentum, boolean useNesterov) {
    super(tf, learningRate, "Momentum");
    this.momentum = momentum;
    this.useNesterov = useNesterov;
  }

  public MomentumOptimizer(Ops tf, Output learningRate, double momentum, boolean useNesterov) {
    super(tf, learningRate, "Momentum");
    this.momentum = momentum;
    this.useNesterov = useNesterov;
  }

  @Override
  protected void createSlots(List<Variable> vars) {
    for (Variable v : vars) {
      slot(v, "momentum", 0);
    }
  }

  @Override
  protected Operation applyDense(Output grad, Variable var) {
    var dt = var.dtype();
    Output lr = learningRate(dt);
    Output mu = hyper("momentum", momentum, dt);
    Variable accum = getSlot(var, "momentum");
    Output newAccum = tf.assign(accum, tf.add(tf.mul(accum, mu), grad));
    Output step = useNesterov
        ? tf.add(tf.mul(grad, lr), tf.mul(tf.mul(newAccum, mu), lr))
        : tf.mul(lr, newAccum);
    return tf.assignSub(var, step).op();
  }
}
