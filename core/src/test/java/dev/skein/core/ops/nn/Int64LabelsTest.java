package dev.skein.core.ops.nn;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import org.junit.jupiter.api.Test;

/**
 * Int64 class labels (sparse cross-entropy, inTopK), int64 variables and assignAdd, and int64
 * TensorArrays. Cross-entropy references: loss = log(sum exp(x)) - x[label].
 */
class Int64LabelsTest {
  private static final String FILE = "Int64LabelsTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void sparseCrossEntropy_int64Labels_matchTheFormula() {
    double[][] x = {{1, 2, 3}, {0.5, -1, 0}};
    Output logits = tf.constant(x);
    Tensor loss = run(tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new long[] {2, 0}),
        logits));
    long[] labels = {2, 0};
    for (int r = 0; r < 2; r++) {
      double lse = Math.log(Math.exp(x[r][0]) + Math.exp(x[r][1]) + Math.exp(x[r][2]));
      assertEquals(lse - x[r][(int) labels[r]], loss.doubles()[r], 1e-12);
    }
  }

  @Test
  void sparseCrossEntropy_int64LabelOutOfRange_namesTheExactValue() {
    Output y = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new long[] {1L << 33}),
        tf.constant(new float[][] {{1, 2}}));
    assertOpError(FILE, () -> run(y), "label 8589934592 (labels[0]) is out of range",
        "2 classes");
  }

  @Test
  void inTopK_int64Targets() {
    Output p = tf.constant(new float[][] {{0.1f, 0.9f, 0.5f}, {0.8f, 0.1f, 0.3f}});
    Tensor r = run(tf.inTopK(p, tf.constant(new long[] {2, 0}), 1));
    assertArrayEquals(new boolean[] {false, true}, r.bools());
    Tensor far = run(tf.inTopK(p, tf.constant(new long[] {1L << 40, 0}), 2));
    assertArrayEquals(new boolean[] {false, true}, far.bools());
  }

  @Test
  void int64Variable_assignAddAndAssign() {
    Variable v = tf.variable(tf.constant(4_000_000_000L), "counter");
    assertEquals(DType.INT64, v.dtype());
    Output inc = tf.assignAdd(v, tf.constant(3_000_000_000L));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(inc);
      s.run(inc);
      assertEquals(10_000_000_000L, s.run(v).longValue());
      s.run(tf.assign(v, tf.constant(-1L)));
      assertEquals(-1L, s.run(v).longValue());
    }
    assertOpError(FILE, () -> tf.assignAdd(v, tf.constant(1)), "int32");
  }

  @Test
  void tensorArray_holdsInt64Elements() {
    TensorArray ta = tf.tensorArray(DType.INT64, 2)
        .write(1, tf.constant(new long[] {1L << 45, 7}))
        .write(0, tf.constant(new long[] {-(1L << 45), 8}));
    Tensor stacked = run(ta.stack());
    assertEquals(DType.INT64, stacked.dtype());
    assertArrayEquals(new long[] {-(1L << 45), 8, 1L << 45, 7}, stacked.longs());
    assertArrayEquals(new long[] {1L << 45, 7}, run(ta.read(1)).longs());
    assertArrayEquals(new long[] {1L << 45, 7, -(1L << 45), 8},
        run(ta.gather(tf.constant(new int[] {1, 0}))).longs());
  }
}
