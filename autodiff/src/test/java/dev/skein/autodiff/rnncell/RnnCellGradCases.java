package dev.skein.autodiff.rnncell;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.rnncell.RnnCellOps.BiasActivationGrad;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-check cases of the fused recurrent-cell ops: LSTM gates [2, 8], bias [8], c [2, 2];
 * GRU gates [2, 4] with h and c [2, 2].
 */
public final class RnnCellGradCases {
  private RnnCellGradCases() {}

  public static List<GradCase> cases() {
    List<GradCase> c = new ArrayList<>();
    Shape gates = Shape.of(2, 8);
    Shape bias = Shape.of(8);
    Shape state = Shape.of(2, 2);
    c.add(of("LSTMGates c' and h'", (tf, x) -> {
      List<Output> r = tf.lstmGates(x.get(0), x.get(1), x.get(2), 1.0);
      return tf.add(tf.mul(r.get(0), tf.constant(new double[] {0.5, -1.5})),
          tf.square(r.get(1)));
    }, gates, bias, state));
    c.add(of("LSTMGates h' only, forget bias 0", (tf, x) ->
        tf.lstmGates(x.get(0), x.get(1), x.get(2), 0.0).get(1), gates, bias, state));
    c.add(of("LSTMGates c' only, forget bias -0.5", (tf, x) ->
        tf.lstmGates(x.get(0), x.get(1), x.get(2), -0.5).get(0), gates, bias, state));
    c.add(of("LSTMGates two steps", (tf, x) -> {
      List<Output> r1 = tf.lstmGates(x.get(0), x.get(1), x.get(2), 1.0);
      List<Output> r2 = tf.lstmGates(tf.concat(List.of(r1.get(1), r1.get(0), r1.get(1),
          r1.get(0)), 1), x.get(1), r1.get(0), 1.0);
      return tf.mul(r2.get(0), r2.get(1));
    }, gates, bias, state));
    c.add(of("BiasTanh [2,3] + [3]", (tf, x) -> tf.biasTanh(x.get(0), x.get(1)),
        Shape.of(2, 3), Shape.of(3)));
    c.add(of("BiasSigmoid [2,2,3] + [3]", (tf, x) -> tf.biasSigmoid(x.get(0), x.get(1)),
        Shape.of(2, 2, 3), Shape.of(3)));
    for (BiasActivationGrad g : BiasActivationGrad.values()) {
      c.add(of(g.typeName() + " dz and db", (tf, x) -> {
        List<Output> d = tf.biasActivationGrad(g, x.get(0), x.get(1));
        return tf.add(tf.square(d.get(0)), d.get(1));
      }, Shape.of(2, 3), Shape.of(2, 3)));
      c.add(of(g.typeName() + " db only", (tf, x) ->
          tf.biasActivationGrad(g, x.get(0), x.get(1)).get(1), Shape.of(2, 3), Shape.of(2, 3)));
    }
    c.add(of("BiasTanh second order", (tf, x) -> {
      Output y = tf.biasTanh(x.get(0), x.get(1));
      return tf.biasActivationGrad(BiasActivationGrad.TANH, y, tf.square(y)).get(0);
    }, Shape.of(2, 3), Shape.of(3)));
    Shape gru = Shape.of(2, 4);
    c.add(of("GRUResetGate r * h", (tf, x) -> tf.gruResetGate(x.get(0), x.get(1)), gru, state));
    c.add(of("GRUUpdate u h + (1 - u) c", (tf, x) -> tf.gruUpdate(x.get(0), x.get(1), x.get(2)),
        gru, state, state));
    c.add(of("GRU step: both parts sharing the gates and h", (tf, x) -> {
      Output ru = tf.sigmoid(x.get(0));
      Output candidate = tf.tanh(tf.add(tf.gruResetGate(ru, x.get(1)), x.get(2)));
      return tf.square(tf.gruUpdate(ru, x.get(1), candidate));
    }, gru, state, state));
    return c;
  }
}
