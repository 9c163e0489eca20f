package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertBools;
import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.roundTo;
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
import dev.skein.core.ops.state.StateOps;
import dev.skein.core.testing.MathTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reductions and arg-max/min. */
class MathReduceOpsTest {
  private static final String FILE = "MathReduceOpsTest.java";

  enum R { SUM, MEAN, MAX, MIN, PROD }

  static Output build(Graph g, R r, Output x, int[] axes, boolean keepDims) {
    return switch (r) {
      case SUM -> MathReduceBuilders.reduceSum(g, x, axes, keepDims, null);
      case MEAN -> MathReduceBuilders.reduceMean(g, x, axes, keepDims, null);
      case MAX -> MathReduceBuilders.reduceMax(g, x, axes, keepDims, null);
      case MIN -> MathReduceBuilders.reduceMin(g, x, axes, keepDims, null);
      case PROD -> MathReduceBuilders.reduceProd(g, x, axes, keepDims, null);
    };
  }

  /**
   * Reference: for each output position, collect the input values whose kept coordinates
   * match, by brute force over multi-indices.
   */
  static double[] reference(R r, double[] v, int[] dims, boolean[] mask) {
    int n = v.length;
    List<Integer> outIndex = new ArrayList<>();
    int outSize = 1;
    for (int d = 0; d < dims.length; d++) {
      outSize *= mask[d] ? 1 : dims[d];
    }
    List<List<Double>> groups = new ArrayList<>();
    for (int o = 0; o < outSize; o++) {
      groups.add(new ArrayList<>());
    }
    for (int flat = 0; flat < n; flat++) {
      int rem = flat;
      int[] idx = new int[dims.length];
      for (int d = dims.length - 1; d >= 0; d--) {
        idx[d] = rem % dims[d];
        rem /= dims[d];
      }
      int o = 0;
      for (int d = 0; d < dims.length; d++) {
        if (!mask[d]) {
          o = o * dims[d] + idx[d];
        }
      }
      groups.get(o).add(v[flat]);
      outIndex.add(o);
    }
    double[] out = new double[outSize];
    for (int o = 0; o < outSize; o++) {
      List<Double> grp = groups.get(o);
      double acc = switch (r) {
        case SUM, MEAN -> 0;
        case PROD -> 1;
        case MAX -> Double.NEGATIVE_INFINITY;
        case MIN -> Double.POSITIVE_INFINITY;
      };
      for (double x : grp) {
        acc = switch (r) {
          case SUM, MEAN -> acc + x;
          case PROD -> acc * x;
          case MAX -> x > acc ? x : acc;
          case MIN -> x < acc ? x : acc;
        };
      }
      out[o] = r == R.MEAN ? acc / grp.size() : acc;
    }
    return out;
  }

  static final int[][] AXES = {null, {}, {0}, {1}, {2}, {-1}, {0, 2}, {2, 0}, {0, 1}, {1, 2},
      {0, 1, 2}, {-3, -2}};

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (R r : R.values()) {
      for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
        for (int[] axes : AXES) {
          b.add(Arguments.of(r, t, axes, false));
          b.add(Arguments.of(r, t, axes, true));
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} axes={2} keepDims={3}")
  @MethodSource("cases")
  void reduce_rank3_matchesBruteForce(R r, DType t, int[] axes, boolean keepDims) {
    int[] dims = {2, 3, 4};
    double[] v = roundTo(t, values(24, 5));
    Graph g = new Graph();
    Output x = StateOps.constant(g, tensor(t, Shape.of(dims), v), null);
    Output y = build(g, r, x, axes, keepDims);
    boolean[] mask = new boolean[3];
    if (axes == null) {
      mask = new boolean[] {true, true, true};
    } else {
      for (int a : axes) {
        mask[a < 0 ? a + 3 : a] = true;
      }
    }
    List<Integer> outDims = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      if (!mask[d]) {
        outDims.add(dims[d]);
      } else if (keepDims) {
        outDims.add(1);
      }
    }
    Shape shape = Shape.of(outDims.stream().mapToInt(Integer::intValue).toArray());
    assertEquals(shape, y.shape());
    // float32 accumulates up to 24 rounded terms: allow 1e-5 relative; float64 1e-12
    assertValues(t, shape, reference(r, v, dims, mask), run(y),
        t == DType.FLOAT32 ? 1e-5 : 1e-12);
  }

  @Test
  void reduce_largeFloat32_overEachAxis() {
    int rows = 150;
    int cols = 600;
    double[] v = roundTo(DType.FLOAT32, values(rows * cols, 9));
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(tensor(DType.FLOAT32, Shape.of(rows, cols), v));
    List<Tensor> r = run(List.of(tf.reduceSum(x, 0), tf.reduceSum(x, 1), tf.reduceMean(x),
        tf.reduceMax(x, 1)));
    double[] colSums = new double[cols];
    double[] rowSums = new double[rows];
    double[] rowMax = new double[rows];
    java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
    double total = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double e = v[i * cols + j];
        colSums[j] += e;
        rowSums[i] += e;
        rowMax[i] = Math.max(rowMax[i], e);
        total += e;
      }
    }
    // sums of 150-600 float32 values: error bound a few hundred ulps of the magnitudes summed
    MathTestSupport.assertClose(colSums, r.get(0).toDoubleArray(), 1e-4);
    MathTestSupport.assertClose(rowSums, r.get(1).toDoubleArray(), 1e-4);
    assertEquals(total / (rows * cols), r.get(2).floatValue(), 1e-6);
    MathTestSupport.assertClose(rowMax, r.get(3).toDoubleArray(), 0);
  }

  @Test
  void reduce_int32_handValues_meanTruncates() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new int[][] {{1, 2, 4}, {-1, -2, -4}});
    assertValues(DType.INT32, Shape.of(3), new double[] {0, 0, 0}, run(tf.reduceSum(x, 0)));
    assertValues(DType.INT32, Shape.of(2), new double[] {7, -7}, run(tf.reduceSum(x, 1)));
    // 7 / 3 and -7 / 3 truncate toward zero like TensorFlow's integer mean
    assertValues(DType.INT32, Shape.of(2), new double[] {2, -2}, run(tf.reduceMean(x, 1)));
    assertValues(DType.INT32, Shape.of(2, 1), new double[] {4, -1},
        run(tf.reduceMax(x, new int[] {1}, true)));
    assertValues(DType.INT32, Shape.of(), new double[] {-4}, run(tf.reduceMin(x)));
    assertValues(DType.INT32, Shape.of(3), new double[] {-1, -4, -16}, run(tf.reduceProd(x, 0)));
  }

  @Test
  void reduceAnyAll_bools() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new boolean[][] {{true, false}, {true, true}, {false, false}});
    assertBools(new boolean[] {true, true, false}, run(tf.reduceAny(x, 1)));
    assertBools(new boolean[] {false, true, false}, run(tf.reduceAll(x, 1)));
    assertBools(new boolean[] {true, true}, run(tf.reduceAny(x, 0)));
    assertBools(new boolean[] {false, false}, run(tf.reduceAll(x, 0)));
    assertBools(new boolean[] {true}, run(tf.reduceAny(x)));
    assertBools(new boolean[] {false}, run(tf.reduceAll(x)));
    assertOpError(FILE, () -> tf.reduceAny(tf.constant(new float[2])), "Any", "bool",
        "float32");
    assertOpError(FILE, () -> tf.reduceSum(x), "Sum", "bool");
  }

  @Test
  void reduce_emptyInput_givesIdentities() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(Tensor.create(Shape.of(0, 2), new float[0]));
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {0, 0}, run(tf.reduceSum(x, 0)));
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {1, 1}, run(tf.reduceProd(x, 0)));
    assertValues(DType.FLOAT32, Shape.of(2),
        new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
        run(tf.reduceMax(x, 0)));
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {Double.NaN, Double.NaN},
        run(tf.reduceMean(x, 0)));
    assertValues(DType.FLOAT32, Shape.of(0), new double[0], run(tf.reduceSum(x, 1)));
  }

  @Test
  void reduce_unknownDims_shapeRule() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    assertEquals(Shape.of(-1), tf.reduceSum(x, 1).shape());
    assertEquals(Shape.of(3), tf.reduceSum(x, 0).shape());
    assertEquals(Shape.of(1, 3), tf.reduceMean(x, new int[] {0}, true).shape());
    assertEquals(Shape.of(-1, 1), tf.reduceMax(x, new int[] {-1}, true).shape());
    assertEquals(Shape.scalar(), tf.reduceSum(x).shape());
    Output u = tf.placeholder(DType.FLOAT32, Shape.unknown(), "u");
    assertEquals(Shape.scalar(), tf.reduceSum(u).shape());
    assertEquals(Shape.unknown(), tf.reduceSum(u, 0).shape());
    assertEquals(Shape.unknown(), tf.reduceSum(u, null, true).shape());
    Tensor r = MathTestSupport.run(tf.reduceSum(x, 1), x,
        Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
    assertValues(DType.FLOAT32, Shape.of(2), new double[] {6, 15}, r);
  }

  @Test
  void reduce_axisOutOfRange_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[2][3]);
    assertOpError(FILE, () -> tf.reduceSum(x, 2), "Sum", "reduction axis 2 is out of range",
        "rank 2", "(2, 3)", "[-2, 2)");
    assertOpError(FILE, () -> tf.reduceMean(x, -3), "Mean", "axis -3 is out of range");
    assertOpError(FILE, () -> tf.reduceMax(x, new int[] {1, -1}), "Max", "more than once");
  }

  @Test
  void reduce_axisOutOfRangeAtRunTime_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output u = tf.placeholder(DType.FLOAT32, Shape.unknown(), "u");
    Output y = tf.reduceSum(u, 1);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(u, Tensor.of(new float[] {1, 2})).fetch(y).run(),
          "reduction axis 1 is out of range", "(2,)");
    }
  }

  @Test
  void reduce_describeAttributes() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[2][3]);
    assertEquals("axes=all, keepDims=false",
        tf.reduceSum(x).op().type().describeAttributes());
    assertEquals("axes=[1], keepDims=true",
        tf.reduceSum(x, new int[] {1}, true).op().type().describeAttributes());
  }

  // ---- argMax / argMin ----

  @Test
  void argMaxArgMin_allDtypes_axes() {
    double[] v = {3, 1, 3, -2, 5, 5};
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT32)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.constant(tensor(t, Shape.of(2, 3), v));
      // ties give the first index
      assertValues(DType.INT32, Shape.of(2), new double[] {0, 1}, run(tf.argMax(x, 1)));
      assertValues(DType.INT32, Shape.of(2), new double[] {1, 0}, run(tf.argMin(x, -1)));
      assertValues(DType.INT32, Shape.of(3), new double[] {0, 1, 1}, run(tf.argMax(x, 0)));
      assertValues(DType.INT32, Shape.of(3), new double[] {1, 0, 0}, run(tf.argMin(x, 0)));
    }
  }

  @Test
  void argMax_rank3MiddleAxis() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[] v = values(24, 2);
    Output x = tf.constant(tensor(DType.FLOAT64, Shape.of(2, 3, 4), v));
    Output y = tf.argMax(x, 1);
    assertEquals(Shape.of(2, 4), y.shape());
    double[] expected = new double[8];
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 4; k++) {
        int best = 0;
        for (int j = 1; j < 3; j++) {
          if (v[i * 12 + j * 4 + k] > v[i * 12 + best * 4 + k]) {
            best = j;
          }
        }
        expected[i * 4 + k] = best;
      }
    }
    assertValues(DType.INT32, Shape.of(2, 4), expected, run(y));
  }

  @Test
  void argMax_unknownDimsAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 10), "x");
    assertEquals(Shape.of(-1), tf.argMax(x, 1).shape());
    assertEquals(DType.INT32, tf.argMax(x, 1).dtype());
    assertOpError(FILE, () -> tf.argMax(x, 2), "ArgMax", "axis 2 is out of range");
    Output empty = tf.constant(Tensor.create(Shape.of(2, 0), new float[0]));
    Output y = tf.argMin(empty, 1);
    assertOpError(FILE, () -> run(y), "ArgMin", "empty", "(2, 0)");
    assertOpError(FILE, () -> tf.argMax(tf.constant(new boolean[2]), 0), "ArgMax", "bool");
  }
}
