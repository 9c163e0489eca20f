package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.ControlOps.While;
import dev.skein.core.ops.linalg.LinalgOps.MatMulAdd;
import dev.skein.core.ops.linalg.LinalgOps.MatMulSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * staticRnn and dynamicRnn give the same bits at sizes where the weight gradient's products run
 * in the vector kernel's tiles (here [40, 128] by 24 rows per step; StaticDynamicBitsTest's
 * cells are smaller than a tile): the unrolled graph sums a weight's per-step products with
 * one MatMulSum, the loop with one MatMulAdd per iteration, and both add each product in the
 * tiles in the same order. Float32, gradients of every variable and of the input.
 */
class StaticDynamicBitsAtScaleTest {
  private static final int BATCH = 24;
  private static final int TIME = 5;
  private static final int DEPTH = 8;
  private static final int UNITS = 32;

  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "BASIC_RNN"})
  void trainingGradients_sameBits(String kind) {
    Function<Ops, RnnCell<?>> make = switch (kind) {
      case "LSTM" -> tf -> new BasicLstmCell(tf, UNITS);
      case "GRU" -> tf -> new GruCell(tf, UNITS);
      default -> tf -> new BasicRnnCell(tf, UNITS);
    };
    Graph g = new Graph();
    g.setSeed(5);
    Ops tf = Ops.create(g);
    RnnCell<?> cell = make.apply(tf);
    Output xs = tf.placeholder(DType.FLOAT32, Shape.of(BATCH, TIME, DEPTH), "xs");
    Output xd = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, DEPTH), "xd");
    Output outS = tf.stack(Rnn.staticRnn(tf, cell, tf.unstack(xs, 1)).outputs(), 1);
    Output outD = Rnn.dynamicRnn(tf, cell, xd, null).outputs();
    Random r = new Random(2);
    float[] wv = new float[BATCH * TIME * UNITS];
    for (int i = 0; i < wv.length; i++) {
      wv[i] = (float) r.nextGaussian();
    }
    Output weights = tf.constant(Tensor.wrap(DType.FLOAT32, Shape.of(BATCH, TIME, UNITS), wv));
    Output lossS = tf.reduceSum(tf.mul(outS, weights));
    Output lossD = tf.reduceSum(tf.mul(outD, weights));
    List<Output> vars = new ArrayList<>(g.globalVariables());
    List<Output> ws = new ArrayList<>(vars);
    ws.add(xs);
    List<Output> wd = new ArrayList<>(vars);
    wd.add(xd);
    int before = g.operations().size();
    List<Output> gs = Gradients.gradients(List.of(lossS), ws);
    int between = g.operations().size();
    List<Output> gd = Gradients.gradients(List.of(lossD), wd);
    assertTrue(g.operations().subList(before, between).stream()
        .anyMatch(o -> o.type() instanceof MatMulSum), "the unrolled graph sums with MatMulSum");
    assertTrue(g.operations().subList(between, g.operations().size()).stream()
        .anyMatch(o -> o.type() instanceof While w && w.body().graph().operations().stream()
            .anyMatch(b -> b.type() instanceof MatMulAdd)),
        "the loop's gradient sums with MatMulAdd");
    float[] x = new float[BATCH * TIME * DEPTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    Tensor xv = Tensor.wrap(DType.FLOAT32, Shape.of(BATCH, TIME, DEPTH), x);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Session.Runner run = s.runner().feed(xs, xv).feed(xd, xv).fetch(lossS).fetch(lossD);
      gs.forEach(run::fetch);
      gd.forEach(run::fetch);
      List<Tensor> v = run.run();
      assertEquals(v.get(0), v.get(1), kind + " loss");
      int n = gs.size();
      for (int i = 0; i < n; i++) {
        assertEquals(v.get(2 + i), v.get(2 + n + i), kind + " gradient of " + ws.get(i).name());
      }
    }
  }
}
