package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** cond: branch selection, laziness of the branch not taken, shape merging and errors. */
class ControlCondTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void cond_picksTheBranchOfThePredicate_float32AndFloat64() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
      Output x = tf.placeholder(d, Shape.of(2), "x");
      Output y = tf.cond(p, () -> tf.mul(x, x), () -> tf.neg(x));
      assertEquals(d, y.dtype());
      assertEquals(Shape.of(2), y.shape());
      Tensor xv = d == DType.FLOAT32 ? Tensor.of(new float[] {3, -2}) : Tensor.of(new double[] {3,
          -2});
      try (Session s = new Session(g)) {
        Tensor t = s.runner().feed(p, Tensor.scalar(true)).feed(x, xv).fetch(y).run().get(0);
        assertArrayEquals(new double[] {9, 4}, t.toDoubleArray());
        Tensor f = s.runner().feed(p, Tensor.scalar(false)).feed(x, xv).fetch(y).run().get(0);
        assertArrayEquals(new double[] {-3, 2}, f.toDoubleArray());
      }
    }
  }

  @Test
  void cond_branchNotTaken_doesNotRun() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Variable v = tf.variable(tf.constant(1f), "v");
    TensorArray empty = tf.tensorArray(DType.FLOAT32, 3, Shape.scalar());
    Output y = tf.cond(p,
        () -> tf.constant(7f),
        // Would fail (element 2 never written) and would change v, if it ran.
        () -> tf.add(empty.read(2), tf.assign(v, tf.constant(100f))));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertEquals(7f, s.runner().feed(p, Tensor.scalar(true)).fetch(y).run().get(0)
          .floatValue());
      assertEquals(1f, s.run(v).floatValue());
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(p, Tensor.scalar(false)).fetch(y).run());
      assertTrue(e.getMessage().contains("index 2 has not been written"), e.getMessage());
      assertTrue(e.getMessage().contains("cond/else/"), e.getMessage());
    }
  }

  @Test
  void cond_severalOutputs_andCapturedValuesAreInputs() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Output a = tf.constant(new int[] {1, 2});
    Output b = tf.constant(5);
    List<Output> r = tf.cond(p, () -> List.of(a, tf.add(b, b)), () -> List.of(tf.neg(a), b));
    Operation op = r.get(0).op();
    assertEquals("cond", op.name());
    assertEquals(p, op.input(0));
    assertEquals(java.util.Set.of(a, b), java.util.Set.copyOf(op.inputs().subList(1, 3)));
    assertEquals(List.of("then", "else"), List.copyOf(op.type().subgraphs().keySet()));
    try (Session s = new Session(g)) {
      List<Tensor> t = s.runner().feed(p, Tensor.scalar(true)).fetch(r.get(0)).fetch(r.get(1))
          .run();
      assertArrayEquals(new int[] {1, 2}, t.get(0).ints());
      assertEquals(10, t.get(1).intValue());
      List<Tensor> f = s.runner().feed(p, Tensor.scalar(false)).fetch(r.get(0)).fetch(r.get(1))
          .run();
      assertArrayEquals(new int[] {-1, -2}, f.get(0).ints());
      assertEquals(5, f.get(1).intValue());
    }
  }

  @Test
  void cond_differentShapes_areMergedToTheCommonShape() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Output y = tf.cond(p, () -> tf.zeros(Shape.of(3, 2)), () -> tf.ones(Shape.of(4, 2)));
    assertEquals(Shape.of(-1, 2), y.shape());
    Output z = tf.cond(p, () -> tf.zeros(Shape.of(3)), () -> tf.ones(Shape.of(4, 2)));
    assertEquals(Shape.unknown(), z.shape());
    try (Session s = new Session(g)) {
      assertEquals(Shape.of(4, 2),
          s.runner().feed(p, Tensor.scalar(false)).fetch(y).run().get(0).shape());
    }
  }

  @Test
  void cond_dtypeMismatch_throws() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    OpException e = assertThrows(OpException.class,
        () -> tf.cond(p, () -> tf.constant(1f), () -> tf.constant(1.0)));
    assertTrue(e.getMessage().contains(
        "output 0: the true branch returned float32 () but the false branch returned float64 ()"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ControlCondTest.java"), e.getMessage());
  }

  @Test
  void cond_countMismatch_throws() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    OpException e = assertThrows(OpException.class, () -> tf.cond(p,
        () -> List.of(tf.constant(1f), tf.constant(2f)), () -> List.of(tf.constant(1f))));
    assertTrue(e.getMessage().contains(
        "the true branch returned 2 values but the false branch returned 1"), e.getMessage());
  }

  @Test
  void cond_predicateNotBoolScalar_throws() {
    Output p = tf.constant(new boolean[] {true, false});
    OpException e = assertThrows(OpException.class,
        () -> tf.cond(p, () -> tf.constant(1f), () -> tf.constant(2f)));
    assertTrue(e.getMessage().contains("the predicate must be a bool scalar, got bool (2,)"),
        e.getMessage());
  }

  @Test
  void cond_insideWhileBody_selectsPerIteration() {
    // Collatz steps from 6: 6 3 10 5 16 8 4 2 1 -> 8 steps.
    Output two = tf.constant(2);
    List<Output> r = tf.whileLoop(v -> tf.greater(v.get(0), tf.constant(1)), v -> {
      Output n = v.get(0);
      Output even = tf.equal(tf.floorMod(n, two), tf.constant(0));
      Output next = tf.cond(even, () -> tf.floorDiv(n, two),
          () -> tf.add(tf.mul(n, tf.constant(3)), tf.constant(1)));
      return List.of(next, tf.add(v.get(1), tf.constant(1)));
    }, List.of(tf.constant(6), tf.constant(0)));
    try (Session s = new Session(g)) {
      assertEquals(8, s.run(r.get(1)).intValue());
    }
    assertEquals("while/body/cond", r.get(0).op().type().subgraphs().get("body").operations()
        .stream().filter(op -> op.type() instanceof ControlOps.If).findFirst().orElseThrow()
        .name());
  }
}
