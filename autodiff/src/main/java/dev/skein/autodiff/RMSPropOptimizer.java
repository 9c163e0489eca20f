package dev.skein.autodiff;

import dev.skein.core.DType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;

/**
 * RMSProp, TensorFlow 1.x's RMSPropOptimizer (defaults decay 0.9, momentum 0, epsilon 1e-10).
 * Slots, named like TensorFlow's: "rms" ({@code var/RMSProp}, starting at one), "mg"
 * ({@code var/RMSProp_1}, centered only, zero) and "momentum" (the next name, zero).
 *
 * <pre>
 * ms  = ms + (grad^2 - ms) * (1 - decay)
 * mg  = mg + (grad - mg) * (1 - decay)                       (centered)
 * mom = momentum * mom + lr * grad / sqrt(ms + epsilon)       (plain)
 * mom = momentum * mom + lr * grad / sqrt(ms - mg^2 + epsilon) (centered)
 * var -= mom
 * </pre>
 */
public final class RMSPropOptimizer extends Optimizer {
  private final double decay;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;

  public RMSPropOptimizer(Ops tf, double learningRate) {
    this(tf, learningRate, 0.9, 0.0, 1e-10, false);
  }

  public RMSPropOptimizer(Ops tf, double learningRate, double decay, double momentum,
      double epsilon, boolean centered) {
    super(tf, learningRate, "RMSProp");
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  /** RMSProp with a learning rate computed in the graph (a placeholder, a schedule...). */
  public RMSPropOptimizer(Ops tf, Output learningRate, double decay, double momentum,
      double epsilon, boolean centered) {
    super(tf, learningRate, "RMSProp");
    this.decay = decay;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  protected void createSlots(List<Variable> vars) {
    for (Variable v : vars) {
      slot(v, "rms", 1);
      if (centered) {
        slot(v, "mg", 0);
      }
      slot(v, "momentum", 0);
    }
  }

  @Override
  protected Operation applyDense(Output grad, Variable var) {
    DType dt = var.dtype();
    Output lr = learningRate(dt);
    Output oneMinusRho = hyper("one_minus_decay", 1 - decay, dt);
    Output mu = hyper("momentum", momentum, dt);
    Output eps = hyper("epsilon", epsilon, dt);
    Variable ms = getSlot(var, "rms");
    Variable mom = getSlot(var, "momentum");
    Output msNew = tf.assign(ms, tf.add(ms, tf.mul(tf.sub(tf.square(grad), ms), oneMinusRho)));
    Output denom = msNew;
    if (centered) {
      Variable mg = getSlot(var, "mg");
      Output mgNew = tf.assign(mg, tf.add(mg, tf.mul(tf.sub(grad, mg), oneMinusRho)));
      denom = tf.sub(msNew, tf.square(mgNew));
    }
    Output step = tf.div(tf.mul(lr, grad), tf.sqrt(tf.add(denom, eps)));
    Output momNew = tf.assign(mom, tf.add(tf.mul(mom, mu), step));
    return tf.assignSub(var, momNew).op();
  }
}
