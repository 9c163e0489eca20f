package dev.skein.core.ops.nn;

import static dev.skein.core.testing.MathTestSupport.assertBools;
import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The nn family: biasAdd, softmax, logSoftmax, the fused cross-entropies (both outputs),
 * inTopK and l2Loss, against formulas written out in the test; float32 and float64.
 */
class NnOpsTest {
  private static final String FILE = "NnOpsTest.java";

  /** The floating dtypes, for @EnumSource. */
  enum F {
    FLOAT32(DType.FLOAT32), FLOAT64(DType.FLOAT64);

    final DType t;

    F(DType t) {
      this.t = t;
    }
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void biasAdd_addsAlongLastDim(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output bias = tf.constant(tensor(t, Shape.of(3), 10, 20, 30));
    Output x2 = tf.constant(tensor(t, Shape.of(2, 3), 1, 2, 3, 4, 5, 6));
    assertValues(t, Shape.of(2, 3), new double[] {11, 22, 33, 14, 25, 36},
        run(tf.biasAdd(x2, bias)));
    Output x3 = tf.constant(tensor(t, Shape.of(2, 1, 3), -1, -2, -3, 0.5, 0.25, 0));
    assertValues(t, Shape.of(2, 1, 3), new double[] {9, 18, 27, 10.5, 20.25, 30},
        run(tf.biasAdd(x3, bias)));
  }

  @Test
  void biasAdd_int32AndUnknownDims() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.INT32, Shape.of(-1, -1), "x");
    Output y = tf.biasAdd(x, tf.constant(new int[] {1, -1}));
    assertEquals(Shape.of(-1, 2), y.shape());
    assertValues(DType.INT32, Shape.of(3, 2), new double[] {1, -1, 3, 2, 5, 4},
        run(y, x, Tensor.of(new int[][] {{0, 0}, {2, 3}, {4, 5}})));
  }

  @Test
  void biasAdd_badShapes_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output b4 = tf.constant(new float[] {1, 2, 3, 4});
    assertOpError(FILE, () -> tf.biasAdd(x, b4), "BiasAdd",
        "bias size 4 does not match the last dimension of value (?, 3)");
    assertOpError(FILE, () -> tf.biasAdd(b4, b4), "value must have rank 2 or more, got shape (4,)");
    assertOpError(FILE, () -> tf.biasAdd(x, tf.constant(new float[][] {{1, 2, 3}})),
        "bias must be a vector, got shape (1, 3)");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(2, -1), "y");
    Output sum = tf.biasAdd(y, tf.constant(new float[] {1, 2}));
    try (Session s = new Session(g)) {
      Tensor value = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
      assertOpError(FILE, () -> s.runner().feed(y, value).fetch(sum).run(),
          "bias size 2 does not match the last dimension of value (2, 3)");
    }
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void softmaxAndLogSoftmax_matchFormula(F f) {
    DType t = f.t;
    double[] x = {1, 2, 3, -1, 0, 1, 0.5, 0.5, 0.5, 10, -10, 0};
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output in = tf.constant(tensor(t, Shape.of(2, 2, 3), x));
    double[] sm = new double[12];
    double[] lsm = new double[12];
    for (int r = 0; r < 4; r++) {
      double z = 0;
      for (int j = 0; j < 3; j++) {
        z += Math.exp(x[3 * r + j]);
      }
      for (int j = 0; j < 3; j++) {
        sm[3 * r + j] = Math.exp(x[3 * r + j]) / z;
        lsm[3 * r + j] = x[3 * r + j] - Math.log(z);
      }
    }
    assertValues(t, Shape.of(2, 2, 3), sm, run(tf.softmax(in)));
    assertValues(t, Shape.of(2, 2, 3), lsm, run(tf.logSoftmax(in)));
    // rank 1
    assertValues(t, Shape.of(3), new double[] {sm[0], sm[1], sm[2]},
        run(tf.softmax(tf.constant(tensor(t, Shape.of(3), 1, 2, 3)))));
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void softmax_largeLogits_stayFinite(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output in = tf.constant(tensor(t, Shape.of(2, 2), 1e4, 1e4 - 1, -1e4, -1e4 - 2));
    double p = 1 / (1 + Math.exp(-1));
    double q = 1 / (1 + Math.exp(-2));
    assertValues(t, Shape.of(2, 2), new double[] {p, 1 - p, q, 1 - q}, run(tf.softmax(in)));
    assertValues(t, Shape.of(2, 2),
        new double[] {Math.log(p), Math.log(1 - p), Math.log(q), Math.log(1 - q)},
        run(tf.logSoftmax(in)));
  }

  @Test
  void softmax_badInput_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    assertOpError(FILE, () -> tf.softmax(tf.constant(1f)), "Softmax",
        "logits must have rank 1 or more, got a scalar");
    assertOpError(FILE, () -> tf.logSoftmax(tf.constant(new int[] {1})), "LogSoftmax",
        "logits must be float32 or float64, got int32");
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void softmaxCrossEntropy_lossAndBackprop(F f) {
    DType t = f.t;
    double[] logits = {1, 2, 3, 0, 0, 0};
    double[] labels = {0, 0.25, 0.75, 1, 0, 0};
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output loss = tf.softmaxCrossEntropyWithLogits(tf.constant(tensor(t, Shape.of(2, 3),
        labels)), tf.constant(tensor(t, Shape.of(2, 3), logits)));
    assertEquals(Shape.of(2), loss.shape());
    Output backprop = loss.op().output(1);
    assertEquals(Shape.of(2, 3), backprop.shape());
    double[] expLoss = new double[2];
    double[] expGrad = new double[6];
    for (int r = 0; r < 2; r++) {
      double z = 0;
      for (int j = 0; j < 3; j++) {
        z += Math.exp(logits[3 * r + j]);
      }
      for (int j = 0; j < 3; j++) {
        double p = Math.exp(logits[3 * r + j]) / z;
        expLoss[r] -= labels[3 * r + j] * Math.log(p);
        expGrad[3 * r + j] = p - labels[3 * r + j];
      }
    }
    List<Tensor> out = MathTestSupport.run(List.of(loss, backprop));
    assertValues(t, Shape.of(2), expLoss, out.get(0));
    assertValues(t, Shape.of(2, 3), expGrad, out.get(1));
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void crossEntropies_logitsOfMagnitude1e4_areStable(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output logits = tf.constant(tensor(t, Shape.of(2, 3), 1e4, 0, -1e4, -1e4, 1e4, 1e4));
    Output dense = tf.softmaxCrossEntropyWithLogits(
        tf.constant(tensor(t, Shape.of(2, 3), 0, 1, 0, 0, 0.5, 0.5)), logits);
    Output sparse = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new int[] {1, 0}),
        logits);
    List<Tensor> out = MathTestSupport.run(
        List.of(dense, dense.op().output(1), sparse, sparse.op().output(1)));
    // row 0: logsumexp = 1e4, label 1 -> 1e4; row 1 dense: logsumexp = 1e4 + log 2, labels on
    // the two big logits -> log 2; row 1 sparse, label 0: 2e4 + log 2.
    double ln2 = Math.log(2);
    assertValues(t, Shape.of(2), new double[] {1e4, ln2}, out.get(0));
    assertValues(t, Shape.of(2, 3), new double[] {1, -1, 0, 0, 0, 0}, out.get(1));
    assertValues(t, Shape.of(2), new double[] {1e4, 2e4 + ln2}, out.get(2));
    assertValues(t, Shape.of(2, 3), new double[] {1, -1, 0, -1, 0.5, 0.5}, out.get(3));
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void sparseSoftmaxCrossEntropy_lossAndBackprop(F f) {
    DType t = f.t;
    double[] logits = {1, 2, 3, 0.5, -0.5, 0};
    int[] labels = {2, 1};
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(t, Shape.of(-1, 3), "logits");
    Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(labels), x);
    assertEquals(Shape.of(2), loss.shape()); // the batch size comes from the labels
    double[] expLoss = new double[2];
    double[] expGrad = new double[6];
    for (int r = 0; r < 2; r++) {
      double z = 0;
      for (int j = 0; j < 3; j++) {
        z += Math.exp(logits[3 * r + j]);
      }
      expLoss[r] = Math.log(z) - logits[3 * r + labels[r]];
      for (int j = 0; j < 3; j++) {
        expGrad[3 * r + j] = Math.exp(logits[3 * r + j]) / z - (j == labels[r] ? 1 : 0);
      }
    }
    try (Session s = new Session(g)) {
      List<Tensor> out = s.runner().feed(x, tensor(t, Shape.of(2, 3), logits)).fetch(loss)
          .fetch(loss.op().output(1)).run();
      assertValues(t, Shape.of(2), expLoss, out.get(0));
      assertValues(t, Shape.of(2, 3), expGrad, out.get(1));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {5, -1})
  void sparseSoftmaxCrossEntropy_labelOutOfRange_namesLabelAndClassCount(int bad) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new int[] {0, bad}),
        tf.constant(new float[2][5]));
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.run(loss), "SparseSoftmaxCrossEntropyWithLogits",
          "label " + bad + " (labels[1]) is out of range: logits have 5 classes, so labels must"
              + " be in [0, 5)");
    }
  }

  @Test
  void crossEntropies_badShapes_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output logits = tf.constant(new float[2][3]);
    assertOpError(FILE, () -> tf.softmaxCrossEntropyWithLogits(tf.constant(new float[2][4]),
        logits), "logits (2, 3) and labels (2, 4) must have the same shape");
    assertOpError(FILE, () -> tf.softmaxCrossEntropyWithLogits(tf.constant(new double[2][3]),
        logits), "must both be float32 or float64, got float32 and float64");
    assertOpError(FILE, () -> tf.sparseSoftmaxCrossEntropyWithLogits(
        tf.constant(new int[] {0, 1, 2}), logits),
        "labels (3,) must have the shape of logits (2, 3) without its last (class) dimension");
    assertOpError(FILE, () -> tf.sparseSoftmaxCrossEntropyWithLogits(
        tf.constant(new float[] {0, 1}), logits),
        "labels must be int32 or int64 class indices, got float32");
    assertOpError(FILE, () -> tf.sparseSoftmaxCrossEntropyWithLogits(
        tf.constant(new int[] {0, 1}), tf.constant(new float[] {1, 2})),
        "labels (2,) must have the shape of logits (2,) without its last (class) dimension");
    assertOpError(FILE, () -> tf.sparseSoftmaxCrossEntropyWithLogits(
        tf.constant(new int[][] {{0, 1}}), tf.constant(new float[2][2][3])),
        "labels (1, 2) must have the shape of logits (2, 2, 3) without its last");
    assertOpError(FILE, () -> tf.softmaxCrossEntropyWithLogits(tf.constant(1f),
        tf.constant(1f)), "logits must have rank 1 or more, got a scalar");
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void inTopK_countsTiesAsInAndNonFiniteAsOut(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output p = tf.constant(tensor(t, Shape.of(6, 4),
        0.1, 0.4, 0.3, 0.2,      // target 2: one above -> in top 2
        0.1, 0.4, 0.3, 0.2,      // target 3: two above -> not in top 2
        0.5, 0.5, 0.5, 0.1,      // target 0: tied with the two others -> in
        0.1, Double.NaN, 0.3, 0.2, // a NaN in the row -> false
        0.1, 0.2, Double.POSITIVE_INFINITY, 0.3, // an infinity in the row -> false
        0.9, 0.1, 0.1, 0.1));    // target out of range -> false
    Output targets = tf.constant(new int[] {2, 3, 0, 2, 3, 4});
    assertEquals(Shape.of(6), tf.inTopK(p, targets, 2).shape());
    assertBools(new boolean[] {true, false, true, false, false, false},
        run(tf.inTopK(p, targets, 2)));
    assertBools(new boolean[] {false, false, true, false, false, false},
        run(tf.inTopK(p, targets, 1)));
    assertBools(new boolean[] {true, true, true, false, false, false},
        run(tf.inTopK(p, targets, 4)));
  }

  @Test
  void inTopK_badInputs_throw() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output p = tf.constant(new float[2][3]);
    assertOpError(FILE, () -> tf.inTopK(p, tf.constant(new int[] {0, 1, 2}), 1),
        "predictions (2, 3) and targets (3,) differ in batch size");
    assertOpError(FILE, () -> tf.inTopK(p, tf.constant(new float[] {0, 1}), 1),
        "targets must be int32 or int64, got float32");
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void l2Loss_isHalfSumOfSquares(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(tensor(t, Shape.of(2, 2), 1, -2, 3, 0.5));
    Output loss = tf.l2Loss(x);
    assertEquals(Shape.scalar(), loss.shape());
    assertValues(t, Shape.scalar(), new double[] {(1 + 4 + 9 + 0.25) / 2}, run(loss));
    assertValues(t, Shape.scalar(), new double[] {0},
        run(tf.l2Loss(tf.constant(tensor(t, Shape.of(0), new double[0])))));
    assertTrue(NnOps.TYPES.contains(NnOps.L2Loss.class));
  }

  @ParameterizedTest
  @EnumSource(F.class)
  void tanhGradAndSigmoidGrad_matchFormulas(F f) {
    DType t = f.t;
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    double[] y = {-0.9, -0.25, 0, 0.5, 0.75, 0.99};
    double[] dy = {2, -1, 3, 0.5, -4, 1.5};
    Output yt = tf.constant(tensor(t, Shape.of(2, 3), y));
    Output dyt = tf.constant(tensor(t, Shape.of(2, 3), dy));
    double[] tanh = new double[6];
    double[] sig = new double[6];
    for (int i = 0; i < 6; i++) {
      tanh[i] = dy[i] * (1 - y[i] * y[i]);
      sig[i] = dy[i] * y[i] * (1 - y[i]);
    }
    assertValues(t, Shape.of(2, 3), tanh, run(tf.tanhGrad(yt, dyt)));
    assertValues(t, Shape.of(2, 3), sig, run(tf.sigmoidGrad(yt, dyt)));
    assertEquals("TanhGrad", tf.tanhGrad(yt, dyt).op().type().typeName());
  }

  @Test
  void tanhGrad_shapesAndErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "y");
    Output dy = tf.placeholder(DType.FLOAT32, Shape.of(2, -1), "dy");
    assertEquals(Shape.of(2, 3), tf.tanhGrad(y, dy).shape());
    assertOpError(FILE, () -> tf.sigmoidGrad(y, tf.placeholder(DType.FLOAT32, Shape.of(2, 4),
        "d4")), "SigmoidGrad", "y (?, 3) and dy (2, 4) must have the same shape");
    assertOpError(FILE, () -> tf.tanhGrad(y, tf.placeholder(DType.FLOAT64, Shape.of(2, 3),
        "d64")), "y and dy must both be float32 or float64, got float32 and float64");
    Output out = tf.tanhGrad(y, dy);
    try (Session s = new Session(g)) {
      assertOpError(FILE, () -> s.runner().feed(y, Tensor.zeros(DType.FLOAT32, Shape.of(1, 3)))
          .feed(dy, Tensor.zeros(DType.FLOAT32, Shape.of(2, 3))).fetch(out).run(),
          "y (1, 3) and dy (2, 3) must have the same shape");
    }
  }
}
