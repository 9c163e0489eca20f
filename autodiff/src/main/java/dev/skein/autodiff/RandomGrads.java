package dev.skein.autodiff;

import dev.skein.core.ops.random.RandomOps.RandomNormal;
import dev.skein.core.ops.random.RandomOps.RandomUniform;
import dev.skein.core.ops.random.RandomOps.RandomUniformInt;
import dev.skein.core.ops.random.RandomOps.TruncatedNormal;

/** The random family: samples are sources; no gradient flows into their shape inputs. */
final class RandomGrads {
  private RandomGrads() {}

  static void register(GradientRegistry r) {
    r.notDifferentiable(RandomNormal.class, TruncatedNormal.class, RandomUniform.class,
        RandomUniformInt.class);
  }
}
