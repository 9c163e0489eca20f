package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.state.StateOps;
import dev.skein.viz.ScopeTree.Group;
import dev.skein.viz.ScopeTree.Node;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Series of numbered siblings, merged scope chains and single-op scopes. */
class TreeShapingTest {
  private static final Shape S = Shape.of(2);

  /** cell, cell_1 .. cell_{n-1} (two ops each), chained. */
  private static Graph cells(int n) {
    Graph g = new Graph();
    Output h = StateOps.placeholder(g, DType.FLOAT32, S, "x");
    for (int t = 0; t < n; t++) {
      try (Graph.Scope s = g.nameScope(t == 0 ? "rnn/cell/" : "rnn/cell_" + t + "/")) {
        h = GraphFixtures.op(g, "Tanh", "Tanh", S, GraphFixtures.op(g, "Mul", "mul", S, h));
      }
    }
    return g;
  }

  private static void checkIds(ScopeTree t) {
    for (int i = 0; i < t.groups.size(); i++) {
      Group g = t.groups.get(i);
      assertEquals(i, g.id);
      for (Group c : g.groups) {
        assertSame(g, c.parent, c.path);
        assertEquals(g.depth + 1, c.depth, c.path);
      }
      for (Node n : g.nodes) {
        assertSame(g, n.parent, n.name);
      }
    }
  }

  @Test
  void numberedScopes_becomeOneSeries_fromFiveOn() {
    ScopeTree t = ScopeTree.of(cells(7));
    checkIds(t);
    Group rnn = t.group("rnn");
    assertEquals(2, rnn.groups.size(), "cell and the series of cell_1..6");
    Group series = t.group("rnn/cell_[1-6]");
    assertTrue(series.series);
    assertSame(rnn, series.parent);
    assertEquals(6, series.groups.size());
    assertEquals(12, series.opCount);
    assertSame(series, t.group("rnn/cell_4").parent, "members keep their paths");
    assertFalse(t.group("rnn/cell").series);
    // Four numbered siblings are not a series.
    ScopeTree small = ScopeTree.of(cells(5));
    assertNull(small.group("rnn/cell_[1-4]"));
    assertEquals(5, small.group("rnn").groups.size());
  }

  @Test
  void numberedOps_ofOneType_becomeASeries_withGapsInTheLabel() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, S, "x");
    for (int i : new int[] {1, 2, 3, 5, 6, 9}) {
      GraphFixtures.op(g, "AddN", "AddN_" + i, S, x);
    }
    for (int i = 1; i <= 6; i++) {
      GraphFixtures.op(g, i % 2 == 0 ? "Mul" : "Add", "op_" + i, S, x);
    }
    ScopeTree t = ScopeTree.of(g);
    checkIds(t);
    Group addN = t.group("AddN_[1-3,5-6,9]");
    assertEquals(6, addN.nodes.size());
    assertTrue(addN.series);
    assertEquals(1, t.root.groups.size(), "op_1..6 mix two types: no series (3 each)");
    assertEquals(7, t.root.nodes.size());
  }

  @Test
  void ranges_areRunsCutAfterFour() {
    assertEquals("1-27", TreeShaping.ranges(new TreeSet<>(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27))));
    assertEquals("0,2,4,6,\u2026,10", TreeShaping.ranges(new TreeSet<>(Set.of(0, 2, 4, 6, 8, 10))));
  }

  @Test
  void chainOfSingleChildScopes_isOneGroup_andEachPathFindsIt() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, S, "x");
    try (Graph.Scope s = g.nameScope("grad/gradients/rnn/while_grad/")) {
      GraphFixtures.op(g, "Mul", "a", S, GraphFixtures.op(g, "Add", "b", S, x));
    }
    ScopeTree t = ScopeTree.of(g);
    checkIds(t);
    Group merged = t.group("grad/gradients/rnn/while_grad");
    assertEquals("grad/gradients/rnn/while_grad", merged.label);
    assertSame(t.root, merged.parent);
    assertEquals(1, merged.depth);
    assertSame(merged, t.group("grad"));
    assertSame(merged, t.group("grad/gradients/rnn"));
    assertEquals(2, t.groups.size(), "the root and the merged group");
  }

  @Test
  void scopeWithOneOp_isThatOp() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, S, "x");
    try (Graph.Scope s = g.nameScope("layer")) {
      Output a = GraphFixtures.op(g, "Add", "a", S, x);
      try (Graph.Scope s2 = g.nameScope("Tanh_grad")) {
        GraphFixtures.op(g, "TanhGrad", "TanhGrad", S, a);
      }
    }
    ScopeTree t = ScopeTree.of(g);
    checkIds(t);
    assertNull(t.group("layer/Tanh_grad"));
    Group layer = t.group("layer");
    assertEquals(2, layer.nodes.size());
    assertEquals("layer/Tanh_grad/TanhGrad", layer.nodes.get(1).name, "the op keeps its name");
  }

  @Test
  void gradientLoopBody_doesNotRepeatTheLoopsPath() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, S, "x");
    Graph cond = new Graph();
    GraphFixtures.op(cond, "Less", "Less", Shape.scalar());
    Graph body = new Graph();
    Output h = StateOps.placeholder(body, DType.FLOAT32, S, "h");
    try (Graph.Scope s = body.nameScope("grad/gradients/rnn/while_grad/while/body/cell/")) {
      GraphFixtures.op(body, "TanhGrad", "TanhGrad", S, GraphFixtures.op(body, "Mul", "Mul", S, h));
    }
    try (Graph.Scope s = g.nameScope("gradients/rnn/while_grad/")) {
      g.addOp(new GraphFixtures.FakeWhile(cond, body, List.of(S)), "while", List.of(x));
    }
    ScopeTree t = ScopeTree.of(g);
    checkIds(t);
    List<String> names = t.nodes.stream().map(n -> n.name).toList();
    assertTrue(names.contains("gradients/rnn/while_grad/while/body/grad/cell/TanhGrad"),
        names.toString());
    assertTrue(names.stream().noneMatch(n -> n.indexOf("while_grad") != n.lastIndexOf(
        "while_grad")), names.toString());
    // The gradient While is drawn in the gradients' colors, the forward style is not used.
    String dot = DotExporter.toDot(g, VizOptions.fullyExpanded());
    assertTrue(dot.contains("[label=\"while\\nWhile\","
        + " tooltip=\"gradients/rnn/while_grad/while\\n"), dot);
    assertTrue(dot.contains(DotStyles.GRADIENT_LOOP), dot);
    assertFalse(dot.contains("shape=doubleoctagon, style=filled,"), dot);
  }
}
