package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.WhileOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real whileLoop (core's While op and body graphs) drawn as a cluster holding its body. */
class ControlFlowVizTest {
  @Test
  void toDot_realWhileLoop_showsBodyOpsInsideTheLoopCluster() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3, 2), "X");
    Output w = tf.constant(new float[][] {{1, 0}, {0, 1}});
    try (var s = tf.nameScope("rnn")) {
      TensorArray in = tf.tensorArray(DType.FLOAT32, tf.constant(3), false, Shape.of(-1, 2))
          .unstack(tf.transpose(x, new int[] {1, 0, 2}));
      tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
        try (var cell = tf.nameScope("basic_rnn_cell")) {
          Output h = tf.tanh(tf.add(tf.matmul(v.get(1), w), in.read(v.get(0))));
          return List.of(tf.add(v.get(0), tf.constant(1)), h);
        }
      }, List.of(tf.constant(0), tf.zeros(Shape.of(1, 2))),
          WhileOptions.defaults()
              .withShapeInvariants(null, Shape.of(-1, 2)));
    }
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    int loop = dot.indexOf("label=\"while\"; tooltip=\"rnn/while (");
    int body = dot.indexOf("label=\"body\";");
    assertTrue(loop > 0 && body > loop, dot);
    assertTrue(dot.contains("tooltip=\"rnn/while/body/basic_rnn_cell/MatMul\\n"), dot);
    assertTrue(!dot.contains("rnn/while/body/rnn/while"), "body names are not doubled");
  }
}
