package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sequenceLoss against the cross entropy computed by hand (log-sum-exp minus target logit). */
class SequenceLossTest {
  private static final int B = 2;
  private static final int T = 3;
  private static final int C = 4;

  private final Random random = new Random(9);
  private final double[][][] logits = new double[B][T][];
  private final int[][] targets = {{0, 3, 1}, {2, 2, 0}};
  private final double[][] weights = {{1, 1, 0}, {1, 0.5, 0}};

  SequenceLossTest() {
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        logits[b][t] = Ref.random(random, C, 3.0);
      }
    }
  }

  private double xent(int b, int t) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logits[b][t]) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : logits[b][t]) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum) - logits[b][t][targets[b][t]];
  }

  private Tensor logitsTensor(DType dtype) {
    if (dtype == DType.FLOAT64) {
      return Tensor.of(logits);
    }
    float[][][] f = new float[B][T][C];
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        for (int c = 0; c < C; c++) {
          f[b][t][c] = (float) logits[b][t][c];
        }
      }
    }
    return Tensor.of(f);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void averagedAcrossTimeAndBatch_isWeightedMean(DType dtype) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output lg = tf.placeholder(dtype, Shape.of(-1, -1, C), "logits");
    Output loss = SequenceLoss.sequenceLoss(tf, lg, tf.constant(targets),
        tf.constant(Fixtures.tensor(weights, dtype)));
    assertEquals(Shape.scalar(), loss.shape());
    double num = 0;
    double den = 0;
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        num += weights[b][t] * xent(b, t);
        den += weights[b][t];
      }
    }
    try (Session s = new Session(g)) {
      Tensor got = s.runner().feed(lg, logitsTensor(dtype)).fetch(loss).run().get(0);
      assertEquals(num / (den + 1e-12), got.getDouble(0), dtype == DType.FLOAT64 ? 1e-12 : 1e-5);
    }
  }

  @Test
  void int64Targets_giveTheWeightedMean() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output lg = tf.placeholder(DType.FLOAT64, Shape.of(-1, -1, C), "logits");
    Output tg = tf.cast(tf.constant(targets), DType.INT64);
    Output loss = SequenceLoss.sequenceLoss(tf, lg, tg,
        tf.constant(Fixtures.tensor(weights, DType.FLOAT64)));
    double num = 0;
    double den = 0;
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        num += weights[b][t] * xent(b, t);
        den += weights[b][t];
      }
    }
    try (Session s = new Session(g)) {
      Tensor got = s.runner().feed(lg, logitsTensor(DType.FLOAT64)).fetch(loss).run().get(0);
      assertEquals(num / (den + 1e-12), got.getDouble(0), 1e-12);
    }
  }

  @Test
  void averagedAcrossTimeOnly_givesOneLossPerSequence_andAcrossBatchOnlyOnePerStep() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output lg = tf.constant(Tensor.of(logits));
    Output tg = tf.constant(targets);
    Output w = tf.constant(Tensor.of(weights));
    Output perSeq = SequenceLoss.sequenceLoss(tf, lg, tg, w, true, false);
    Output perStep = SequenceLoss.sequenceLoss(tf, lg, tg, w, false, true);
    Output each = SequenceLoss.sequenceLoss(tf, lg, tg, w, false, false);
    double[] eSeq = new double[B];
    double[] eStep = new double[T];
    double[] eEach = new double[B * T];
    for (int b = 0; b < B; b++) {
      double num = 0;
      double den = 0;
      for (int t = 0; t < T; t++) {
        num += weights[b][t] * xent(b, t);
        den += weights[b][t];
        eEach[b * T + t] = weights[b][t] * xent(b, t);
      }
      eSeq[b] = num / (den + 1e-12);
    }
    for (int t = 0; t < T; t++) {
      double num = 0;
      double den = 0;
      for (int b = 0; b < B; b++) {
        num += weights[b][t] * xent(b, t);
        den += weights[b][t];
      }
      eStep[t] = num / (den + 1e-12);
    }
    try (Session s = new Session(g)) {
      assertClose(eSeq, s.run(perSeq), 1e-12, "per sequence");
      assertClose(eStep, s.run(perStep), 1e-12, "per step (a step with zero weight gives 0)");
      Tensor e = s.run(each);
      assertEquals(Shape.of(B, T), e.shape());
      assertClose(eEach, e, 1e-12, "weighted cross entropy");
    }
  }

  @Test
  void badShapes_throwClearly() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output lg = tf.constant(Tensor.of(logits));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequenceLoss.sequenceLoss(tf, lg, tf.constant(new int[] {1, 2}),
            tf.constant(Tensor.of(weights))));
    assertTrue(e.getMessage().contains("targets of shape [batch, time]"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> SequenceLoss.sequenceLoss(tf, lg, tf.constant(new int[][] {{1, 2}, {0, 0}}),
            tf.constant(new double[][] {{1, 1}, {1, 1}})));
    assertTrue(m.getMessage().contains("(2, 3)"), m.getMessage());
  }
}
