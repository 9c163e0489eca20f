package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static dev.skein.rnn.Fixtures.assignMatrix;
import static dev.skein.rnn.Fixtures.assignVector;
import static dev.skein.rnn.Fixtures.tensor;
import static dev.skein.rnn.Fixtures.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.EnumSource;

/** One step of each cell against the reference equations in {@link Ref}, for known weights. */
class CellsTest {
  private static final int BATCH = 3;
  private static final int DEPTH = 4;
  private static final int UNITS = 5;

  private final Random random = new Random(42);
  private final double[][] xs = Ref.random(random, BATCH, DEPTH, 1.0);
  private final double[][] hs = Ref.random(random, BATCH, UNITS, 1.0);
  private final double[][] cs = Ref.random(random, BATCH, UNITS, 1.0);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void basicRnnCell_tanh_matchesEquations(DType dtype) {
    checkBasicRnn(dtype, false);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void basicRnnCell_relu_matchesEquations(DType dtype) {
    checkBasicRnn(dtype, true);
  }

  private void checkBasicRnn(DType dtype, boolean relu) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, DEPTH), "x");
    Output h = tf.placeholder(dtype, Shape.of(-1, UNITS), "h");
    BasicRnnCell cell = relu ? new BasicRnnCell(tf, UNITS, tf::relu) : new BasicRnnCell(tf, UNITS);
    CellOutput<Output> r = cell.call(x, h);
    assertEquals("basic_rnn_cell/kernel", cell.kernel().varName());
    assertEquals(Shape.of(DEPTH + UNITS, UNITS), cell.kernel().shape());
    assertEquals("basic_rnn_cell/bias", cell.bias().varName());
    assertEquals(Shape.of(UNITS), cell.bias().shape());
    assertEquals(Shape.of(-1, UNITS), r.output().shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, cell.kernel(), random, 0.5);
      double[] b = assignVector(s, tf, cell.bias(), random, 0.5);
      List<Tensor> out = s.runner().feed(x, tensor(xs, dtype)).feed(h, tensor(hs, dtype))
          .fetch(r.output()).fetch(r.state()).run();
      double[][] expected = new double[BATCH][];
      for (int i = 0; i < BATCH; i++) {
        expected[i] = Ref.rnn(xs[i], hs[i], w, b, relu);
      }
      assertClose(expected, out.get(0), tolerance(dtype), "output");
      assertClose(expected, out.get(1), tolerance(dtype), "state");
      assertEquals(dtype, out.get(0).dtype());
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void basicLstmCell_matchesEquations(DType dtype) {
    checkBasicLstm(dtype, 1.0, tf -> new BasicLstmCell(tf, UNITS));
  }

  @Test
  void basicLstmCell_customForgetBias_matchesEquations() {
    checkBasicLstm(DType.FLOAT64, 0.25, tf -> new BasicLstmCell(tf, UNITS, 0.25));
  }

  private interface BasicLstmCellFactory {
    BasicLstmCell create(Ops tf);
  }

  private void checkBasicLstm(DType dtype, double forgetBias, BasicLstmCellFactory factory) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, DEPTH), "x");
    Output c = tf.placeholder(dtype, Shape.of(-1, UNITS), "c");
    Output h = tf.placeholder(dtype, Shape.of(-1, UNITS), "h");
    BasicLstmCell cell = factory.create(tf);
    assertEquals("LSTMStateTuple(c=5, h=5)", cell.stateSize().toString());
    CellOutput<LstmStateTuple> r = cell.call(x, new LstmStateTuple(c, h));
    assertEquals("basic_lstm_cell/kernel", cell.kernel().varName());
    assertEquals(Shape.of(DEPTH + UNITS, 4 * UNITS), cell.kernel().shape());
    assertEquals(Shape.of(4 * UNITS), cell.bias().shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, cell.kernel(), random, 0.5);
      double[] b = assignVector(s, tf, cell.bias(), random, 0.5);
      List<Tensor> out = s.runner().feed(x, tensor(xs, dtype)).feed(c, tensor(cs, dtype))
          .feed(h, tensor(hs, dtype)).fetch(r.output()).fetch(r.state().c())
          .fetch(r.state().h()).run();
      double[][] ec = new double[BATCH][];
      double[][] eh = new double[BATCH][];
      for (int i = 0; i < BATCH; i++) {
        double[][] ch = Ref.lstm(xs[i], cs[i], hs[i], w, b, forgetBias);
        ec[i] = ch[0];
        eh[i] = ch[1];
      }
      assertClose(eh, out.get(0), tolerance(dtype), "output");
      assertClose(ec, out.get(1), tolerance(dtype), "c");
      assertClose(eh, out.get(2), tolerance(dtype), "h");
    }
  }

  @Test
  void basicLstmCell_defaultForgetBiasIsOne_zeroWeightsGiveKnownValues() {
    // With all weights zero: i = j = f = o = 0, so c' = c * sigmoid(1) and h' = tanh(c') / 2.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicLstmCell cell = new BasicLstmCell(tf, 2);
    Output c = tf.constant(new double[][] {{1.0, -2.0}});
    Output h = tf.constant(new double[][] {{0.5, 0.5}});
    CellOutput<LstmStateTuple> r =
        cell.call(tf.constant(new double[][] {{3.0}}), new LstmStateTuple(c, h));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(tf.assign(cell.kernel(), tf.constant(new double[3][8])));
      double sig1 = 1 / (1 + Math.exp(-1));
      assertClose(new double[] {sig1, -2 * sig1}, s.run(r.state().c()), 1e-15, "c");
      assertClose(new double[] {Math.tanh(sig1) / 2, Math.tanh(-2 * sig1) / 2},
          s.run(r.output()), 1e-15, "h");
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void gruCell_matchesEquations(DType dtype) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, DEPTH), "x");
    Output h = tf.placeholder(dtype, Shape.of(-1, UNITS), "h");
    GruCell cell = new GruCell(tf, UNITS);
    CellOutput<Output> r = cell.call(x, h);
    assertEquals("gru_cell/gates/kernel", cell.gateKernel().varName());
    assertEquals(Shape.of(DEPTH + UNITS, 2 * UNITS), cell.gateKernel().shape());
    assertEquals("gru_cell/gates/bias", cell.gateBias().varName());
    assertEquals(Shape.of(2 * UNITS), cell.gateBias().shape());
    assertEquals("gru_cell/candidate/kernel", cell.candidateKernel().varName());
    assertEquals(Shape.of(DEPTH + UNITS, UNITS), cell.candidateKernel().shape());
    assertEquals("gru_cell/candidate/bias", cell.candidateBias().varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertClose(ones(2 * UNITS), s.run(cell.gateBias()), 0, "gates/bias initial value");
      assertClose(new double[UNITS], s.run(cell.candidateBias()), 0, "candidate/bias initial");
      double[][] wg = assignMatrix(s, tf, cell.gateKernel(), random, 0.5);
      double[] bg = assignVector(s, tf, cell.gateBias(), random, 0.5);
      double[][] wc = assignMatrix(s, tf, cell.candidateKernel(), random, 0.5);
      double[] bc = assignVector(s, tf, cell.candidateBias(), random, 0.5);
      Tensor out = s.runner().feed(x, tensor(xs, dtype)).feed(h, tensor(hs, dtype))
          .fetch(r.output()).run().get(0);
      double[][] expected = new double[BATCH][];
      for (int i = 0; i < BATCH; i++) {
        expected[i] = Ref.gru(xs[i], hs[i], wg, bg, wc, bc);
      }
      assertClose(expected, out, tolerance(dtype), "output");
    }
  }

  @Test
  void cell_variablesCreatedOnceAndReused() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output x = tf.constant(new float[][] {{1, 2}});
    Output h0 = cell.zeroState(1, DType.FLOAT32);
    Output h1 = cell.call(x, h0).state();
    cell.call(x, h1);
    assertEquals(2, g.globalVariables().size());
    assertTrue(cell.isBuilt());
    assertEquals("basic_rnn_cell", cell.name());
  }

  @Test
  void cell_calledWithOtherDepth_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output h0 = cell.zeroState(1, DType.FLOAT32);
    cell.call(tf.constant(new float[][] {{1, 2}}), h0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.call(tf.constant(new float[][] {{1, 2, 3}}), h0));
    assertTrue(e.getMessage().contains("built for inputs of depth 2"), e.getMessage());
    assertTrue(e.getMessage().contains("depth 3"), e.getMessage());
  }

  @Test
  void cell_inputWithUnknownDepth_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicLstmCell cell = new BasicLstmCell(tf, 2);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.call(x, cell.zeroState(1, DType.FLOAT32)));
    assertTrue(e.getMessage().contains("known depth"), e.getMessage());
  }

  @Test
  void twoCellsInOneScope_getUniqueNames() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell a = new BasicRnnCell(tf, 2);
    BasicRnnCell b = new BasicRnnCell(tf, 2);
    Output x = tf.constant(new float[][] {{1, 2}});
    a.call(x, a.zeroState(1, DType.FLOAT32));
    b.call(x, b.zeroState(1, DType.FLOAT32));
    assertEquals("basic_rnn_cell/kernel", a.kernel().varName());
    assertEquals("basic_rnn_cell_1/kernel", b.kernel().varName());
  }

  @Test
  void zeroState_shapesAndValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicLstmCell cell = new BasicLstmCell(tf, 3);
    LstmStateTuple z = cell.zeroState(2, DType.FLOAT64);
    assertEquals(Shape.of(2, 3), z.c().shape());
    assertEquals(DType.FLOAT64, z.h().dtype());
    Output batch = tf.placeholder(DType.INT32, Shape.scalar(), "batch");
    LstmStateTuple dz = cell.zeroState(batch, DType.FLOAT32);
    assertEquals(3, dz.h().shape().dim(1));
    try (Session s = new Session(g)) {
      assertClose(new double[6], s.run(z.c()), 0, "c");
      Tensor h = s.runner().feed(batch, Tensor.scalar(4)).fetch(dz.h()).run().get(0);
      assertEquals(Shape.of(4, 3), h.shape());
      assertClose(new double[12], h, 0, "h");
    }
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, 1.0);
    return a;
  }
}
