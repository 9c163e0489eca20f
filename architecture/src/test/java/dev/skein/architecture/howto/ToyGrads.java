package dev.skein.architecture.howto;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import java.util.List;

// [howto:gradient]
/** d softsign(x) / dx = 1 / (1 + |x|)^2, as TensorFlow's SoftsignGrad. */
public final class ToyGrads implements GradientFamily {
  @Override
  public void register(GradientRegistry r) {
    r.register(Softsign.class, (c, op, dys) -> {
      Ops tf = c.tf();
      Output x = op.input(0);
      Output d = tf.add(c.scalarLike(1, x), tf.abs(x));
      return List.of(tf.div(dys.get(0), tf.square(d)));
    });
  }
}
// [/howto:gradient]
