package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertBools;
import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.math.MathOps.Compare;
import dev.skein.core.ops.state.StateOps;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Comparisons, logic, select (where) and clipByValue. */
class MathCompareOpsTest {
  private static final String FILE = "MathCompareOpsTest.java";

  static boolean ref(Compare op, double a, double b) {
    return switch (op) {
      case EQUAL -> a == b;
      case NOT_EQUAL -> !(a == b);
      case LESS -> a < b;
      case LESS_EQUAL -> a <= b;
      case GREATER -> a > b;
      case GREATER_EQUAL -> a >= b;
    };
  }

  @ParameterizedTest
  @EnumSource(Compare.class)
  void compare_allNumericTypes_withRowBroadcast(Compare op) {
    double[] x = {1, 2, 3, 3, 2, 1};
    double[] y = {2, 2, 2};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Output a = StateOps.constant(g, tensor(t, Shape.of(2, 3), x), null);
      Output b = StateOps.constant(g, tensor(t, Shape.of(3), y), null);
      Output r = MathOps.compare(g, op, a, b, null);
      assertEquals(Shape.of(2, 3), r.shape());
      assertEquals(DType.BOOL, r.dtype());
      boolean[] expected = new boolean[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = ref(op, x[i], y[i % 3]);
      }
      assertBools(expected, run(r));
      // and the other way round, scalar against matrix
      Output s = StateOps.constant(g, tensor(t, Shape.scalar(), 2), null);
      boolean[] flipped = new boolean[6];
      for (int i = 0; i < 6; i++) {
        flipped[i] = ref(op, 2, x[i]);
      }
      assertBools(flipped, run(MathOps.compare(g, op, s, a, null)));
    }
  }

  @Test
  void equal_nan_isFalseAndNotEqualTrue() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new float[] {Float.NaN, 1});
    Output b = tf.constant(new float[] {Float.NaN, 1});
    assertBools(new boolean[] {false, true}, run(tf.equal(a, b)));
    assertBools(new boolean[] {true, false}, run(tf.notEqual(a, b)));
    assertBools(new boolean[] {false, false}, run(tf.less(a, b)));
  }

  @Test
  void equal_bools_andLessOnBoolThrows() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new boolean[] {true, true, false, false});
    Output b = tf.constant(new boolean[] {true, false, true, false});
    assertBools(new boolean[] {true, false, false, true}, run(tf.equal(a, b)));
    assertBools(new boolean[] {false, true, true, false}, run(tf.notEqual(a, b)));
    assertOpError(FILE, () -> tf.less(a, b), "Less", "bool");
  }

  @Test
  void compare_dtypeMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new float[] {1});
    Output b = tf.constant(new int[] {1});
    assertOpError(FILE, () -> tf.greater(a, b), "Greater", "float32 and int32");
  }

  @Test
  void logical_andOrNot_withBroadcasting() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output col = tf.constant(new boolean[][] {{true}, {false}});
    Output row = tf.constant(new boolean[] {true, false});
    assertEquals(Shape.of(2, 2), tf.logicalAnd(col, row).shape());
    assertBools(new boolean[] {true, false, false, false}, run(tf.logicalAnd(col, row)));
    assertBools(new boolean[] {true, true, true, false}, run(tf.logicalOr(col, row)));
    assertBools(new boolean[] {false, true}, run(tf.logicalNot(row)));
    Output f = tf.constant(new float[] {1});
    assertOpError(FILE, () -> tf.logicalAnd(f, f), "LogicalAnd", "bool", "float32");
  }

  @Test
  void where_sameShape_allDtypes() {
    boolean[] c = {true, false, false, true};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output cond = tf.constant(Tensor.create(Shape.of(2, 2), c));
      Output x = tf.constant(tensor(t, Shape.of(2, 2), 1, 2, 3, 4));
      Output y = tf.constant(tensor(t, Shape.of(2, 2), -1, -2, -3, -4));
      assertValues(t, Shape.of(2, 2), new double[] {1, -2, -3, 4}, run(tf.where(cond, x, y)));
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output cond = tf.constant(c);
    Output x = tf.constant(new boolean[] {true, true, true, true});
    Output y = tf.constant(new boolean[] {false, false, false, false});
    assertBools(c, run(tf.where(cond, x, y)));
  }

  @Test
  void where_vectorCond_selectsRows() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output cond = tf.constant(new boolean[] {false, true, false});
      Output x = tf.constant(tensor(t, Shape.of(3, 2), 1, 2, 3, 4, 5, 6));
      Output y = tf.constant(tensor(t, Shape.of(3, 2), -1, -2, -3, -4, -5, -6));
      Output r = tf.where(cond, x, y);
      assertEquals(Shape.of(3, 2), r.shape());
      assertValues(t, Shape.of(3, 2), new double[] {-1, -2, 3, 4, -5, -6}, run(r));
      Output s = tf.where(tf.constant(true), x, y); // scalar cond picks x or y whole
      assertValues(t, Shape.of(3, 2), new double[] {1, 2, 3, 4, 5, 6}, run(s));
    }
  }

  @Test
  void where_unknownDims_staticShapeAndRunTime() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output cond = tf.placeholder(DType.BOOL, Shape.of(-1), "cond");
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(3, -1), "y");
    Output r = tf.where(cond, x, y);
    assertEquals(Shape.of(3, 2), r.shape());
    Output anyRank = tf.placeholder(DType.FLOAT32, Shape.unknown(), "anyRank");
    assertEquals(Shape.unknown(), tf.where(cond, anyRank, anyRank).shape());
    try (Session s = new Session(g)) {
      Tensor out = s.runner().feed(cond, Tensor.of(new boolean[] {true, false, true}))
          .feed(x, Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}))
          .feed(y, Tensor.of(new float[][] {{0, 0}, {9, 9}, {0, 0}})).fetch(r).run().get(0);
      assertValues(DType.FLOAT32, Shape.of(3, 2), new double[] {1, 2, 9, 9, 5, 6}, out);
    }
  }

  @Test
  void where_badCondShape_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[3][2]);
    Output condWrongLength = tf.constant(new boolean[2]);
    assertOpError(FILE, () -> tf.where(condWrongLength, x, x), "Select", "length 2",
        "first dimension 3");
    Output condWrongShape = tf.constant(new boolean[2][3]);
    assertOpError(FILE, () -> tf.where(condWrongShape, x, x), "Select", "(2, 3)");
    Output other = tf.constant(new float[3][3]);
    assertOpError(FILE, () -> tf.where(tf.constant(true), x, other), "Select", "same shape");
    Output f = tf.constant(new float[3][2]);
    assertOpError(FILE, () -> tf.where(tf.constant(new boolean[3][2]), x,
        tf.constant(new double[3][2])), "Select", "float32 and float64");
    assertOpError(FILE, () -> tf.where(f, x, x), "Select", "cond must be bool");
  }

  @Test
  void whereV2_broadcastsAllThree() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output cond = tf.constant(new boolean[][] {{true}, {false}});
      Output x = tf.constant(tensor(t, Shape.of(1, 3), 1, 2, 3));
      Output y = tf.constant(tensor(t, Shape.scalar(), 0));
      Output r = tf.whereV2(cond, x, y);
      assertEquals(Shape.of(2, 3), r.shape());
      assertValues(t, Shape.of(2, 3), new double[] {1, 2, 3, 0, 0, 0}, run(r));
      Output elementwise = tf.whereV2(tf.constant(new boolean[] {true, false, true}), x, y);
      assertValues(t, Shape.of(1, 3), new double[] {1, 0, 3}, run(elementwise));
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[2]);
    assertOpError(FILE, () -> tf.whereV2(tf.constant(new boolean[3]), x, x), "SelectV2",
        "cannot broadcast shapes (3,), (2,) and (2,)");
  }

  @Test
  void clipByValue_scalarAndBroadcastBounds() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.constant(tensor(t, Shape.of(2, 3), -5, 0, 5, 10, -10, 2));
      Output lo = tf.constant(tensor(t, Shape.scalar(), -2));
      Output hi = tf.constant(tensor(t, Shape.scalar(), 3));
      assertValues(t, Shape.of(2, 3), new double[] {-2, 0, 3, 3, -2, 2},
          run(tf.clipByValue(x, lo, hi)));
      Output rowLo = tf.constant(tensor(t, Shape.of(3), -1, 1, -20));
      Output rowHi = tf.constant(tensor(t, Shape.of(3), 1, 4, 20));
      assertValues(t, Shape.of(2, 3), new double[] {-1, 1, 5, 1, 1, 2},
          run(tf.clipByValue(x, rowLo, rowHi)));
    }
  }

  @Test
  void clipByValue_fractionalFloats() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[] {-0.75f, 0.25f, 0.8f});
    Output r = tf.clipByValue(x, tf.constant(-0.5f), tf.constant(0.5f));
    assertValues(DType.FLOAT32, Shape.of(3), new double[] {-0.5, 0.25, 0.5}, run(r));
  }

  @Test
  void clipByValue_boundsThatEnlargeX_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[3]);
    Output lo = tf.constant(new float[2][3]);
    assertOpError(FILE, () -> tf.clipByValue(x, lo, tf.constant(1f)), "ClipByValue", "(2, 3)",
        "(3,)");
    assertOpError(FILE, () -> tf.clipByValue(x, tf.constant(1.0), tf.constant(2.0)),
        "ClipByValue", "same dtype");
  }
}
