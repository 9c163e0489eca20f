package dev.skein.onnx;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebook 002's sequence classifier (28 rows of 28 pixels, 150 units, a dense layer to 10
 * logits), built as the examples build it, trained a few Adam steps, then exported with its
 * logits, softmax and argmax prediction; the training ops stay out of the file.
 */
class ClassifierExportTest {
  static final int STEPS = 28;
  static final int INPUTS = 28;
  static final int NEURONS = 150;
  static final int OUTPUTS = 10;

  @TempDir
  Path dir;

  record Model(Graph graph, Ops tf, Output x, Output y, Output logits, Operation train) {}

  static Model build(boolean lstm, boolean unrolled) {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, STEPS, INPUTS), "X");
    Output y = tf.placeholder(INT32, Shape.of(-1), "y");
    List<Output> rows = unrolled ? tf.unstack(tf.transpose(x, new int[] {1, 0, 2})) : null;
    Output states;
    if (lstm) {
      BasicLstmCell cell = new BasicLstmCell(tf, NEURONS);
      states = unrolled ? Rnn.staticRnn(tf, cell, rows).state().h()
          : Rnn.dynamicRnn(tf, cell, x, null).state().h();
    } else {
      BasicRnnCell cell = new BasicRnnCell(tf, NEURONS);
      states = unrolled ? Rnn.staticRnn(tf, cell, rows).state()
          : Rnn.dynamicRnn(tf, cell, x, null).state();
    }
    Output logits = Layers.dense(tf, states, OUTPUTS);
    Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    Operation train = new AdamOptimizer(tf, 0.001).minimize(loss);
    return new Model(g, tf, x, y, logits, train);
  }

  static Tensor labels(Random r, int n) {
    int[] l = new int[n];
    for (int k = 0; k < n; k++) {
      l[k] = r.nextInt(OUTPUTS);
    }
    return Tensor.of(l);
  }

  private void check(String name, boolean lstm, boolean unrolled) throws Exception {
    Model m = build(lstm, unrolled);
    Ops tf = m.tf();
    Output softmax = tf.softmax(m.logits());
    Output prediction = tf.argMax(m.logits(), 1);
    Random r = new Random(2);
    try (Session sess = new Session(m.graph())) {
      sess.run(tf.globalVariablesInitializer());
      for (int step = 0; step < 3; step++) {
        sess.runner().feed(m.x(), OrtCheck.random(r, 1, 20, STEPS, INPUTS))
            .feed(m.y(), labels(r, 20)).addTarget(m.train()).run();
      }
      List<List<Tensor>> sets = new ArrayList<>();
      sets.add(List.of(OrtCheck.random(r, 1, 7, STEPS, INPUTS)));
      sets.add(List.of(OrtCheck.random(r, 1, 1, STEPS, INPUTS)));
      List<Output> fetches = List.of(m.logits(), softmax, prediction);
      Path file = OrtCheck.exportAndCompare(sess, List.of(m.x()), fetches, dir, name, sets);
      try (OrtSession ort = OrtEnvironment.getEnvironment().createSession(file.toString(),
          new OrtSession.SessionOptions())) {
        assertEquals(List.of("X"), List.copyOf(ort.getInputNames()));
        assertEquals(3, ort.getNumOutputs());
      }
    }
  }

  @Test
  void basicRnnClassifierDynamic() throws Exception {
    check("classifier_rnn", false, false);
  }

  @Test
  void lstmClassifierDynamic() throws Exception {
    check("classifier_lstm", true, false);
  }

  @Test
  void basicRnnClassifierUnrolled() throws Exception {
    check("classifier_rnn_static", false, true);
  }

  @Test
  void exportReadsTheTrainedValues() throws Exception {
    // Two exports around a training step differ, and each matches its own session state.
    Model m = build(false, false);
    Random r = new Random(5);
    try (Session sess = new Session(m.graph())) {
      sess.run(m.tf().globalVariablesInitializer());
      byte[] before = OnnxExporter.toBytes(sess, List.of(m.x()), List.of(m.logits()));
      sess.runner().feed(m.x(), OrtCheck.random(r, 1, 20, STEPS, INPUTS))
          .feed(m.y(), labels(r, 20)).addTarget(m.train()).run();
      byte[] after = OnnxExporter.toBytes(sess, List.of(m.x()), List.of(m.logits()));
      assertTrue(!java.util.Arrays.equals(before, after), "trained weights are exported");
      byte[] again = OnnxExporter.toBytes(sess, List.of(m.x()), List.of(m.logits()));
      assertTrue(java.util.Arrays.equals(after, again), "export is deterministic");
    }
  }
}
