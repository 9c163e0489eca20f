package dev.skein.autodiff.training;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.ops.training.TrainingOps.ApplyAdam;

/** The fused optimizer updates: assignments, so not differentiable (as TensorFlow's). */
public final class TrainingGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public TrainingGrads() {}

  @Override
  public void register(GradientRegistry r) {
    r.notDifferentiable(ApplyAdam.class);
  }
}
