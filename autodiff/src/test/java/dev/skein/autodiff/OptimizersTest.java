package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Three steps of each optimizer on loss = sum((w - target)^2), w a float64 2-vector, checked
 * against the update rule written out here in plain Java (gradient 2 (w - target)).
 */
class OptimizersTest {
  private static final double[] W0 = {1.0, -2.0};
  private static final double[] TARGET = {3.0, 0.5};
  private static final double TOL = 1e-12;

  /** A quadratic problem in a fresh graph. */
  private static final class Quadratic {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Variable w = tf.variable(tf.constant(W0.clone()), "w");
    final Output loss =
        tf.reduceSum(tf.square(tf.sub(w, tf.constant(TARGET.clone()))));
  }

  private static double[] grad(double[] w) {
    return new double[] {2 * (w[0] - TARGET[0]), 2 * (w[1] - TARGET[1])};
  }

  @Test
  void gradientDescent_threeSteps_matchFormula() {
    Quadratic q = new Quadratic();
    Operation train = new GradientDescentOptimizer(q.tf, 0.1).minimize(q.loss);
    double[] w = W0.clone();
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      for (int step = 0; step < 3; step++) {
        s.run(train);
        double[] gr = grad(w);
        for (int i = 0; i < 2; i++) {
          w[i] -= 0.1 * gr[i];
        }
        assertArrayEquals(w, s.run(q.w).doubles(), TOL);
      }
    }
  }

  @Test
  void momentum_threeSteps_matchFormula() {
    for (boolean nesterov : new boolean[] {false, true}) {
      Quadratic q = new Quadratic();
      MomentumOptimizer opt = new MomentumOptimizer(q.tf, 0.05, 0.9, nesterov);
      Operation train = opt.minimize(q.loss);
      Variable accumVar = opt.getSlot(q.w, "momentum");
      assertEquals("w/Momentum", accumVar.varName());
      double[] w = W0.clone();
      double[] accum = new double[2];
      try (Session s = new Session(q.g)) {
        s.run(q.tf.globalVariablesInitializer());
        for (int step = 0; step < 3; step++) {
          s.run(train);
          double[] gr = grad(w);
          for (int i = 0; i < 2; i++) {
            accum[i] = 0.9 * accum[i] + gr[i];
            w[i] -= nesterov ? 0.05 * gr[i] + 0.05 * 0.9 * accum[i] : 0.05 * accum[i];
          }
          assertArrayEquals(w, s.run(q.w).doubles(), TOL, "nesterov=" + nesterov);
          assertArrayEquals(accum, s.run(accumVar).doubles(), TOL, "nesterov=" + nesterov);
        }
      }
    }
  }

  @Test
  void adagrad_threeSteps_matchFormula() {
    Quadratic q = new Quadratic();
    AdagradOptimizer opt = new AdagradOptimizer(q.tf, 0.5);
    Operation train = opt.minimize(q.loss);
    Variable accumVar = opt.getSlot(q.w, "accumulator");
    assertEquals("w/Adagrad", accumVar.varName());
    double[] w = W0.clone();
    double[] accum = {0.1, 0.1};
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      assertArrayEquals(accum, s.run(accumVar).doubles(), TOL);
      for (int step = 0; step < 3; step++) {
        s.run(train);
        double[] gr = grad(w);
        for (int i = 0; i < 2; i++) {
          accum[i] += gr[i] * gr[i];
          w[i] -= 0.5 * gr[i] / Math.sqrt(accum[i]);
        }
        assertArrayEquals(w, s.run(q.w).doubles(), TOL);
        assertArrayEquals(accum, s.run(accumVar).doubles(), TOL);
      }
    }
  }

  @Test
  void rmsProp_threeSteps_matchFormula() {
    for (boolean centered : new boolean[] {false, true}) {
      Quadratic q = new Quadratic();
      double lr = 0.01;
      double rho = 0.9;
      double mu = 0.5;
      double eps = 1e-10;
      RMSPropOptimizer opt = new RMSPropOptimizer(q.tf, lr, rho, mu, eps, centered);
      Operation train = opt.minimize(q.loss);
      Variable msVar = opt.getSlot(q.w, "rms");
      Variable momVar = opt.getSlot(q.w, "momentum");
      Variable mgVar = opt.getSlot(q.w, "mg");
      assertEquals("w/RMSProp", msVar.varName());
      assertEquals(centered ? "w/RMSProp_2" : "w/RMSProp_1", momVar.varName());
      if (centered) {
        assertEquals("w/RMSProp_1", mgVar.varName());
      } else {
        assertNull(mgVar);
      }
      double[] w = W0.clone();
      double[] ms = {1, 1};
      double[] mg = {0, 0};
      double[] mom = {0, 0};
      try (Session s = new Session(q.g)) {
        s.run(q.tf.globalVariablesInitializer());
        for (int step = 0; step < 3; step++) {
          s.run(train);
          double[] gr = grad(w);
          for (int i = 0; i < 2; i++) {
            ms[i] = rho * ms[i] + (1 - rho) * gr[i] * gr[i];
            mg[i] = rho * mg[i] + (1 - rho) * gr[i];
            double denom = centered ? ms[i] - mg[i] * mg[i] : ms[i];
            mom[i] = mu * mom[i] + lr * gr[i] / Math.sqrt(denom + eps);
            w[i] -= mom[i];
          }
          String c = "centered=" + centered;
          assertArrayEquals(w, s.run(q.w).doubles(), TOL, c);
          assertArrayEquals(ms, s.run(msVar).doubles(), TOL, c);
          assertArrayEquals(mom, s.run(momVar).doubles(), TOL, c);
          if (centered) {
            assertArrayEquals(mg, s.run(mgVar).doubles(), TOL, c);
          }
        }
      }
    }
  }

  @Test
  void rmsProp_defaults_areTensorFlows() {
    Quadratic q = new Quadratic();
    RMSPropOptimizer opt = new RMSPropOptimizer(q.tf, 0.01);
    Operation train = opt.minimize(q.loss);
    double[] w = W0.clone();
    double[] ms = {1, 1};
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      s.run(train);
      double[] gr = grad(w);
      for (int i = 0; i < 2; i++) {
        ms[i] = 0.9 * ms[i] + 0.1 * gr[i] * gr[i];
        w[i] -= 0.01 * gr[i] / Math.sqrt(ms[i] + 1e-10);
      }
      assertArrayEquals(w, s.run(q.w).doubles(), TOL);
    }
  }

  @Test
  void adam_threeSteps_matchFormulaWithBiasCorrection() {
    Quadratic q = new Quadratic();
    double lr = 0.1;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    AdamOptimizer opt = new AdamOptimizer(q.tf, lr);
    Operation train = opt.minimize(q.loss);
    Variable mVar = opt.getSlot(q.w, "m");
    Variable vVar = opt.getSlot(q.w, "v");
    assertEquals("w/Adam", mVar.varName());
    assertEquals("w/Adam_1", vVar.varName());
    assertEquals("beta1_power", opt.beta1Power().varName());
    assertEquals("beta2_power", opt.beta2Power().varName());
    double[] w = W0.clone();
    double[] m = new double[2];
    double[] v = new double[2];
    double b1p = b1;
    double b2p = b2;
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      for (int step = 0; step < 3; step++) {
        s.run(train);
        double[] gr = grad(w);
        double lrT = lr * Math.sqrt(1 - b2p) / (1 - b1p);
        for (int i = 0; i < 2; i++) {
          m[i] = b1 * m[i] + (1 - b1) * gr[i];
          v[i] = b2 * v[i] + (1 - b2) * gr[i] * gr[i];
          w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
        }
        b1p *= b1;
        b2p *= b2;
        assertArrayEquals(w, s.run(q.w).doubles(), TOL);
        assertArrayEquals(m, s.run(mVar).doubles(), TOL);
        assertArrayEquals(v, s.run(vVar).doubles(), TOL);
        assertEquals(b1p, s.run(opt.beta1Power()).doubles()[0], TOL);
        assertEquals(b2p, s.run(opt.beta2Power()).doubles()[0], TOL);
      }
    }
  }

  @Test
  void adam_float32_tracksFloat64Formula() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.constant(new float[] {1f, -2f}), "w");
    Output loss = tf.reduceSum(tf.square(tf.sub(w, tf.constant(new float[] {3f, 0.5f}))));
    AdamOptimizer opt = new AdamOptimizer(tf, 0.1);
    Operation train = opt.minimize(loss);
    assertEquals(DType.FLOAT32, opt.getSlot(w, "m").dtype());
    assertEquals(DType.FLOAT32, opt.beta1Power().dtype());
    double[] wd = W0.clone();
    double[] m = new double[2];
    double[] v = new double[2];
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int step = 1; step <= 3; step++) {
        s.run(train);
        double[] gr = grad(wd);
        double lrT = 0.1 * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
        for (int i = 0; i < 2; i++) {
          m[i] = 0.9 * m[i] + 0.1 * gr[i];
          v[i] = 0.999 * v[i] + 0.001 * gr[i] * gr[i];
          wd[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-8);
        }
        float[] got = s.run(w).floats();
        assertEquals(wd[0], got[0], 1e-5);
        assertEquals(wd[1], got[1], 1e-5);
      }
    }
  }

  @Test
  void slots_areNotTrainable_andInitializedByGlobalInitializer() {
    Quadratic q = new Quadratic();
    AdamOptimizer opt = new AdamOptimizer(q.tf, 0.1);
    opt.minimize(q.loss);
    assertEquals(List.of(q.w), Variables.trainableVariables(q.g));
    assertEquals(List.of("w", "beta1_power", "beta2_power", "w/Adam", "w/Adam_1"),
        q.g.globalVariables().stream().map(Variable::varName).toList());
    assertEquals(List.of("m", "v"), opt.slotNames());
    // A second optimizer on the same graph does not train the first one's slots.
    Operation second = new GradientDescentOptimizer(q.tf, 0.1).minimize(q.loss);
    assertNotNull(second);
  }

  @Test
  void minimize_withGlobalStep_countsSteps() {
    Quadratic q = new Quadratic();
    Variable step = Optimizer.getOrCreateGlobalStep(q.tf);
    assertEquals("global_step", step.varName());
    assertEquals(DType.INT64, step.dtype());
    assertEquals(step, Optimizer.getOrCreateGlobalStep(q.tf));
    Operation train =
        new GradientDescentOptimizer(q.tf, 0.1).minimize(q.loss, List.of(q.w), step);
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      s.run(train);
      s.run(train);
      assertEquals(2L, s.run(step).longs()[0]);
      assertEquals(1.0 + 0.1 * 2 * 2 + 0.1 * 2 * (3 - 1.4), s.run(q.w).doubles()[0], TOL);
    }
    assertTrue(!Variables.trainableVariables(q.g).contains(step));
  }

  @Test
  void minimize_nonScalarLoss_throwsNamingTheShape() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.constant(new double[] {1, 2}), "w");
    Output perElement = tf.square(w);
    for (Function<Optimizer, Object> call : List.<Function<Optimizer, Object>>of(
        o -> o.minimize(perElement), o -> o.computeGradients(perElement))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> call.apply(new AdamOptimizer(tf, 0.1)));
      assertTrue(e.getMessage().contains("must be a scalar"), e.getMessage());
      assertTrue(e.getMessage().contains("(2,)"), e.getMessage());
      assertTrue(e.getMessage().contains(perElement.name()), e.getMessage());
    }
  }

  @Test
  void minimize_lossIndependentOfVariables_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.constant(new double[] {1, 2}), "w");
    Variable other = tf.variable(tf.constant(3.0), "other");
    Output loss = tf.square(other);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GradientDescentOptimizer(tf, 0.1).minimize(loss, List.of(w)));
    assertTrue(e.getMessage().contains("No gradients"), e.getMessage());
    assertTrue(e.getMessage().contains("[w]"), e.getMessage());
  }

  @Test
  void computeAndApplyGradients_separately_equalMinimize() {
    Quadratic q = new Quadratic();
    GradientDescentOptimizer opt = new GradientDescentOptimizer(q.tf, 0.25);
    List<GradAndVar> pairs = opt.computeGradients(q.loss);
    assertEquals(1, pairs.size());
    assertEquals(q.w, pairs.get(0).variable());
    Operation train = opt.applyGradients(pairs);
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      assertArrayEquals(grad(W0), s.run(pairs.get(0).gradient()).doubles(), TOL);
      s.run(train);
      assertArrayEquals(new double[] {1 + 0.25 * 4, -2 + 0.25 * 5}, s.run(q.w).doubles(), TOL);
    }
  }

  @Test
  void learningRate_asPlaceholder_isFedPerStep() {
    Quadratic q = new Quadratic();
    Output lr = q.tf.placeholder(DType.FLOAT32, Shape.scalar(), "lr");
    Operation train = new GradientDescentOptimizer(q.tf, lr).minimize(q.loss);
    try (Session s = new Session(q.g)) {
      s.run(q.tf.globalVariablesInitializer());
      s.runner().feed(lr, dev.skein.core.Tensor.scalar(0.5f)).addTarget(train).run();
      // w - 0.5 * 2 (w - target) = target
      assertArrayEquals(TARGET, s.run(q.w).doubles(), TOL);
    }
  }
}
