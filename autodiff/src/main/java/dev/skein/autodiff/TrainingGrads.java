package dev.skein.autodiff;

import dev.skein.core.ops.training.TrainingOps.ApplyAdam;

/** The fused optimizer updates: assignments, so not differentiable (as TensorFlow's). */
final class TrainingGrads {
  private TrainingGrads() {}

  static void register(GradientRegistry r) {
    r.notDifferentiable(ApplyAdam.class);
  }
}
