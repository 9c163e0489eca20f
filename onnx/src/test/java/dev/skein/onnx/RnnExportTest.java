package dev.skein.onnx;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.onnx.proto.OnnxProto.ModelProto;
import dev.skein.onnx.proto.OnnxProto.NodeProto;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.BidirectionalRnnResult;
import dev.skein.rnn.DropoutWrapper;
import dev.skein.rnn.GruCell;
import dev.skein.rnn.LstmCell;
import dev.skein.rnn.LstmStateTuple;
import dev.skein.rnn.MultiRnnCell;
import dev.skein.rnn.OutputProjectionWrapper;
import dev.skein.rnn.ResidualWrapper;
import dev.skein.rnn.Rnn;
import dev.skein.rnn.RnnCell;
import dev.skein.rnn.RnnResult;
import dev.skein.rnn.State;
import dev.skein.rnn.StaticRnnResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells, stacks and both RNN builders, exported and run in ONNX Runtime on the same feeds as
 * Skein's Session (batch and time unknown in the graph, fed at two sizes).
 */
class RnnExportTest {
  static final int DEPTH = 3;
  static final int UNITS = 4;

  @TempDir
  Path dir;

  /** Every variable gets random values (biases too, so the bias paths are tested). */
  static void randomizeVariables(Session sess, Ops tf, Random r) {
    for (Variable v : tf.graph().globalVariables()) {
      Tensor value = v.dtype() == FLOAT64 ? OrtCheck.random64(r, 0.8, v.shape().dims())
          : OrtCheck.random(r, 0.8, v.shape().dims());
      sess.run(tf.assign(v, tf.constant(value)).op());
    }
  }

  static Tensor lengths(int... l) {
    return Tensor.of(l);
  }

  /**
   * Batch-major inputs [batch, time, depth] with lengths, at two batch sizes and lengths, and
   * (if {@code empty}) sequences of 0 steps, where the ONNX Loop runs zero times.
   */
  static List<List<Tensor>> sequenceFeeds(Random r, boolean withLengths, boolean empty) {
    List<List<Tensor>> sets = new ArrayList<>();
    Tensor x1 = OrtCheck.random(r, 1, 3, 5, DEPTH);
    Tensor x2 = OrtCheck.random(r, 1, 2, 7, DEPTH);
    sets.add(withLengths ? List.of(x1, lengths(5, 2, 0)) : List.of(x1));
    sets.add(withLengths ? List.of(x2, lengths(3, 7)) : List.of(x2));
    if (empty) {
      Tensor x0 = OrtCheck.random(r, 1, 2, 0, DEPTH);
      sets.add(withLengths ? List.of(x0, lengths(0, 0)) : List.of(x0));
    }
    return sets;
  }

  private int loops(ModelProto m) {
    int n = 0;
    for (NodeProto node : m.getGraph().getNodeList()) {
      n += node.getOpType().equals("Loop") ? 1 : 0;
    }
    return n;
  }

  /** dynamicRnn over a cell made by make, with lengths, exported; outputs and final state. */
  private <S> void checkDynamic(String name, Function<Ops, RnnCell<S>> make, boolean lengths,
      boolean timeMajor) throws Exception {
    Graph g = new Graph();
    g.setSeed(7);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, -1, DEPTH), "X");
    Output len = lengths ? tf.placeholder(INT32, Shape.of(-1), "lengths") : null;
    Output in = timeMajor ? tf.transpose(x, new int[] {1, 0, 2}) : x;
    RnnResult<S> res = Rnn.dynamicRnn(tf, make.apply(tf), in, len, null, timeMajor);
    List<Output> fetches = new ArrayList<>();
    fetches.add(res.outputs());
    fetches.addAll(State.flatten(res.state()));
    List<Output> feeds = lengths ? List.of(x, len) : List.of(x);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Random r = new Random(name.hashCode());
      randomizeVariables(sess, tf, r);
      OrtCheck.exportAndCompare(sess, feeds, fetches, dir, name,
          sequenceFeeds(r, lengths, true));
      assertEquals(1, loops(OnnxExporter.toModel(sess, feeds, fetches)),
          "dynamicRnn is one ONNX Loop");
    }
  }

  @Test
  void basicRnnDynamicWithLengths() throws Exception {
    checkDynamic("basic_rnn_dynamic", tf -> new BasicRnnCell(tf, UNITS), true, false);
  }

  @Test
  void basicLstmDynamicWithLengths() throws Exception {
    checkDynamic("basic_lstm_dynamic", tf -> new BasicLstmCell(tf, UNITS), true, false);
  }

  @Test
  void gruDynamicTimeMajor() throws Exception {
    checkDynamic("gru_dynamic", tf -> new GruCell(tf, UNITS), false, true);
  }

  @Test
  void unfusedCellsDynamic() throws Exception {
    // Custom activations build the cells from separate ops (BiasAdd, Split, Relu, ...).
    checkDynamic("relu_rnn_dynamic", tf -> new BasicRnnCell(tf, UNITS, tf::relu), true, false);
    checkDynamic("sigmoid_lstm_dynamic",
        tf -> new BasicLstmCell(tf, UNITS, 0.5, tf::sigmoid), true, false);
    checkDynamic("relu_gru_dynamic", tf -> new GruCell(tf, UNITS, tf::relu), true, false);
  }

  @Test
  void peepholeProjectionLstmAndWrappersDynamic() throws Exception {
    // Notebook 004's cells: LSTMCell with peepholes, clipping and a projection; an output
    // projection (the time-series model) and a residual connection.
    checkDynamic("lstm_cell_dynamic", tf -> new OutputProjectionWrapper<>(new MultiRnnCell(tf,
        List.of(LstmCell.builder(tf, UNITS).usePeepholes(true).cellClip(0.6).numProj(DEPTH)
            .projClip(0.4).build(), new ResidualWrapper<>(new GruCell(tf, DEPTH)))), 2),
        true, false);
  }

  @Test
  void multiRnnCellStackDynamic() throws Exception {
    checkDynamic("multi_dynamic", tf -> new MultiRnnCell(tf, List.of(
        new BasicLstmCell(tf, UNITS), new GruCell(tf, 5), new BasicRnnCell(tf, UNITS))),
        true, false);
  }

  @Test
  void bidirectionalDynamicWithAndWithoutLengths() throws Exception {
    for (boolean lengths : new boolean[] {true, false}) {
      Graph g = new Graph();
      g.setSeed(5);
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(FLOAT32, Shape.of(-1, -1, DEPTH), "X");
      Output len = lengths ? tf.placeholder(INT32, Shape.of(-1), "lengths") : null;
      BidirectionalRnnResult<LstmStateTuple, Output> res = Rnn.bidirectionalDynamicRnn(tf,
          new BasicLstmCell(tf, UNITS), new GruCell(tf, UNITS), x, len);
      List<Output> fetches = new ArrayList<>(res.outputs());
      fetches.addAll(State.flatten(res.stateFw()));
      fetches.add(res.stateBw());
      List<Output> feeds = lengths ? List.of(x, len) : List.of(x);
      try (Session sess = new Session(g)) {
        sess.run(tf.globalVariablesInitializer());
        Random r = new Random(9);
        randomizeVariables(sess, tf, r);
        OrtCheck.exportAndCompare(sess, feeds, fetches, dir, "bidirectional_" + lengths,
            sequenceFeeds(r, lengths, false));
        assertEquals(2, loops(OnnxExporter.toModel(sess, feeds, fetches)), "two Loops");
      }
    }
  }

  @Test
  void float64LstmAndGruStackDynamic() throws Exception {
    Graph g = new Graph();
    g.setSeed(13);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT64, Shape.of(-1, -1, DEPTH), "X");
    Output len = tf.placeholder(INT32, Shape.of(-1), "lengths");
    RnnResult<?> res = Rnn.dynamicRnn(tf, new MultiRnnCell(tf, List.of(
        new BasicLstmCell(tf, UNITS), new GruCell(tf, UNITS))), x, len);
    List<Output> fetches = new ArrayList<>();
    fetches.add(res.outputs());
    fetches.addAll(State.flatten(res.state()));
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Random r = new Random(17);
      randomizeVariables(sess, tf, r);
      OrtCheck.exportAndCompare(sess, List.of(x, len), fetches, dir, "float64", List.of(
          List.of(OrtCheck.random64(r, 1, 3, 5, DEPTH), lengths(5, 2, 0)),
          List.of(OrtCheck.random64(r, 1, 1, 2, DEPTH), lengths(1))));
    }
  }

  @Test
  void dropoutStackWithKeepProbabilityFed() throws Exception {
    // Notebook 004's deep RNN: dropout on each layer's inputs, keep_prob fed (1.0 to evaluate).
    Graph g = new Graph();
    g.setSeed(21);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, -1, DEPTH), "X");
    Output keep = tf.placeholder(FLOAT32, Shape.scalar(), "keep_prob");
    List<RnnCell<Output>> cells = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      cells.add(new DropoutWrapper<>(new BasicRnnCell(tf, UNITS), keep, null, null, null));
    }
    RnnResult<?> res = Rnn.dynamicRnn(tf, new MultiRnnCell(tf, cells), x, null);
    List<Output> feeds = List.of(x, keep);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Random r = new Random(23);
      randomizeVariables(sess, tf, r);
      Tensor x1 = OrtCheck.random(r, 1, 3, 5, DEPTH);
      Path file = OrtCheck.exportAndCompare(sess, feeds, List.of(res.outputs()), dir, "dropout",
          List.of(List.of(x1, Tensor.scalar(1f)),
              List.of(OrtCheck.random(r, 1, 2, 4, DEPTH), Tensor.scalar(1f))));
      // At keep_prob 0.5 the model drops inputs (its own random numbers): outputs change.
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession ort = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
        float[] full = OrtCheck.runOrt(env, ort, feeds, List.of(x1, Tensor.scalar(1f)),
            List.of(res.outputs())).get(0).floats();
        float[] half = OrtCheck.runOrt(env, ort, feeds, List.of(x1, Tensor.scalar(0.5f)),
            List.of(res.outputs())).get(0).floats();
        assertFalse(Arrays.equals(full, half), "dropout is active at keep_prob 0.5");
      }
    }
  }

  @Test
  void oneHotInputsAndAFedInitialState() throws Exception {
    // Notebook 003's model: int inputs one-hot encoded, the initial state a zeros op that is
    // fed with the previous batch's final state (feeding a value that is not a placeholder).
    int batch = 3;
    int classes = 2;
    Graph g = new Graph();
    g.setSeed(31);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(INT32, Shape.of(batch, -1), "input_placeholder");
    Output initState = tf.zeros(Shape.of(batch, UNITS));
    RnnResult<Output> r = Rnn.dynamicRnn(tf, new BasicRnnCell(tf, UNITS),
        tf.oneHot(x, classes), null, initState, false);
    Variable w = tf.variable(tf.zeros(Shape.of(UNITS, classes)), "softmax/W");
    Variable b = tf.variable(tf.zeros(Shape.of(classes)), "softmax/b");
    Output logits = tf.add(tf.matmul(tf.reshape(r.outputs(), new int[] {-1, UNITS}), w), b);
    Output predictions = tf.softmax(tf.reshape(logits, new int[] {batch, -1, classes}));
    List<Output> feeds = List.of(x, initState);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Random rnd = new Random(37);
      randomizeVariables(sess, tf, rnd);
      Tensor x1 = Tensor.of(new int[][] {{0, 1, 1, 0, 1}, {1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}});
      Tensor x2 = Tensor.of(new int[][] {{1, 0}, {0, 0}, {1, 1}});
      OrtCheck.exportAndCompare(sess, feeds, List.of(predictions, r.state()), dir, "onehot",
          List.of(List.of(x1, OrtCheck.random(rnd, 1, batch, UNITS)),
              List.of(x2, OrtCheck.random(rnd, 1, batch, UNITS))));
    }
  }

  /** staticRnn over T unstacked steps of X [batch, T, depth], exported unrolled. */
  private <S> void checkStatic(String name, Function<Ops, RnnCell<S>> make, boolean lengths)
      throws Exception {
    int steps = 4;
    Graph g = new Graph();
    g.setSeed(11);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, steps, DEPTH), "X");
    Output len = lengths ? tf.placeholder(INT32, Shape.of(-1), "lengths") : null;
    List<Output> seq = tf.unstack(tf.transpose(x, new int[] {1, 0, 2}));
    StaticRnnResult<S> res = Rnn.staticRnn(tf, make.apply(tf), seq, null, len);
    List<Output> fetches = new ArrayList<>();
    fetches.add(tf.stack(res.outputs(), 1));
    fetches.addAll(State.flatten(res.state()));
    List<Output> feeds = lengths ? List.of(x, len) : List.of(x);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Random r = new Random(name.hashCode());
      randomizeVariables(sess, tf, r);
      List<List<Tensor>> sets = new ArrayList<>();
      Tensor x1 = OrtCheck.random(r, 1, 3, steps, DEPTH);
      Tensor x2 = OrtCheck.random(r, 1, 1, steps, DEPTH);
      sets.add(lengths ? List.of(x1, lengths(4, 1, 2)) : List.of(x1));
      sets.add(lengths ? List.of(x2, lengths(3)) : List.of(x2));
      OrtCheck.exportAndCompare(sess, feeds, fetches, dir, name, sets);
      assertEquals(0, loops(OnnxExporter.toModel(sess, feeds, fetches)), "unrolled: no Loop");
    }
  }

  @Test
  void basicRnnStatic() throws Exception {
    checkStatic("basic_rnn_static", tf -> new BasicRnnCell(tf, UNITS), false);
  }

  @Test
  void basicLstmStaticWithLengths() throws Exception {
    checkStatic("basic_lstm_static", tf -> new BasicLstmCell(tf, UNITS), true);
  }

  @Test
  void gruStaticWithLengths() throws Exception {
    checkStatic("gru_static", tf -> new GruCell(tf, UNITS), true);
  }

  @Test
  void multiRnnCellStackStatic() throws Exception {
    checkStatic("multi_static", tf -> new MultiRnnCell(tf, List.of(new GruCell(tf, UNITS),
        new BasicLstmCell(tf, 5))), true);
  }

  @Test
  void lstmFinalStateTupleNamesAreGraphOutputs() throws Exception {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, -1, DEPTH), "X");
    LstmStateTuple s = Rnn.dynamicRnn(tf, new BasicLstmCell(tf, UNITS), x, null).state();
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      ModelProto m = OnnxExporter.toModel(sess, List.of(x), List.of(s.c(), s.h()));
      assertEquals("X", m.getGraph().getInput(0).getName());
      assertEquals(List.of(s.c().name(), s.h().name()), List.of(
          m.getGraph().getOutput(0).getName(), m.getGraph().getOutput(1).getName()));
      assertEquals(OnnxExporter.OPSET, m.getOpsetImport(0).getVersion());
    }
  }
}
