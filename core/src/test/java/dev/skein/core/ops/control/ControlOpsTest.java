package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * whileLoop: values, nesting, limits, captures, shape invariants and build errors. Body naming,
 * variables in bodies, run-time errors, exports and stateful ops are in WhileLoopBodyTest.
 */
class ControlOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private static Tensor run(Graph g, Output fetch, Output feed, Tensor value) {
    try (Session s = new Session(g)) {
      return s.runner().feed(feed, value).fetch(fetch).run().get(0);
    }
  }

  @Test
  void sumLoop_nFedAtRunTime_equalsTriangularNumber() {
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output one = tf.constant(1);
    List<Output> r = tf.whileLoop(
        v -> tf.less(v.get(0), n),
        v -> List.of(tf.add(v.get(0), one), tf.add(v.get(1), tf.add(v.get(0), one))),
        List.of(tf.constant(0), tf.constant(0)));
    try (Session s = new Session(g)) {
      for (int k : new int[] {0, 1, 2, 10, 100, 1000}) {
        List<Tensor> out = s.runner().feed(n, Tensor.scalar(k)).fetch(r.get(0)).fetch(r.get(1))
            .run();
        assertEquals(k, out.get(0).intValue());
        assertEquals(k * (k + 1) / 2, out.get(1).intValue(), "n=" + k);
      }
      assertEquals(1, s.numCachedPlans());
    }
    assertEquals(Shape.scalar(), r.get(1).shape());
    assertEquals(DType.INT32, r.get(1).dtype());
  }

  @Test
  void power_byLoop_float32AndFloat64() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(d, Shape.of(3), "x");
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      List<Output> r = tf.whileLoop(
          v -> tf.less(v.get(0), n),
          v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), x)),
          List.of(tf.constant(0), tf.onesLike(x)));
      double[] xs = {1.5, -2, 0.5};
      Tensor xv = d == DType.FLOAT32 ? Tensor.of(new float[] {1.5f, -2f, 0.5f}) : Tensor.of(xs);
      try (Session s = new Session(g)) {
        for (int k : new int[] {0, 1, 5}) {
          Tensor out = s.runner().feed(x, xv).feed(n, Tensor.scalar(k)).fetch(r.get(1)).run()
              .get(0);
          assertEquals(d, out.dtype());
          for (int i = 0; i < 3; i++) {
            assertEquals(Math.pow(xs[i], k), out.getDouble(i), 1e-6, d + " k=" + k);
          }
        }
      }
    }
  }

  @Test
  void nestedLoops_innerUsesOuterLoopVarAndTopLevelValue() {
    // total = sum_{i<a} sum_{j<i} (j + c): the inner loop captures the outer i and the top c.
    Output a = tf.placeholder(DType.INT32, Shape.scalar(), "a");
    Output c = tf.placeholder(DType.INT32, Shape.scalar(), "c");
    Output one = tf.constant(1);
    List<Output> r = tf.whileLoop(
        v -> tf.less(v.get(0), a),
        v -> {
          Output i = v.get(0);
          List<Output> inner = tf.whileLoop(
              w -> tf.less(w.get(0), i),
              w -> List.of(tf.add(w.get(0), one), tf.add(w.get(1), tf.add(w.get(0), c))),
              List.of(tf.constant(0), v.get(1)));
          return List.of(tf.add(i, one), inner.get(1));
        },
        List.of(tf.constant(0), tf.constant(0)));
    try (Session s = new Session(g)) {
      for (int av : new int[] {0, 1, 4, 7}) {
        int cv = 3;
        int expected = 0;
        for (int i = 0; i < av; i++) {
          for (int j = 0; j < i; j++) {
            expected += j + cv;
          }
        }
        Tensor out = s.runner().feed(a, Tensor.scalar(av)).feed(c, Tensor.scalar(cv))
            .fetch(r.get(1)).run().get(0);
        assertEquals(expected, out.intValue(), "a=" + av);
      }
    }
    Operation outer = r.get(0).op();
    Graph body = outer.type().subgraphs().get("body");
    Operation inner = body.operations().stream()
        .filter(op -> op.type() instanceof ControlOps.While).findFirst().orElseThrow();
    assertEquals("while/body/while", inner.name());
    // c reaches the inner body through a capture of the outer body.
    assertTrue(outer.inputs().contains(c));
    assertTrue(body.captures().containsKey(c));
  }

  @Test
  void maximumIterations_stopsLoopEvenIfConditionHolds() {
    Output big = tf.constant(1_000_000);
    Output m = tf.placeholder(DType.INT32, Shape.scalar(), "m");
    List<Output> fixed = tf.whileLoop(v -> tf.less(v.get(0), big),
        v -> List.of(tf.add(v.get(0), tf.constant(1))), List.of(tf.constant(0)),
        WhileOptions.defaults().withMaximumIterations(5));
    List<Output> fed = tf.whileLoop(v -> tf.less(v.get(0), big),
        v -> List.of(tf.add(v.get(0), tf.constant(2))), List.of(tf.constant(0)),
        WhileOptions.defaults().withMaximumIterations(m));
    List<Output> shorter = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1))), List.of(tf.constant(0)),
        WhileOptions.defaults().withMaximumIterations(10));
    try (Session s = new Session(g)) {
      assertEquals(5, s.run(fixed.get(0)).intValue());
      assertEquals(3, s.run(shorter.get(0)).intValue());
      assertEquals(0, s.runner().feed(m, Tensor.scalar(0)).fetch(fed.get(0)).run().get(0)
          .intValue());
      assertEquals(14, s.runner().feed(m, Tensor.scalar(7)).fetch(fed.get(0)).run().get(0)
          .intValue());
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(m, Tensor.scalar(-1)).fetch(fed.get(0)).run());
      assertTrue(e.getMessage().contains("maximum_iterations must be >= 0, got -1"),
          e.getMessage());
    }
    Operation op = fixed.get(0).op();
    ControlOps.While w = (ControlOps.While) op.type();
    try (Session s = new Session(g)) {
      assertEquals(5, s.run(op.output(w.iterationsOutput())).intValue());
    }
  }

  @Test
  void captures_outerTensorsAndVariablesBecomeInputsOfTheWhile() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2), "x");
    Variable w = tf.variable(tf.constant(new float[] {10, 20}), "w");
    List<Output> r = tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.add(v.get(1), tf.mul(x, w))),
        List.of(tf.constant(0), tf.zeros(Shape.of(2))));
    Operation op = r.get(0).op();
    assertTrue(op.inputs().contains(x), op.inputs().toString());
    assertTrue(op.inputs().contains(w), op.inputs().toString());
    Graph body = op.type().subgraphs().get("body");
    assertEquals("while/body/x", body.captures().get(x).op().name());
    assertEquals("while/body/w", body.captures().get(w).op().name());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor out = s.runner().feed(x, Tensor.of(new float[] {1, 2})).fetch(r.get(1)).run()
          .get(0);
      assertArrayEquals(new float[] {30, 120}, out.floats());
    }
  }

  @Test
  void shapeChangingLoopVar_withoutInvariant_namesIndexAndShapes() {
    Output rows = tf.zeros(Shape.of(1, 5));
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.concat(List.of(v.get(1), tf.ones(Shape.of(1, 5))), 0)),
        List.of(tf.constant(0), rows)));
    String m = e.getMessage();
    assertTrue(m.contains("loop variable 1: body returned float32 (2, 5) for input float32 (1, 5)"),
        m);
    assertTrue(m.contains("declare a shape invariant (e.g. Shape.of(-1, 5))"), m);
    assertTrue(m.contains("ControlOpsTest.java"), m);
  }

  @Test
  void shapeChangingLoopVar_withInvariant_growsAtRunTime() {
    Output rows = tf.zeros(Shape.of(1, 5));
    List<Output> r = tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.concat(List.of(v.get(1), tf.ones(Shape.of(1, 5))), 0)),
        List.of(tf.constant(0), rows),
        WhileOptions.defaults().withShapeInvariants(null, Shape.of(-1, 5)));
    assertEquals(Shape.of(-1, 5), r.get(1).shape());
    try (Session s = new Session(g)) {
      Tensor out = s.run(r.get(1));
      assertEquals(Shape.of(4, 5), out.shape());
      assertEquals(15.0, sum(out));
    }
  }

  @Test
  void shapeInvariant_thatInputDoesNotFit_isRefused() {
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)), v -> v,
        List.of(tf.constant(0), tf.zeros(Shape.of(2, 4))),
        WhileOptions.defaults().withShapeInvariants(null, Shape.of(-1, 5))));
    assertTrue(e.getMessage().contains(
        "loop variable 1: input float32 (2, 4) does not fit the shape invariant (?, 5)"),
        e.getMessage());
  }

  @Test
  void refinedShape_inBody_isAllowedAndOutputKeepsTheGeneralShape() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1), "x");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(3), "y");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(1)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), y), List.of(tf.constant(0), x));
    assertEquals(Shape.of(-1), r.get(1).shape());
  }

  @Test
  void body_wrongArity_throws() {
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(v.get(0), v.get(1)),
        List.of(tf.constant(0), tf.constant(1f), tf.constant(2f))));
    assertTrue(e.getMessage().contains("body returned 2 values for 3 loop variables"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("While op 'while'"), e.getMessage());
    assertTrue(e.getMessage().contains("ControlOpsTest.java"), e.getMessage());
  }

  @Test
  void body_wrongDtype_throws() {
    Output f64 = tf.constant(new double[] {1, 2, 3});
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(v.get(0), f64),
        List.of(tf.constant(0), tf.constant(new float[] {1, 2, 3}))));
    assertTrue(e.getMessage().contains(
        "loop variable 1: body returned float64 (3,) for input float32 (3,)"), e.getMessage());
    assertTrue(e.getMessage().contains("ControlOpsTest.java"), e.getMessage());
  }

  @Test
  void cond_notBoolScalar_throws() {
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> v.get(0), v -> v, List.of(tf.constant(new float[] {1, 2}))));
    assertTrue(e.getMessage().contains("the condition must return a bool scalar, got float32 (2,)"),
        e.getMessage());
  }

  @Test
  void errorInBody_atBuildTime_namesBodyOpAndUserLine() {
    OpException e = assertThrows(OpException.class, () -> tf.whileLoop(
        v -> tf.less(tf.reduceSum(v.get(0)), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(new int[] {1, 2, 3}))),
        List.of(tf.constant(new int[] {1, 2}))));
    assertTrue(e.getMessage().contains("while/body/Add"), e.getMessage());
    assertTrue(e.getMessage().contains("ControlOpsTest.java"), e.getMessage());
  }

  @Test
  void bodyValue_usedOutsideTheLoop_isRefused() {
    Output[] leaked = new Output[1];
    tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
      leaked[0] = tf.add(v.get(0), tf.constant(1));
      return List.of(leaked[0]);
    }, List.of(tf.constant(0)));
    OpException e = assertThrows(OpException.class, () -> tf.add(leaked[0], tf.constant(1)));
    assertTrue(e.getMessage().contains("was created inside a control-flow body (while/body)"),
        e.getMessage());
    Graph other = new Graph();
    Output foreign = Ops.create(other).constant(1);
    OpException f = assertThrows(OpException.class, () -> tf.add(foreign, tf.constant(1)));
    assertTrue(f.getMessage().contains("belongs to another graph"), f.getMessage());
  }

  @Test
  void oneLoop_runFromManyThreads_givesEachRunItsOwnValues() throws Exception {
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    dev.skein.core.ops.control.TensorArray ta = tf.tensorArray(DType.INT32, n, false, Shape.scalar());
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> List.of(
        tf.add(v.get(0), tf.constant(1)),
        new dev.skein.core.ops.control.TensorArray(v.get(1)).write(v.get(0), tf.mul(v.get(0), n))
            .value()), List.of(tf.constant(0), ta.value()));
    Output stacked = new dev.skein.core.ops.control.TensorArray(r.get(1)).stack();
    try (Session s = new Session(g)) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
      for (int task = 0; task < 8; task++) {
        int k = 20 + task;
        futures.add(pool.submit(() -> {
          for (int rep = 0; rep < 25; rep++) {
            int[] out = s.runner().feed(n, Tensor.scalar(k)).fetch(stacked).run().get(0).ints();
            for (int i = 0; i < k; i++) {
              if (out.length != k || out[i] != i * k) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (var f : futures) {
        assertTrue(f.get());
      }
      pool.shutdown();
    }
  }

  @Test
  void loopOfZeroIterations_returnsInputs() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(0)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), v.get(1))),
        List.of(tf.constant(0), x));
    Tensor out = run(g, r.get(1), x, Tensor.of(new double[] {3, 4}));
    assertArrayEquals(new double[] {3, 4}, out.doubles());
    assertFalse(r.get(1).op().type().isStateful());
  }

  static double sum(Tensor t) {
    double s = 0;
    for (double v : t.toDoubleArray()) {
      s += v;
    }
    return s;
  }
}
