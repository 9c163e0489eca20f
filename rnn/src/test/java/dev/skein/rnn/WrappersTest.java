package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static dev.skein.rnn.Fixtures.assignMatrix;
import static dev.skein.rnn.Fixtures.assignVector;
import static dev.skein.rnn.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The wrappers: residual, output projection, device, dropout. */
class WrappersTest {
  private static final DType F64 = DType.FLOAT64;
  private final Random random = new Random(3);
  private final double[][] xs = Ref.random(random, 2, 3, 1.0);
  private final double[][] hs = Ref.random(random, 2, 3, 1.0);

  @Test
  void residualWrapper_addsInputToOutput() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(tensor(xs, F64));
    Output h = tf.constant(tensor(hs, F64));
    BasicRnnCell inner = new BasicRnnCell(tf, 3);
    ResidualWrapper<Output> cell = new ResidualWrapper<>(inner);
    CellOutput<Output> r = cell.call(x, h);
    assertEquals("basic_rnn_cell/kernel", inner.kernel().varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, inner.kernel(), random, 0.5);
      double[] b = assignVector(s, tf, inner.bias(), random, 0.5);
      double[][] state = new double[2][];
      double[][] out = new double[2][];
      for (int i = 0; i < 2; i++) {
        state[i] = Ref.rnn(xs[i], hs[i], w, b, false);
        out[i] = state[i].clone();
        for (int k = 0; k < 3; k++) {
          out[i][k] += xs[i][k];
        }
      }
      assertClose(out, s.run(r.output()), 1e-12, "output");
      assertClose(state, s.run(r.state()), 1e-12, "state");
    }
  }

  @Test
  void residualWrapper_depthMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    ResidualWrapper<Output> cell = new ResidualWrapper<>(new BasicRnnCell(tf, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cell.call(tf.constant(tensor(xs, F64)), cell.zeroState(2, F64)));
    assertTrue(e.getMessage().contains("input depth (3"), e.getMessage());
    assertTrue(e.getMessage().contains("output size (4)"), e.getMessage());
  }

  @Test
  void outputProjectionWrapper_namesAndValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(tensor(xs, F64));
    BasicRnnCell inner = new BasicRnnCell(tf, 3);
    OutputProjectionWrapper<Output> cell = new OutputProjectionWrapper<>(inner, 2);
    assertEquals(2, cell.outputSize());
    assertEquals(StateSize.of(3), cell.stateSize());
    StaticRnnResult<Output> res = Rnn.staticRnn(tf, cell, List.of(x, x));
    assertEquals(List.of("rnn/output_projection_wrapper/basic_rnn_cell/kernel",
        "rnn/output_projection_wrapper/basic_rnn_cell/bias",
        "rnn/output_projection_wrapper/kernel", "rnn/output_projection_wrapper/bias"),
        g.globalVariables().stream().map(Variable::varName).collect(Collectors.toList()));
    assertFalse(g.operationsInScope("rnn/output_projection_wrapper_1/basic_rnn_cell").isEmpty());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, inner.kernel(), random, 0.5);
      double[] b = assignVector(s, tf, inner.bias(), random, 0.5);
      double[][] wp = assignMatrix(s, tf, cell.kernel(), random, 0.5);
      double[] bp = assignVector(s, tf, cell.bias(), random, 0.5);
      double[][] out = new double[2][];
      double[][] state = new double[2][];
      for (int i = 0; i < 2; i++) {
        double[] h1 = Ref.rnn(xs[i], new double[3], w, b, false);
        state[i] = Ref.rnn(xs[i], h1, w, b, false);
        out[i] = Ref.affine(state[i], new double[0], wp, bp);
      }
      assertClose(out, s.run(res.outputs().get(1)), 1e-12, "projected output");
      assertClose(state, s.run(res.state()), 1e-12, "state");
    }
  }

  @Test
  void deviceWrapper_recordsDeviceOnEveryCellOp() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(tensor(xs, F64));
    DeviceWrapper<LstmStateTuple> cell =
        new DeviceWrapper<>(new BasicLstmCell(tf, 3), "/device:GPU:0");
    Rnn.staticRnn(tf, cell, List.of(x, x));
    List<Operation> cellOps = g.operations().stream()
        .filter(op -> op.name().startsWith("rnn/basic_lstm_cell"))
        .collect(Collectors.toList());
    assertTrue(cellOps.size() > 10, "cell ops: " + cellOps);
    for (Operation op : cellOps) {
      assertEquals("/device:GPU:0", op.device(), op.name());
    }
    assertEquals("", x.op().device());
  }

  @Test
  void deviceWrapper_insideDynamicRnn_recordsDeviceInTheLoopBody() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(F64, Shape.of(-1, -1, 3), "x");
    Rnn.dynamicRnn(tf, new DeviceWrapper<>(new GruCell(tf, 2), "/device:GPU:1"), x, null);
    List<Operation> bodyOps = g.operations().stream()
        .filter(op -> op.type().typeName().equals("While"))
        .flatMap(op -> op.type().subgraphs().values().stream())
        .flatMap(body -> body.operations().stream())
        .filter(op -> op.name().contains("gru_cell/"))
        .collect(Collectors.toList());
    assertTrue(bodyOps.size() > 5, "cell ops in the loop body: " + bodyOps);
    for (Operation op : bodyOps) {
      assertEquals("/device:GPU:1", op.device(), op.name());
    }
  }

  @Test
  void dropoutWrapper_keepProbOne_isIdentity_andHalfDropsAndScales() {
    Graph g = new Graph();
    g.setSeed(1234);
    Ops tf = Ops.create(g);
    Output keep = tf.placeholder(F64, Shape.scalar(), "keep");
    double[][] big = Ref.random(random, 50, 3, 1.0);
    Output x = tf.constant(tensor(big, F64));
    BasicLstmCell inner = new BasicLstmCell(tf, 3);
    DropoutWrapper<LstmStateTuple> cell = new DropoutWrapper<>(inner, null, keep, keep, 7L);
    LstmStateTuple zero = cell.zeroState(50, F64);
    CellOutput<LstmStateTuple> r = cell.call(x, zero);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, inner.kernel(), random, 0.5);
      double[] b = assignVector(s, tf, inner.bias(), random, 0.5);
      double[][] ec = new double[50][];
      double[][] eh = new double[50][];
      for (int i = 0; i < 50; i++) {
        double[][] ch = Ref.lstm(big[i], new double[3], new double[3], w, b, 1.0);
        ec[i] = ch[0];
        eh[i] = ch[1];
      }
      List<Tensor> full = s.runner().feed(keep, Tensor.scalar(1.0)).fetch(r.output())
          .fetch(r.state().c()).fetch(r.state().h()).run();
      assertClose(eh, full.get(0), 1e-12, "output, keep 1");
      assertClose(ec, full.get(1), 1e-12, "c, keep 1");
      assertClose(eh, full.get(2), 1e-12, "h, keep 1");

      List<Tensor> half = s.runner().feed(keep, Tensor.scalar(0.5)).fetch(r.output())
          .fetch(r.state().c()).fetch(r.state().h()).run();
      assertClose(ec, half.get(1), 1e-12, "c is never dropped");
      double[] flat = Fixtures.flatten(eh);
      for (int k : new int[] {0, 2}) {
        double[] got = half.get(k).toDoubleArray();
        int dropped = 0;
        for (int i = 0; i < flat.length; i++) {
          if (got[i] == 0) {
            dropped++;
          } else {
            assertEquals(2 * flat[i], got[i], 1e-12, "kept units are scaled by 1/keep");
          }
        }
        assertTrue(dropped > 40 && dropped < 110, "about half of 150 dropped: " + dropped);
      }
      assertFalse(java.util.Arrays.equals(half.get(0).toDoubleArray(),
          half.get(2).toDoubleArray()), "output and state use different masks");
    }
    try (Session s2 = new Session(g)) {
      s2.run(tf.globalVariablesInitializer());
      Tensor a = s2.runner().feed(keep, Tensor.scalar(0.5)).fetch(r.output()).run().get(0);
      try (Session s3 = new Session(g)) {
        s3.run(tf.globalVariablesInitializer());
        Tensor c = s3.runner().feed(keep, Tensor.scalar(0.5)).fetch(r.output()).run().get(0);
        assertArrayEquals(a.toDoubleArray(), c.toDoubleArray(), "seeded: same masks per session");
      }
    }
  }

  @Test
  void dropoutWrapper_constantOne_addsNoOps_andBadProbThrows() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell inner = new BasicRnnCell(tf, 2);
    DropoutWrapper<Output> cell = DropoutWrapper.of(inner, 1.0, 1.0, 1.0, null);
    cell.call(tf.constant(new double[][] {{1, 2}}), cell.zeroState(1, F64));
    assertTrue(g.operations().stream().noneMatch(op -> op.name().contains("dropout")));
    assertThrows(IllegalArgumentException.class, () -> DropoutWrapper.of(inner, 0, 1, 1, null));
    Output vec = tf.constant(new double[] {0.5, 0.5});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DropoutWrapper.ofOutput(inner, vec, null));
    assertTrue(e.getMessage().contains("outputKeepProb must be a float scalar"), e.getMessage());
  }
}
