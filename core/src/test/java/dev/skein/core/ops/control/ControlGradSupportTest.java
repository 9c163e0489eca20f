package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArrayOps.TensorArrayGradOp;
import dev.skein.core.ops.math.MathOps;
import dev.skein.core.ops.state.StateOps;
import dev.skein.core.testing.MathTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pieces gradients of control flow are built from: exports of a forward loop read back in
 * reverse by a hand-built While with sliced inputs, If with fed values, and the TensorArray
 * gradient ops (sparse gradient arrays, accumulation, dense fast paths).
 */
class ControlGradSupportTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void reverseLoop_readsForwardExportsLastIterationFirst() {
    // Forward: acc_{i+1} = acc_i * x for n steps. Backward (by hand): r = sum_i acc_i * 10^i over
    // the saved acc_i taken in reverse order, so the digits show the order.
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    Output x = tf.constant(2.0);
    List<Output> fwd = tf.whileLoop(v -> tf.less(v.get(0), n),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.mul(v.get(1), x)),
        List.of(tf.constant(0), tf.constant(1.0)));
    Operation w = fwd.get(0).op();
    ControlOps.While wt = (ControlOps.While) w.type();
    // The export of the body's second argument: acc at the start of each iteration.
    Output accArg = wt.body().args().get(1);
    Output saved = w.output(wt.exportOutput(wt.body().exportable().indexOf(accArg)));

    String scope = ControlOps.reserveScope(g, "reverse");
    Graph cg = g.newChildGraph(scope + "/cond");
    Output ci = StateOps.placeholder(cg, DType.INT32, Shape.scalar(), "i");
    Output cr = StateOps.placeholder(cg, DType.FLOAT64, Shape.scalar(), "r");
    Output cn = cg.capture(w.output(wt.iterationsOutput()));
    TracedFunction cond = TracedFunction.of(cg, List.of(ci, cr),
        List.of(Ops.create(cg).less(ci, cn)), List.of(), List.of());
    Graph bg = g.newChildGraph(scope + "/body");
    Output bi = StateOps.placeholder(bg, DType.INT32, Shape.scalar(), "i");
    Output br = StateOps.placeholder(bg, DType.FLOAT64, Shape.scalar(), "r");
    Output accI = StateOps.placeholder(bg, DType.FLOAT64, Shape.scalar(), "acc_i");
    Ops tb = Ops.create(bg);
    Output r = tb.add(tb.mul(br, tb.constant(10.0)), accI);
    TracedFunction body = TracedFunction.of(bg, List.of(bi, br),
        List.of(tb.add(bi, tb.constant(1)), r), List.of(accI), List.of());
    Operation rev = ControlOps.whileOp(g, scope, cond, body,
        List.of(tf.constant(0), tf.constant(0.0)), List.of(saved));
    assertEquals("reverse", rev.name());
    try (Session s = new Session(g)) {
      // acc_i = 1, 2, 4 (i = 0, 1, 2); reversed: 4, 2, 1 -> ((0*10+4)*10+2)*10+1 = 421.
      Tensor out = s.runner().feed(n, Tensor.scalar(3)).fetch(rev.output(1)).run().get(0);
      assertEquals(421.0, out.doubleValue());
      assertArrayEquals(new double[] {1, 2, 4},
          s.runner().feed(n, Tensor.scalar(3)).fetch(saved).run().get(0).doubles());
    }
  }

  @Test
  void forwardOnlyRun_computesNoExports() {
    Output n = tf.placeholder(DType.INT32, Shape.scalar(), "n");
    List<Output> fwd = tf.whileLoop(v -> tf.less(v.get(0), n),
        v -> List.of(tf.add(v.get(0), tf.constant(1))), List.of(tf.constant(0)));
    ControlOps.While wt = (ControlOps.While) fwd.get(0).op().type();
    assertTrue(wt.body().exportable().size() >= 2);
    boolean[] sawUsed = new boolean[1];
    dev.skein.core.KernelContext ctx = new dev.skein.core.KernelContext() {
      @Override
      public Operation op() {
        return fwd.get(0).op();
      }

      @Override
      public dev.skein.core.SessionState state() {
        return new dev.skein.core.SessionState();
      }

      @Override
      public boolean isOutputUsed(int k) {
        sawUsed[0] |= k > wt.numLoopVars();
        return k <= wt.numLoopVars();
      }
    };
    Tensor[] out = wt.compute(ctx, new Tensor[] {Tensor.scalar(0), Tensor.scalar(5)});
    assertEquals(5, out[0].intValue());
    assertTrue(sawUsed[0]);
    for (int k = wt.numLoopVars() + 1; k < out.length; k++) {
      assertEquals(null, out[k], "export " + k + " was computed");
    }
  }

  @Test
  void ifOp_feedsTheTakenBranchFromInputs() {
    Output p = tf.placeholder(DType.BOOL, Shape.scalar(), "p");
    Output a = tf.constant(3f);
    Output b = tf.constant(4f);
    String scope = ControlOps.reserveScope(g, "cond");
    Graph tg = g.newChildGraph(scope + "/then");
    Output ta = StateOps.placeholder(tg, DType.FLOAT32, Shape.scalar(), "fed");
    TracedFunction th = TracedFunction.of(tg, List.of(),
        List.of(MathOps.mul(tg, ta, ta, null)), List.of(ta), List.of());
    Graph eg = g.newChildGraph(scope + "/else");
    Output ea = StateOps.placeholder(eg, DType.FLOAT32, Shape.scalar(), "fed");
    TracedFunction el = TracedFunction.of(eg, List.of(), List.of(Ops.create(eg).neg(ea)),
        List.of(ea), List.of());
    Operation op = ControlOps.ifOp(g, scope, p, th, el, List.of(a), List.of(b));
    try (Session s = new Session(g)) {
      assertEquals(9f, s.runner().feed(p, Tensor.scalar(true)).fetch(op.output(0)).run().get(0)
          .floatValue());
      assertEquals(-4f, s.runner().feed(p, Tensor.scalar(false)).fetch(op.output(0)).run()
          .get(0).floatValue());
    }
  }

  @Test
  void readGrad_isASparseGradientArray_readingZerosElsewhere() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      TensorArray ta = tf.tensorArray(d, 4, Shape.of(2));
      Output dy = tf.constant(MathTestSupport.tensor(d, Shape.of(2), 5, 6));
      Output grad = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.READ_GRAD,
          List.of(ta.value(), tf.constant(2), dy), null);
      assertEquals(Shape.of(4, 2), grad.shape());
      TensorArray gta = new TensorArray(grad);
      try (Session s = new Session(g)) {
        Tensor t = s.run(grad);
        assertTrue(t.payload() instanceof TensorArrayValue);
        assertArrayEquals(new double[] {0, 0, 0, 0, 5, 6, 0, 0}, t.toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, s.run(gta.read(1)).toDoubleArray());
        assertArrayEquals(new double[] {5, 6}, s.run(gta.read(2)).toDoubleArray());
      }
    }
  }

  @Test
  void gatherGrad_sumsRowsOfRepeatedIndices() {
    TensorArray ta = tf.tensorArray(DType.FLOAT64, 3, Shape.of(2));
    Output dy = tf.constant(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Output grad = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.GATHER_GRAD,
        List.of(ta.value(), tf.constant(new int[] {2, 0, 2}), dy), null);
    try (Session s = new Session(g)) {
      assertArrayEquals(new double[] {3, 4, 0, 0, 6, 8}, s.run(grad).doubles());
    }
  }

  @Test
  void accumulate_addsSparseArraysElementwise_andDenseTensors() {
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 3, Shape.of(1));
    Output g0 = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.READ_GRAD,
        List.of(ta.value(), tf.constant(0), tf.constant(new float[] {1})), null);
    Output g2 = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.READ_GRAD,
        List.of(ta.value(), tf.constant(2), tf.constant(new float[] {7})), null);
    Output g0b = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.READ_GRAD,
        List.of(ta.value(), tf.constant(0), tf.constant(new float[] {10})), null);
    Output acc = tf.zerosLike(ta.value());
    for (Output gi : List.of(g0, g2, g0b)) {
      acc = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.ACCUMULATE, List.of(acc, gi), null);
    }
    Output dense = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.ACCUMULATE,
        List.of(tf.constant(new float[] {1, 2}), tf.constant(new float[] {10, 20})), null);
    try (Session s = new Session(g)) {
      assertArrayEquals(new float[] {11, 0, 7}, s.run(acc).floats());
      assertArrayEquals(new float[] {11, 22}, s.run(dense).floats());
    }
    OpException e = assertThrows(OpException.class, () -> TensorArrayOps.tensorArrayGradOp(g,
        TensorArrayGradOp.ACCUMULATE, List.of(tf.constant(new float[] {1, 2}),
            tf.constant(new double[] {1, 2})), null));
    assertTrue(e.getMessage().contains("cannot accumulate a float64 (2,) gradient into float32"),
        e.getMessage());
  }

  @Test
  void unstackGrad_andReadsOfPlainDenseGradients() {
    Output dArray = tf.constant(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Output value = tf.placeholder(DType.FLOAT64, Shape.of(-1, 2), "value");
    Output dv = TensorArrayOps.tensorArrayGradOp(g, TensorArrayGradOp.UNSTACK_GRAD,
        List.of(dArray, value), null);
    TensorArray dense = new TensorArray(dArray);
    try (Session s = new Session(g)) {
      Tensor out = s.runner().feed(value, Tensor.of(new double[][] {{0, 0}, {0, 0}})).fetch(dv)
          .run().get(0);
      assertArrayEquals(new double[] {1, 2, 3, 4}, out.doubles());
      assertArrayEquals(new double[] {3, 4}, s.run(dense.read(1)).doubles());
      assertArrayEquals(new double[] {5, 6, 1, 2},
          s.run(dense.gather(tf.constant(new int[] {2, 0}))).doubles());
      assertEquals(3, s.run(dense.size()).intValue());
      OpException e = assertThrows(OpException.class, () -> s.run(dense.read(3)));
      assertTrue(e.getMessage().contains("index 3 is out of range for a TensorArray of size 3"),
          e.getMessage());
    }
    assertNotNull(dv);
  }

  @Test
  void writeGrad_passesThroughOrGivesZeroSizeGradientForAnUnwrittenArray() {
    TensorArray empty = tf.tensorArray(DType.FLOAT32, 2);
    TensorArray written = empty.write(0, tf.constant(new float[] {1, 2}));
    Output g = tf.constant(new float[][] {{1, 2}, {3, 4}});
    Output same = TensorArrayOps.tensorArrayGradOp(this.g, TensorArrayGradOp.WRITE_GRAD,
        List.of(written.value(), g), null);
    Output toEmpty = TensorArrayOps.tensorArrayGradOp(this.g, TensorArrayGradOp.WRITE_GRAD,
        List.of(empty.value(), g), null);
    try (Session s = new Session(g.graph())) {
      assertArrayEquals(new float[] {1, 2, 3, 4}, s.run(same).floats());
      assertEquals(Shape.of(2, 0), s.run(toEmpty).shape());
    }
  }

  @Test
  void gradientOverDenseBase_readsBaseRows_andAccumulatesWithoutCopyingTheRest() {
    Tensor base = Tensor.of(new double[][] {{1, 1}, {2, 2}, {3, 3}});
    TensorArrayValue a = TensorArrayValue.gradientOver(base);
    TensorArrayValue b = a.accumulate(2, Tensor.of(new double[] {10, 20}));
    TensorArrayValue c = b.accumulate(0, Tensor.of(new double[] {5, 5}));
    assertArrayEquals(new double[] {2, 2}, c.read(1).doubles());
    assertArrayEquals(new double[] {6, 6, 2, 2, 13, 23}, c.toTensor().doubles());
    // Older versions keep their values; adding twice to one element copies, staying correct.
    assertArrayEquals(new double[] {1, 1, 2, 2, 13, 23}, b.toTensor().doubles());
    TensorArrayValue d = c.accumulate(2, Tensor.of(new double[] {1, 1}));
    assertArrayEquals(new double[] {14, 24}, d.read(2).doubles());
    assertArrayEquals(new double[] {13, 23}, c.read(2).doubles());
    assertArrayEquals(new int[] {2, 0}, c.writtenIndices());
  }
}
