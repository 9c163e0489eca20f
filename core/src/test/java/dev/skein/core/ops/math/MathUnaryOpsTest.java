package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertBools;
import static dev.skein.core.testing.MathTestSupport.assertClose;
import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.roundTo;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.math.MathOps.Unary;
import dev.skein.core.ops.state.StateOps;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unary functions and cast. */
class MathUnaryOpsTest {
  private static final String FILE = "MathUnaryOpsTest.java";

  /** Reference formulas, independent of the kernels (Math.* in double). */
  static double ref(Unary op, double x) {
    return switch (op) {
      case NEG -> -x;
      case ABS -> x < 0 ? -x : x;
      case SQUARE -> x * x;
      case SIGN -> x > 0 ? 1 : x < 0 ? -1 : 0;
      case RELU -> x > 0 ? x : 0;
      case SQRT -> Math.sqrt(x);
      case RSQRT -> 1 / Math.sqrt(x);
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log(1 + x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      case RECIPROCAL -> 1 / x;
      case FLOOR -> Math.floor(x);
    };
  }

  /** Inputs inside each function's domain, mixing signs where allowed. */
  static double[] inputs(Unary op) {
    return switch (op) {
      case SQRT, RSQRT, LOG -> new double[] {0.01, 0.5, 1, 2.25, 9, 1234.5};
      case LOG1P -> new double[] {-0.9, -1e-7, 0, 1e-9, 0.5, 100};
      default -> new double[] {-7.25, -1.5, -0.01, 0, 1e-5, 0.3, 2.5, 15};
    };
  }

  static Stream<Arguments> floatCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Unary op : Unary.values()) {
      b.add(Arguments.of(op, DType.FLOAT32));
      b.add(Arguments.of(op, DType.FLOAT64));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("floatCases")
  void unary_floatTypes_matchMathFunctions(Unary op, DType t) {
    Graph g = new Graph();
    double[] v = inputs(op);
    Shape shape = Shape.of(2, v.length / 2);
    Output y = MathOps.unary(g, op, StateOps.constant(g, tensor(t, shape, v), null), null);
    assertEquals(shape, y.shape());
    assertEquals(t, y.dtype());
    double[] expected = MathTestSupport.map(roundTo(t, v), x -> ref(op, x));
    assertValues(t, shape, expected, run(y));
  }

  @Test
  void unary_float32OnManyValues_withinTwoUlpsOfFloatReference() {
    // tanh, sigmoid and exp use fast float32 formulas (FloatFunctions): check them on a wide
    // spread of magnitudes. Within 2.14 ulps of the exact tanh and 2.2 of the exact sigmoid
    // (so within two of the rounded reference), and 0 where the exact sigmoid is a denormal
    // below 2^-126 by a little (x below -87.68); exp within 1.06 ulps.
    Random rnd = new Random(7);
    float[] v = new float[20000];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 6));
    }
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(Tensor.create(Shape.of(v.length), v));
    List<Tensor> r = run(List.of(tf.tanh(x), tf.sigmoid(x), tf.exp(x)));
    for (int i = 0; i < v.length; i++) {
      float tanh = (float) Math.tanh(v[i]);
      float sig = (float) (1 / (1 + Math.exp(-v[i])));
      float exp = (float) Math.exp(v[i]);
      float t = r.get(0).floats()[i];
      assertTrue(Math.abs(t - tanh) <= 2 * Math.ulp(tanh), "tanh " + v[i]);
      float s = r.get(1).floats()[i];
      assertTrue(withinOneUlp(sig, s) || Math.abs(s - sig) <= 2 * Math.ulp(sig)
          || (sig < Float.MIN_NORMAL && s == 0), "sigmoid " + v[i]);
      assertTrue(withinOneUlp(exp, r.get(2).floats()[i]), "exp " + v[i]);
    }
  }

  private static boolean withinOneUlp(float expected, float actual) {
    return expected == actual || Math.abs(actual - expected) <= Math.ulp(expected);
  }

  @Test
  void sigmoidAndTanh_largeMagnitudes_areStable() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    float[] big = {-1e30f, -1000, -100, -20, 20, 100, 1000, 1e30f, Float.NaN};
    Output x = tf.constant(big);
    assertClose(new double[] {0, 0, 3.720076e-44, 2.0611537e-9, 1, 1, 1, 1, Double.NaN},
        run(tf.sigmoid(x)).toDoubleArray(), 1e-6);
    // the smallest values are compared relatively too
    assertEquals(2.0611537e-9, run(tf.sigmoid(x)).floats()[3], 2.0611537e-9 * 1e-6);
    assertClose(new double[] {-1, -1, -1, -1, 1, 1, 1, 1, Double.NaN},
        run(tf.tanh(x)).toDoubleArray(), 0);
    Output d = tf.constant(new double[] {-700, -30, 30, 800});
    double[] s = run(tf.sigmoid(d)).doubles();
    assertEquals(Math.exp(-700), s[0], Math.exp(-700) * 1e-12); // relative accuracy far out
    assertEquals(Math.exp(-30) / (1 + Math.exp(-30)), s[1], 1e-25);
    assertEquals(1 / (1 + Math.exp(-30)), s[2], 1e-15);
    assertEquals(1.0, s[3]);
  }

  @Test
  void unary_int32_handValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new int[] {-3, 0, 5});
    assertValues(DType.INT32, Shape.of(3), new double[] {3, 0, -5}, run(tf.neg(x)));
    assertValues(DType.INT32, Shape.of(3), new double[] {3, 0, 5}, run(tf.abs(x)));
    assertValues(DType.INT32, Shape.of(3), new double[] {9, 0, 25}, run(tf.square(x)));
    assertValues(DType.INT32, Shape.of(3), new double[] {-1, 0, 1}, run(tf.sign(x)));
    assertValues(DType.INT32, Shape.of(3), new double[] {0, 0, 5}, run(tf.relu(x)));
  }

  @Test
  void sqrt_int32_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new int[] {4});
    assertOpError(FILE, () -> tf.sqrt(x), "Sqrt", "float32 or float64", "int32");
  }

  @Test
  void neg_bool_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new boolean[] {true});
    assertOpError(FILE, () -> tf.neg(x), "Neg", "bool");
  }

  @Test
  void unary_unknownDims_keepStaticShape() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1, 2), "x");
    Output y = tf.sigmoid(tf.tanh(x));
    assertEquals(Shape.of(-1, 2), y.shape());
    Tensor r = MathTestSupport.run(y, x, Tensor.of(new double[][] {{0, 1}, {-1, 2}, {3, -4}}));
    double[] expected = MathTestSupport.map(new double[] {0, 1, -1, 2, 3, -4},
        v -> 1 / (1 + Math.exp(-Math.tanh(v))));
    assertValues(DType.FLOAT64, Shape.of(3, 2), expected, r);
  }

  @Test
  void cast_allPairs_handValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output f = tf.constant(new float[] {-2.7f, -0.5f, 0f, 2.7f});
    Output d = tf.constant(new double[] {-2.7, -0.5, 0, 2.7});
    Output i = tf.constant(new int[] {-3, 0, 0, 7});
    Output b = tf.constant(new boolean[] {true, false, false, true});
    Shape s = Shape.of(4);
    // float -> int truncates toward zero
    assertValues(DType.INT32, s, new double[] {-2, 0, 0, 2}, run(tf.cast(f, DType.INT32)));
    assertValues(DType.INT32, s, new double[] {-2, 0, 0, 2}, run(tf.cast(d, DType.INT32)));
    assertValues(DType.FLOAT64, s, new double[] {-2.7f, -0.5f, 0, 2.7f},
        run(tf.cast(f, DType.FLOAT64)));
    assertValues(DType.FLOAT32, s, new double[] {(float) -2.7, -0.5, 0, (float) 2.7},
        run(tf.cast(d, DType.FLOAT32)));
    assertValues(DType.FLOAT32, s, new double[] {-3, 0, 0, 7}, run(tf.cast(i, DType.FLOAT32)));
    assertValues(DType.FLOAT64, s, new double[] {-3, 0, 0, 7}, run(tf.cast(i, DType.FLOAT64)));
    // bool -> number is 1/0; number -> bool is x != 0
    assertValues(DType.FLOAT32, s, new double[] {1, 0, 0, 1}, run(tf.cast(b, DType.FLOAT32)));
    assertValues(DType.FLOAT64, s, new double[] {1, 0, 0, 1}, run(tf.cast(b, DType.FLOAT64)));
    assertValues(DType.INT32, s, new double[] {1, 0, 0, 1}, run(tf.cast(b, DType.INT32)));
    boolean[] nz = {true, true, false, true};
    assertBools(nz, run(tf.cast(f, DType.BOOL)));
    assertBools(nz, run(tf.cast(d, DType.BOOL)));
    assertBools(new boolean[] {true, false, false, true}, run(tf.cast(i, DType.BOOL)));
  }

  @Test
  void cast_sameDtype_passesTensorThrough() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Tensor v = Tensor.of(new float[] {1, 2});
    Output y = tf.cast(tf.constant(v), DType.FLOAT32);
    assertSame(v, run(y));
    assertEquals("Cast", y.op().type().typeName());
    assertTrue(y.op().type().describeAttributes().contains("float32"));
  }

  @Test
  void cast_unknownShape_keepsShape() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.INT32, Shape.of(-1, 3), "x");
    assertEquals(Shape.of(-1, 3), tf.cast(x, DType.FLOAT32).shape());
    assertEquals(DType.FLOAT32, tf.cast(x, DType.FLOAT32).dtype());
  }
}
