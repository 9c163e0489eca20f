package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClippingTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void clipByGlobalNorm_scalesAllTensorsTogether_float64() {
    Output a = tf.constant(new double[] {3, 0});
    Output b = tf.constant(new double[][] {{0, 4}});
    Clipping.ClippedTensors r = Clipping.clipByGlobalNorm(tf, Arrays.asList(a, null, b), 2.5);
    assertNull(r.clipped().get(1));
    try (Session s = new Session(g)) {
      assertEquals(5.0, s.run(r.globalNorm()).doubles()[0], 1e-12);
      assertArrayEquals(new double[] {1.5, 0}, s.run(r.clipped().get(0)).doubles(), 1e-12);
      assertArrayEquals(new double[] {0, 2}, s.run(r.clipped().get(2)).doubles(), 1e-12);
    }
  }

  @Test
  void clipByGlobalNorm_belowTheLimit_leavesValues_float32() {
    Output a = tf.constant(new float[] {0.3f, 0.4f});
    Clipping.ClippedTensors r = Clipping.clipByGlobalNorm(tf, List.of(a), 1.0);
    try (Session s = new Session(g)) {
      assertArrayEquals(new float[] {0.3f, 0.4f}, s.run(r.clipped().get(0)).floats(), 1e-7f);
      assertEquals(0.5f, s.run(r.globalNorm()).floats()[0], 1e-7f);
    }
  }

  @Test
  void clipByNorm_bothDtypes() {
    Output d = Clipping.clipByNorm(tf, tf.constant(new double[] {6, 8}), 5);
    Output f = Clipping.clipByNorm(tf, tf.constant(new float[] {0.6f, 0.8f}), 5);
    try (Session s = new Session(g)) {
      assertArrayEquals(new double[] {3, 4}, s.run(d).doubles(), 1e-12);
      assertArrayEquals(new float[] {0.6f, 0.8f}, s.run(f).floats(), 1e-7f);
    }
  }

  @Test
  void clipByGlobalNorm_infiniteNorm_failsTheRunNamingTheNorm_andWeightsStayFinite() {
    Variable w = tf.variable(tf.constant(new float[] {1, 2}), "w");
    Output scale = tf.placeholder(DType.FLOAT32, Shape.scalar(), "scale");
    Output loss = tf.reduceSum(tf.mul(tf.square(w), scale));
    GradientDescentOptimizer opt = new GradientDescentOptimizer(tf, 0.1);
    List<GradAndVar> grads = opt.computeGradients(loss);
    List<Output> gs = new ArrayList<>();
    for (GradAndVar p : grads) {
      gs.add(p.gradient());
    }
    Clipping.ClippedTensors clipped = Clipping.clipByGlobalNorm(tf, gs, 1.0);
    Operation train = opt.applyGradients(List.of(new GradAndVar(clipped.clipped().get(0), w)));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      OpException e = assertThrows(OpException.class, () -> s.runner()
          .feed(scale, Tensor.scalar(Float.POSITIVE_INFINITY)).addTarget(train).run());
      assertTrue(e.getMessage().contains("global norm"), e.getMessage());
      assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
      assertTrue(e.getMessage().contains("ClippingTest.java"), e.getMessage());
      assertArrayEquals(new float[] {1, 2}, s.run(w).floats());
      // A finite step still works: grad (2, 4) * 3 -> norm 6 sqrt(5) clipped to 1.
      s.runner().feed(scale, Tensor.scalar(3f)).addTarget(train).run();
      double n = Math.sqrt(36 + 144);
      assertArrayEquals(new float[] {(float) (1 - 0.1 * 6 / n), (float) (2 - 0.1 * 12 / n)},
          s.run(w).floats(), 1e-6f);
    }
  }

  @Test
  void clipByNorm_nanNorm_failsTheRun() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2), "x");
    Output c = Clipping.clipByNorm(tf, x, 1);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(x, Tensor.of(new double[] {Double.NaN, 1})).fetch(c).run());
      assertTrue(e.getMessage().contains("NaN"), e.getMessage());
      assertTrue(e.getMessage().contains("x:0"), e.getMessage());
    }
  }

  @Test
  void clipNorm_mustBePositive() {
    Output a = tf.constant(new float[] {1});
    assertThrows(IllegalArgumentException.class, () -> Clipping.clipByNorm(tf, a, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Clipping.clipByGlobalNorm(tf, List.of(a), -1));
  }
}
