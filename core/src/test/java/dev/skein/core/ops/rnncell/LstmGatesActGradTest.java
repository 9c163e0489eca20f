package dev.skein.core.ops.rnncell;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LSTMGates' third output (the activations i, j, f, o, tanh(c')) against the formula in double,
 * and LSTMGatesActGrad, which reads it: against central differences of the formula and bit for
 * bit against LSTMGatesGrad (which recomputes the activations), in float32 and float64, at
 * sizes below, at and past a vector's width and at the benchmark's 150 x 150 (row chunks in
 * parallel); shapes with unknown dimensions; errors.
 */
class LstmGatesActGradTest {
  private static final String FILE = "LstmGatesActGradTest.java";

  @ParameterizedTest(name = "{0} batch={1} units={2}")
  @CsvSource({"FLOAT32, 3, 5", "FLOAT64, 3, 5", "FLOAT32, 4, 37", "FLOAT64, 2, 16",
      "FLOAT32, 150, 150", "FLOAT64, 150, 150"})
  void activations_matchFormula_andLeaveCAndHUnchanged(DType t, int batch, int units) {
    LstmStepInputs in = LstmStepInputs.random(batch, units, 21);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> r = tf.lstmGates(tf.constant(in.gates(t)), tf.constant(in.bias(t)),
        tf.constant(in.c(t)), 1.0);
    assertEquals(Shape.of(batch, 5 * units), r.get(2).shape());
    double[][] ref = in.forward(t, 1.0);
    List<Tensor> all = run(r);
    assertValues(t, Shape.of(batch, 5 * units), ref[2], all.get(2));
    // c' and h' are the same bits whether or not the activations are asked for.
    List<Tensor> two = run(List.of(r.get(0), r.get(1)));
    for (int k = 0; k < 2; k++) {
      assertEquals(all.get(k), two.get(k), "output " + k);
      assertValues(t, Shape.of(batch, units), ref[k], two.get(k));
    }
  }

  @ParameterizedTest(name = "{0} batch={1} units={2}")
  @CsvSource({"FLOAT32, 3, 5", "FLOAT64, 3, 5", "FLOAT32, 2, 37", "FLOAT64, 2, 16"})
  void actGrad_matchesCentralDifferences(DType t, int batch, int units) {
    LstmStepInputs in = LstmStepInputs.random(batch, units, 6);
    double fb = -0.5;
    double[][] d = gradients(in, 4);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Shape cs = Shape.of(batch, units);
    Output c = tf.constant(in.c(t));
    Output act = tf.lstmGates(tf.constant(in.gates(t)), tf.constant(in.bias(t)), c, fb).get(2);
    List<Tensor> v = run(tf.lstmGatesActGrad(act, c, tf.constant(tensor(t, cs, d[0])),
        tf.constant(tensor(t, cs, d[1]))));
    // The loss sum(dNewC * c' + dNewH * h'), differentiated numerically in double.
    double h = 1e-6;
    double[] dGates = new double[in.gates().length];
    double[] dBias = new double[in.bias().length];
    double[] dC = new double[in.c().length];
    for (int k = 0; k < dGates.length; k++) {
      dGates[k] = LstmStepInputs.central(in.gates(), k, h, () -> in.loss(fb, d[0], d[1]));
    }
    for (int k = 0; k < dBias.length; k++) {
      dBias[k] = LstmStepInputs.central(in.bias(), k, h, () -> in.loss(fb, d[0], d[1]));
    }
    for (int k = 0; k < dC.length; k++) {
      dC[k] = LstmStepInputs.central(in.c(), k, h, () -> in.loss(fb, d[0], d[1]));
    }
    double tol = t == DType.FLOAT32 ? 2e-5 : 1e-8;
    assertValues(t, Shape.of(batch, 4 * units), dGates, v.get(0), tol);
    assertValues(t, cs, dC, v.get(1), tol);
    assertValues(t, Shape.of(4 * units), dBias, v.get(2), tol * batch);
  }

  @ParameterizedTest(name = "{0} batch={1} units={2}")
  @CsvSource({"FLOAT32, 5, 37", "FLOAT64, 5, 37", "FLOAT32, 150, 150", "FLOAT64, 150, 150",
      "FLOAT32, 40, 256"})
  void actGrad_equalsLstmGatesGrad_bitForBit(DType t, int batch, int units) {
    LstmStepInputs in = LstmStepInputs.random(batch, units, 9);
    double[][] d = gradients(in, 10);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Shape cs = Shape.of(batch, units);
    Output gates = tf.constant(in.gates(t));
    Output bias = tf.constant(in.bias(t));
    Output c = tf.constant(in.c(t));
    Output dNewC = tf.constant(tensor(t, cs, d[0]));
    Output dNewH = tf.constant(tensor(t, cs, d[1]));
    List<Output> fromAct = tf.lstmGatesActGrad(tf.lstmGates(gates, bias, c, 1.0).get(2), c,
        dNewC, dNewH);
    List<Output> recomputed = tf.lstmGatesGrad(gates, bias, c, dNewC, dNewH, 1.0);
    List<Tensor> v = run(List.of(fromAct.get(0), fromAct.get(1), fromAct.get(2),
        recomputed.get(0), recomputed.get(1), recomputed.get(2)));
    for (int k = 0; k < 3; k++) {
      assertEquals(v.get(3 + k), v.get(k), "output " + k);
    }
  }

  @Test
  void actGrad_unknownDims_inferAndRun() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output act = tf.placeholder(DType.FLOAT64, Shape.of(-1, 10), "act");
    Output c = tf.placeholder(DType.FLOAT64, Shape.unknown(), "c");
    List<Output> d = tf.lstmGatesActGrad(act, c, c, c);
    assertEquals(Shape.of(-1, 8), d.get(0).shape());
    assertEquals(Shape.of(-1, 2), d.get(1).shape());
    assertEquals(Shape.of(8), d.get(2).shape());
    Output any = tf.placeholder(DType.FLOAT32, Shape.unknown(), "any");
    Output c3 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "c3");
    assertEquals(Shape.of(-1, 12), tf.lstmGatesActGrad(any, c3, any, any).get(0).shape());
    // Every activation 1 and c = dc' = dh' = 1: dcT = 1 + 1 * 1 * (1 - 1 * 1) = 1; each gate's
    // gradient has a factor 1 - 1 = 0 (i (1 - i), 1 - j^2, f (1 - f), o (1 - o)); dC = dcT f = 1.
    try (Session s = new Session(g)) {
      Tensor ones = tensor(DType.FLOAT64, Shape.of(3, 2), new double[] {1, 1, 1, 1, 1, 1});
      double[] actOnes = new double[30];
      java.util.Arrays.fill(actOnes, 1);
      List<Tensor> v = s.runner().feed(act, tensor(DType.FLOAT64, Shape.of(3, 10), actOnes))
          .feed(c, ones).fetch(d.get(0)).fetch(d.get(1)).run();
      assertValues(DType.FLOAT64, Shape.of(3, 8), new double[24], v.get(0));
      assertValues(DType.FLOAT64, Shape.of(3, 2), new double[] {1, 1, 1, 1, 1, 1}, v.get(1));
    }
  }

  @Test
  void actGrad_badShapesAndDtypes_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a9 = tf.placeholder(DType.FLOAT32, Shape.of(2, 9), "a9");
    Output a10 = tf.placeholder(DType.FLOAT32, Shape.of(2, 10), "a10");
    Output c2 = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "c2");
    Output c3 = tf.placeholder(DType.FLOAT32, Shape.of(3, 2), "c3");
    assertOpError(FILE, () -> tf.lstmGatesActGrad(a9, c2, c2, c2), "LSTMGatesActGrad",
        "act must have 5 * units columns, got (2, 9)");
    assertOpError(FILE, () -> tf.lstmGatesActGrad(a10, c3, c2, c2),
        "input 1 must be [batch, units] = (2, 2) like act (2, 10) implies, got (3, 2)");
    assertOpError(FILE, () -> tf.lstmGatesActGrad(a10, c2, c2,
        tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "h3")), "input 3 must be [batch, units]");
    assertOpError(FILE, () -> tf.lstmGatesActGrad(a10, c2, c2,
        tf.placeholder(DType.FLOAT64, Shape.of(2, 2), "h64")), "every input must be float32"
        + " or float64, all the same, got float32 for input 0 and float64 for input 3");
    Output au = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "au");
    Output dc = tf.lstmGatesActGrad(au, c2, c2, c2).get(1);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(au, Tensor.zeros(DType.FLOAT32, Shape.of(4, 10)))
          .feed(c2, Tensor.zeros(DType.FLOAT32, Shape.of(2, 2))).fetch(dc).run(),
          "lstmGatesActGrad: expected activations [batch, 5 * units] and c, dc', dh' [batch,"
              + " units], got (4, 10), (2, 2), (2, 2) and (2, 2)");
    }
  }

  /** {dNewC, dNewH}: random output gradients in [-1, 1]. */
  private static double[][] gradients(LstmStepInputs in, long seed) {
    Random rnd = new Random(seed);
    int n = in.batch() * in.units();
    double[][] d = new double[2][n];
    for (int i = 0; i < n; i++) {
      d[0][i] = rnd.nextDouble() * 2 - 1;
      d[1][i] = rnd.nextDouble() * 2 - 1;
    }
    return d;
  }
}
