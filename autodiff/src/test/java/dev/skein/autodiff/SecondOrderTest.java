package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Gradients of gradients: against closed forms, and against finite differences. */
class SecondOrderTest {
  private static final double[] XS = {-1.7, -0.4, 0.3, 1.1, 2.2};

  /** d2y/dx2 of y = f(x) elementwise, compared with a formula. */
  private static void checkSecondDerivative(BiFunction<Ops, Output, Output> f,
      DoubleUnaryOperator expected) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(XS.length), "x");
    Output dx = Gradients.gradient(f.apply(tf, x), x);
    Output ddx = Gradients.gradient(dx, x);
    double[] want = new double[XS.length];
    for (int i = 0; i < XS.length; i++) {
      want[i] = expected.applyAsDouble(XS[i]);
    }
    try (Session s = new Session(g)) {
      double[] got = s.runner().feed(x, Tensor.of(XS)).fetch(ddx).run().get(0).toDoubleArray();
      assertArrayEquals(want, got, 1e-12);
    }
  }

  @Test
  void tanh_secondDerivative() {
    checkSecondDerivative(Ops::tanh, v -> -2 * Math.tanh(v) * (1 - Math.pow(Math.tanh(v), 2)));
  }

  @Test
  void sigmoid_secondDerivative() {
    checkSecondDerivative(Ops::sigmoid, v -> {
      double s = 1 / (1 + Math.exp(-v));
      return s * (1 - s) * (1 - 2 * s);
    });
  }

  @Test
  void cube_secondDerivative() {
    checkSecondDerivative((tf, x) -> tf.mul(tf.mul(x, x), x), v -> 6 * v);
  }

  @Test
  void thirdDerivative_ofCube_isSix() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(XS.length), "x");
    Output d = tf.mul(tf.mul(x, x), x);
    for (int k = 0; k < 3; k++) {
      d = Gradients.gradient(d, x);
    }
    try (Session s = new Session(g)) {
      double[] got = s.runner().feed(x, Tensor.of(XS)).fetch(d).run().get(0).toDoubleArray();
      assertArrayEquals(new double[] {6, 6, 6, 6, 6}, got, 1e-12);
    }
  }

  /** The Jacobian of a first gradient (a Hessian block) against finite differences of it. */
  private static void checkHessian(BiFunction<Ops, List<Output>, Output> loss, Shape... shapes) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Random rnd = new Random(11);
    List<Output> xs = new java.util.ArrayList<>();
    List<Tensor> vs = new java.util.ArrayList<>();
    for (int i = 0; i < shapes.length; i++) {
      xs.add(tf.placeholder(DType.FLOAT64, shapes[i], "p" + i));
      double[] v = new double[shapes[i].numElements()];
      for (int j = 0; j < v.length; j++) {
        v[j] = rnd.nextGaussian() * 0.7;
      }
      vs.add(Tensor.create(shapes[i], v));
    }
    List<Output> grads = Gradients.gradients(List.of(loss.apply(tf, xs)), xs);
    for (Output gr : grads) {
      GradientChecker.Result r = GradientChecker.compute(xs, vs, gr);
      assertTrue(r.maxRelError() <= 1e-6, gr + ": " + r);
    }
  }

  @Test
  void reductions_hessianMatchesFiniteDifferences() {
    checkHessian((tf, p) -> tf.reduceSum(tf.mul(tf.reduceMean(tf.mul(p.get(0), p.get(0)),
        new int[] {1}), tf.reduceMax(tf.tanh(p.get(0)), new int[] {1}))), Shape.of(3, 4));
  }

  @Test
  void smallMlpLoss_hessianMatchesFiniteDifferences() {
    Tensor input = Tensor.of(new double[][] {{0.5, -1, 2}, {1.5, 0.2, -0.3}});
    Tensor target = Tensor.of(new double[][] {{0.1, -0.2}, {0.4, 0.3}});
    checkHessian((tf, p) -> {
      Output h = tf.tanh(tf.add(tf.matmul(tf.constant(input), p.get(0)), p.get(1)));
      Output y = tf.add(tf.matmul(h, p.get(2)), p.get(3));
      return tf.reduceMean(tf.square(tf.sub(y, tf.constant(target))));
    }, Shape.of(3, 4), Shape.of(4), Shape.of(4, 2), Shape.of(2));
  }
}
