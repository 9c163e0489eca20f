package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.state.StateOps;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DotExporterTest {
  /** x(?,3) -> outer/inner/{MatMul, MatMul_1} -> outer/add -> y. */
  private static Graph nested() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, 3), "x");
    Output sum;
    try (Graph.Scope o = g.nameScope("outer")) {
      Output a;
      Output b;
      try (Graph.Scope i = g.nameScope("inner")) {
        a = GraphFixtures.op(g, "MatMul", "MatMul", Shape.of(-1, 5), x);
        b = GraphFixtures.op(g, "MatMul", "MatMul_1", Shape.of(-1, 5), x);
      }
      sum = GraphFixtures.op(g, "Add", "add", Shape.of(-1, 5), a, b);
    }
    StateOps.identity(g, sum, "y");
    return g;
  }

  /** The DOT id of the node whose tooltip starts with this op name. */
  private static String nodeId(String dot, String opName) {
    Matcher m = Pattern.compile("(n\\d+) \\[label=[^\\n]*tooltip=\"" + Pattern.quote(opName)
        + "\\\\n").matcher(dot);
    assertTrue(m.find(), "no node for " + opName + " in\n" + dot);
    return m.group(1);
  }

  private static String boxId(String dot, String scope) {
    Matcher m = Pattern.compile("(g\\d+) \\[label=[^\\n]*tooltip=\"" + Pattern.quote(scope)
        + "\\\\n").matcher(dot);
    assertTrue(m.find(), "no box for " + scope + " in\n" + dot);
    return m.group(1);
  }

  private static String edge(String dot, String from, String to) {
    Matcher m = Pattern.compile("  " + from + " -> " + to + " \\[([^\\n]*)\\];").matcher(dot);
    assertTrue(m.find(), "no edge " + from + " -> " + to + " in\n" + dot);
    return m.group(1);
  }

  @Test
  void toDot_scopes_areNestedClusters() {
    String dot = DotExporter.toDot(nested(), VizOptions.fullyExpanded());
    int outer = dot.indexOf("label=\"outer\";");
    int inner = dot.indexOf("label=\"inner\";");
    int matmul = dot.indexOf("tooltip=\"outer/inner/MatMul\\n");
    int add = dot.indexOf("tooltip=\"outer/add\\n");
    assertTrue(outer > 0 && outer < inner && inner < matmul, dot);
    // inner's cluster closes before outer/add, which is still inside outer's.
    String between = dot.substring(matmul, add);
    assertEquals(1, between.split("\n  +}\n", -1).length - 1, between);
    assertTrue(dot.substring(add).indexOf("\n  }\n") > 0);
    assertTrue(dot.startsWith("digraph skein {"));
  }

  @Test
  void toDot_edges_areLabelledWithStaticShapes() {
    String dot = DotExporter.toDot(nested(), VizOptions.fullyExpanded());
    String x = nodeId(dot, "x");
    String mm = nodeId(dot, "outer/inner/MatMul");
    assertTrue(edge(dot, x, mm).contains("label=\"?x3\""));
    assertTrue(edge(dot, nodeId(dot, "outer/add"), nodeId(dot, "y")).contains("label=\"?x5\""));
  }

  @Test
  void toDot_collapsedScope_isOneBoxWithOpCount_andEdgesMergedWithCount() {
    String dot = DotExporter.toDot(nested(), VizOptions.defaults().withDepth(1));
    String inner = boxId(dot, "outer/inner");
    assertTrue(dot.contains(inner + " [label=\"inner\\n2 ops\""), dot);
    assertFalse(dot.contains("tooltip=\"outer/inner/MatMul\\n"));
    // x feeds both MatMuls: one edge into the box, counting two tensors of one shape.
    assertTrue(edge(dot, nodeId(dot, "x"), inner).contains("label=\"?x3 \u00d72\""));
    assertTrue(edge(dot, inner, nodeId(dot, "outer/add")).contains("label=\"?x5 \u00d72\""));

    String top = DotExporter.toDot(nested(), VizOptions.defaults().withDepth(0));
    assertTrue(top.contains("[label=\"outer\\n3 ops\""), top);
  }

  @Test
  void toDot_expandAndCollapseLists_overrideDepth() {
    String dot = DotExporter.toDot(nested(),
        VizOptions.defaults().withDepth(0).expanding("outer/inner"));
    assertTrue(dot.contains("tooltip=\"outer/inner/MatMul\\n"), "expanded with its parent");
    String closed = DotExporter.toDot(nested(),
        VizOptions.fullyExpanded().collapsing("outer/inner"));
    assertTrue(closed.contains("[label=\"inner\\n2 ops\""), closed);
  }

  @Test
  void toDot_hostileNames_areEscaped() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(2), "x");
    String name = "a\"b\\c&d\n\"><script>alert(1)";
    StateOps.identity(g, x, name);
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    assertTrue(dot.contains("label=\"a\\\"b\\\\c&amp;d\\n\\\"><script>alert(1)\\nIdentity\""),
        dot);
    // No quote that is not escaped inside a label: every label string still parses.
    for (String line : dot.split("\n")) {
      int quotes = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == '\\') {
          i++;
        } else if (line.charAt(i) == '"') {
          quotes++;
        }
      }
      assertEquals(0, quotes % 2, line);
    }
    assertEquals("\"a&amp;b\"", DotExporter.quote("a&b"));
    assertEquals("\"tab\"", DotExporter.quote("t\u0001ab"));
  }

  @Test
  void toDot_constants_smallShowValue_largeShowShapeOnly() {
    Graph g = new Graph();
    StateOps.constant(g, Tensor.scalar(0.5f), "lr");
    StateOps.constant(g, Tensor.of(new int[] {1, 2, 3}), "axes");
    StateOps.constant(g, Tensor.zeros(DType.FLOAT32, Shape.of(100, 300)), "table");
    String dot = DotExporter.toDot(g);
    assertTrue(dot.contains("label=\"lr\\n= 0.5\""), dot);
    assertTrue(dot.contains("label=\"axes\\n= [1, 2, 3]\""), dot);
    assertTrue(dot.contains("label=\"table\\n100x300\""), dot);
    assertFalse(dot.contains("0, 0, 0"), "30,000 zeros are not printed");
  }

  @Test
  void toDot_int64Constant_showsItsExactValues() {
    Graph g = new Graph();
    StateOps.constant(g, Tensor.of(new long[] {-5_000_000_000L, Long.MAX_VALUE}), "big");
    StateOps.constant(g, Tensor.scalar(0L), "global_step/Initializer/zeros");
    String dot = DotExporter.toDot(g);
    assertTrue(dot.contains("label=\"big\\n= [-5000000000, 9223372036854775807]\""), dot);
    assertTrue(dot.contains("\\n= 0\""), dot);
  }

  @Test
  void toDot_variable_isDrawnWithItsScope_asAVariableBox() {
    Graph g = new Graph();
    Output w = StateOps.variable(g, StateOps.constant(g, Tensor.scalar(1f), "one"), "W");
    StateOps.identity(g, w, "read_w");
    String collapsed = DotExporter.toDot(g, VizOptions.defaults().withDepth(0));
    String box = boxId(collapsed, "W");
    assertTrue(collapsed.contains(box + " [label=\"W\\n2 ops\""), collapsed);
    assertTrue(collapsed.contains("fillcolor=\"#bbf7d0\""), "styled as a variable");
    String open = DotExporter.toDot(g, VizOptions.fullyExpanded());
    assertTrue(open.contains("label=\"W\"; tooltip=\"W (2 ops)\""), "the W cluster holds W");
    String var = nodeId(open, "W");
    String assign = nodeId(open, "W/Assign");
    assertTrue(edge(open, var, assign).contains("color=\"#f97316\""), "assign names its variable");
  }

  @Test
  void toDot_gradients_areSetApart() {
    Graph g = GraphFixtures.staticLstm(2, 3, 4, 2);
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    int grad = dot.indexOf("label=\"gradients\";");
    assertTrue(grad > 0);
    assertTrue(dot.substring(grad, dot.indexOf('\n', grad + 30) + 80)
        .contains("style=\"rounded,filled,dashed\""), "a dashed, pale cluster");
    String sigmoidGrad = nodeId(dot, "gradients/rnn/basic_lstm_cell_1/Sigmoid_grad/SigmoidGrad");
    assertTrue(dot.contains(sigmoidGrad + " [label=\"SigmoidGrad\", tooltip="), dot);
    assertTrue(dot.contains("fillcolor=\"#faf5ff\""));
    // Forward values read by gradient ops arrive through a few scope-to-scope edges that do not
    // shape the layout, not one edge per value.
    Matcher m = Pattern.compile("-> \\w+ \\[color=\"#e2d5f0\"[^\\n]*constraint=false[^\\n]*"
        + "lhead=cluster_g\\d+").matcher(dot);
    int lifted = 0;
    while (m.find()) {
      lifted++;
    }
    assertTrue(lifted > 0 && lifted < 12, "lifted edges: " + lifted);
    assertFalse(Pattern.compile("-> " + sigmoidGrad + " \\[color=\"#e2d5f0\"").matcher(dot)
        .find());
  }

  @Test
  void toDot_whileOp_isAClusterHoldingCondAndBody() {
    Graph g = GraphFixtures.dynamicRnn(3, 4);
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    int loop = dot.indexOf("label=\"while\"; tooltip=\"rnn/while (");
    int cond = dot.indexOf("label=\"cond\";");
    int body = dot.indexOf("label=\"body\";");
    assertTrue(loop > 0 && cond > loop && body > loop, dot);
    assertTrue(dot.contains("tooltip=\"rnn/while/body/basic_rnn_cell/MatMul\\n"));
    assertTrue(dot.contains("shape=doubleoctagon"), "the While op itself");
    String closed = DotExporter.toDot(g, VizOptions.defaults().withDepth(1));
    assertTrue(closed.contains("[label=\"while\\n17 ops\""), closed);
    assertTrue(closed.contains("peripheries=2"), "a loop box");
  }

  @Test
  void defaultCollapse_unrolledLstm_stacksTheStepsIntoOneSeriesBox() {
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    assertTrue(g.numOperations() > 2000, "ops: " + g.numOperations());
    DotExporter.Dot dot = DotExporter.export(g, VizOptions.defaults());
    assertTrue(dot.visibleItems() <= VizOptions.DEFAULT_NODE_BUDGET, "" + dot.visibleItems());
    // Steps 1..27 (17 ops each) are one stacked box; step 0 (holding the variables) stays.
    assertTrue(dot.text().contains("[label=\"basic_lstm_cell_[1-27]\\n27 \u00d7 scope, "
        + (27 * 17) + " ops\""), dot.text());
    assertTrue(dot.text().contains("shape=box3d"), "a series is drawn stacked");
    assertFalse(dot.text().contains("label=\"basic_lstm_cell_5\""), "steps stay inside");
    assertTrue(dot.text().contains("label=\"basic_lstm_cell\";"), "step 0 is its own scope");
    // The gradients' numbered sums are a series of ops of one type.
    assertTrue(dot.text().contains("[label=\"AddN_[1-28]\\n28 \u00d7 AddN, 28 ops\""));
    assertTrue(dot.text().contains("label=\"GradientDescent\";"));
    // Opening the series by name draws its 27 steps.
    String open = DotExporter.toDot(g, VizOptions.defaults().withDepth(1)
        .expanding("rnn/basic_lstm_cell_[1-27]"));
    for (int t = 1; t < 28; t++) {
      assertTrue(open.contains("[label=\"basic_lstm_cell_" + t + "\\n17 ops\""), "" + t);
    }
  }

  @Test
  void initNoOp_isSetAside_itsEdgesDoNotRankTheLayout() {
    Graph g = new Graph();
    dev.skein.core.ops.Ops tf = dev.skein.core.ops.Ops.create(g);
    Output x = tf.placeholder(dev.skein.core.DType.FLOAT32, Shape.of(-1, 3), "x");
    Output h = x;
    for (String name : new String[] {"a", "b", "c"}) {
      h = tf.matmul(h, tf.variable(tf.zeros(Shape.of(3, 3)), name));
    }
    tf.identity(h);
    dev.skein.core.Operation init = tf.globalVariablesInitializer();
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    String initId = null;
    for (String line : dot.split("\n")) {
      if (line.contains("tooltip=\"" + init.name() + "\\n")) {
        initId = line.trim().substring(0, line.trim().indexOf(' '));
      }
    }
    assertTrue(initId != null, dot);
    int aside = 0;
    for (String line : dot.split("\n")) {
      if (!line.contains(" -> ")) {
        continue;
      }
      boolean touchesInit = line.contains(" -> " + initId + " ")
          || line.trim().startsWith(initId + " ");
      assertEquals(touchesInit, line.contains("constraint=false"), line);
      aside += touchesInit ? 1 : 0;
    }
    assertEquals(3, aside, "init runs the three variables' assigns: " + dot);
  }
}
