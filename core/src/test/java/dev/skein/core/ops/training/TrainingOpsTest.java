package dev.skein.core.ops.training;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.tensor;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ApplyAdam against TensorFlow's update written out in double here, over two steps (the second
 * reads the slots the first wrote), float32 and float64; errors for uninitialized variables,
 * mismatched shapes and dtypes.
 */
class TrainingOpsTest {
  private static final String FILE = "TrainingOpsTest.java";
  private static final Shape S = Shape.of(2, 2);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"}, mode = Mode.INCLUDE)
  void applyAdam_matchesFormula_twoSteps(DType t) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[] w0 = {1, -2, 0.5, 3};
    double[] grad = {0.1, -0.4, 2, -0.05};
    Variable w = tf.variable(tf.constant(tensor(t, S, w0)), "w");
    Variable m = tf.variable(tf.constant(tensor(t, S, 0, 0, 0, 0)), "m");
    Variable v = tf.variable(tf.constant(tensor(t, S, 0, 0, 0, 0)), "v");
    Output b1p = tf.placeholder(t, Shape.scalar(), "b1p");
    Output b2p = tf.placeholder(t, Shape.scalar(), "b2p");
    Output step = tf.applyAdam(w, m, v, b1p, b2p, scalar(tf, t, 0.01), scalar(tf, t, 0.9),
        scalar(tf, t, 0.999), scalar(tf, t, 1e-8), tf.constant(tensor(t, S, grad)));
    double[] ws = w0.clone();
    double[] ms = new double[4];
    double[] vs = new double[4];
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int k = 1; k <= 2; k++) {
        double p1 = Math.pow(0.9, k);
        double p2 = Math.pow(0.999, k);
        double lrT = 0.01 * Math.sqrt(1 - p2) / (1 - p1);
        for (int i = 0; i < 4; i++) {
          ms[i] += (grad[i] - ms[i]) * (1 - 0.9);
          vs[i] += (grad[i] * grad[i] - vs[i]) * (1 - 0.999);
          ws[i] -= lrT * ms[i] / (Math.sqrt(vs[i]) + 1e-8);
        }
        var out = s.runner().feed(b1p, tensor(t, Shape.scalar(), p1))
            .feed(b2p, tensor(t, Shape.scalar(), p2)).fetch(step).run().get(0);
        assertValues(t, S, ws, out, t == DType.FLOAT32 ? 1e-6 : 1e-13);
        assertValues(t, S, ws, s.run(w), t == DType.FLOAT32 ? 1e-6 : 1e-13);
        assertValues(t, S, ms, s.run(m), t == DType.FLOAT32 ? 1e-6 : 1e-13);
        assertValues(t, S, vs, s.run(v), t == DType.FLOAT32 ? 1e-6 : 1e-13);
      }
    }
  }

  @Test
  void applyAdam_badInputs_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    DType t = DType.FLOAT32;
    Variable w = tf.variable(tf.constant(tensor(t, S, 1, 2, 3, 4)), "w");
    Variable m = tf.variable(tf.constant(tensor(t, S, 0, 0, 0, 0)), "m");
    Variable v = tf.variable(tf.constant(tensor(t, S, 0, 0, 0, 0)), "v");
    Variable small = tf.variable(tf.constant(tensor(t, Shape.of(2), 0, 0)), "small");
    Output one = scalar(tf, t, 0.5);
    Output grad = tf.constant(tensor(t, S, 1, 1, 1, 1));
    assertOpError(FILE, () -> tf.applyAdam(w, small, v, one, one, one, one, one, one, grad),
        "ApplyAdam", "slot 'small' (float32 (2,)) must match variable 'w' (float32 (2, 2))");
    assertOpError(FILE, () -> tf.applyAdam(w, m, v, one, one, one, one, one, one,
        tf.constant(tensor(t, Shape.of(4), 1, 1, 1, 1))), "grad (4,) must have the shape of"
        + " variable 'w' (2, 2)");
    assertOpError(FILE, () -> tf.applyAdam(w, m, v, one, one, scalar(tf, DType.FLOAT64, 0.1),
        one, one, one, grad), "input 2 must be float32 like variable 'w', got float64");
    assertOpError(FILE, () -> tf.applyAdam(w, m, v, grad, one, one, one, one, one, grad),
        "input 0 (beta1_power, beta2_power, lr, beta1, beta2, epsilon) must be a scalar, got"
        + " (2, 2)");
    Output ok = tf.applyAdam(w, m, v, one, one, one, one, one, one, grad);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.run(ok), "variable 'w' is not initialized");
    }
  }

  private static Output scalar(Ops tf, DType t, double v) {
    return tf.constant(tensor(t, Shape.scalar(), v));
  }
}
