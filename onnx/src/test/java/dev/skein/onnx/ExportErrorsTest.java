package dev.skein.onnx;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cannot be exported fails with the op's name and type and what is supported. */
class ExportErrorsTest {
  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "message should mention '" + p + "':\n" + message);
    }
  }

  @Test
  void unsupportedOpIsNamed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output logits = tf.placeholder(FLOAT32, Shape.of(-1, 3), "logits");
    Output labels = tf.placeholder(INT32, Shape.of(-1), "labels");
    Output loss;
    try (var s = tf.nameScope("loss")) {
      loss = tf.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
    }
    try (Session sess = new Session(g)) {
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(logits, labels), List.of(loss)));
      assertMentions(e.getMessage(), "SparseSoftmaxCrossEntropyWithLogits op 'loss/",
          "created at", "ExportErrorsTest", "Supported op types", "LSTMGates",
          "While (as ONNX Loop)");
    }
  }

  @Test
  void gradientGraphIsRefused() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, -1, 3), "x");
    Output state = Rnn.dynamicRnn(tf, new BasicRnnCell(tf, 4), x, null).state();
    Output dx = Gradients.gradients(List.of(tf.reduceSum(state)), List.of(x)).get(0);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of(dx)));
      assertMentions(e.getMessage(), "cannot export", "op 'gradients/");
    }
  }

  @Test
  void unfedPlaceholderIsNamed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 3), "x");
    Output y = tf.placeholder(FLOAT32, Shape.of(-1, 3), "y");
    Output sum = tf.add(x, y);
    try (Session sess = new Session(g)) {
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of(sum)));
      assertMentions(e.getMessage(), "placeholder 'y'", "not among the feeds");
    }
  }

  @Test
  void uninitializedVariableIsNamed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 3), "x");
    Output w = tf.variable(tf.zeros(Shape.of(3, 2)), "W");
    Output y = tf.matmul(x, w);
    try (Session sess = new Session(g)) {
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of(y)));
      assertMentions(e.getMessage(), "variable 'W'", "initialized");
    }
  }

  @Test
  void duplicateFetchAndEmptyFetches() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(2), "x");
    Output y = tf.tanh(x);
    try (Session sess = new Session(g)) {
      assertMentions(assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of(y, y))).getMessage(),
          "listed twice");
      assertMentions(assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of())).getMessage(), "empty");
    }
  }
}
