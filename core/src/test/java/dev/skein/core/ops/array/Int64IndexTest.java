package dev.skein.core.ops.array;

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
import org.junit.jupiter.api.Test;

/** gather, scatterNd and oneHot with int64 indices and values; range, fill and zeros in int64. */
class Int64IndexTest {
  private static final String FILE = "Int64IndexTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void gather_takesInt64Indices_andInt64Params() {
    Output params = tf.constant(new long[][] {{5_000_000_000L, 1}, {2, 6_000_000_000L},
        {-7_000_000_000L, 3}});
    Tensor r = run(tf.gather(params, tf.constant(new long[] {2, 0, 2})));
    assertEquals(Shape.of(3, 2), r.shape());
    assertArrayEquals(new long[] {-7_000_000_000L, 3, 5_000_000_000L, 1, -7_000_000_000L, 3},
        r.longs());
    Tensor cols = run(tf.gather(tf.constant(new float[][] {{1, 2, 3}}),
        tf.constant(new long[] {2, 1}), 1));
    assertArrayEquals(new float[] {3, 2}, cols.floats());
  }

  @Test
  void gather_int64IndexOutOfRange_namesTheExactValue() {
    Output params = tf.constant(new float[] {1, 2, 3});
    Output far = tf.gather(params, tf.constant(new long[] {0, 5_000_000_000L}));
    assertOpError(FILE, () -> run(far), "gather index 5000000000 at position [1]",
        "out of range [0, 3)");
    Output negative = tf.gather(params, tf.constant(new long[] {-1}));
    assertOpError(FILE, () -> run(negative), "gather index -1");
    assertOpError(FILE, () -> tf.gather(params, tf.constant(new float[] {0})),
        "gather indices must be int32 or int64, got float32");
  }

  @Test
  void scatterNd_int64IndicesAndUpdates_sumDuplicates() {
    Output idx = tf.constant(new long[][] {{1}, {0}, {1}});
    Output upd = tf.constant(new long[] {4_000_000_000L, 7, 4_000_000_000L});
    Tensor r = run(tf.scatterNd(idx, upd, new int[] {3}));
    assertArrayEquals(new long[] {7, 8_000_000_000L, 0}, r.longs());
    Output bad = tf.scatterNd(tf.constant(new long[][] {{1L << 33}}),
        tf.constant(new float[] {1}), new int[] {2});
    assertOpError(FILE, () -> run(bad), "scatterNd index 8589934592", "out of range [0, 2)");
  }

  @Test
  void oneHot_int64Indices_outOfRangeGiveOffRows() {
    Tensor r = run(tf.oneHot(tf.constant(new long[] {2, 0, 1L << 40, -1}), 3));
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, r.floats());
  }

  @Test
  void rangeFillZeros_inInt64() {
    Output r = tf.range(tf.constant(4_000_000_000L), tf.constant(4_000_000_010L),
        tf.constant(3L));
    assertEquals(Shape.of(4), r.shape());
    assertArrayEquals(new long[] {4_000_000_000L, 4_000_000_003L, 4_000_000_006L,
        4_000_000_009L}, run(r).longs());
    // near 2^62 start and limit are one double (its spacing there is 1024): only long
    // arithmetic finds the two values
    long base = 1L << 62;
    assertArrayEquals(new long[] {base, base + 1},
        run(tf.range(tf.constant(base), tf.constant(base + 2), tf.constant(1L))).longs());
    Tensor f = run(tf.fill(tf.constant(new int[] {2}), tf.constant(-6_000_000_000L)));
    assertArrayEquals(new long[] {-6_000_000_000L, -6_000_000_000L}, f.longs());
    Tensor z = run(tf.zeros(Shape.of(2, 1), DType.INT64));
    assertEquals(DType.INT64, z.dtype());
    assertArrayEquals(new long[] {0, 0}, z.longs());
    assertArrayEquals(new long[] {1, 1, 1}, run(tf.ones(Shape.of(3), DType.INT64)).longs());
    assertArrayEquals(new long[] {0, 0}, run(tf.zerosLike(tf.constant(new long[] {5, 6})))
        .longs());
  }

  @Test
  void reshapeConcatTranspose_moveInt64ValuesUnchanged() {
    Output x = tf.constant(new long[] {1L << 50, 2, 3, -(1L << 50)});
    Output m = tf.reshape(x, new int[] {2, 2});
    assertArrayEquals(new long[] {1L << 50, 3, 2, -(1L << 50)},
        run(tf.transpose(m)).longs());
    assertArrayEquals(new long[] {1L << 50, 2, 3, -(1L << 50), 1L << 50, 2, 3, -(1L << 50)},
        run(tf.concat(java.util.List.of(x, x), 0)).longs());
  }

  /** 2^60 + 1 and -(2^60 + 3) are not doubles (their spacing there is 256): only longs keep them. */
  @Test
  void oneHot_int64OnOffValuesBeyond2To53_comeThroughExactly() {
    long on = (1L << 60) + 1;
    long off = -((1L << 60) + 3);
    Output idx = tf.constant(new int[] {1, 0, 7});
    Output h = tf.oneHot(idx, 2, on, off, -1, DType.INT64);
    assertEquals(DType.INT64, h.dtype());
    assertArrayEquals(new long[] {off, on, on, off, off, off}, run(h).longs());
    // along axis 0 and with int64 indices
    Output h0 = tf.oneHot(tf.constant(new long[] {1, 0}), 2, on, 0, 0, DType.INT64);
    assertArrayEquals(new long[] {0, on, on, 0}, run(h0).longs());
    assertEquals(Long.valueOf(on), ((IndexOps.OneHot) h.op().type()).onValue());
  }

  @Test
  void oneHot_wholeValuesInInt32AndFloats_andTheDoubleFormStillWorks() {
    Output idx = tf.constant(new long[] {2, -1});
    assertArrayEquals(new int[] {-4, -4, 9, -4, -4, -4},
        run(tf.oneHot(idx, 3, 9, -4, -1, DType.INT32)).ints());
    assertArrayEquals(new float[] {0, 0, 3, 0, 0, 0},
        run(tf.oneHot(idx, 3, 3, 0, -1, DType.FLOAT32)).floats());
    assertArrayEquals(new double[] {-0.5, -0.5, 2.5, -0.5, -0.5, -0.5},
        run(tf.oneHot(idx, 3, 2.5, -0.5, -1, DType.FLOAT64)).doubles());
    // a whole double is a whole number for an integer dtype
    assertArrayEquals(new long[] {0, 0, 6, 0, 0, 0},
        run(tf.oneHot(idx, 3, 6.0, 0.0, -1, DType.INT64)).longs());
    assertEquals(new IndexOps.OneHot(3, 6L, 0L, -1, DType.INT64),
        new IndexOps.OneHot(3, 6.0, 0, -1, DType.INT64));
  }

  @Test
  void oneHot_valuesAnIntegerDtypeCannotHold_areRefusedNamingTheOp() {
    Output idx = tf.constant(new int[] {0});
    assertOpError(FILE, () -> tf.oneHot(idx, 2, 1L << 32, 0, -1, DType.INT32), "OneHot op",
        "oneHot on_value 4294967296 is outside the int32 range");
    assertOpError(FILE, () -> tf.oneHot(idx, 2, 1, 2.5, -1, DType.INT64), "OneHot op",
        "oneHot off_value 2.5 is not a whole number, as an int64 one-hot needs");
  }
}
