package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.VariableScope.Reuse;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayersTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private List<String> varNames() {
    return g.globalVariables().stream().map(Variable::varName).toList();
  }

  @Test
  void dense_variableNamesAndShapes_likeTensorFlow() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output h = Layers.dense(tf, x, 5, tf::relu);
    Output y = Layers.dense(tf, h, 2, null);
    assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
        varNames());
    List<Variable> vs = g.globalVariables();
    assertEquals(Shape.of(3, 5), vs.get(0).shape());
    assertEquals(Shape.of(5), vs.get(1).shape());
    assertEquals(Shape.of(5, 2), vs.get(2).shape());
    assertEquals(Shape.of(2), vs.get(3).shape());
    assertEquals(Shape.of(-1, 5), h.shape());
    assertEquals(Shape.of(-1, 2), y.shape());
    assertEquals("dense/Relu", h.op().name());
    assertEquals("dense_1/BiasAdd", y.op().name());
  }

  @Test
  void dense_insideVariableScope_isPrefixed() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(4, 3), "x");
    try (var s = VariableScopes.variableScope(g, "net")) {
      Layers.dense(tf, x, 2);
      Layers.dense(tf, x, 2);
    }
    assertEquals(List.of("net/dense/kernel", "net/dense/bias", "net/dense_1/kernel",
        "net/dense_1/bias"), varNames());
    assertEquals(DType.FLOAT64, g.globalVariables().get(0).dtype());
  }

  @Test
  void dense_reenteredScopeWithReuse_sharesVariables() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output a;
    Output b;
    try (var s = VariableScopes.variableScope(g, "tower")) {
      a = Layers.dense(tf, x, 4, tf::tanh);
    }
    try (var s = VariableScopes.variableScope(g, "tower", Reuse.REUSE)) {
      b = Layers.dense(tf, x, 4, tf::tanh);
    }
    assertEquals(List.of("tower/dense/kernel", "tower/dense/bias"), varNames());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor in = Tensor.of(new float[][] {{1, 2, 3}});
      List<Tensor> r = s.runner().feed(x, in).fetch(a).fetch(b).run();
      assertArrayEquals(r.get(0).floats(), r.get(1).floats());
    }
  }

  @Test
  void dense_explicitNameTwiceWithoutReuse_throws() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Layers.dense(tf, x, 4, null, "proj");
    assertEquals(List.of("proj/kernel", "proj/bias"), varNames());
    assertThrows(dev.skein.core.SkeinException.class,
        () -> Layers.dense(tf, x, 4, null, "proj"));
  }

  @Test
  void dense_computesActivationOfAffineMap() {
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1, 2), "x");
    Output y = Layers.dense(tf, x, 2, tf::relu, true,
        (t, shape, dtype) -> t.constant(new double[][] {{1, -2}, {3, 4}}),
        Initializers.constant(0.5), null);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor out = s.runner().feed(x, Tensor.of(new double[][] {{1, 1}, {2, -1}})).fetch(y)
          .run().get(0);
      // [1,1]: (1+3, -2+4) + 0.5 = (4.5, 2.5); [2,-1]: (2-3, -4-4) + 0.5 = (-0.5, -7.5) -> relu
      assertArrayEquals(new double[] {4.5, 2.5, 0, 0}, out.doubles(), 1e-12);
    }
  }

  @Test
  void dense_rank3Input_appliesToLastAxis_staticAndDynamicLeadingDims() {
    Initializer kernel = (t, shape, dtype) -> t.constant(new float[][] {{1, 0, 2}, {0, 1, -1}});
    Output known = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 2), "known");
    Output unknown = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, 2), "unknown");
    Output a = Layers.dense(tf, known, 3, null, true, kernel, Initializers.constant(1), null);
    Output b = Layers.dense(tf, unknown, 3, null, true, kernel, Initializers.constant(1), null);
    assertEquals(Shape.of(-1, 2, 3), a.shape());
    assertEquals(3, b.shape().dim(-1));
    Tensor in = Tensor.of(new float[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {0, 0}}});
    // each [p, q] -> [p + 1, q + 1, 2p - q + 1]
    float[] expected = {2, 3, 1, 4, 5, 3, 6, 7, 5, 1, 1, 1};
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      List<Tensor> r = s.runner().feed(known, in).feed(unknown, in).fetch(a).fetch(b).run();
      assertEquals(Shape.of(2, 2, 3), r.get(0).shape());
      assertEquals(Shape.of(2, 2, 3), r.get(1).shape());
      assertArrayEquals(expected, r.get(0).floats());
      assertArrayEquals(expected, r.get(1).floats());
    }
  }

  @Test
  void dense_insideWhileBody_createsTopLevelVariablesOnce() {
    Output x0 = tf.placeholder(DType.FLOAT64, Shape.of(1, 2), "x0");
    List<Output> out;
    try (var s = VariableScopes.variableScope(g, "rnn", Reuse.AUTO_REUSE)) {
      out = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
          v -> List.of(tf.add(v.get(0), tf.constant(1)),
              Layers.dense(tf, v.get(1), 2, null, true,
                  (t, shape, dtype) -> t.constant(new double[][] {{0, 1}, {1, 0}}),
                  Initializers.constant(1), "cell")),
          List.of(tf.constant(0), x0));
    }
    assertEquals(List.of("rnn/cell/kernel", "rnn/cell/bias"), varNames());
    for (Variable v : g.globalVariables()) {
      assertEquals(g, v.graph());
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor r = s.runner().feed(x0, Tensor.of(new double[][] {{1, 5}})).fetch(out.get(1)).run()
          .get(0);
      // each step swaps and adds 1: (1,5) -> (6,2) -> (3,7) -> (8,4)
      assertArrayEquals(new double[] {8, 4}, r.doubles(), 1e-12);
    }
  }

  @Test
  void dense_withoutBias_hasOnlyKernel() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Layers.dense(tf, x, 2, null, false, null, null, null);
    assertEquals(List.of("dense/kernel"), varNames());
  }

  @Test
  void dense_badInputs_throw() {
    Output v = tf.placeholder(DType.FLOAT32, Shape.of(3), "v");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Layers.dense(tf, v, 2));
    assertTrue(e.getMessage().contains("(3,)"), e.getMessage());
    Output u = tf.placeholder(DType.FLOAT32, Shape.of(2, 4, -1), "u");
    assertThrows(IllegalArgumentException.class, () -> Layers.dense(tf, u, 2));
    Output i = tf.placeholder(DType.INT32, Shape.of(2, 3), "i");
    assertThrows(IllegalArgumentException.class, () -> Layers.dense(tf, i, 2));
  }

  @Test
  void dense_kernelIsGlorotUniform_biasZero() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 30), "x");
    Layers.dense(tf, x, 20);
    Variable kernel = g.globalVariables().get(0);
    Variable bias = g.globalVariables().get(1);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double limit = Math.sqrt(6.0 / (30 + 20));
      float[] k = s.run(kernel).floats();
      double sumSq = 0;
      for (float v : k) {
        assertTrue(Math.abs(v) <= limit);
        sumSq += v * v;
      }
      // Uniform(-l, l) has variance l^2 / 3; 600 samples.
      assertEquals(limit * limit / 3, sumSq / k.length, limit * limit / 3 * 0.2);
      assertArrayEquals(new float[20], s.run(bias).floats());
    }
  }

  @Test
  void dense_sameVariablesAcrossCalls_whenReusedByName() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    try (var s = VariableScopes.variableScope(g, "m", Reuse.AUTO_REUSE)) {
      Layers.dense(tf, x, 2, null, "out");
      Layers.dense(tf, x, 2, null, "out");
    }
    assertEquals(List.of("m/out/kernel", "m/out/bias"), varNames());
  }
}
