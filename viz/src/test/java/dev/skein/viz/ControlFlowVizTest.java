package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.WhileOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real whileLoop (core's While op and body graphs) drawn as a cluster holding its body. */
class ControlFlowVizTest {
  /** A loop over 3 steps whose body reads the outer constant {@code w} (a capture). */
  static Graph loop() {
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
    return g;
  }

  @Test
  void capturedValue_knowsTheOuterOpItStandsFor() {
    Graph g = loop();
    ScopeTree t = ScopeTree.of(g);
    Operation w = g.operation("Const");
    ScopeTree.Node captured = null;
    for (ScopeTree.Node n : t.nodes) {
      if (n.capturedFrom != null && n.capturedFrom.op == w) {
        captured = n;
      }
    }
    assertTrue(captured != null, "the body's placeholder for w");
    assertEquals("Placeholder", captured.op.type().typeName());
    assertTrue(captured.name.startsWith("rnn/while/body/"), captured.name);
    String html = GraphView.html(g, "loop");
    assertTrue(html.contains("\"from\":" + captured.capturedFrom.id + "}"), "in the page data");
  }

  @Test
  void toDot_realWhileLoop_showsBodyOpsInsideTheLoopCluster() {
    Graph g = loop();
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    int loop = dot.indexOf("label=\"while\"; tooltip=\"rnn/while (");
    int body = dot.indexOf("label=\"body\";");
    assertTrue(loop > 0 && body > loop, dot);
    assertTrue(dot.contains("tooltip=\"rnn/while/body/basic_rnn_cell/MatMul\\n"), dot);
    assertTrue(!dot.contains("rnn/while/body/rnn/while"), "body names are not doubled");
  }
}
