package dev.skein.autodiff.state;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.Shape;
import java.util.List;

/** Gradient-check cases of the state family. */
public final class StateGradCases {
  private StateGradCases() {}

  public static List<GradCase> cases() {
    return List.of(
        of("Identity", (tf, x) -> tf.identity(x.get(0)), Shape.of(2, 3)),
        of("Identity of a product", (tf, x) -> tf.identity(tf.mul(x.get(0), x.get(0))),
            Shape.of(4)),
        of("CheckNumerics", (tf, x) -> tf.mul(tf.checkNumerics(tf.tanh(x.get(0)), "t"),
            x.get(0)), Shape.of(2, 3)));
  }
}
