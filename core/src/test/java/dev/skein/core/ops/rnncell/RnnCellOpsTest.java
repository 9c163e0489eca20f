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
 * The fused LSTM ops: lstmGates against BasicLSTMCell's formula written out in double here,
 * lstmGatesGrad against central differences of that formula, lstmGates against the same graph
 * built from unfused ops (float32, bit for bit), shapes with unknown dimensions, and
 * errors. Sizes cover units below, at and past a vector's width.
 */
class RnnCellOpsTest {
  private static final String FILE = "RnnCellOpsTest.java";

  @ParameterizedTest(name = "{0} batch={1} units={2}")
  @CsvSource({"FLOAT32, 3, 5", "FLOAT64, 3, 5", "FLOAT32, 4, 37", "FLOAT64, 2, 16"})
  void lstmGates_matchesFormula(DType t, int batch, int units) {
    LstmStepInputs in = LstmStepInputs.random(batch, units, 11);
    double fb = 1.0;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> r = tf.lstmGates(tf.constant(in.gates(t)), tf.constant(in.bias(t)),
        tf.constant(in.c(t)), fb);
    double[][] ref = in.forward(t, fb);
    List<Tensor> v = run(r);
    assertValues(t, Shape.of(batch, units), ref[0], v.get(0));
    assertValues(t, Shape.of(batch, units), ref[1], v.get(1));
  }

  @ParameterizedTest(name = "{0} batch={1} units={2}")
  @CsvSource({"FLOAT32, 3, 5", "FLOAT64, 3, 5", "FLOAT32, 2, 37", "FLOAT64, 2, 16"})
  void lstmGatesGrad_matchesCentralDifferences(DType t, int batch, int units) {
    LstmStepInputs in = LstmStepInputs.random(batch, units, 5);
    double fb = 0.5;
    Random rnd = new Random(3);
    double[] dNewC = new double[batch * units];
    double[] dNewH = new double[batch * units];
    for (int i = 0; i < dNewC.length; i++) {
      dNewC[i] = rnd.nextDouble() * 2 - 1;
      dNewH[i] = rnd.nextDouble() * 2 - 1;
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Shape cs = Shape.of(batch, units);
    List<Output> d = tf.lstmGatesGrad(tf.constant(in.gates(t)), tf.constant(in.bias(t)),
        tf.constant(in.c(t)), tf.constant(tensor(t, cs, dNewC)), tf.constant(tensor(t, cs,
        dNewH)), fb);
    List<Tensor> v = run(d);
    // The loss sum(dNewC * c' + dNewH * h'), differentiated numerically in double.
    double h = 1e-6;
    double[] dGates = new double[in.gates().length];
    double[] dBias = new double[in.bias().length];
    double[] dC = new double[in.c().length];
    for (int k = 0; k < in.gates().length; k++) {
      dGates[k] = LstmStepInputs.central(in.gates(), k, h, () -> in.loss(fb, dNewC, dNewH));
    }
    for (int k = 0; k < in.bias().length; k++) {
      dBias[k] = LstmStepInputs.central(in.bias(), k, h, () -> in.loss(fb, dNewC, dNewH));
    }
    for (int k = 0; k < in.c().length; k++) {
      dC[k] = LstmStepInputs.central(in.c(), k, h, () -> in.loss(fb, dNewC, dNewH));
    }
    double tol = t == DType.FLOAT32 ? 2e-5 : 1e-8;
    assertValues(t, Shape.of(batch, 4 * units), dGates, v.get(0), tol);
    assertValues(t, cs, dC, v.get(1), tol);
    assertValues(t, Shape.of(4 * units), dBias, v.get(2), tol * batch);
  }

  @Test
  void lstmGates_float32_equalsUnfusedOps() {
    int batch = 150;
    int units = 150;
    LstmStepInputs in = LstmStepInputs.random(batch, units, 2);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.constant(in.gates(DType.FLOAT32));
    Output bias = tf.constant(in.bias(DType.FLOAT32));
    Output c = tf.constant(in.c(DType.FLOAT32));
    List<Output> fused = tf.lstmGates(gates, bias, c, 1.0);
    List<Output> ijfo = tf.split(tf.biasAdd(gates, bias), 4, 1);
    Output forget = tf.sigmoid(tf.add(ijfo.get(2), tf.constant(1f)));
    Output newC = tf.add(tf.mul(c, forget),
        tf.mul(tf.sigmoid(ijfo.get(0)), tf.tanh(ijfo.get(1))));
    Output newH = tf.mul(tf.tanh(newC), tf.sigmoid(ijfo.get(3)));
    List<Tensor> v = run(List.of(fused.get(0), fused.get(1), newC, newH));
    assertMaxAbsDiff(v.get(2).floats(), v.get(0).floats(), 0);
    assertMaxAbsDiff(v.get(3).floats(), v.get(1).floats(), 0);
  }

  @Test
  void lstmGates_unknownDims_inferAndRun() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8), "gates");
    Output bias = tf.placeholder(DType.FLOAT32, Shape.unknown(), "bias");
    Output c = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1), "c");
    List<Output> r = tf.lstmGates(gates, bias, c, 1.0);
    assertEquals(Shape.of(-1, 2), r.get(0).shape());
    assertEquals(Shape.of(-1, 2), r.get(1).shape());
    List<Output> d = tf.lstmGatesGrad(gates, bias, c, r.get(0), r.get(1), 1.0);
    assertEquals(Shape.of(-1, 8), d.get(0).shape());
    assertEquals(Shape.of(-1, 2), d.get(1).shape());
    assertEquals(Shape.of(8), d.get(2).shape());
    Output bias2 = tf.placeholder(DType.FLOAT64, Shape.of(12), "bias2");
    Output any = tf.placeholder(DType.FLOAT64, Shape.unknown(), "any");
    assertEquals(Shape.of(-1, 3), tf.lstmGates(any, bias2, any, 0).get(0).shape());
    LstmStepInputs in = LstmStepInputs.random(3, 2, 9);
    try (Session s = new Session(g)) {
      List<Tensor> v = s.runner().feed(gates, in.gates(DType.FLOAT32))
          .feed(bias, in.bias(DType.FLOAT32)).feed(c, in.c(DType.FLOAT32))
          .fetch(r.get(1)).run();
      assertValues(DType.FLOAT32, Shape.of(3, 2), in.forward(DType.FLOAT32, 1.0)[1], v.get(0));
    }
  }

  @Test
  void lstmGates_badShapesAndDtypes_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output g6 = tf.placeholder(DType.FLOAT32, Shape.of(2, 6), "g6");
    Output g8 = tf.placeholder(DType.FLOAT32, Shape.of(2, 8), "g8");
    Output b8 = tf.placeholder(DType.FLOAT32, Shape.of(8), "b8");
    Output b4 = tf.placeholder(DType.FLOAT32, Shape.of(4), "b4");
    Output c2 = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "c2");
    Output c3 = tf.placeholder(DType.FLOAT32, Shape.of(3, 2), "c3");
    assertOpError(FILE, () -> tf.lstmGates(g6, tf.placeholder(DType.FLOAT32, Shape.of(6), "b6"),
        c2, 1), "LSTMGates", "gates must have 4 * units columns, got (2, 6)");
    assertOpError(FILE, () -> tf.lstmGates(g8, b4, c2, 1), "bias (4,) must match the gates'"
        + " columns (2, 8)");
    assertOpError(FILE, () -> tf.lstmGates(g8, b8, tf.placeholder(DType.FLOAT32, Shape.of(2, 3),
        "c23"), 1), "gates (2, 8) must have 4 times the columns of c (2, 3)");
    assertOpError(FILE, () -> tf.lstmGates(g8, b8, c3, 1),
        "inputs disagree on the batch size: 2 vs 3");
    assertOpError(FILE, () -> tf.lstmGates(g8, b8, tf.placeholder(DType.FLOAT64, Shape.of(2, 2),
        "c64"), 1), "every input must be float32 or float64, all the same, got float32 for"
        + " input 0 and float64 for input 2");
    assertOpError(FILE, () -> tf.lstmGatesGrad(g8, b8, c2, c2, c3, 1), "LSTMGatesGrad",
        "inputs disagree on the batch size");
    Output gu = tf.placeholder(DType.FLOAT32, Shape.of(-1, 8), "gu");
    Output y = tf.lstmGates(gu, b8, c2, 1).get(0);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(gu, Tensor.zeros(DType.FLOAT32, Shape.of(5, 8)))
          .feed(b8, Tensor.zeros(DType.FLOAT32, Shape.of(8)))
          .feed(c2, Tensor.zeros(DType.FLOAT32, Shape.of(2, 2))).fetch(y).run(),
          "lstmGates: expected gates [batch, 4 * units], bias [4 * units] and c [batch, units],"
              + " got (5, 8), (8,) and (2, 2)");
    }
  }

  @ParameterizedTest(name = "{0} tanh={1}")
  @CsvSource({"FLOAT32, true", "FLOAT32, false", "FLOAT64, true", "FLOAT64, false"})
  void biasActivation_andGrad_matchFormulas(DType t, boolean tanh) {
    Random r = new Random(4);
    int rows = 7;
    int c = 37;
    double[] v = new double[rows * c];
    double[] b = new double[c];
    double[] dy = new double[rows * c];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian() * 2;
      dy[i] = r.nextGaussian();
    }
    for (int j = 0; j < c; j++) {
      b[j] = r.nextGaussian();
    }
    double[] y = new double[v.length];
    double[] dz = new double[v.length];
    double[] db = new double[c];
    for (int i = 0; i < v.length; i++) {
      double z = (t == DType.FLOAT32 ? (double) (float) ((float) v[i] + (float) b[i % c])
          : v[i] + b[i % c]);
      y[i] = tanh ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Shape s = Shape.of(rows, c);
    Output value = tf.constant(tensor(t, s, v));
    Output bias = tf.constant(tensor(t, Shape.of(c), b));
    Output out = tanh ? tf.biasTanh(value, bias) : tf.biasSigmoid(value, bias);
    Tensor yv = run(out);
    assertValues(t, s, y, yv);
    double[] ya = yv.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      dz[i] = tanh ? dy[i] * (1 - ya[i] * ya[i]) : dy[i] * ya[i] * (1 - ya[i]);
      db[i % c] += dz[i];
    }
    List<Tensor> d = run(tf.biasActivationGrad(tanh ? RnnCellOps.BiasActivationGrad.TANH
        : RnnCellOps.BiasActivationGrad.SIGMOID, out, tf.constant(tensor(t, s, dy))));
    assertValues(t, s, dz, d.get(0));
    assertValues(t, Shape.of(c), db, d.get(1), t == DType.FLOAT32 ? 1e-5 : 1e-12);
  }

  @Test
  void biasActivation_float32_equalsBiasAddThenActivation() {
    LstmStepInputs in = LstmStepInputs.random(150, 150, 8);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output value = tf.constant(in.c(DType.FLOAT32));
    Output bias = tf.constant(tensor(DType.FLOAT32, Shape.of(150),
        java.util.Arrays.copyOf(in.bias(), 150)));
    List<Tensor> v = run(List.of(tf.biasTanh(value, bias), tf.tanh(tf.biasAdd(value, bias)),
        tf.biasSigmoid(value, bias), tf.sigmoid(tf.biasAdd(value, bias))));
    assertMaxAbsDiff(v.get(1).floats(), v.get(0).floats(), 0);
    assertMaxAbsDiff(v.get(3).floats(), v.get(2).floats(), 0);
  }

  @Test
  void biasActivation_shapesAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Output b = tf.placeholder(DType.FLOAT32, Shape.unknown(), "b");
    Output y = tf.biasTanh(x, b);
    assertEquals(Shape.of(-1, 4), y.shape());
    assertEquals(Shape.of(4), tf.biasActivationGrad(RnnCellOps.BiasActivationGrad.TANH, y, y)
        .get(1).shape());
    assertOpError(FILE, () -> tf.biasSigmoid(x, tf.placeholder(DType.FLOAT32, Shape.of(3),
        "b3")), "BiasSigmoid", "bias size 3 does not match the last dimension of value (?, 4)");
    assertOpError(FILE, () -> tf.biasTanh(tf.placeholder(DType.FLOAT32, Shape.of(4), "v1"), b),
        "value must have rank 2 or more, got shape (4,)");
    assertOpError(FILE, () -> tf.biasTanh(x, tf.placeholder(DType.FLOAT64, Shape.of(4), "b64")),
        "value and bias must both be float32 or float64, got float32 and float64");
    assertOpError(FILE, () -> tf.biasActivationGrad(RnnCellOps.BiasActivationGrad.SIGMOID, x,
        tf.placeholder(DType.FLOAT32, Shape.of(2, 5), "d")), "BiasSigmoidGrad",
        "y (?, 4) and dy (2, 5) must have the same shape");
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(x, Tensor.zeros(DType.FLOAT32, Shape.of(2, 4)))
          .feed(b, Tensor.zeros(DType.FLOAT32, Shape.of(3))).fetch(y).run(),
          "BiasTanh: value (2, 4) must have rank 2 or more and bias (3,) its last dimension");
    }
  }

  private static void assertMaxAbsDiff(float[] expected, float[] actual, double tol) {
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
    }
    if (max > tol) {
      throw new AssertionError("max |difference| " + max + " > " + tol);
    }
  }
}
