package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INT64 arithmetic, comparisons, reductions and casts, with values beyond 2^31 (and, where a
 * double path would round, beyond 2^53) so that a 32-bit or floating path would fail. Expected
 * values are worked out by hand (floor division as Python's {@code //}).
 */
class Int64MathTest {
  private static final String FILE = "Int64MathTest.java";
  private static final long P40 = 1L << 40;
  private static final long P53 = 1L << 53;

  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private static long[] longs(Output y) {
    Tensor t = run(y);
    assertEquals(DType.INT64, t.dtype(), y.name());
    return t.longs();
  }

  private Output c(long... v) {
    return tf.constant(v);
  }

  @Test
  void binaryArithmetic_isExactBeyondInt32() {
    Output a = c(5_000_000_000L, -7_000_000_001L, 7, -7, P40);
    Output b = c(3, 2, -2, 2, 1L << 20);
    assertArrayEquals(new long[] {5_000_000_003L, -6_999_999_999L, 5, -5, 1_099_512_676_352L},
        longs(tf.add(a, b)));
    assertArrayEquals(new long[] {4_999_999_997L, -7_000_000_003L, 9, -9, 1_099_510_579_200L},
        longs(tf.sub(a, b)));
    assertArrayEquals(new long[] {15_000_000_000L, -14_000_000_002L, -14, -14,
        1_152_921_504_606_846_976L}, longs(tf.mul(a, b)));
    long[] floor = {1_666_666_666L, -3_500_000_001L, -4, -4, 1 << 20};
    assertArrayEquals(floor, longs(tf.floorDiv(a, b)));
    Output div = tf.div(a, b);
    assertEquals("FloorDiv", div.op().type().typeName());
    assertArrayEquals(floor, longs(div));
    assertArrayEquals(new long[] {2, 1, -1, 1, 0}, longs(tf.floorMod(a, b)));
    assertArrayEquals(new long[] {5_000_000_000L, 2, 7, 2, P40}, longs(tf.maximum(a, b)));
    assertArrayEquals(new long[] {3, -7_000_000_001L, -2, -7, 1 << 20}, longs(tf.minimum(a, b)));
    assertArrayEquals(new long[] {9_000_000_000_000_000_000L, 9},
        longs(tf.squaredDifference(c(3_000_000_000L, 10), c(0, 13))));
    assertArrayEquals(new long[] {P40, 4_052_555_153_018_976_267L, 1},
        longs(tf.pow(c(2, 3, 12345), c(40, 39, 0))));
    // broadcasting a scalar
    assertArrayEquals(new long[] {9_000_000_000L, 3_999_999_993L},
        longs(tf.add(c(5_000_000_000L, -7), tf.constant(4_000_000_000L))));
    assertArrayEquals(new long[] {P53 + 3, P53 + 4},
        longs(tf.addN(List.of(c(P53, P53 + 1), c(1, 1), c(2, 2)))));
  }

  @Test
  void truediv_castsToFloat64_andIntegerDivisionByZeroFails() {
    Tensor q = run(tf.divide(c(5_000_000_000L, -3), c(2, 4)));
    assertEquals(DType.FLOAT64, q.dtype());
    assertArrayEquals(new double[] {2.5e9, -0.75}, q.doubles());
    assertOpError(FILE, () -> run(tf.floorDiv(c(4_000_000_000L), c(0))),
        "integer division by zero");
    assertOpError(FILE, () -> tf.sqrt(c(4)), "float32 or float64", "int64");
  }

  @Test
  void unary_negAbsSquareSignRelu() {
    Output x = c(-3_000_000_000L, 0, 3_000_000_000L);
    assertArrayEquals(new long[] {3_000_000_000L, 0, -3_000_000_000L}, longs(tf.neg(x)));
    assertArrayEquals(new long[] {3_000_000_000L, 0, 3_000_000_000L}, longs(tf.abs(x)));
    assertArrayEquals(new long[] {9_000_000_000_000_000_000L, 0, 9_000_000_000_000_000_000L},
        longs(tf.square(x)));
    assertArrayEquals(new long[] {-1, 0, 1}, longs(tf.sign(x)));
    assertArrayEquals(new long[] {0, 0, 3_000_000_000L}, longs(tf.relu(x)));
  }

  @Test
  void comparisons_tellApartValuesThatDoublesRoundTogether() {
    // 2^53 and 2^53 + 1 are one double: only a 64-bit integer comparison separates them.
    Output a = c(P53 + 1, P53, -5_000_000_000L);
    Output b = c(P53, P53, -4_999_999_999L);
    assertArrayEquals(new boolean[] {false, true, false}, run(tf.equal(a, b)).bools());
    assertArrayEquals(new boolean[] {true, false, true}, run(tf.notEqual(a, b)).bools());
    assertArrayEquals(new boolean[] {false, false, true}, run(tf.less(a, b)).bools());
    assertArrayEquals(new boolean[] {false, true, true}, run(tf.lessEqual(a, b)).bools());
    assertArrayEquals(new boolean[] {true, false, false}, run(tf.greater(a, b)).bools());
    assertArrayEquals(new boolean[] {true, true, false}, run(tf.greaterEqual(a, b)).bools());
    Output cond = tf.constant(new boolean[] {true, false, true});
    assertArrayEquals(new long[] {P53 + 1, P53, -5_000_000_000L}, longs(tf.where(cond, a, b)));
    assertArrayEquals(new long[] {P53, P53, -4_999_999_999L},
        longs(tf.clipByValue(a, c(-4_999_999_999L), c(P53))));
  }

  @Test
  void reductions_sumProdMaxMinMean_andArgMax() {
    Output x = tf.constant(new long[][] {{10_000_000_000L, 1}, {20_000_000_000L, 2}});
    assertArrayEquals(new long[] {30_000_000_003L}, longs(tf.reduceSum(x)));
    assertArrayEquals(new long[] {30_000_000_000L, 3}, longs(tf.reduceSum(x, 0)));
    assertArrayEquals(new long[] {10_000_000_001L, 20_000_000_002L}, longs(tf.reduceSum(x, 1)));
    assertArrayEquals(new long[] {20_000_000_000L, 2}, longs(tf.reduceMax(x, 0)));
    assertArrayEquals(new long[] {1, 2}, longs(tf.reduceMin(x, 1)));
    assertArrayEquals(new long[] {10_000_000_000_000L},
        longs(tf.reduceProd(c(100_000, 100_000, 1_000))));
    // truncating mean: 11_000_000_001 / 3
    assertArrayEquals(new long[] {3_666_666_667L},
        longs(tf.reduceMean(c(3_000_000_000L, 4_000_000_000L, 4_000_000_001L))));
    assertArrayEquals(new long[] {Long.MIN_VALUE + 1},
        longs(tf.reduceMin(c(Long.MAX_VALUE, Long.MIN_VALUE + 1))));
    // as doubles the two are equal and the first would win
    Tensor am = run(tf.argMax(c(P53, P53 + 1, P53 + 1), 0));
    assertEquals(DType.INT32, am.dtype());
    assertEquals(1, am.intValue());
    assertEquals(0, run(tf.argMin(c(P53, P53 + 1), 0)).intValue());
  }

  @Test
  void casts_toAndFromEveryDType() {
    assertArrayEquals(new long[] {-2, 2, 10_000_000_000L, 0},
        longs(tf.cast(tf.constant(new double[] {-2.7, 2.7, 1e10, Double.NaN}), DType.INT64)));
    assertArrayEquals(new long[] {-3, 16_777_216},
        longs(tf.cast(tf.constant(new float[] {-3.9f, 16_777_216f}), DType.INT64)));
    assertArrayEquals(new long[] {Integer.MIN_VALUE, 7},
        longs(tf.cast(tf.constant(new int[] {Integer.MIN_VALUE, 7}), DType.INT64)));
    assertArrayEquals(new long[] {1, 0},
        longs(tf.cast(tf.constant(new boolean[] {true, false}), DType.INT64)));
    assertArrayEquals(new int[] {-2_147_483_648, 2_147_483_647},
        run(tf.cast(c(Integer.MIN_VALUE, Integer.MAX_VALUE), DType.INT32)).ints());
    assertArrayEquals(new double[] {P53, -5e9},
        run(tf.cast(c(P53, -5_000_000_000L), DType.FLOAT64)).doubles());
    assertArrayEquals(new float[] {3e9f}, run(tf.cast(c(3_000_000_000L), DType.FLOAT32)).floats());
    assertArrayEquals(new boolean[] {true, false, true},
        run(tf.cast(c(P40, 0, -1), DType.BOOL)).bools());
    Output tooBig = tf.cast(c(1, 3_000_000_000L), DType.INT32);
    assertOpError(FILE, () -> run(tooBig), "int64 value 3000000000 at flat index 1",
        "out of the int32 range");
  }

  @Test
  void placeholder_feedsAndFetchesInt64() {
    Output p = tf.placeholder(DType.INT64, Shape.of(-1));
    Output y = tf.mul(p, c(2));
    Tensor r = run(y, p, Tensor.create(Shape.of(2), new long[] {4_611_686_018_427_387_903L, -1}));
    assertArrayEquals(new long[] {9_223_372_036_854_775_806L, -2}, r.longs());
    assertOpError(FILE, () -> tf.add(p, tf.constant(new int[] {1})), "int64", "int32");
  }
}
