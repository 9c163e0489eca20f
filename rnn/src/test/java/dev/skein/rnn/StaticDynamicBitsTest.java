package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * staticRnn and dynamicRnn over the same cell give the same bits, not only close values: the
 * outputs, the final state, and the gradients of a loss mixing all of them with respect to every
 * variable, the inputs and the initial state, for every cell kind and wrapper, with and without
 * sequence lengths, in float32 and float64. Both builders sum each value's gradient contributions
 * in the same grouping (the contributions from one time step first), so no last bit differs.
 */
class StaticDynamicBitsTest {
  private static final int BATCH = 3;
  private static final int TIME = 5;
  private static final int DEPTH = CellKind.DEPTH;
  private static final int[] LENGTHS = {5, 2, 0};

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
        all.add(Arguments.of(kind, dt, false));
        all.add(Arguments.of(kind, dt, true));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1} lengths={2}")
  @MethodSource("cases")
  void staticAndDynamicAgreeBitForBit(CellKind kind, DType dt, boolean withLengths) {
    Random random = new Random(11);
    Graph g = new Graph();
    g.setSeed(23);
    Ops tf = Ops.create(g);
    RnnCell<?> cell = kind.create(tf);
    Output xs = tf.placeholder(dt, Shape.of(-1, TIME, DEPTH), "xs");
    Output xd = tf.placeholder(dt, Shape.of(-1, -1, DEPTH), "xd");
    Output len = withLengths ? tf.placeholder(DType.INT32, Shape.of(-1), "len") : null;
    List<Output> fetches = new ArrayList<>();
    List<Output> states = new ArrayList<>();
    Output[] losses = build(tf, cell, xs, xd, len, dt, random, fetches, states);
    List<Output> wrt = new ArrayList<>(g.globalVariables());
    wrt.addAll(states);
    List<Output> ws = new ArrayList<>(wrt);
    ws.add(xs);
    List<Output> wd = new ArrayList<>(wrt);
    wd.add(xd);
    List<Output> gs = Gradients.gradients(List.of(losses[0]), ws);
    List<Output> gd = Gradients.gradients(List.of(losses[1]), wd);
    for (int i = 0; i < gs.size(); i++) {
      assertNotNull(gs.get(i), "static gradient " + i);
      assertNotNull(gd.get(i), "dynamic gradient " + i);
      fetches.add(gs.get(i));
      fetches.add(gd.get(i));
    }
    double[][][] data = new double[BATCH][TIME][];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        data[b][t] = Ref.random(random, DEPTH, 1.0);
      }
    }
    Tensor x = cast(Tensor.of(data), dt);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Session.Runner r = s.runner().feed(xs, x).feed(xd, x);
      for (Output h0 : states) {
        r.feed(h0, cast(Tensor.of(Ref.random(random, BATCH, h0.shape().dim(1), 0.5)), dt));
      }
      if (len != null) {
        r.feed(len, Tensor.of(LENGTHS));
      }
      fetches.forEach(r::fetch);
      List<Tensor> got = r.run();
      for (int i = 0; i < got.size(); i += 2) {
        Tensor a = got.get(i);
        Tensor b = got.get(i + 1);
        assertEquals(a.shape(), b.shape(), fetches.get(i).name());
        String what = kind + " " + dt + " lengths=" + withLengths + ": " + fetches.get(i).name()
            + " vs " + fetches.get(i + 1).name();
        assertBitsEqual(a, b, what);
      }
    }
  }

  /**
   * Static and dynamic RNNs over one cell from an initial state fed by placeholders (added to
   * states); fetches gets (static, dynamic) pairs.
   */
  private static <S> Output[] build(Ops tf, RnnCell<S> cell, Output xs, Output xd, Output len,
      DType dt, Random random, List<Output> fetches, List<Output> states) {
    S zero = cell.zeroState(BATCH, dt);
    List<Output> h0 = new ArrayList<>();
    for (Output z : State.flatten(zero)) {
      h0.add(tf.placeholder(dt, Shape.of(BATCH, z.shape().dim(1)), "h0_" + h0.size()));
    }
    states.addAll(h0);
    S init = State.unflatten(zero, h0);
    StaticRnnResult<S> st = Rnn.staticRnn(tf, cell, tf.unstack(xs, 1), init, len);
    RnnResult<S> dy = Rnn.dynamicRnn(tf, cell, xd, len, init, false);
    Output outStatic = tf.stack(st.outputs(), 1);
    fetches.add(outStatic);
    fetches.add(dy.outputs());
    List<Output> ss = State.flatten(st.state());
    List<Output> ds = State.flatten(dy.state());
    double[][][] w = new double[BATCH][TIME][];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        w[b][t] = Ref.random(random, cell.outputSize(), 1.0);
      }
    }
    Output wOut = tf.constant(cast(Tensor.of(w), dt));
    Output lossS = tf.reduceSum(tf.mul(outStatic, wOut));
    Output lossD = tf.reduceSum(tf.mul(dy.outputs(), wOut));
    for (int i = 0; i < ss.size(); i++) {
      fetches.add(ss.get(i));
      fetches.add(ds.get(i));
      Tensor v = cast(Tensor.of(Ref.random(random, BATCH, ss.get(i).shape().dim(1), 1.0)), dt);
      lossS = tf.add(lossS, tf.reduceSum(tf.mul(ss.get(i), tf.constant(v))));
      lossD = tf.add(lossD, tf.reduceSum(tf.mul(ds.get(i), tf.constant(v))));
    }
    fetches.add(lossS);
    fetches.add(lossD);
    return new Output[] {lossS, lossD};
  }

  private static Tensor cast(Tensor t, DType dt) {
    if (dt == DType.FLOAT64) {
      return t;
    }
    double[] d = t.toDoubleArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return Tensor.create(t.shape(), f);
  }

  private static void assertBitsEqual(Tensor a, Tensor b, String what) {
    assertEquals(a.dtype(), b.dtype(), what);
    if (a.dtype() == DType.FLOAT32) {
      float[] x = a.toFloatArray();
      float[] y = b.toFloatArray();
      for (int i = 0; i < x.length; i++) {
        assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]),
            what + " [" + i + "]: " + x[i] + " vs " + y[i]);
      }
    } else {
      double[] x = a.toDoubleArray();
      double[] y = b.toDoubleArray();
      for (int i = 0; i < x.length; i++) {
        assertEquals(Double.doubleToRawLongBits(x[i]), Double.doubleToRawLongBits(y[i]),
            what + " [" + i + "]: " + x[i] + " vs " + y[i]);
      }
    }
  }
}
