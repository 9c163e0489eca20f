package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {
  @Test
  void feedAndFetchIdentity() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Output y = tf.identity(x);
    try (Session s = new Session(g)) {
      Tensor out = s.runner().feed(x, Tensor.of(new float[][] {{1, 2}, {3, 4}})).fetch(y).run()
          .get(0);
      assertArrayEquals(new float[] {1, 2, 3, 4}, out.floats());
      assertEquals(Shape.of(2, 2), out.shape());
    }
  }

  @Test
  void missingFeed_namesPlaceholderAndConsumer() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "X0");
    Output y = tf.identity(x);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.run(y));
      assertTrue(e.getMessage().contains("placeholder 'X0'"), e.getMessage());
      assertTrue(e.getMessage().contains("'Identity' needs it"), e.getMessage());
      assertTrue(e.getMessage().contains("SessionTest.java"), e.getMessage());
    }
  }

  @Test
  void feedWrongShapeOrDtype_isRefused() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "X0");
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(x, Tensor.of(new float[][] {{1, 2}})).fetch(x).run());
      assertTrue(e.getMessage().contains("shape (1, 2)"), e.getMessage());
      assertTrue(e.getMessage().contains("(?, 3)"), e.getMessage());
      OpException d = assertThrows(OpException.class,
          () -> s.runner().feed(x, Tensor.of(new int[][] {{1, 2, 3}})).fetch(x).run());
      assertTrue(d.getMessage().contains("int32"), d.getMessage());
    }
  }

  @Test
  void variables_initializeAssignAndLiveInSession() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable v = tf.variable(tf.constant(new float[] {1, 2}), "v");
    Output add = tf.assignAdd(v, tf.constant(new float[] {10, 20}));
    Output sub = tf.assignSub(v, tf.constant(new float[] {1, 1}));
    try (Session s = new Session(g); Session other = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.run(v));
      assertTrue(e.getMessage().contains("variable 'v' is not initialized"), e.getMessage());
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new float[] {11, 22}, s.run(add).floats());
      assertArrayEquals(new float[] {10, 21}, s.run(sub).floats());
      assertArrayEquals(new float[] {10, 21}, s.run(v).floats());
      other.run(tf.globalVariablesInitializer());
      assertArrayEquals(new float[] {1, 2}, other.run(v).floats());
    }
    assertEquals("v/Assign", v.initializer().name());
  }

  @Test
  void namesAreUniqueAndScoped() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(1f);
    Output a;
    Output b;
    Output c;
    try (var s = tf.nameScope("rnn")) {
      try (var t = tf.nameScope("basic_rnn_cell")) {
        a = tf.identity(x);
        b = tf.identity(x);
      }
    }
    try (var s = tf.nameScope("rnn")) {
      c = tf.identity(x);
    }
    assertEquals("rnn/basic_rnn_cell/Identity", a.op().name());
    assertEquals("rnn/basic_rnn_cell/Identity_1", b.op().name());
    assertEquals("rnn_1/Identity", c.op().name());
    assertEquals("Const", x.op().name());
  }

  @Test
  void plansAreCachedAndOnlyNeededOpsRun() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(), "x");
    Output unused = tf.placeholder(DType.FLOAT32, Shape.of(), "unused");
    tf.identity(unused);
    Output y = tf.identity(x);
    try (Session s = new Session(g)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(i, s.runner().feed(x, Tensor.scalar((float) i)).fetch(y).run().get(0)
            .floatValue());
      }
      assertEquals(1, s.numCachedPlans());
      Plan p = Plan.compile(g, List.of(x), List.of(y), List.of());
      assertEquals(List.of(y.op()), p.operations());
    }
  }

  @Test
  void feedingAnyOutput_replacesItsValue() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(), "x");
    Output y = tf.identity(x);
    Output z = tf.identity(y);
    try (Session s = new Session(g)) {
      assertEquals(5f, s.runner().feed(y, Tensor.scalar(5f)).fetch(z).run().get(0).floatValue());
    }
  }

  @Test
  void nullFeedsAndFetchesNameWhatIsMissing() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output y = tf.identity(x);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.runner().feed(x, null));
      assertEquals("x", e.opName());
      assertTrue(e.getMessage().contains("the value fed for x:0 (float32 (?, 3)) is null"),
          e.getMessage());
      SkeinException f = assertThrows(SkeinException.class,
          () -> s.runner().feed(null, Tensor.scalar(1f)));
      assertTrue(f.getMessage().contains("the output to feed is null"), f.getMessage());
      f = assertThrows(SkeinException.class, () -> s.runner().fetch(null));
      assertTrue(f.getMessage().contains("the output to fetch is null"), f.getMessage());
      // The session still runs.
      assertEquals(2f, s.runner().feed(x, Tensor.of(new float[][] {{1, 2, 3}})).fetch(y).run()
          .get(0).floats()[1]);
    }
  }
}
