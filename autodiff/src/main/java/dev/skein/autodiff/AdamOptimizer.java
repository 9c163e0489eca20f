package dev.skein.autodiff;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam, TensorFlow 1.x's AdamOptimizer (defaults beta1 0.9, beta2 0.999, epsilon 1e-8), with its
 * bias correction folded into the step size: one fused {@code ApplyAdam} op per variable, as in
 * TensorFlow. Slots "m" ({@code var/Adam}) and "v"
 * ({@code var/Adam_1}) start at zero; the optimizer's own variables {@code beta1_power} and
 * {@code beta2_power} start at beta1 and beta2 and are multiplied by them after each step.
 *
 * <pre>
 * lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power)
 * m    = m + (grad - m) * (1 - beta1)
 * v    = v + (grad^2 - v) * (1 - beta2)
 * var -= lr_t * m / (sqrt(v) + epsilon)
 * </pre>
 */
public final class AdamOptimizer extends Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private Variable beta1Power;
  private Variable beta2Power;

  public AdamOptimizer(Ops tf) {
    this(tf, 0.001);
  }

  public AdamOptimizer(Ops tf, double learningRate) {
    this(tf, learningRate, 0.9, 0.999, 1e-8);
  }

  public AdamOptimizer(Ops tf, double learningRate, double beta1, double beta2,
      double epsilon) {
    super(tf, learningRate, "Adam");
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  public AdamOptimizer(Ops tf, Output learningRate, double beta1, double beta2,
      double epsilon) {
    super(tf, learningRate, "Adam");
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** The {@code beta1_power} accumulator (null before the first applyGradients). */
  public Variable beta1Power() {
    return beta1Power;
  }

  public Variable beta2Power() {
    return beta2Power;
  }

  @Override
  protected void createSlots(List<Variable> vars) {
    // Like TensorFlow, the powers take the dtype of the first variable.
    DType dt = vars.get(0).dtype();
    beta1Power = nonSlotVariable("beta1_power", beta1, dt);
    beta2Power = nonSlotVariable("beta2_power", beta2, dt);
    for (Variable v : vars) {
      slot(v, "m", 0);
      slot(v, "v", 0);
    }
  }

  /** One fused ApplyAdam op per variable (it reads and assigns the variable and its slots). */
  @Override
  protected Operation applyDense(Output grad, Variable var) {
    DType dt = var.dtype();
    return tf.applyAdam(var, getSlot(var, "m"), getSlot(var, "v"), castTo(beta1Power, dt),
        castTo(beta2Power, dt), learningRate(dt), hyper("beta1", beta1, dt),
        hyper("beta2", beta2, dt), hyper("epsilon", epsilon, dt), grad).op();
  }

  @Override
  protected Operation finish(List<Operation> updates) {
    Graph g = tf.graph();
    List<Operation> all = new ArrayList<>(updates);
    try (Graph.Scope c = g.controlDependencies(updates)) {
      DType dt = beta1Power.dtype();
      all.add(tf.assign(beta1Power, tf.mul(beta1Power, hyper("beta1", beta1, dt))).op());
      all.add(tf.assign(beta2Power, tf.mul(beta2Power, hyper("beta2", beta2, dt))).op());
    }
    return StateOps.group(g, all, "update");
  }
}
