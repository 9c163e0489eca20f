package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.state.StateOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML view's text, checked without a browser (GraphViewBrowserTest clicks it). */
class GraphViewTest {
  private static final String HOSTILE = "</script><script>alert(1)</script>&amp;";

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** Two steps of a basic RNN cell written with core's ops, scoped like tf.nn.static_rnn. */
  private static Graph realOps() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x0 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 5), "X0");
    Output x1 = tf.placeholder(DType.FLOAT32, Shape.of(-1, 5), "X1");
    Variable w = tf.variable(tf.randomNormal(Shape.of(5, 5)), "w");
    Variable b = tf.variable(tf.zeros(Shape.of(1, 5)), "b");
    Output h;
    try (Graph.Scope s = tf.nameScope("rnn/basic_rnn_cell/")) {
      h = tf.tanh(tf.add(tf.matmul(x0, w), b));
    }
    try (Graph.Scope s = tf.nameScope("rnn/basic_rnn_cell_1/")) {
      h = tf.tanh(tf.add(tf.add(tf.matmul(x1, w), tf.sigmoid(h)), b));
    }
    tf.identity(h);
    tf.globalVariablesInitializer();
    return g;
  }

  @Test
  void html_isOneSelfContainedFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("graph.html");
    GraphView.writeHtml(realOps(), file);
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertEquals(2, count(html, "<script"), "the data and the inlined script, nothing loaded");
    assertFalse(html.contains("<link"));
    assertFalse(html.contains(" src="));
    Matcher urls = Pattern.compile("https?://[^\"' )]+").matcher(html);
    while (urls.find()) {
      assertEquals("http://www.w3.org/2000/svg", urls.group(), "only the SVG namespace name");
    }
    assertTrue(html.contains("\"name\":\"rnn/basic_rnn_cell_1/Tanh\""), "ops from core");
    assertTrue(html.contains("\"site\":\"dev.skein.viz.GraphViewTest.realOps(GraphViewTest.java:"),
        "each op's creation line");
    assertTrue(html.contains("<title>graph.html</title>"));
  }

  @Test
  void html_hostileNames_neverBecomeMarkup() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(2), "x");
    StateOps.identity(g, x, HOSTILE);
    String html = GraphView.html(g, "<b>title</b>");
    assertEquals(2, count(html, "<script"));
    assertEquals(2, count(html, "</script>"));
    assertFalse(html.contains("alert(1)</"));
    assertTrue(html.toLowerCase(java.util.Locale.ROOT).contains(
        "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), "JSON escapes");
    assertTrue(html.contains("<title>&lt;b&gt;title&lt;/b&gt;</title>"));
  }

  @Test
  void html_startsCollapsed_unlessThatShowsAlmostNothing() {
    Graph lstm = GraphFixtures.staticLstm(4, 3, 5, 2);
    assertEquals(0, GraphView.initialDepth(ScopeTree.of(lstm)));
    // Everything inside one scope: the first view opens it.
    assertEquals(1, GraphView.initialDepth(ScopeTree.of(GraphFixtures.dynamicRnn(3, 4))));
  }

  @Test
  void realOps_getKindsAndShapes() {
    Graph g = realOps();
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    assertTrue(dot.contains("label=\"basic_rnn_cell_1\";"), dot);
    assertTrue(dot.contains("label=\"Tanh\", tooltip=\"rnn/basic_rnn_cell_1/Tanh\\ntype: Tanh"),
        dot);
    assertTrue(dot.contains("label=\"?x5\""), "edge shapes");
    assertTrue(dot.contains("label=\"5x5\""), "the weight into MatMul");
    assertEquals(OpKind.COMPUTE, OpKind.of(g.operation("rnn/basic_rnn_cell/MatMul")));
    assertEquals(OpKind.COMPUTE, OpKind.of(g.operation("rnn/basic_rnn_cell_1/Tanh")));
    assertEquals(OpKind.VARIABLE, OpKind.of(g.operation("w")));
  }
}
