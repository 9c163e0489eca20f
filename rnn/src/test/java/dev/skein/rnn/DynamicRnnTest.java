package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpProfile;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * dynamicRnn against staticRnn (same cell object, so the same variables): outputs, final states
 * and gradients agree in float64 for every cell kind, with and without sequence lengths; shapes
 * known only at run time; graph size.
 */
class DynamicRnnTest {
  private static final DType F64 = DType.FLOAT64;
  private static final int BATCH = 3;
  private static final int TIME = 4;
  private static final int DEPTH = CellKind.DEPTH;
  private static final int[] LENGTHS = {4, 1, 0};

  private final Random random = new Random(5);

  private double[][][] data(int batch, int time) {
    double[][][] x = new double[batch][time][];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < time; t++) {
        x[b][t] = Ref.random(random, DEPTH, 1.0);
      }
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void staticEqualsDynamic_values_withoutSequenceLength(CellKind kind) {
    compare(kind, false, false);
  }

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void staticEqualsDynamic_values_withSequenceLength(CellKind kind) {
    compare(kind, true, false);
  }

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void staticEqualsDynamic_gradients_withoutSequenceLength(CellKind kind) {
    compare(kind, false, true);
  }

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void staticEqualsDynamic_gradients_withSequenceLength(CellKind kind) {
    compare(kind, true, true);
  }

  private void compare(CellKind kind, boolean withLengths, boolean withGradients) {
    Graph g = new Graph();
    g.setSeed(17);
    Ops tf = Ops.create(g);
    RnnCell<?> cell = kind.create(tf);
    Output xs = tf.placeholder(F64, Shape.of(-1, TIME, DEPTH), "xs");
    Output xd = tf.placeholder(F64, Shape.of(-1, -1, DEPTH), "xd");
    Output len = withLengths ? tf.placeholder(DType.INT32, Shape.of(-1), "len") : null;
    Pair p = build(tf, cell, xs, xd, len);
    List<Variable> vars = g.globalVariables();
    assertTrue(vars.size() >= 2, "variables: " + vars);
    List<Output> wrt = new ArrayList<>(vars);
    List<Output> gs = withGradients
        ? Gradients.gradients(List.of(p.lossStatic), withInput(wrt, xs)) : List.of();
    List<Output> gd = withGradients
        ? Gradients.gradients(List.of(p.lossDynamic), withInput(wrt, xd)) : List.of();
    Tensor x = Tensor.of(data(BATCH, TIME));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Session.Runner r = s.runner().feed(xs, x).feed(xd, x);
      if (len != null) {
        r.feed(len, Tensor.of(LENGTHS));
      }
      r.fetch(p.outStatic).fetch(p.outDynamic);
      for (int i = 0; i < p.stateStatic.size(); i++) {
        r.fetch(p.stateStatic.get(i)).fetch(p.stateDynamic.get(i));
      }
      for (int i = 0; i < gs.size(); i++) {
        assertNotNull(gs.get(i), "static gradient " + i);
        assertNotNull(gd.get(i), "dynamic gradient " + i);
        r.fetch(gs.get(i)).fetch(gd.get(i));
      }
      List<Tensor> got = r.run();
      assertEquals(Shape.of(BATCH, TIME, cell.outputSize()), got.get(1).shape());
      for (int i = 0; i < got.size(); i += 2) {
        assertEquals(got.get(i).shape(), got.get(i + 1).shape(), "fetch " + i);
        assertClose(got.get(i).toDoubleArray(), got.get(i + 1), 1e-9, kind + " fetch " + i);
      }
      if (withLengths) {
        // Past its length a sequence outputs zeros: sequence 2 has length 0.
        double[] out = got.get(1).toDoubleArray();
        int per = TIME * cell.outputSize();
        for (int k = 2 * per; k < 3 * per; k++) {
          assertEquals(0.0, out[k], "output of an empty sequence");
        }
      }
    }
  }

  private static List<Output> withInput(List<Output> vars, Output x) {
    List<Output> r = new ArrayList<>(vars);
    r.add(x);
    return r;
  }

  /** Static and dynamic RNNs with one cell, and a scalar loss of each mixing all results. */
  private record Pair(Output outStatic, Output outDynamic, List<Output> stateStatic,
      List<Output> stateDynamic, Output lossStatic, Output lossDynamic) {}

  private <S> Pair build(Ops tf, RnnCell<S> cell, Output xs, Output xd, Output len) {
    StaticRnnResult<S> st = Rnn.staticRnn(tf, cell, tf.unstack(xs, 1), null, len);
    RnnResult<S> dy = Rnn.dynamicRnn(tf, cell, xd, len);
    Output outStatic = tf.stack(st.outputs(), 1);
    List<Output> ss = State.flatten(st.state());
    List<Output> ds = State.flatten(dy.state());
    double[][][] w = new double[BATCH][TIME][];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        w[b][t] = Ref.random(random, cell.outputSize(), 1.0);
      }
    }
    Output wOut = tf.constant(Tensor.of(w));
    Output lossS = tf.reduceSum(tf.mul(outStatic, wOut));
    Output lossD = tf.reduceSum(tf.mul(dy.outputs(), wOut));
    for (int i = 0; i < ss.size(); i++) {
      Output v = tf.constant(Tensor.of(Ref.random(random, BATCH, ss.get(i).shape().dim(1), 1.0)));
      lossS = tf.add(lossS, tf.reduceSum(tf.mul(ss.get(i), v)));
      lossD = tf.add(lossD, tf.reduceSum(tf.mul(ds.get(i), v)));
    }
    return new Pair(outStatic, dy.outputs(), ss, ds, lossS, lossD);
  }

  /**
   * A loss on the final state alone (the notebooks' classifiers): the loop writes no output
   * sequence and makes no time-major copy, and values and gradients, the input's included,
   * still equal staticRnn's.
   */
  @ParameterizedTest
  @EnumSource(CellKind.class)
  void stateOnlyLoss_writesNoOutputs_andMatchesStatic(CellKind kind) {
    Graph g = new Graph();
    g.setSeed(23);
    Ops tf = Ops.create(g);
    RnnCell<?> cell = kind.create(tf);
    Output xs = tf.placeholder(F64, Shape.of(BATCH, TIME, DEPTH), "xs");
    Output xd = tf.placeholder(F64, Shape.of(BATCH, TIME, DEPTH), "xd");
    List<Output> ss = State.flatten(Rnn.staticRnn(tf, cell, tf.unstack(xs, 1), null, null)
        .state());
    RnnResult<?> dy = Rnn.dynamicRnn(tf, cell, xd, null);
    List<Output> ds = State.flatten(dy.state());
    Output lossS = tf.constant(0.0);
    Output lossD = tf.constant(0.0);
    for (int i = 0; i < ss.size(); i++) {
      Output v = tf.constant(Tensor.of(Ref.random(random, BATCH, ss.get(i).shape().dim(1), 1.0)));
      lossS = tf.add(lossS, tf.reduceSum(tf.mul(tf.tanh(ss.get(i)), v)));
      lossD = tf.add(lossD, tf.reduceSum(tf.mul(tf.tanh(ds.get(i)), v)));
    }
    List<Output> wrt = new ArrayList<>(g.globalVariables());
    List<Output> gs = Gradients.gradients(List.of(lossS), withInput(wrt, xs));
    List<Output> gd = Gradients.gradients(List.of(lossD), withInput(wrt, xd));
    assertTrue(g.operations().stream().noneMatch(o -> o.type().typeName().equals("Transpose")
        && o.inputs().contains(xd)), "no time-major copy of the input");
    Tensor x = Tensor.of(data(BATCH, TIME));
    OpProfile profile = new OpProfile();
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.setObserver(profile);
      Session.Runner r = s.runner().feed(xs, x).feed(xd, x).fetch(lossS).fetch(lossD);
      for (int i = 0; i < gs.size(); i++) {
        // A variable only the outputs depend on (an output projection) has no gradient in both.
        assertEquals(gs.get(i) == null, gd.get(i) == null, kind + " gradient " + i);
        if (gs.get(i) != null) {
          r.fetch(gs.get(i)).fetch(gd.get(i));
        }
      }
      List<Tensor> got = r.run();
      for (int i = 0; i < got.size(); i += 2) {
        assertClose(got.get(i).toDoubleArray(), got.get(i + 1), 1e-12, kind + " fetch " + i);
      }
      assertEquals(0, writes(profile), "the unread output sequence is not written");
      profile.reset();
      s.runner().feed(xd, x).fetch(dy.outputs()).run();
      assertEquals(TIME, writes(profile), "a read output sequence is written every step");
    }
  }

  private static long writes(OpProfile p) {
    return p.rows().stream().filter(row -> row.opType().startsWith("TensorArrayWriteV3"))
        .mapToLong(OpProfile.Row::count).sum();
  }

  @Test
  void unknownBatchAndTime_oneGraphServesManyShapes() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicLstmCell cell = new BasicLstmCell(tf, 3);
    Output x = tf.placeholder(F64, Shape.of(-1, -1, DEPTH), "x");
    Output len = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    RnnResult<LstmStateTuple> r = Rnn.dynamicRnn(tf, cell, x, len);
    assertEquals(List.of("rnn/basic_lstm_cell/kernel", "rnn/basic_lstm_cell/bias"),
        g.globalVariables().stream().map(Variable::varName).collect(Collectors.toList()));
    assertEquals(3, r.outputs().shape().dim(2));
    assertEquals(3, r.state().h().shape().dim(1));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = Fixtures.assignMatrix(s, tf, cell.kernel(), random, 0.6);
      double[] b = Fixtures.assignVector(s, tf, cell.bias(), random, 0.6);
      RefCell ref = RefCell.basicLstm(w, b, 1.0);
      for (int[] bt : new int[][] {{1, 1}, {2, 5}, {4, 9}}) {
        int batch = bt[0];
        int time = bt[1];
        double[][][] data = data(batch, time);
        int[] lengths = new int[batch];
        for (int i = 0; i < batch; i++) {
          lengths[i] = (time * (i + 1)) / batch;
        }
        List<Tensor> got = s.runner().feed(x, Tensor.of(data)).feed(len, Tensor.of(lengths))
            .fetch(r.outputs()).fetch(r.state().c()).run();
        double[][][] timeMajor = new double[time][batch][];
        for (int t = 0; t < time; t++) {
          for (int i = 0; i < batch; i++) {
            timeMajor[t][i] = data[i][t];
          }
        }
        RefCell.Run expected = ref.run(timeMajor, lengths);
        assertEquals(Shape.of(batch, time, 3), got.get(0).shape());
        double[] outs = got.get(0).toDoubleArray();
        for (int i = 0; i < batch; i++) {
          for (int t = 0; t < time; t++) {
            for (int k = 0; k < 3; k++) {
              assertEquals(expected.outputs()[t][i][k], outs[(i * time + t) * 3 + k], 1e-12);
            }
          }
          for (int k = 0; k < 3; k++) {
            assertEquals(expected.states()[i][0][k], got.get(1).toDoubleArray()[i * 3 + k],
                1e-12);
          }
        }
      }
    }
  }

  @Test
  void graphSize_doesNotDependOnTheNumberOfSteps() {
    assertEquals(opsFor(3), opsFor(50));
  }

  private int opsFor(int time) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2, time, DEPTH), "x");
    Rnn.dynamicRnn(tf, new GruCell(tf, 4), x, null);
    return g.numOperations();
  }

  @Test
  void timeMajor_matchesBatchMajor() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    GruCell cell = new GruCell(tf, 3);
    Output x = tf.placeholder(F64, Shape.of(BATCH, TIME, DEPTH), "x");
    Output len = tf.constant(LENGTHS);
    RnnResult<Output> bm = Rnn.dynamicRnn(tf, cell, x, len);
    RnnResult<Output> tm = Rnn.dynamicRnn(tf, cell, tf.transpose(x, new int[] {1, 0, 2}), len,
        null, true);
    assertEquals(Shape.of(BATCH, TIME, 3), bm.outputs().shape());
    assertEquals(Shape.of(TIME, BATCH, 3), tm.outputs().shape());
    assertEquals(Shape.of(BATCH, 3), bm.state().shape());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor xv = Tensor.of(data(BATCH, TIME));
      List<Tensor> got = s.runner().feed(x, xv).fetch(bm.outputs())
          .fetch(tf.transpose(tm.outputs(), new int[] {1, 0, 2})).fetch(bm.state())
          .fetch(tm.state()).run();
      assertClose(got.get(0).toDoubleArray(), got.get(1), 0, "outputs");
      assertClose(got.get(2).toDoubleArray(), got.get(3), 0, "state");
    }
  }

  @Test
  void badInputs_throwClearly() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output rank2 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rnn.dynamicRnn(tf, cell, rank2, null));
    assertTrue(e.getMessage().contains("[batch, time, depth]"), e.getMessage());
    Output noDepth = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, -1), "x3");
    assertThrows(IllegalArgumentException.class, () -> Rnn.dynamicRnn(tf, cell, noDepth, null));
  }
}
