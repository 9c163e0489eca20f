package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;

/**
 * Adagrad, TensorFlow's AdagradOptimizer (slot "accumulator", named {@code var/Adagrad}, starting
 * at {@code initialAccumulatorValue}, 0.1 by default):
 *
 * <pre>
 * accum += grad^2
 * var   -= lr * grad / sqrt(accum)
 * </pre>
 */
public final class AdagradOptimizer extends Optimizer {
  public static final double DEFAULT_INITIAL_ACCUMULATOR = 0.1;

  private final double initialAccumulatorValue;

  public AdagradOptimizer(Ops tf, double learningRate) {
    this(tf, learningRate, DEFAULT_INITIAL_ACCUMULATOR);
  }

  public AdagradOptimizer(Ops tf, double learningRate, double initialAccumulatorValue) {
    super(tf, learningRate, "Adagrad");
    checkArgument(initialAccumulatorValue > 0,
        "initial accumulator value must be positive, got %s", initialAccumulatorValue);
    this.initialAccumulatorValue = initialAccumulatorValue;
  }

  /** Adagrad with a learning rate computed in the graph (a placeholder, a schedule...). */
  public AdagradOptimizer(Ops tf, Output learningRate, double initialAccumulatorValue) {
    super(tf, learningRate, "Adagrad");
    checkArgument(initialAccumulatorValue > 0,
        "initial accumulator value must be positive, got %s", initialAccumulatorValue);
    this.initialAccumulatorValue = initialAccumulatorValue;
  }

  @Override
  protected void createSlots(List<Variable> vars) {
    for (Variable v : vars) {
      slot(v, "accumulator", initialAccumulatorValue);
    }
  }

  @Override
  protected Operation applyDense(Output grad, Variable var) {
    Output lr = learningRate(var.dtype());
    Variable accum = getSlot(var, "accumulator");
    Output newAccum = tf.assignAdd(accum, tf.square(grad));
    return tf.assignSub(var, tf.mul(tf.mul(lr, grad), tf.rsqrt(newAccum))).op();
  }
}
