package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gradient driver: fan-out, unconnected xs, stop gradients, dtypes, scopes and errors. */
class GradientsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);
  private final Output x = tf.placeholder(DType.FLOAT64, Shape.of(3), "x");
  private final Tensor xv = Tensor.of(new double[] {1.5, -2, 3});

  private double[] eval(Output y) {
    try (Session s = new Session(g)) {
      return s.runner().feed(x, xv).fetch(y).run().get(0).toDoubleArray();
    }
  }

  @Test
  void fanOut_isSummed() {
    Output y = tf.add(tf.mul(x, x), x);
    Output dx = Gradients.gradient(y, x);
    assertArrayEquals(new double[] {4, -3, 7}, eval(dx), 1e-12);
  }

  @Test
  void manyYs_gradientOfTheirSum() {
    Output dx = Gradients.gradients(List.of(tf.mul(x, x), tf.neg(x)), List.of(x)).get(0);
    assertArrayEquals(new double[] {2, -5, 5}, eval(dx), 1e-12);
  }

  @Test
  void gradYs_weightTheYs() {
    Output w = tf.constant(new double[] {1, 10, 100});
    Output dx = Gradients.gradients(List.of(tf.mul(x, x)), List.of(x), List.of(w)).get(0);
    assertArrayEquals(new double[] {3, -40, 600}, eval(dx), 1e-12);
  }

  @Test
  void unconnectedX_isNullOrZeros() {
    Output other = tf.placeholder(DType.FLOAT64, Shape.of(2), "other");
    Output y = tf.mul(x, x);
    assertNull(Gradients.gradients(List.of(y), List.of(other)).get(0));
    Output z = Gradients.gradients(List.of(y), List.of(other), GradientOptions.defaults()
        .withUnconnected(UnconnectedGradients.ZERO)).get(0);
    try (Session s = new Session(g)) {
      Tensor t = s.runner().feed(other, Tensor.of(new double[] {4, 5})).fetch(z).run().get(0);
      assertArrayEquals(new double[] {0, 0}, t.toDoubleArray());
    }
  }

  @Test
  void stopGradient_blocksThePathThroughIt() {
    Output y = tf.mul(x, tf.stopGradient(x));
    assertArrayEquals(new double[] {1.5, -2, 3}, eval(Gradients.gradient(y, x)), 1e-12);
    assertNull(Gradients.gradient(tf.stopGradient(tf.square(x)), x));
  }

  @Test
  void stopGradientsOption_treatsValuesAsConstants() {
    Output sq = tf.square(x);
    Output y = tf.mul(sq, x);
    Output dx = Gradients.gradients(List.of(y), List.of(x),
        GradientOptions.defaults().withStopGradients(List.of(sq))).get(0);
    assertArrayEquals(new double[] {2.25, 4, 9}, eval(dx), 1e-12);
  }

  @Test
  void intValues_carryNoGradient() {
    Output truncated = tf.cast(tf.cast(x, DType.INT32), DType.FLOAT64);
    Output y = tf.mul(x, truncated);
    assertArrayEquals(new double[] {1, -2, 3}, eval(Gradients.gradient(y, x)), 1e-12);
  }

  @Test
  void xThatIsAY_getsOnes_andRepeatedXsShareTheirGradient() {
    List<Output> d = Gradients.gradients(List.of(x), List.of(x, x));
    assertArrayEquals(new double[] {1, 1, 1}, eval(d.get(0)));
    assertSame(d.get(0), d.get(1));
  }

  @Test
  void intermediateX_getsItsOwnGradient() {
    Output h = tf.tanh(x);
    Output y = tf.mul(h, h);
    List<Output> d = Gradients.gradients(List.of(y), List.of(h, x));
    double[] hv = new double[3];
    double[] dh = new double[3];
    double[] dx = new double[3];
    for (int i = 0; i < 3; i++) {
      hv[i] = Math.tanh(xv.getDouble(i));
      dh[i] = 2 * hv[i];
      dx[i] = 2 * hv[i] * (1 - hv[i] * hv[i]);
    }
    assertArrayEquals(dh, eval(d.get(0)), 1e-12);
    assertArrayEquals(dx, eval(d.get(1)), 1e-12);
  }

  @Test
  void broadcastGradients_areSummedToEachInputsShape() {
    Output a = tf.placeholder(DType.FLOAT64, Shape.of(-1, 3), "a");
    Output b = tf.placeholder(DType.FLOAT64, Shape.of(3), "b");
    Output c = tf.placeholder(DType.FLOAT64, Shape.of(-1, 1), "c");
    List<Output> d = Gradients.gradients(List.of(tf.mul(tf.add(a, b), c)), List.of(a, b, c));
    assertEquals(Shape.of(3), d.get(1).shape());
    try (Session s = new Session(g)) {
      List<Tensor> r = s.runner()
          .feed(a, Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}))
          .feed(b, Tensor.of(new double[] {10, 20, 30}))
          .feed(c, Tensor.of(new double[][] {{2}, {3}}))
          .fetch(d.get(0)).fetch(d.get(1)).fetch(d.get(2)).run();
      assertArrayEquals(new double[] {2, 2, 2, 3, 3, 3}, r.get(0).toDoubleArray());
      assertArrayEquals(new double[] {5, 5, 5}, r.get(1).toDoubleArray());
      assertEquals(Shape.of(2, 1), r.get(2).shape());
      assertArrayEquals(new double[] {66, 75}, r.get(2).toDoubleArray());
    }
  }

  @Test
  void float32_gradientsAreFloat32() {
    Output f = tf.placeholder(DType.FLOAT32, Shape.of(2), "f");
    Output df = Gradients.gradient(tf.reduceSum(tf.square(f)), f);
    assertEquals(DType.FLOAT32, df.dtype());
    try (Session s = new Session(g)) {
      float[] v = s.runner().feed(f, Tensor.of(new float[] {1.5f, -1})).fetch(df).run().get(0)
          .floats();
      assertArrayEquals(new float[] {3, -2}, v);
    }
  }

  @Test
  void gradientOps_liveInAGradientsScope_oneScopePerCall() {
    Output y = tf.square(x);
    Output d1 = Gradients.gradient(y, x);
    Output d2 = Gradients.gradient(y, x);
    assertTrue(d1.op().name().startsWith("gradients/"), d1.op().name());
    assertTrue(d2.op().name().startsWith("gradients_1/"), d2.op().name());
    Output d3 = Gradients.gradients(List.of(y), List.of(x),
        GradientOptions.defaults().withName("my_grads")).get(0);
    assertTrue(d3.op().name().startsWith("my_grads/"), d3.op().name());
  }

  @Test
  void building_neverChangesExistingOps() {
    Output y = tf.reduceSum(tf.mul(tf.tanh(x), x));
    List<Operation> before = g.operations();
    List<List<Output>> inputsBefore = new ArrayList<>();
    for (Operation op : before) {
      inputsBefore.add(op.inputs());
    }
    Gradients.gradient(y, x);
    List<Operation> after = g.operations();
    assertTrue(after.size() > before.size());
    assertEquals(before, after.subList(0, before.size()));
    for (int i = 0; i < before.size(); i++) {
      assertEquals(inputsBefore.get(i), after.get(i).inputs());
    }
  }

  @Test
  void gradientWrtIntTensor_throwsNamingItAndItsDtype() {
    Output counts = tf.placeholder(DType.INT32, Shape.of(3), "counts");
    Output y = tf.mul(x, tf.cast(counts, DType.FLOAT64));
    OpException e = assertThrows(OpException.class,
        () -> Gradients.gradients(List.of(y), List.of(counts)));
    String m = e.getMessage();
    assertTrue(m.contains("counts:0"), m);
    assertTrue(m.contains("int32"), m);
    assertTrue(m.contains("only float32 and float64"), m);
    assertTrue(m.contains("GradientsTest.java"), m);
  }

  /** An op type with no gradient rule: y = 2x. */
  record Twice() implements OpType {
    @Override
    public String typeName() {
      return "Twice";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      double[] v = in[0].toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        v[i] *= 2;
      }
      return new Tensor[] {Tensor.create(in[0].shape(), v)};
    }
  }

  @Test
  void opWithoutRule_throwsNamingTheOpItsTypeAndLine_andHowToRegister() {
    Output twice = g.addOp(new Twice(), "double_it", List.of(x)).output(0);
    Output y = tf.square(twice);
    OpException e = assertThrows(OpException.class, () -> Gradients.gradient(y, x));
    String m = e.getMessage();
    assertTrue(m.contains("Twice op 'double_it'"), m);
    assertTrue(m.contains("no gradient rule"), m);
    assertTrue(m.contains("GradientsTest.java"), m);
    assertTrue(m.contains("GradientRegistry.forGraph(graph).register(Twice.class"), m);
    assertTrue(m.contains("notDifferentiable"), m);
  }

  @Test
  void ruleRegisteredForTheGraph_isUsed() {
    Output twice = g.addOp(new Twice(), "double_it", List.of(x)).output(0);
    GradientRegistry.forGraph(g).register(Twice.class,
        (c, op, dys) -> List.of(c.tf().mul(dys.get(0), c.scalarLike(2, dys.get(0)))));
    assertArrayEquals(new double[] {2, 2, 2}, eval(Gradients.gradient(twice, x)));
    // Other graphs keep the standard rules only.
    Graph other = new Graph();
    Output o = Ops.create(other).placeholder(DType.FLOAT64, Shape.of(1), "o");
    Output t2 = other.addOp(new Twice(), null, List.of(o)).output(0);
    assertThrows(OpException.class, () -> Gradients.gradient(t2, o));
  }

  @Test
  void exactShapeRules_readNoInputShape_unmarkedRulesDo() {
    // x (?, 3) unknown batch: an unmarked rule's gradient is summed to shape(x), a Shape op
    // reading x; a rule marked exactShapes is taken as it is.
    Output xb = tf.placeholder(DType.FLOAT64, Shape.of(-1, 3), "xb");
    Output twice = g.addOp(new Twice(), "double_it", List.of(xb)).output(0);
    GradientRegistry.forGraph(g).register(Twice.class,
        (c, op, dys) -> List.of(c.tf().mul(dys.get(0), c.scalarLike(2, dys.get(0)))));
    Output d1 = Gradients.gradient(tf.reduceSum(tf.square(twice)), xb);
    assertTrue(g.operations().stream().anyMatch(o -> o.type().typeName().equals("Shape")
        && o.inputs().contains(xb)), "unmarked: summed to shape(xb)");
    Graph g2 = new Graph();
    Ops tf2 = Ops.create(g2);
    Output xb2 = tf2.placeholder(DType.FLOAT64, Shape.of(-1, 3), "xb");
    Output twice2 = g2.addOp(new Twice(), "double_it", List.of(xb2)).output(0);
    GradientRegistry.forGraph(g2).register(Twice.class,
        (c, op, dys) -> List.of(c.tf().mul(dys.get(0), c.scalarLike(2, dys.get(0)))))
        .exactShapes(Twice.class);
    Output d2 = Gradients.gradient(tf2.reduceSum(tf2.square(twice2)), xb2);
    assertTrue(g2.operations().stream().noneMatch(o -> o.type().typeName().equals("Shape")
        && o.inputs().contains(xb2)), "marked: no shape read of xb");
    // d/dx sum((2x)^2) = 8x, both ways.
    Tensor v = Tensor.of(new double[][] {{1, -2, 0.5}, {3, 0, -1}});
    try (Session s1 = new Session(g); Session s2 = new Session(g2)) {
      assertArrayEquals(new double[] {8, -16, 4, 24, 0, -8},
          s1.runner().feed(xb, v).fetch(d1).run().get(0).toDoubleArray());
      assertArrayEquals(new double[] {8, -16, 4, 24, 0, -8},
          s2.runner().feed(xb2, v).fetch(d2).run().get(0).toDoubleArray());
    }
  }

  @Test
  void exactShapeRule_returningAnotherShape_throwsNamingTheOp() {
    Output twice = g.addOp(new Twice(), "double_it", List.of(x)).output(0);
    GradientRegistry.forGraph(g).register(Twice.class,
        (c, op, dys) -> List.of(c.tf().constant(new double[] {1, 2}))).exactShapes(Twice.class);
    OpException e = assertThrows(OpException.class,
        () -> Gradients.gradient(tf.reduceSum(twice), x));
    String m = e.getMessage();
    assertTrue(m.contains("double_it"), m);
    assertTrue(m.contains("returned a float64 (2,) gradient for input 0, which is float64 (3,)"),
        m);
  }

  @Test
  void registry_refusesDuplicatesAndWrongKeys() {
    GradientRegistry r = GradientRegistry.standard();
    assertThrows(IllegalArgumentException.class,
        () -> r.register(dev.skein.core.ops.state.StateOps.Identity.class, (c, op, dys) -> dys));
    assertThrows(IllegalArgumentException.class,
        () -> r.register(dev.skein.core.ops.math.MathOps.Unary.class, (c, op, dys) -> dys));
  }

  @Test
  void weightInSeveralProducts_gradientIsOneMatMulSum_equalToTheSumOfProducts() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output w = tf.placeholder(DType.FLOAT64, Shape.of(3, 2), "w");
    Output h = tf.constant(new double[][] {{0.5, -1}, {2, 0.25}});
    Output y = tf.constant(0.0);
    java.util.List<Output> xs = new java.util.ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Output x = tf.constant(new double[][] {{t, 1, -t}, {0.5, t * t, 2}});
      xs.add(x);
      h = tf.tanh(tf.add(tf.matmul(x, w), h));
      y = tf.add(y, tf.reduceSum(h));
    }
    Output dw = Gradients.gradient(y, w);
    assertEquals("MatMulSum", dw.op().type().typeName());
    // The same gradient through an explicit AddN of its three products.
    java.util.List<Output> parts = new java.util.ArrayList<>();
    for (int t = 0; t < 3; t++) {
      parts.add(tf.matmul(dw.op().input(t), dw.op().input(3 + t), true, false));
    }
    Output byAddN = tf.addN(parts);
    try (Session s = new Session(g)) {
      java.util.List<Tensor> v = s.runner().feed(w, Tensor.of(new double[][] {{0.1, -0.2},
          {0.3, 0.05}, {-0.4, 0.2}})).fetch(dw).fetch(byAddN).run();
      double[] a = v.get(0).doubles();
      double[] b = v.get(1).doubles();
      for (int i = 0; i < a.length; i++) {
        assertEquals(b[i], a[i], 1e-12);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = DType.class,
      names = {"FLOAT32", "FLOAT64"})
  void concat_gradientOnlyForInputsThatNeedIt_isASliceOfDy(DType dt) {
    // y = sum(concat([c, h], 1) * k): dy/dh is k's last two columns; c is a constant.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output c = tf.cast(tf.constant(new double[][] {{1, 2}, {3, 4}}), dt);
    Output h = tf.placeholder(dt, Shape.of(2, 2), "h");
    Output k = tf.cast(tf.constant(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}), dt);
    Output y = tf.reduceSum(tf.mul(tf.concat(List.of(c, h), 1), k));
    Output dh = Gradients.gradient(y, h);
    assertEquals("Slice", dh.op().type().typeName());
    for (Operation op : g.operations()) {
      assertTrue(!op.type().typeName().startsWith("Split"), "no split in " + op);
    }
    try (Session s = new Session(g)) {
      Tensor v = s.runner().feed(h, dt == DType.FLOAT32 ? Tensor.of(new float[][] {{0, 0},
          {0, 0}}) : Tensor.of(new double[][] {{0, 0}, {0, 0}})).fetch(dh).run().get(0);
      assertEquals(Shape.of(2, 2), v.shape());
      assertEquals(dt, v.dtype());
      assertArrayEquals(new double[] {3, 4, 7, 8}, v.toDoubleArray(), 0);
    }
    // Both inputs needed: one split, as before.
    Output dc = Gradients.gradients(List.of(y), List.of(c, h)).get(0);
    assertEquals("SplitV", dc.op().type().typeName());
  }
}
