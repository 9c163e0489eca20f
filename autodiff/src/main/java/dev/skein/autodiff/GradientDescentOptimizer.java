package dev.skein.autodiff;

import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;

/** Plain gradient descent: {@code var -= learningRate * grad}. */
public final class GradientDescentOptimizer extends Optimizer {
  public GradientDescentOptimizer(Ops tf, double learningRate) {
    super(tf, learningRate, "GradientDescent");
  }

  public GradientDescentOptimizer(Ops tf, Output learningRate) {
    super(tf, learningRate, "GradientDescent");
  }

  @Override
  protected void createSlots(List<Variable> vars) {}

  @Override
  protected Operation applyDense(Output grad, Variable var) {
    return tf.assignSub(var, tf.mul(learningRate(var.dtype()), grad)).op();
  }
}
