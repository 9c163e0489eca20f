package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorArray ops in float32 and float64, their errors, and their use as loop variables. */
class TensorArrayOpsTest {
  private static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

  private static Tensor vec(DType d, double... v) {
    return MathTestSupport.tensor(d, Shape.of(v.length), v);
  }

  private static Tensor mat(DType d, int rows, int cols, double... v) {
    return MathTestSupport.tensor(d, Shape.of(rows, cols), v);
  }

  @Test
  void writeReadStackSize_float32AndFloat64() {
    for (DType d : FLOATS) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      TensorArray ta = tf.tensorArray(d, 3);
      TensorArray t1 = ta.write(0, tf.constant(vec(d, 1, 2)))
          .write(2, tf.constant(vec(d, 5, 6)))
          .write(1, tf.constant(vec(d, 3, 4)));
      assertEquals(Shape.of(3, 2), t1.value().shape());
      assertEquals(Shape.of(2), t1.elementShape());
      Output r1 = t1.read(1);
      assertEquals(Shape.of(2), r1.shape());
      Output stacked = t1.stack();
      assertEquals(Shape.of(3, 2), stacked.shape());
      try (Session s = new Session(g)) {
        assertEquals(vec(d, 3, 4), s.run(r1));
        assertEquals(mat(d, 3, 2, 1, 2, 3, 4, 5, 6), s.run(stacked));
        assertEquals(3, s.run(t1.size()).intValue());
        assertEquals(d, s.run(stacked).dtype());
      }
    }
  }

  @Test
  void unstackGatherScatter_float32AndFloat64() {
    for (DType d : FLOATS) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(d, Shape.of(-1, 2), "x");
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      TensorArray u = tf.tensorArray(d, n, false, Shape.of(2)).unstack(x);
      Output gathered = u.gather(tf.constant(new int[] {2, 0, 2}));
      assertEquals(Shape.of(3, 2), gathered.shape());
      TensorArray sc = tf.tensorArray(d, 4).scatter(tf.constant(new int[] {3, 1}),
          tf.constant(mat(d, 2, 2, 10, 11, 12, 13)));
      Output both = sc.gather(tf.constant(new int[] {1, 3}));
      try (Session s = new Session(g)) {
        Tensor xv = mat(d, 3, 2, 1, 2, 3, 4, 5, 6);
        List<Tensor> out = s.runner().feed(x, xv).feed(n, Tensor.scalar(3)).fetch(gathered)
            .fetch(u.size()).fetch(u.read(1)).run();
        assertEquals(mat(d, 3, 2, 5, 6, 1, 2, 5, 6), out.get(0));
        assertEquals(3, out.get(1).intValue());
        assertEquals(vec(d, 3, 4), out.get(2));
        assertEquals(mat(d, 2, 2, 12, 13, 10, 11), s.run(both));
        // The dense view of a partly written array has zeros where nothing was written.
        assertEquals(mat(d, 4, 2, 0, 0, 12, 13, 0, 0, 10, 11), s.run(sc.value()));
      }
    }
  }

  @Test
  void readUnwritten_namesTheIndex() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 4).write(0, tf.constant(new float[] {1}));
    Output r = ta.read(2);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.run(r));
      assertTrue(e.getMessage().contains("TensorArray read: index 2 has not been written"),
          e.getMessage());
      assertTrue(e.getMessage().startsWith("TensorArrayReadV3 op"), e.getMessage());
      assertTrue(e.getMessage().contains("TensorArrayOpsTest.java"), e.getMessage());
      OpException st = assertThrows(OpException.class, () -> s.run(ta.stack()));
      assertTrue(st.getMessage().contains("index 1 has not been written"), st.getMessage());
    }
  }

  @Test
  void unstackAxis1_elementTIsColumnT_float32AndFloat64() {
    for (DType d : FLOATS) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      // v [2, 3, 2]: v[b, t, j] = 100 b + 10 t + j; element t = v[:, t, :].
      double[] v = new double[12];
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < 3; t++) {
          for (int j = 0; j < 2; j++) {
            v[(b * 3 + t) * 2 + j] = 100 * b + 10 * t + j;
          }
        }
      }
      Output x = tf.placeholder(d, Shape.of(-1, -1, 2), "x");
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      TensorArray ta = tf.tensorArray(d, n, false, Shape.unknown()).unstackAxis1(x);
      assertEquals(Shape.of(-1, 2), ta.elementShape());
      try (Session s = new Session(g)) {
        Tensor xv = MathTestSupport.tensor(d, Shape.of(2, 3, 2), v);
        List<Tensor> r = s.runner().feed(x, xv).feed(n, Tensor.scalar(3)).fetch(ta.read(1))
            .fetch(ta.stack()).run();
        assertEquals(mat(d, 2, 2, 10, 11, 110, 111), r.get(0));
        assertEquals(MathTestSupport.tensor(d, Shape.of(3, 2, 2),
            0, 1, 100, 101, 10, 11, 110, 111, 20, 21, 120, 121), r.get(1));
        // More steps than the array holds: the write names the index.
        OpException e = assertThrows(OpException.class, () -> s.runner().feed(x, xv)
            .feed(n, Tensor.scalar(2)).fetch(ta.value()).run());
        assertTrue(e.getMessage().contains("TensorArrayUnstackAxis1"), e.getMessage());
        assertTrue(e.getMessage().contains(
            "index 2 is out of range for a TensorArray of size 2"), e.getMessage());
      }
      OpException rank = assertThrows(OpException.class,
          () -> tf.tensorArray(d, 2).unstackAxis1(tf.constant(vec(d, 1, 2))));
      assertTrue(rank.getMessage().contains(
          "TensorArray unstack along axis 1 needs a value of rank >= 2, got (2,)"),
          rank.getMessage());
    }
  }

  @Test
  void writeTwice_namesTheIndex() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    TensorArray ta = tf.tensorArray(DType.FLOAT64, 3).write(1, tf.constant(new double[] {1}))
        .write(1, tf.constant(new double[] {2}));
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.run(ta.value()));
      assertTrue(e.getMessage().contains(
          "TensorArray write: index 1 has already been written"), e.getMessage());
      assertTrue(e.getMessage().contains("TensorArrayOpsTest.java"), e.getMessage());
    }
  }

  @Test
  void writeOutOfRange_orWrongShape_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output i = tf.placeholder(DType.INT32, Shape.scalar(), "i");
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 2).write(i, tf.constant(new float[] {1}));
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(i, Tensor.scalar(2)).fetch(ta.value()).run());
      assertTrue(e.getMessage().contains(
          "index 2 is out of range for a TensorArray of size 2"), e.getMessage());
      OpException neg = assertThrows(OpException.class,
          () -> s.runner().feed(i, Tensor.scalar(-1)).fetch(ta.value()).run());
      assertTrue(neg.getMessage().contains("index -1 is negative"), neg.getMessage());
    }
    OpException shape = assertThrows(OpException.class,
        () -> ta.write(1, tf.constant(new float[] {1, 2})));
    assertTrue(shape.getMessage().contains(
        "TensorArray write: element shape (2,) is not compatible with the array's element shape"
            + " (1,)"), shape.getMessage());
    OpException dtype = assertThrows(OpException.class,
        () -> ta.write(1, tf.constant(new double[] {1})));
    assertTrue(dtype.getMessage().contains("the value is float64 but the array holds float32"),
        dtype.getMessage());
  }

  @Test
  void runTimeElementShapeMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1), "x");
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 2).write(0, tf.constant(new float[] {1, 2}))
        .write(1, x);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(x, Tensor.of(new float[] {1, 2, 3})).fetch(ta.stack()).run());
      assertTrue(e.getMessage().contains(
          "value shape (3,) at index 1 differs from the element shape (2,)"), e.getMessage());
    }
  }

  @Test
  void dynamicSize_growsOnWritePastTheEnd() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    TensorArray ta = tf.tensorArray(DType.INT32, tf.constant(0), true, Shape.scalar());
    assertEquals(Shape.of(-1), ta.value().shape());
    TensorArray w = ta.write(4, tf.constant(9)).write(0, tf.constant(1));
    try (Session s = new Session(g)) {
      assertEquals(5, s.run(w.size()).intValue());
      assertArrayEquals(new int[] {1, 0, 0, 0, 9}, s.run(w.value()).ints());
      assertEquals(0, s.run(ta.size()).intValue());
    }
  }

  @Test
  void oldVersions_keepTheirValues_andBranchesAreIndependent() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    TensorArray t0 = tf.tensorArray(DType.FLOAT32, 2, Shape.scalar());
    TensorArray t1 = t0.write(0, tf.constant(1f));
    TensorArray t2 = t1.write(1, tf.constant(2f));
    TensorArray t3 = t1.write(1, tf.constant(3f)); // a second write from t1: a branch
    try (Session s = new Session(g)) {
      List<Tensor> out = s.runner().fetch(t2.stack()).fetch(t3.stack()).fetch(t1.value())
          .fetch(t0.value()).run();
      assertArrayEquals(new float[] {1, 2}, out.get(0).floats());
      assertArrayEquals(new float[] {1, 3}, out.get(1).floats());
      assertArrayEquals(new float[] {1, 0}, out.get(2).floats());
      assertArrayEquals(new float[] {0, 0}, out.get(3).floats());
      OpException e = assertThrows(OpException.class, () -> s.run(t1.read(1)));
      assertTrue(e.getMessage().contains("index 1 has not been written"), e.getMessage());
    }
  }

  @Test
  void headWrites_shareTheStore_andDoNotCopyElements() {
    Tensor a = Tensor.of(new float[] {1, 2});
    TensorArrayValue v0 = TensorArrayValue.create(DType.FLOAT32, 3, false, Shape.unknown());
    assertEquals(Shape.of(3, 0), v0.toTensor().shape());
    TensorArrayValue v1 = v0.write(0, a);
    TensorArrayValue v2 = v1.write(1, a);
    assertSame(a, v2.read(0));
    assertSame(a, v2.read(1));
    assertEquals(Shape.of(3, 2), v2.toTensor().shape());
    assertThrows(IllegalArgumentException.class, () -> v1.read(1));
    TensorArrayValue branch = v1.write(1, Tensor.of(new float[] {5, 6}));
    assertNotSame(v2.read(1), branch.read(1));
    assertArrayEquals(new float[] {1, 2, 1, 2, 0, 0}, v2.toTensor().floats());
  }

  @Test
  void plainDenseTensor_countsAsAFullyWrittenArray() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(3, 2), "x");
    Output r = new TensorArray(x).read(2);
    try (Session s = new Session(g)) {
      Tensor out = s.runner().feed(x, mat(DType.FLOAT64, 3, 2, 1, 2, 3, 4, 5, 6)).fetch(r).run()
          .get(0);
      assertArrayEquals(new double[] {5, 6}, out.doubles());
    }
  }

  @Test
  void loopWritingEachStep_thenStack_float32AndFloat64() {
    for (DType d : FLOATS) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
      Output x = tf.placeholder(d, Shape.of(-1, 2), "x");
      TensorArray in = tf.tensorArray(d, n, false, Shape.of(2)).unstack(x);
      TensorArray out = tf.tensorArray(d, n, false, Shape.unknown());
      // out[t] = 2 * in[t] + t, with `in` captured and `out` a loop variable.
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), n), v -> {
        Output t = v.get(0);
        Output y = tf.add(tf.mul(in.read(t), tf.cast(tf.constant(2), d)), tf.cast(t, d));
        return List.of(tf.add(t, tf.constant(1)), new TensorArray(v.get(1)).write(t, y).value());
      }, List.of(tf.constant(0), out.value()));
      Output stacked = new TensorArray(r.get(1)).stack();
      try (Session s = new Session(g)) {
        Tensor xv = mat(d, 3, 2, 1, 2, 3, 4, 5, 6);
        Tensor res = s.runner().feed(n, Tensor.scalar(3)).feed(x, xv).fetch(stacked).run()
            .get(0);
        assertEquals(mat(d, 3, 2, 2, 4, 7, 9, 12, 14), res);
      }
    }
  }

  record State(Output t, TensorArray acc) {}

  @Test
  void loopStructure_recordWithTensorArray() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    LoopStructure<State> st = LoopStructure.of(s -> List.of(s.t(), s.acc().value()),
        l -> new State(l.get(0), new TensorArray(l.get(1))));
    State end = tf.whileLoop(new State(tf.constant(0), tf.tensorArray(DType.INT32, 4)),
        s -> tf.less(s.t(), tf.constant(4)),
        s -> new State(tf.add(s.t(), tf.constant(1)), s.acc().write(s.t(), tf.mul(s.t(), s.t()))),
        st);
    try (Session s = new Session(g)) {
      assertArrayEquals(new int[] {0, 1, 4, 9}, s.run(end.acc().stack()).ints());
    }
  }
}
