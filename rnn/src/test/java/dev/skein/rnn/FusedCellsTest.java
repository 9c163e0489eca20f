package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.rnncell.LstmGatesActGrad;
import dev.skein.core.ops.rnncell.RnnCellOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BasicLstmCell and BasicRnnCell with their default activation (fused LSTMGates, BiasTanh ops)
 * against the same cells built from separate ops (an explicit tanh activation), in one graph
 * with shared weights: the outputs and the gradients of a loss with respect to the inputs and
 * weights agree to 1e-6 (float32) and 1e-12 (float64), through staticRnn and dynamicRnn.
 */
class FusedCellsTest {
  private static final int BATCH = 5;
  private static final int STEPS = 6;
  private static final int DEPTH = 3;
  private static final int UNITS = 21;

  @ParameterizedTest(name = "{0} dynamic={1}")
  @CsvSource({"FLOAT32, false", "FLOAT32, true", "FLOAT64, false", "FLOAT64, true"})
  void fusedCell_matchesUnfusedCell_valuesAndGradients(DType dtype, boolean dynamic) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, STEPS, DEPTH), "x");
    BasicLstmCell fused = new BasicLstmCell(tf, UNITS, 1.0);
    BasicLstmCell plain = new BasicLstmCell(tf, UNITS, 1.0, tf::tanh);
    Output outFused = run(tf, fused, x, dynamic, "fused");
    Output outPlain;
    // The unfused cell reads the fused cell's weights: same kernel and bias values.
    plain.build(DEPTH, dtype);
    outPlain = run(tf, plain, x, dynamic, "plain");
    assertTrue(hasOp(g, RnnCellOps.LstmGates.class), "the default cell uses LSTMGates");
    Output w = tf.constant(random(dtype, Shape.of(BATCH, STEPS, UNITS), 3));
    Output lossFused = tf.reduceSum(tf.mul(outFused, w));
    Output lossPlain = tf.reduceSum(tf.mul(outPlain, w));
    List<Output> gFused = Gradients.gradients(lossFused,
        List.of(x, fused.kernel(), fused.bias()));
    List<Output> gPlain = Gradients.gradients(lossPlain,
        List.of(x, plain.kernel(), plain.bias()));
    assertTrue(hasOp(g, LstmGatesActGrad.class), "the gradient uses LSTMGatesActGrad");
    assertFalse(hasOp(g, RnnCellOps.LstmGatesGrad.class), "no activation is evaluated twice");
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(tf.assign(plain.kernel(), fused.kernel()).op(),
          tf.assign(plain.bias(), tf.constant(random(dtype, Shape.of(4 * UNITS), 5))).op());
      s.run(tf.assign(fused.bias(), plain.bias()).op());
      Session.Runner r = s.runner().feed(x, random(dtype, Shape.of(BATCH, STEPS, DEPTH), 7));
      List<Output> fetches = new ArrayList<>(List.of(outFused, outPlain));
      fetches.addAll(gFused);
      fetches.addAll(gPlain);
      fetches.forEach(r::fetch);
      List<Tensor> v = r.run();
      double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
      assertClose(v.get(1), v.get(0), tol, "outputs");
      for (int k = 0; k < 3; k++) {
        assertClose(v.get(5 + k), v.get(2 + k), tol, "gradient " + k);
      }
    }
  }

  @ParameterizedTest(name = "{0} dynamic={1}")
  @CsvSource({"FLOAT32, false", "FLOAT32, true", "FLOAT64, false", "FLOAT64, true"})
  void fusedBasicRnnCell_matchesUnfusedCell_valuesAndGradients(DType dtype, boolean dynamic) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, STEPS, DEPTH), "x");
    BasicRnnCell fused = new BasicRnnCell(tf, UNITS);
    BasicRnnCell plain = new BasicRnnCell(tf, UNITS, tf::tanh);
    Output outFused = run(tf, fused, x, dynamic, "fused");
    plain.build(DEPTH, dtype);
    Output outPlain = run(tf, plain, x, dynamic, "plain");
    assertTrue(hasOp(g, RnnCellOps.BiasActivation.class), "the default cell uses BiasTanh");
    Output w = tf.constant(random(dtype, Shape.of(BATCH, STEPS, UNITS), 3));
    List<Output> gFused = Gradients.gradients(tf.reduceSum(tf.mul(outFused, w)),
        List.of(x, fused.kernel(), fused.bias()));
    List<Output> gPlain = Gradients.gradients(tf.reduceSum(tf.mul(outPlain, w)),
        List.of(x, plain.kernel(), plain.bias()));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      s.run(tf.assign(plain.kernel(), fused.kernel()).op(),
          tf.assign(plain.bias(), tf.constant(random(dtype, Shape.of(UNITS), 5))).op());
      s.run(tf.assign(fused.bias(), plain.bias()).op());
      Session.Runner r = s.runner().feed(x, random(dtype, Shape.of(BATCH, STEPS, DEPTH), 7));
      List<Output> fetches = new ArrayList<>(List.of(outFused, outPlain));
      fetches.addAll(gFused);
      fetches.addAll(gPlain);
      fetches.forEach(r::fetch);
      List<Tensor> v = r.run();
      double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-12;
      assertClose(v.get(1), v.get(0), tol, "outputs");
      for (int k = 0; k < 3; k++) {
        assertClose(v.get(5 + k), v.get(2 + k), tol, "gradient " + k);
      }
    }
  }

  private static <S> Output run(Ops tf, RnnCell<S> cell, Output x, boolean dynamic,
      String scope) {
    if (dynamic) {
      return Rnn.dynamicRnn(tf, cell, x, null, null, false, scope).outputs();
    }
    return tf.stack(Rnn.staticRnn(tf, cell, tf.unstack(x, 1), null, null, scope).outputs(), 1);
  }

  private static boolean hasOp(Graph g, Class<?> type) {
    for (Operation op : g.operations()) {
      if (type.isInstance(op.type())) {
        return true;
      }
      for (Graph sub : op.type().subgraphs().values()) {
        if (hasOp(sub, type)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Tensor random(DType dtype, Shape shape, long seed) {
    Random r = new Random(seed);
    double[] v = new double[shape.numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    if (dtype == DType.FLOAT64) {
      return Tensor.create(shape, v);
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.create(shape, f);
  }

  private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    assertEquals(e.length, a.length, what);
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), what + " [" + i + "]");
    }
  }
}
