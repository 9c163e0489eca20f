package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.broadcastRef;
import static dev.skein.core.testing.MathTestSupport.roundTo;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static dev.skein.core.testing.MathTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.math.MathOps.Binary;
import dev.skein.core.ops.state.StateOps;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binary arithmetic: values, broadcasting, unknown dimensions, dtypes and error messages. */
class MathOpsTest {
  private static final String FILE = "MathOpsTest.java";

  /** Reference formulas, written independently of the kernels. */
  static double ref(Binary op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case FLOOR_DIV -> Math.floor(a / b);
      case FLOOR_MOD -> a - Math.floor(a / b) * b;
      case POW -> Math.pow(a, b);
      case MAXIMUM -> a >= b ? a : b;
      case MINIMUM -> a <= b ? a : b;
      case SQUARED_DIFFERENCE -> (a - b) * (a - b);
    };
  }

  static final int[][][] SHAPE_PAIRS = {
      {{2, 3}, {2, 3}},       // same shape
      {{2, 3}, {3}},          // row vector
      {{2, 3}, {1, 3}},       // row vector, rank 2
      {{3}, {2, 3}},          // row vector on the left
      {{2, 1}, {1, 3}},       // outer broadcast
      {{2, 3}, {2, 1}},       // column vector
      {{}, {2, 3}},           // scalar left
      {{2, 3}, {}},           // scalar right
      {{2, 3, 4}, {3, 1}},    // rank 3 with a middle broadcast
      {{4, 1, 3}, {2, 1}},    // both grow
      {{2, 1, 4}, {1, 3, 1}}, // alternating
      {{1}, {1}},             // single elements
      {{0, 3}, {3}},          // empty
  };

  static Stream<Arguments> floatCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Binary op : Binary.values()) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
        for (int[][] pair : SHAPE_PAIRS) {
          b.add(Arguments.of(op, t, pair[0], pair[1]));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("floatCases")
  void binary_floatTypes_matchReferenceWithBroadcasting(Binary op, DType t, int[] as, int[] bs) {
    Graph g = new Graph();
    double[] av = values(Shape.of(as).numElements(), 1);
    double[] bv = values(Shape.of(bs).numElements(), 4);
    if (op == Binary.POW) { // keep the base positive so fractional exponents are defined
      av = MathTestSupport.map(av, v -> Math.abs(v) + 0.5);
    }
    Output a = StateOps.constant(g, tensor(t, Shape.of(as), av), "a");
    Output b = StateOps.constant(g, tensor(t, Shape.of(bs), bv), "b");
    Output y = MathOps.binary(g, op, a, b, null);
    int[] out = outShape(as, bs);
    assertEquals(Shape.of(out), y.shape());
    double[] ar = broadcastRef(roundTo(t, av), as, out);
    double[] br = broadcastRef(roundTo(t, bv), bs, out);
    double[] expected = new double[ar.length];
    for (int i = 0; i < ar.length; i++) {
      expected[i] = ref(op, ar[i], br[i]);
    }
    assertValues(t, Shape.of(out), expected, run(y));
  }

  /** The broadcast shape, by the rule written out for the test. */
  static int[] outShape(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
      int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  @Test
  void binary_largeFloat32RowBroadcast_matchesReference() {
    // the LSTM case: [150, 600] + [600] and [150, 600] * [150, 600]
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[] xv = values(150 * 600, 2);
    double[] bv = values(600, 3);
    Output x = tf.constant(tensor(DType.FLOAT32, Shape.of(150, 600), xv));
    Output b = tf.constant(tensor(DType.FLOAT32, Shape.of(600), bv));
    Output sum = tf.add(x, b);
    Output prod = tf.mul(x, x);
    List<Tensor> r = run(List.of(sum, prod));
    double[] es = new double[xv.length];
    double[] ep = new double[xv.length];
    for (int i = 0; i < 150; i++) {
      for (int j = 0; j < 600; j++) {
        float xf = (float) xv[i * 600 + j];
        es[i * 600 + j] = xf + (float) bv[j];
        ep[i * 600 + j] = xf * xf;
      }
    }
    assertValues(DType.FLOAT32, Shape.of(150, 600), es, r.get(0));
    assertValues(DType.FLOAT32, Shape.of(150, 600), ep, r.get(1));
  }

  @Test
  void binary_int32_handValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new int[] {7, -7, 7, -7, 3, 0});
    Output b = tf.constant(new int[] {2, 2, -2, -2, 4, 5});
    assertValues(DType.INT32, Shape.of(6), new double[] {9, -5, 5, -9, 7, 5}, run(tf.add(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {5, -9, 9, -5, -1, -5}, run(tf.sub(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {14, -14, -14, 14, 12, 0},
        run(tf.mul(a, b)));
    // floor division and its remainder (sign of the divisor), like Python's // and %
    assertValues(DType.INT32, Shape.of(6), new double[] {3, -4, -4, 3, 0, 0},
        run(tf.floorDiv(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {1, 1, -1, -1, 3, 0},
        run(tf.floorMod(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {49, 49, 1, 1, 81, 0},
        run(tf.pow(a, tf.constant(new int[] {2, 2, 0, 0, 4, 3}))));
    assertValues(DType.INT32, Shape.of(6), new double[] {7, 2, 7, -2, 4, 5},
        run(tf.maximum(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {2, -7, -2, -7, 3, 0},
        run(tf.minimum(a, b)));
    assertValues(DType.INT32, Shape.of(6), new double[] {25, 81, 81, 25, 1, 25},
        run(tf.squaredDifference(a, b)));
  }

  @Test
  void intPow_zeroExponentGivesOne() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.pow(tf.constant(new int[] {7, -3, 0, 2}), tf.constant(new int[] {0, 3, 0, 10}));
    assertValues(DType.INT32, Shape.of(4), new double[] {1, -27, 1, 1024}, run(y));
  }

  @Test
  void div_int32_isFloorDivisionLikeTf1Div() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.div(tf.constant(new int[] {7, -7}), tf.constant(new int[] {2, 2}));
    assertEquals("FloorDiv", y.op().type().typeName());
    assertValues(DType.INT32, Shape.of(2), new double[] {3, -4}, run(y));
    Output f = tf.div(tf.constant(new float[] {7, -7}), tf.constant(new float[] {2, 2}));
    assertEquals("RealDiv", f.op().type().typeName());
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {3.5, -3.5}, run(f));
  }

  @Test
  void truediv_int32_castsToFloat64() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.divide(tf.constant(new int[] {7, -7}), tf.constant(new int[] {2, 4}));
    assertValues(DType.FLOAT64, Shape.of(2), new double[] {3.5, -1.75}, run(y));
  }

  @Test
  void realDiv_int32_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new int[] {1});
    assertOpError(FILE, () -> MathOps.binary(g, Binary.DIV, a, a, null), "RealDiv",
        "float32 or float64", "int32", "floorDiv");
  }

  @Test
  void floorDiv_int32ByZero_throwsAtRunTime() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.floorDiv(tf.constant(new int[] {1, 2}), tf.constant(new int[] {1, 0}));
    assertOpError(FILE, () -> run(y), "FloorDiv", "integer division by zero");
  }

  @Test
  void pow_int32NegativeExponent_throwsAtRunTime() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.pow(tf.constant(new int[] {2}), tf.constant(new int[] {-1}));
    assertOpError(FILE, () -> run(y), "Pow", "negative integer powers");
  }

  @Test
  void add_placeholderWithUnknownDims_staticShapeAndRunTimeValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output b = tf.constant(new float[] {10, 20, 30});
    Output y = tf.add(x, b);
    assertEquals(Shape.of(-1, 3), y.shape());
    assertEquals("(?, 3)", y.shape().toString());
    Tensor r = run(y, x, Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {0, 0, 1}}));
    assertValues(DType.FLOAT32, Shape.of(4, 3),
        new double[] {11, 22, 33, 14, 25, 36, 17, 28, 39, 10, 20, 31}, r);
  }

  @Test
  void broadcastShapeRule_unknownDims() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output col = tf.placeholder(DType.FLOAT64, Shape.of(-1, 1), "col");
    Output row = tf.placeholder(DType.FLOAT64, Shape.of(1, -1), "row");
    assertEquals(Shape.of(-1, -1), tf.mul(col, row).shape());
    Output known = tf.placeholder(DType.FLOAT64, Shape.of(2, 1), "known");
    assertEquals(Shape.of(2, -1), tf.sub(known, row).shape());
    Output any = tf.placeholder(DType.FLOAT64, Shape.of(-1, 5), "any");
    assertEquals(Shape.of(2, 5), tf.add(any, known).shape()); // ? against 2 must be 2 (or 1)
    Output unknownRank = tf.placeholder(DType.FLOAT64, Shape.unknown(), "u");
    assertEquals(Shape.unknown(), tf.add(unknownRank, known).shape());
    // run time: (?, 1) * (1, ?) fed as (2, 1) and (1, 3)
    try (Session s = new Session(g)) {
      Tensor r = s.runner().feed(col, Tensor.of(new double[][] {{2}, {3}}))
          .feed(row, Tensor.of(new double[][] {{1, 10, 100}})).fetch(tf.mul(col, row)).run()
          .get(0);
      assertValues(DType.FLOAT64, Shape.of(2, 3), new double[] {2, 20, 200, 3, 30, 300}, r);
    }
  }

  @Test
  void add_broadcastMismatch_throwsNamingShapes() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new float[2][3]);
    Output b = tf.constant(new float[4]);
    assertOpError(FILE, () -> tf.add(a, b), "Add", "cannot broadcast shapes (2, 3) and (4,)");
  }

  @Test
  void add_broadcastMismatchAtRunTime_throwsNamingShapes() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1), "a");
    Output b = tf.placeholder(DType.FLOAT32, Shape.of(-1), "b");
    Output y = tf.mul(a, b);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(a, Tensor.of(new float[2]))
          .feed(b, Tensor.of(new float[3])).fetch(y).run(), "Mul",
          "cannot broadcast shapes (2,) and (3,)");
    }
  }

  @Test
  void add_float32AndFloat64_throwsDtypeMismatch() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new float[] {1});
    Output b = tf.constant(new double[] {1});
    assertOpError(FILE, () -> tf.add(a, b), "Add", "same dtype", "float32 and float64", "cast");
  }

  @Test
  void add_bool_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new boolean[] {true});
    assertOpError(FILE, () -> tf.add(a, a), "Add", "bool");
  }

  @Test
  void binary_sameShape_keepsShapeObject() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Tensor v = Tensor.of(new float[][] {{1, 2}});
    Tensor r = run(tf.add(tf.constant(v), tf.constant(v)));
    assertSame(v.shape(), r.shape());
  }

  @Test
  void binary_namesAndTypeNames() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(1f);
    assertEquals("y", tf.add(a, a, "y").op().name());
    assertEquals("Add", tf.add(a, a).op().name());
    assertEquals("Sub", tf.subtract(a, a).op().type().typeName());
    assertEquals("Mul", tf.multiply(a, a).op().type().typeName());
    assertEquals("SquaredDifference", tf.squaredDifference(a, a).op().type().typeName());
  }

  @Test
  void addN_sumsSameShapeTensors() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output a = tf.constant(tensor(t, Shape.of(2, 2), 1, 2, 3, 4));
      Output b = tf.constant(tensor(t, Shape.of(2, 2), 10, 20, 30, 40));
      Output c = tf.constant(tensor(t, Shape.of(2, 2), 100, 200, 300, 400));
      assertValues(t, Shape.of(2, 2), new double[] {111, 222, 333, 444},
          run(tf.addN(List.of(a, b, c))));
      assertValues(t, Shape.of(2, 2), new double[] {1, 2, 3, 4}, run(tf.addN(List.of(a))));
    }
  }

  @Test
  void addN_shapeMismatch_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.constant(new float[2]);
    Output b = tf.constant(new float[3]);
    assertOpError(FILE, () -> tf.addN(List.of(a, b)), "AddN", "same shape", "(2,)", "(3,)");
  }
}
