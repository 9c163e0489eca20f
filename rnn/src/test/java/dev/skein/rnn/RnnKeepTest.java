package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientDescentOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.NumericsException;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.GraphFormat;
import dev.skein.core.io.Npz;
import dev.skein.core.io.Saver;
import dev.skein.core.ops.Ops;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LSTM trained with dynamicRnn, kept: a NaN planted in step 7 is reported as iteration 7 of
 * the rnn loop; its graph survives a graph file and trains the same (a GRU's too, with its
 * fused ops); its variables checkpoint under TensorFlow's names.
 */
class RnnKeepTest {
  private static final int BATCH = 2;
  private static final int TIME = 10;
  private static final int DEPTH = 3;

  @TempDir
  Path dir;

  private static final class Model {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    // Time-major, so step t's inputs first enter an op inside the loop, in iteration t (a
    // batch-major input would show its NaN at the transpose before the loop).
    final Output x = tf.placeholder(DType.FLOAT32, Shape.of(TIME, -1, DEPTH), "x");
    final Output y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1), "y");
    final Output prediction;
    final Output loss;
    final Operation train;
    final Operation init;

    Model() {
      this(false);
    }

    /** With {@code gru}, a GruCell (its fused GRUResetGate and GRUUpdate ops) instead. */
    Model(boolean gru) {
      g.setSeed(11);
      Output last;
      if (gru) {
        last = Rnn.dynamicRnn(tf, new GruCell(tf, 4), x, null, null, true).state();
      } else {
        RnnResult<LstmStateTuple> r = Rnn.dynamicRnn(tf, new BasicLstmCell(tf, 4), x, null,
            null, true);
        last = r.state().h();
      }
      prediction = Layers.dense(tf, last, 1);
      loss = Losses.meanSquaredError(tf, y, prediction);
      train = new GradientDescentOptimizer(tf, 0.1).minimize(loss);
      init = tf.globalVariablesInitializer();
    }
  }

  private static Tensor inputs(int nanAtStep) {
    float[] v = new float[BATCH * TIME * DEPTH];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(0.7 * i);
    }
    if (nanAtStep >= 0) {
      v[(nanAtStep * BATCH + 1) * DEPTH + 1] = Float.NaN; // step nanAtStep, batch row 1
    }
    return Tensor.create(Shape.of(TIME, BATCH, DEPTH), v);
  }

  private static final Tensor TARGETS = Tensor.of(new float[][] {{0.5f}, {-0.25f}});

  @Test
  void nanAtStep7_isReportedAsIteration7OfTheRnnLoop() {
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      Tensor bad = inputs(7);
      NumericsException e = assertThrows(NumericsException.class,
          () -> s.runner().checkNumerics(true).feed(m.x, bad).feed(m.y, TARGETS)
              .fetch(m.prediction).run());
      assertEquals(7, e.iteration(), e.getMessage());
      assertEquals("rnn/while", e.loopFrames().get(0).loop(), e.getMessage());
      assertFalse(e.inGradient());
      assertTrue(e.opName().startsWith("rnn/while/body/"), e.getMessage());
      assertTrue(e.getMessage().contains("in iteration 7 of loop 'rnn/while'"), e.getMessage());
      // Training on it: the NaN is met in the forward pass first, at the same step.
      NumericsException t = assertThrows(NumericsException.class,
          () -> s.runner().checkNumerics(true).feed(m.x, bad).feed(m.y, TARGETS)
              .addTarget(m.train).run());
      assertEquals(7, t.iteration(), t.getMessage());
      // Clean data passes the checks.
      s.runner().checkNumerics(true).feed(m.x, inputs(-1)).feed(m.y, TARGETS)
          .addTarget(m.train).run();
    }
  }

  @Test
  void lstmGraph_roundTripsThroughAGraphFile_andTrainsTheSame() {
    Model m = new Model();
    String text = GraphFormat.standard().toText(m.g);
    Graph back = GraphFormat.standard().fromText(text);
    assertEquals(text, GraphFormat.standard().toText(back));
    assertArrayEquals(trainAndPredict(m.g), trainAndPredict(back));
  }

  @Test
  void gruGraph_roundTripsThroughAGraphFile_andTrainsTheSame() {
    Model m = new Model(true);
    String text = GraphFormat.standard().toText(m.g);
    assertTrue(text.contains("GRUResetGate") && text.contains("GRUUpdateGrad"), "fused GRU ops");
    Graph back = GraphFormat.standard().fromText(text);
    assertEquals(text, GraphFormat.standard().toText(back));
    assertArrayEquals(trainAndPredict(m.g), trainAndPredict(back));
  }

  private static float[] trainAndPredict(Graph g) {
    Output x = g.operation("x").output(0);
    Output y = g.operation("y").output(0);
    Operation train = null;
    for (Operation op : g.operations()) {
      if (op.name().startsWith("GradientDescent") && op.numOutputs() == 0) {
        train = op;
      }
    }
    Output loss = g.operation("mean_squared_error/value") != null
        ? g.operation("mean_squared_error/value").output(0) : null;
    try (Session s = new Session(g)) {
      s.run(g.operation("init"));
      for (int i = 0; i < 3; i++) {
        s.runner().feed(x, inputs(-1)).feed(y, TARGETS).addTarget(train).run();
      }
      float[] out = new float[0];
      for (Variable v : g.globalVariables()) {
        float[] a = s.run(v).floats();
        float[] c = java.util.Arrays.copyOf(out, out.length + a.length);
        System.arraycopy(a, 0, c, out.length, a.length);
        out = c;
      }
      if (loss != null) {
        out = java.util.Arrays.copyOf(out, out.length + 1);
        out[out.length - 1] = s.runner().feed(x, inputs(-1)).feed(y, TARGETS).fetch(loss).run()
            .get(0).floatValue();
      }
      return out;
    }
  }

  @Test
  void lstmCheckpoint_usesTensorFlowNames_andRestoresIntoAFreshGraph() {
    Model m = new Model();
    String path;
    Tensor before;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      s.runner().feed(m.x, inputs(-1)).feed(m.y, TARGETS).addTarget(m.train).run();
      path = new Saver(m.g).save(s, dir.resolve("lstm").toString(), 1);
      before = s.runner().feed(m.x, inputs(-1)).fetch(m.prediction).run().get(0);
    }
    Map<String, Tensor> saved = Npz.read(Path.of(path));
    assertEquals(Shape.of(DEPTH + 4, 16), saved.get("rnn/basic_lstm_cell/kernel").shape());
    assertEquals(Shape.of(16), saved.get("rnn/basic_lstm_cell/bias").shape());
    Model fresh = new Model();
    try (Session s = new Session(fresh.g)) {
      new Saver(fresh.g).restore(s, path);
      assertEquals(before, s.runner().feed(fresh.x, inputs(-1)).fetch(fresh.prediction).run()
          .get(0));
    }
  }
}
