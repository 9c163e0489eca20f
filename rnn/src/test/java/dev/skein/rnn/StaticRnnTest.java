package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static dev.skein.rnn.Fixtures.assignMatrix;
import static dev.skein.rnn.Fixtures.assignVector;
import static dev.skein.rnn.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** staticRnn over known weights against the reference loop, names and scopes, errors. */
class StaticRnnTest {
  private static final DType F64 = DType.FLOAT64;
  private static final int TIME = 4;
  private static final int BATCH = 3;
  private static final int DEPTH = 2;

  private final Random random = new Random(7);
  private final double[][][] xs = new double[TIME][][];
  private final int[] lengths = {4, 2, 0};

  StaticRnnTest() {
    for (int t = 0; t < TIME; t++) {
      xs[t] = Ref.random(random, BATCH, DEPTH, 1.0);
    }
  }

  private List<Output> inputs(Ops tf) {
    List<Output> in = new ArrayList<>();
    for (int t = 0; t < TIME; t++) {
      in.add(tf.placeholder(F64, Shape.of(-1, DEPTH), "x" + t));
    }
    return in;
  }

  private Session.Runner feedInputs(Session s, List<Output> in) {
    Session.Runner r = s.runner();
    for (int t = 0; t < TIME; t++) {
      r.feed(in.get(t), tensor(xs[t], F64));
    }
    return r;
  }

  private void assertRun(Session s, List<Output> in, Output seqLen, StaticRnnResult<?> res,
      RefCell ref, boolean withLengths) {
    Session.Runner r = feedInputs(s, in);
    if (seqLen != null) {
      r.feed(seqLen, Tensor.of(lengths));
    }
    res.outputs().forEach(r::fetch);
    List<Output> flatState = State.flatten(res.state());
    flatState.forEach(r::fetch);
    List<Tensor> got = r.run();
    RefCell.Run expected = ref.run(xs, withLengths ? lengths : null);
    for (int t = 0; t < TIME; t++) {
      assertClose(expected.outputs()[t], got.get(t), 1e-12, "output " + t);
    }
    for (int k = 0; k < flatState.size(); k++) {
      double[][] part = new double[BATCH][];
      for (int b = 0; b < BATCH; b++) {
        part[b] = expected.states()[b][k];
      }
      assertClose(part, got.get(TIME + k), 1e-12, "state tensor " + k);
    }
  }

  @Test
  void basicRnn_matchesReferenceLoop_andNamesOneScopePerStep() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> in = inputs(tf);
    BasicRnnCell cell = new BasicRnnCell(tf, 3);
    StaticRnnResult<Output> res = Rnn.staticRnn(tf, cell, in);
    assertEquals(TIME, res.outputs().size());
    assertEquals(List.of("rnn/basic_rnn_cell/kernel", "rnn/basic_rnn_cell/bias"),
        g.globalVariables().stream().map(Variable::varName).collect(Collectors.toList()));
    for (String scope : List.of("rnn/basic_rnn_cell", "rnn/basic_rnn_cell_1",
        "rnn/basic_rnn_cell_2", "rnn/basic_rnn_cell_3")) {
      assertTrue(g.operationsInScope(scope).stream()
          .anyMatch(op -> op.name().endsWith("/MatMul")), "a MatMul in " + scope);
    }
    assertTrue(g.operationsInScope("rnn/basic_rnn_cell_4").isEmpty());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, cell.kernel(), random, 0.7);
      double[] b = assignVector(s, tf, cell.bias(), random, 0.7);
      assertRun(s, in, null, res, RefCell.basicRnn(w, b), false);
    }
  }

  @Test
  void basicLstm_withSequenceLength_zeroOutputsAndCopiedState() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> in = inputs(tf);
    Output seqLen = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    BasicLstmCell cell = new BasicLstmCell(tf, 3);
    StaticRnnResult<LstmStateTuple> res = Rnn.staticRnn(tf, cell, in, null, seqLen);
    assertEquals("rnn/basic_lstm_cell/kernel", cell.kernel().varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, cell.kernel(), random, 0.7);
      double[] b = assignVector(s, tf, cell.bias(), random, 0.7);
      assertRun(s, in, seqLen, res, RefCell.basicLstm(w, b, 1.0), true);
    }
  }

  @Test
  void gru_withSequenceLength_matchesReferenceLoop() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> in = inputs(tf);
    Output seqLen = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    GruCell cell = new GruCell(tf, 3);
    StaticRnnResult<Output> res = Rnn.staticRnn(tf, cell, in, null, seqLen);
    assertEquals("rnn/gru_cell/gates/kernel", cell.gateKernel().varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] wg = assignMatrix(s, tf, cell.gateKernel(), random, 0.7);
      double[] bg = assignVector(s, tf, cell.gateBias(), random, 0.7);
      double[][] wc = assignMatrix(s, tf, cell.candidateKernel(), random, 0.7);
      double[] bc = assignVector(s, tf, cell.candidateBias(), random, 0.7);
      assertRun(s, in, seqLen, res, RefCell.gru(wg, bg, wc, bc), true);
    }
  }

  @Test
  void multiRnnCell_variableNamesShapesAndValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> in = inputs(tf);
    Output seqLen = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    BasicLstmCell l0 = new BasicLstmCell(tf, 3);
    GruCell l1 = new GruCell(tf, 2);
    MultiRnnCell cell = MultiRnnCell.of(tf, l0, l1);
    assertEquals("(LSTMStateTuple(c=3, h=3), 2)", cell.stateSize().toString());
    assertEquals(2, cell.outputSize());
    StaticRnnResult<StateTuple> res = Rnn.staticRnn(tf, cell, in, null, seqLen);
    assertEquals(List.of("rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
        "rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel",
        "rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias",
        "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel",
        "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias"),
        g.globalVariables().stream().map(Variable::varName).collect(Collectors.toList()));
    assertEquals(Shape.of(DEPTH + 3, 12), l0.kernel().shape());
    assertEquals(Shape.of(3 + 2, 4), l1.gateKernel().shape());
    assertTrue(g.operationsInScope("rnn/multi_rnn_cell/cell_0/basic_lstm_cell").stream()
        .anyMatch(op -> op.name().endsWith("/MatMul")));
    assertTrue(g.operationsInScope("rnn/multi_rnn_cell_1/cell_1/gru_cell").stream()
        .anyMatch(op -> op.name().endsWith("/MatMul")));
    LstmStateTuple first = res.state().get(0);
    assertEquals(Shape.of(-1, 3), first.c().shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w0 = assignMatrix(s, tf, l0.kernel(), random, 0.7);
      double[] b0 = assignVector(s, tf, l0.bias(), random, 0.7);
      double[][] wg = assignMatrix(s, tf, l1.gateKernel(), random, 0.7);
      double[] bg = assignVector(s, tf, l1.gateBias(), random, 0.7);
      double[][] wc = assignMatrix(s, tf, l1.candidateKernel(), random, 0.7);
      double[] bc = assignVector(s, tf, l1.candidateBias(), random, 0.7);
      RefCell ref = RefCell.stack(List.of(RefCell.basicLstm(w0, b0, 1.0),
          RefCell.gru(wg, bg, wc, bc)));
      assertRun(s, in, seqLen, res, ref, true);
    }
  }

  @Test
  void multiRnnCell_sameCellTwice_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicLstmCell cell = new BasicLstmCell(tf, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MultiRnnCell.of(tf, cell, cell));
    assertTrue(e.getMessage().contains("same cell object as cell 0 and cell 1"), e.getMessage());
    assertTrue(e.getMessage().contains("Create a new cell for each layer"), e.getMessage());
    IllegalArgumentException wrapped = assertThrows(IllegalArgumentException.class,
        () -> MultiRnnCell.of(tf, new BasicRnnCell(tf, 3),
            DropoutWrapper.of(cell, 1, 0.5, 1, null), new ResidualWrapper<>(cell)));
    assertTrue(wrapped.getMessage().contains("same cell object as cell 1 and cell 2"),
        wrapped.getMessage());
  }

  @Test
  void initialStateIsUsed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output x = tf.constant(new double[][] {{0.0}});
    Output h0 = tf.constant(new double[][] {{0.5, -0.25}});
    StaticRnnResult<Output> res = Rnn.staticRnn(tf, cell, List.of(x), h0, null);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(tf.assign(cell.kernel(), tf.constant(new double[][] {{0, 0}, {1, 0}, {0, 1}})));
      assertClose(new double[] {Math.tanh(0.5), Math.tanh(-0.25)}, s.run(res.state()), 1e-15,
          "h1");
    }
  }

  @Test
  void staticRnnTwiceWithNewCells_inSameScope_failsLikeTensorFlow() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    List<Output> in = List.of(tf.constant(new float[][] {{1, 2}}));
    Rnn.staticRnn(tf, new BasicRnnCell(tf, 2), in);
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> Rnn.staticRnn(tf, new BasicRnnCell(tf, 2), in));
    assertTrue(e.getMessage().contains("rnn/basic_rnn_cell/kernel already exists"),
        e.getMessage());
    // A different scope works.
    Rnn.staticRnn(tf, new BasicRnnCell(tf, 2), in, null, null, "rnn2");
    assertFalse(g.operationsInScope("rnn2/basic_rnn_cell").isEmpty());
  }

  @Test
  void badInputs_throwClearly() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output rank3 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 3), "x3");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rnn.staticRnn(tf, cell, List.of(rank3)));
    assertTrue(e.getMessage().contains("[batch, depth]"), e.getMessage());
    assertTrue(e.getMessage().contains("(?, 2, 3)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Rnn.staticRnn(tf, cell, List.of()));
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Output badLen = tf.placeholder(DType.INT32, Shape.of(-1, 1), "len");
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
        () -> Rnn.staticRnn(tf, cell, List.of(x), null, badLen));
    assertTrue(l.getMessage().contains("sequenceLength must be a vector"), l.getMessage());
    BasicLstmCell lstm = new BasicLstmCell(tf, 3);
    LstmStateTuple wrong = new BasicLstmCell(tf, 4).zeroState(1, DType.FLOAT32);
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
        () -> Rnn.staticRnn(tf, lstm, List.of(x), wrong, null));
    assertTrue(s.getMessage().contains("has shape (1, 4)"), s.getMessage());
    assertTrue(s.getMessage().contains("LSTMStateTuple(c=3, h=3)"), s.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> Rnn.staticRnn(tf, lstm, List.of(x), lstm.zeroState(1, DType.FLOAT64), null));
    assertTrue(d.getMessage().contains("is float64, but the inputs are float32"), d.getMessage());
  }
}
