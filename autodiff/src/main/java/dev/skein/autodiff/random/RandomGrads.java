package dev.skein.autodiff.random;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.ops.random.RandomOps.RandomNormal;
import dev.skein.core.ops.random.RandomOps.RandomUniform;
import dev.skein.core.ops.random.RandomOps.RandomUniformInt;
import dev.skein.core.ops.random.RandomOps.TruncatedNormal;

/** The random family: samples are sources; no gradient flows into their shape inputs. */
public final class RandomGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public RandomGrads() {}

  @Override
  public void register(GradientRegistry r) {
    r.notDifferentiable(RandomNormal.class, TruncatedNormal.class, RandomUniform.class,
        RandomUniformInt.class);
  }
}
