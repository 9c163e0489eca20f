package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientChecker;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Symbolic against numeric gradients (float64, relative error below 1e-6) of a scalar mixing all
 * outputs and the final state, with respect to the inputs and every variable, through
 * dynamicRnn and staticRnn with sequence lengths, for every cell kind.
 */
class RnnGradientCheckTest {
  private static final int BATCH = 2;
  private static final int TIME = 3;
  private static final int DEPTH = CellKind.DEPTH;
  private static final int[] LENGTHS = {3, 2};

  private final Random random = new Random(13);

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void throughDynamicRnn_withSequenceLength(CellKind kind) {
    check(kind, (tf, cell) -> dynamicLoss(tf, cell));
  }

  @ParameterizedTest
  @EnumSource(CellKind.class)
  void throughStaticRnn_withSequenceLength(CellKind kind) {
    check(kind, (tf, cell) -> staticLoss(tf, cell));
  }

  /** Builds the loss from the placeholder "x" it creates; returns {x, loss}. */
  private void check(CellKind kind, BiFunction<Ops, RnnCell<?>, Output[]> build) {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.create(g);
    RnnCell<?> cell = kind.create(tf);
    Output[] xLoss = build.apply(tf, cell);
    List<Output> xs = new ArrayList<>();
    xs.add(xLoss[0]);
    xs.addAll(g.globalVariables());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      List<Tensor> values = new ArrayList<>();
      double[][][] x = new double[BATCH][TIME][];
      for (int b = 0; b < BATCH; b++) {
        for (int t = 0; t < TIME; t++) {
          x[b][t] = Ref.random(random, DEPTH, 1.0);
        }
      }
      values.add(Tensor.of(x));
      for (Variable v : g.globalVariables()) {
        values.add(s.run(v));
      }
      GradientChecker.Result r = GradientChecker.compute(s, xs, values, xLoss[1], Map.of(),
          GradientChecker.DEFAULT_DELTA);
      assertTrue(r.maxRelError() < 1e-6, kind + ": " + r);
    }
  }

  private <S> Output[] dynamicLoss(Ops tf, RnnCell<S> cell) {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(BATCH, TIME, DEPTH), "x");
    RnnResult<S> r = Rnn.dynamicRnn(tf, cell, x, tf.constant(LENGTHS));
    return new Output[] {x, mix(tf, r.outputs(), r.state(), cell.outputSize())};
  }

  private <S> Output[] staticLoss(Ops tf, RnnCell<S> cell) {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(BATCH, TIME, DEPTH), "x");
    StaticRnnResult<S> r = Rnn.staticRnn(tf, cell, tf.unstack(x, 1), null,
        tf.constant(LENGTHS));
    return new Output[] {x, mix(tf, tf.stack(r.outputs(), 1), r.state(), cell.outputSize())};
  }

  /** sum(outputs * W) + sum over state tensors of sum(s * V), W and V random constants. */
  private Output mix(Ops tf, Output outputs, Object state, int outputSize) {
    double[][][] w = new double[BATCH][TIME][];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        w[b][t] = Ref.random(random, outputSize, 1.0);
      }
    }
    Output loss = tf.reduceSum(tf.mul(outputs, tf.constant(Tensor.of(w))));
    for (Output s : State.flatten(state)) {
      loss = tf.add(loss, tf.reduceSum(tf.mul(s, tf.constant(Tensor.of(
          Ref.random(random, BATCH, s.shape().dim(1), 1.0))))));
    }
    return loss;
  }
}
