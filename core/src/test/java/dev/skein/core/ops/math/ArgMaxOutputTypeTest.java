package dev.skein.core.ops.math;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * argMax/argMin's output_type: int32 (Skein's default) or int64 (TF1's default), the same
 * indices either way, for every input dtype they take; any other output type is refused.
 */
class ArgMaxOutputTypeTest {
  private static final String FILE = "ArgMaxOutputTypeTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  /** The indices as longs, checking the dtype. */
  private static long[] indices(DType out, Tensor t) {
    assertEquals(out, t.dtype());
    return t.toLongs();
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void argMaxArgMin_giveTheOutputType_forEveryInputDtype(DType out) {
    // rows {3, 1, 3} and {-2, 5, 5}: ties give the first index
    double[] v = {3, 1, 3, -2, 5, 5};
    for (DType in : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64}) {
      Output x = tf.constant(tensor(in, Shape.of(2, 3), v));
      Output mx = tf.argMax(x, 1, out);
      assertEquals(out, mx.dtype());
      assertEquals(Shape.of(2), mx.shape());
      assertArrayEquals(new long[] {0, 1}, indices(out, run(mx)), in.toString());
      assertArrayEquals(new long[] {1, 0}, indices(out, run(tf.argMin(x, -1, out))));
      assertArrayEquals(new long[] {0, 1, 1}, indices(out, run(tf.argMax(x, 0, out, "am"))));
      assertArrayEquals(new long[] {1, 0, 0}, indices(out, run(tf.argMin(x, 0, out, "an"))));
    }
  }

  @Test
  void int64Inputs_beyond2To53_areComparedExactly_inBothOutputTypes() {
    long base = 1L << 60;
    // as doubles all three are 2^60; as longs the last is the largest, the first the smallest
    Output x = tf.constant(new long[] {base, base + 1, base + 2});
    for (DType out : new DType[] {DType.INT32, DType.INT64}) {
      assertArrayEquals(new long[] {2}, indices(out, run(tf.reshape(tf.argMax(x, 0, out),
          new int[] {1}))));
      assertArrayEquals(new long[] {0}, indices(out, run(tf.reshape(tf.argMin(x, 0, out),
          new int[] {1}))));
    }
  }

  @Test
  void theDefault_staysInt32() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    assertEquals(DType.INT32, tf.argMax(x, 1).dtype());
    assertEquals(DType.INT32, tf.argMin(x, 1).dtype());
    assertEquals(new MathReduceOps.ArgMax(1, DType.INT32), new MathReduceOps.ArgMax(1));
    assertEquals(Shape.of(-1), tf.argMax(x, 1, DType.INT64).shape());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "BOOL"})
  void otherOutputTypes_areRefusedNamingTheOp(DType out) {
    Output x = tf.constant(new float[] {1, 2});
    assertOpError(FILE, () -> tf.argMax(x, 0, out), "ArgMax op",
        "output_type must be int32 or int64, got " + out);
    assertOpError(FILE, () -> tf.argMin(x, 0, out), "ArgMin op",
        "output_type must be int32 or int64, got " + out);
  }
}
