package dev.skein.core.ops.training;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Variable;

/** The fused optimizer updates' part of the {@code Ops} facade: delegates to TrainingOps. */
public interface TrainingApi {
  Graph graph();

  /**
   * One Adam step of {@code var} with slots {@code m} and {@code v} (see
   * {@link TrainingOps.ApplyAdam}); returns the variable's new value.
   */
  default Output applyAdam(Variable var, Variable m, Variable v, Output beta1Power,
      Output beta2Power, Output lr, Output beta1, Output beta2, Output epsilon, Output grad) {
    return TrainingOps.applyAdam(graph(), var, m, v, beta1Power, beta2Power, lr, beta1, beta2,
        epsilon, grad, null);
  }
}
