package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * whileLoop bodies: op names and subgraphs, variables created inside a body, run-time errors,
 * per-iteration exports and stateful ops. Values, nesting, limits, captures and shape
 * invariants are in ControlOpsTest.
 */
class WhileLoopBodyTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private static Tensor run(Graph g, Output fetch, Output feed, Tensor value) {
    try (Session s = new Session(g)) {
      return s.runner().feed(feed, value).fetch(fetch).run().get(0);
    }
  }

  @Test
  void bodyOps_areNamedInsideTheLoopScope_andExposedAsSubgraphs() {
    List<Output> r;
    try (var s = tf.nameScope("rnn")) {
      r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
          v -> List.of(tf.add(v.get(0), tf.constant(1), "step")), List.of(tf.constant(0)));
    }
    Operation op = r.get(0).op();
    assertEquals("rnn/while", op.name());
    assertEquals(List.of("cond", "body"), List.copyOf(op.type().subgraphs().keySet()));
    Graph body = op.type().subgraphs().get("body");
    assertSame(g, body.parent());
    assertTrue(body.operation("rnn/while/body/step") != null, body.operations().toString());
    assertTrue(body.operation("rnn/while/body/arg0") != null);
    // The loop's scope is not left open and a second loop gets its own scope.
    Output after = tf.constant(0, "after");
    assertEquals("after", after.op().name());
    List<Output> r2 = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> v,
        List.of(tf.constant(0)));
    assertEquals("while", r2.get(0).op().name());
  }

  @Test
  void variableCreatedInsideBody_isLiftedToTheTopLevelGraph() {
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3f)), v -> {
      Variable step;
      try (Graph.Scope s = g.initScope()) {
        step = tf.variable(tf.constant(2f), "step");
      }
      return List.of(tf.add(v.get(0), step));
    }, List.of(tf.constant(0f)));
    Variable step = g.globalVariables().get(0);
    assertSame(g, step.graph());
    assertSame(g, step.initialValue().graph());
    assertEquals("step", step.varName());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(4f, s.run(r.get(0)).floatValue());
    }
  }

  @Test
  void variableCreatedInsideBody_isNamedWithTheUserScopeWithoutTheLoopScopes() {
    Variable[] kernel = new Variable[1];
    try (var rnn = tf.nameScope("rnn")) {
      tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3f)), v -> {
        try (var cell = tf.nameScope("basic_rnn_cell")) {
          assertEquals("rnn/while/body/basic_rnn_cell", g.currentScope());
          assertEquals("rnn/basic_rnn_cell", g.userScope());
          try (Graph.Scope s = g.initScope()) {
            kernel[0] = tf.variable(tf.constant(2f), "kernel");
          }
          return List.of(tf.add(v.get(0), kernel[0], "step"));
        }
      }, List.of(tf.constant(0f)));
    }
    assertEquals("rnn/basic_rnn_cell/kernel", kernel[0].varName());
    assertEquals("rnn/basic_rnn_cell/kernel/Assign", kernel[0].initializer().name());
    assertEquals("", g.currentScope());
  }

  @Test
  void variableWithInitialValueBuiltInsideBody_isRefusedWithAHint() {
    OpException e = assertThrows(OpException.class,
        () -> tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3f)), v -> {
          Variable step = tf.variable(tf.constant(2f), "step");
          return List.of(tf.add(v.get(0), step));
        }, List.of(tf.constant(0f))));
    assertTrue(e.getMessage().contains("was created inside a control-flow body (while/body)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Graph.initScope"), e.getMessage());
    assertTrue(e.getMessage().contains("WhileLoopBodyTest.java"), e.getMessage());
  }

  @Test
  void runTimeErrorInBody_namesBodyOpAndUserLine() {
    Output idx = tf.placeholder(DType.INT32, Shape.scalar(), "idx");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.add(v.get(1), tf.gather(tf.constant(new float[] {1, 2}), idx))),
        List.of(tf.constant(0), tf.constant(0f)));
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(idx, Tensor.scalar(5)).fetch(r.get(1)).run());
      assertTrue(e.getMessage().contains("while/body/"), e.getMessage());
      assertTrue(e.getMessage().contains("WhileLoopBodyTest.java"), e.getMessage());
    }
  }

  @Test
  void exports_givePerIterationValuesOnlyWhenRead() {
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(4)),
        v -> List.of(tf.add(v.get(0), tf.constant(1), "next")), List.of(tf.constant(0)));
    Operation op = r.get(0).op();
    ControlOps.While w = (ControlOps.While) op.type();
    int j = -1;
    for (int k = 0; k < w.body().exportable().size(); k++) {
      if (w.body().exportable().get(k).op().name().equals("while/body/next")) {
        j = k;
      }
    }
    Output saved = op.output(w.exportOutput(j));
    assertEquals(Shape.of(-1), saved.shape());
    try (Session s = new Session(g)) {
      assertArrayEquals(new int[] {1, 2, 3, 4}, s.run(saved).ints());
      assertEquals(4, s.run(r.get(0)).intValue());
    }
  }

  @Test
  void statefulOpsInBody_runEveryIteration() {
    Variable counter = tf.variable(tf.constant(0), "counter");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(5)), v -> {
      tf.assignAdd(counter, tf.constant(1));
      return List.of(tf.add(v.get(0), tf.constant(1)));
    }, List.of(tf.constant(0)));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(r.get(0));
      assertEquals(5, s.run(counter).intValue());
    }
  }
}
