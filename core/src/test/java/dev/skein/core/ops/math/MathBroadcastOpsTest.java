package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertBools;
import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.broadcastRef;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static dev.skein.core.testing.MathTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** broadcastTo and sumToShape, the helpers the gradient code uses. */
class MathBroadcastOpsTest {
  private static final String FILE = "MathBroadcastOpsTest.java";

  private static Output shapeConst(Ops tf, int... dims) {
    return tf.constant(Tensor.create(Shape.of(dims.length), dims));
  }

  @Test
  void broadcastTo_constantShape_allDtypes() {
    int[][][] cases = {{{3}, {2, 3}}, {{2, 1}, {2, 3}}, {{}, {2, 2}}, {{1, 3, 1}, {2, 3, 4}},
        {{2, 3}, {2, 3}}};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      for (int[][] c : cases) {
        Graph g = new Graph();
        Ops tf = Ops.create(g);
        double[] v = values(Shape.of(c[0]).numElements(), 3);
        Output x = tf.constant(tensor(t, Shape.of(c[0]), v));
        Output y = tf.broadcastTo(x, shapeConst(tf, c[1]));
        assertEquals(Shape.of(c[1]), y.shape());
        double[] expected = broadcastRef(MathTestSupport.roundTo(t, v), c[0], c[1]);
        assertValues(t, Shape.of(c[1]), expected, run(y));
      }
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output b = tf.constant(new boolean[][] {{true}, {false}});
    assertBools(new boolean[] {true, true, false, false},
        run(tf.broadcastTo(b, shapeConst(tf, 2, 2))));
  }

  @Test
  void broadcastTo_shapeKnownOnlyAtRunTime() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[] {1, 2, 3});
    Output shape = tf.placeholder(DType.INT32, Shape.of(2), "shape");
    Output y = tf.broadcastTo(x, shape);
    assertEquals(Shape.of(-1, 3), y.shape()); // x's 3 must survive; the rest is unknown
    Tensor r = MathTestSupport.run(y, shape, Tensor.of(new int[] {2, 3}));
    assertValues(DType.FLOAT32, Shape.of(2, 3), new double[] {1, 2, 3, 1, 2, 3}, r);
    Output any = tf.placeholder(DType.INT32, Shape.of(-1), "any");
    assertEquals(Shape.unknown(), tf.broadcastTo(x, any).shape());
    assertEquals(Shape.of(4, 3), tf.broadcastTo(x, shape, Shape.of(4, -1)).shape());
  }

  @Test
  void broadcastTo_incompatible_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[] {1, 2});
    assertOpError(FILE, () -> tf.broadcastTo(x, shapeConst(tf, 2, 3)), "BroadcastTo",
        "cannot broadcast shape (2,) to (2, 3)");
    Output shape = tf.placeholder(DType.INT32, Shape.of(2), "shape");
    Output y = tf.broadcastTo(x, shape);
    assertOpError(FILE, () -> MathTestSupport.run(y, shape, Tensor.of(new int[] {3, 3})),
        "BroadcastTo", "cannot broadcast shape (2,) to (3, 3)");
    assertOpError(FILE, () -> MathTestSupport.run(y, shape, Tensor.of(new int[] {-1, 2})),
        "BroadcastTo", "non-negative");
    assertOpError(FILE, () -> tf.broadcastTo(x, tf.constant(new float[] {2})), "BroadcastTo",
        "int32 or int64 vector, got float32");
  }

  @Test
  void sumToShape_constantShapes_float32AndFloat64() {
    // grad (2, 3, 4), summed to several input shapes; expected by explicit loops
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      double[] gv = MathTestSupport.roundTo(t, values(24, 1));
      int[][] targets = {{2, 3, 4}, {3, 4}, {4}, {3, 1}, {1, 3, 1}, {}, {2, 1, 4}, {1}};
      for (int[] target : targets) {
        Graph g = new Graph();
        Ops tf = Ops.create(g);
        Output grad = tf.constant(tensor(t, Shape.of(2, 3, 4), gv));
        Output y = tf.sumToShape(grad, shapeConst(tf, target));
        assertEquals(Shape.of(target), y.shape());
        assertValues(t, Shape.of(target), unbroadcastRef(gv, new int[] {2, 3, 4}, target),
            run(y));
      }
    }
  }

  /** Sum of the grad elements that read each target element when it is broadcast. */
  private static double[] unbroadcastRef(double[] grad, int[] gdims, int[] target) {
    int n = Shape.of(target).numElements();
    double[] out = new double[n];
    double[] ids = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    double[] src = broadcastRef(ids, target, gdims); // which target element each grad feeds
    for (int i = 0; i < grad.length; i++) {
      out[(int) src[i]] += grad[i];
    }
    return out;
  }

  @Test
  void sumToShape_int32_andRoundTripWithBroadcastTo() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output grad = tf.constant(new int[][] {{1, 2, 3}, {10, 20, 30}});
    assertValues(DType.INT32, Shape.of(3), new double[] {11, 22, 33},
        run(tf.sumToShape(grad, shapeConst(tf, 3))));
    assertValues(DType.INT32, Shape.of(2, 1), new double[] {6, 60},
        run(tf.sumToShape(grad, shapeConst(tf, 2, 1))));
    // sumToShape(broadcastTo(x, s), shape(x)) multiplies x by the broadcast factor
    Output x = tf.constant(new float[] {1, 2});
    Output wide = tf.broadcastTo(x, shapeConst(tf, 3, 2));
    Output back = tf.sumToShape(wide, shapeConst(tf, 2));
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {3, 6}, run(back));
  }

  @Test
  void sumToShape_shapeKnownOnlyAtRunTime() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output grad = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1, 3), "grad");
    Output shape = tf.placeholder(DType.INT32, Shape.of(2), "shape");
    Output y = tf.sumToShape(grad, shape);
    assertEquals(Shape.of(1, -1), y.shape()); // grad's 1 forces 1; the 3 may become 1
    assertEquals(Shape.of(1, 3), tf.sumToShape(grad, shape, Shape.of(-1, 3)).shape());
    Output unknownLength = tf.placeholder(DType.INT32, Shape.of(-1), "n");
    assertEquals(Shape.unknown(), tf.sumToShape(grad, unknownLength).shape());
    try (Session s = new Session(g)) {
      Tensor r = s.runner()
          .feed(grad, Tensor.of(new float[][][] {{{1, 2, 3}}, {{10, 20, 30}}}))
          .feed(shape, Tensor.of(new int[] {1, 3})).fetch(y).run().get(0);
      assertValues(DType.FLOAT32, Shape.of(1, 3), new double[] {11, 22, 33}, r);
    }
  }

  @Test
  void sumToShape_incompatible_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output grad = tf.constant(new float[2][3]);
    assertOpError(FILE, () -> tf.sumToShape(grad, shapeConst(tf, 4)), "SumToShape",
        "cannot sum a gradient of shape (2, 3) to shape (4,)");
    assertOpError(FILE, () -> tf.sumToShape(grad, shapeConst(tf, 1, 2, 3)), "SumToShape",
        "(1, 2, 3)");
    assertOpError(FILE, () -> tf.sumToShape(grad, shapeConst(tf, 3), Shape.of(4)), "SumToShape",
        "static shape given, (4,)");
    Output shape = tf.placeholder(DType.INT32, Shape.of(1), "shape");
    Output y = tf.sumToShape(grad, shape);
    assertOpError(FILE, () -> MathTestSupport.run(y, shape, Tensor.of(new int[] {2})),
        "SumToShape", "cannot sum a gradient of shape (2, 3) to shape (2,)");
    // a wrong static claim is caught when the kernel's result does not match it
    Output claimed = tf.sumToShape(grad, shape, Shape.of(1));
    assertOpError(FILE, () -> MathTestSupport.run(claimed, shape, Tensor.of(new int[] {3})),
        "SumToShape", "shape rule promised");
  }
}
