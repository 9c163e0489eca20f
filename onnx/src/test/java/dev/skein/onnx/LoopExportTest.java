package dev.skein.onnx;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.control.WhileOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While loops written by hand (not by dynamicRnn) as ONNX Loops. */
class LoopExportTest {
  @TempDir
  Path dir;

  @Test
  void loopWithCapturesAndARunTimeTripCount() throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 3), "x");
    Output n = tf.placeholder(INT32, Shape.scalar(), "n");
    Output w = tf.constant(OrtCheck.random(new Random(1), 0.9, 3, 3));
    // acc <- tanh(acc @ w) + x, n times; the condition reads the captured n.
    List<Output> out = tf.whileLoop(v -> tf.less(v.get(0), n),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.add(tf.tanh(tf.matmul(v.get(1), w)), x)),
        List.of(tf.constant(0), x));
    try (Session sess = new Session(g)) {
      Random r = new Random(2);
      Tensor x0 = OrtCheck.random(r, 1, 2, 3);
      OrtCheck.exportAndCompare(sess, List.of(x, n), List.of(out.get(0), out.get(1)), dir,
          "loop", List.of(List.of(x0, Tensor.scalar(0)), List.of(x0, Tensor.scalar(4)),
              List.of(OrtCheck.random(r, 1, 5, 3), Tensor.scalar(9))));
    }
  }

  @Test
  void maximumIterationsAndAnOutputArray() throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 2), "x");
    Output n = tf.placeholder(INT32, Shape.scalar(), "n");
    TensorArray ta = TensorArrayOps.tensorArray(g, FLOAT32, n, false, Shape.of(-1, 2), "ta");
    // Writes acc at the counter; stops at n or after 3 iterations, whichever comes first.
    List<Output> out = tf.whileLoop(v -> tf.less(v.get(0), n),
        v -> {
          Output acc = tf.sigmoid(tf.sub(v.get(2), tf.constant(0.25f)));
          return List.of(tf.add(v.get(0), tf.constant(1)),
              new TensorArray(v.get(1)).write(v.get(0), acc).value(), acc);
        },
        List.of(tf.constant(0), ta.value(), x), WhileOptions.defaults().withMaximumIterations(3));
    Output stacked = new TensorArray(out.get(1)).stack();
    try (Session sess = new Session(g)) {
      Tensor x0 = OrtCheck.random(new Random(3), 1, 4, 2);
      OrtCheck.exportAndCompare(sess, List.of(x, n), List.of(out.get(2), out.get(0)), dir,
          "max_iter", List.of(List.of(x0, Tensor.scalar(2)), List.of(x0, Tensor.scalar(7))));
      // Stacking needs every element written (n <= 3 here; Skein refuses a partial stack).
      OrtCheck.exportAndCompare(sess, List.of(x, n), List.of(stacked), dir, "max_iter_stack",
          List.of(List.of(x0, Tensor.scalar(3)), List.of(x0, Tensor.scalar(1))));
    }
  }

  @Test
  void writeAtAnotherIndexIsRefused() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(2), "x");
    TensorArray ta = TensorArrayOps.tensorArray(g, FLOAT32, tf.constant(3), false, Shape.of(2),
        "ta");
    List<Output> out = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            new TensorArray(v.get(1)).write(tf.sub(tf.constant(2), v.get(0)), x).value()),
        List.of(tf.constant(0), ta.value()));
    Output stacked = new TensorArray(out.get(1)).stack();
    try (Session sess = new Session(g)) {
      OnnxExportException e = assertThrows(OnnxExportException.class,
          () -> OnnxExporter.toModel(sess, List.of(x), List.of(stacked)));
      assertTrue(e.getMessage().contains("TensorArrayWriteV3 op '")
          && e.getMessage().contains("at the loop counter"), e.getMessage());
    }
  }
}
