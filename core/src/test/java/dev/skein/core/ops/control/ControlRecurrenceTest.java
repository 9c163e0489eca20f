package dev.skein.core.ops.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.core.testing.MathTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recurrence h_{t+1} = tanh(W h_t + x_t), for a batch of B rows (h [B, H], so W h_t is
 * {@code matmul(h, W, transposeB)}), written three ways: whileLoop over TensorArrays, unrolled
 * with plain ops, and in plain Java. All three must agree.
 */
class ControlRecurrenceTest {
  private static final int T = 7;
  private static final int B = 2;
  private static final int H = 3;

  private static double[] values(int n, int seed) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(1.3 * i + seed) * 0.8;
    }
    return v;
  }

  /** W h_b for each row h_b of h [B, H]. */
  private static Output matvec(Ops tf, Output w, Output h) {
    return tf.matmul(h, w, false, true);
  }

  @Test
  void whileLoopWithTensorArrays_matchesUnrolledOpsAndPlainJava() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] wv = values(H * H, 1);
      double[] xv = values(T * B * H, 2);
      double[] h0v = values(B * H, 3);
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output w = tf.constant(MathTestSupport.tensor(d, Shape.of(H, H), wv));
      Output x = tf.placeholder(d, Shape.of(-1, B, H), "x");
      Output h0 = tf.placeholder(d, Shape.of(-1, H), "h0");
      Output steps = tf.placeholder(DType.INT32, Shape.scalar(), "steps");

      TensorArray xs = tf.tensorArray(d, steps, false, Shape.of(-1, H)).unstack(x);
      TensorArray hs = tf.tensorArray(d, steps, false, Shape.unknown());
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), steps), v -> {
        Output t = v.get(0);
        Output h = tf.tanh(tf.add(matvec(tf, w, v.get(1)), xs.read(t)));
        return List.of(tf.add(t, tf.constant(1)), h, new TensorArray(v.get(2)).write(t, h)
            .value());
      }, List.of(tf.constant(0), h0, hs.value()));
      Output looped = new TensorArray(r.get(2)).stack();

      List<Output> unrolled = new ArrayList<>();
      Output h = h0;
      List<Output> xt = tf.unstack(tf.constant(MathTestSupport.tensor(d, Shape.of(T, B, H),
          xv)));
      for (int t = 0; t < T; t++) {
        h = tf.tanh(tf.add(matvec(tf, w, h), xt.get(t)));
        unrolled.add(h);
      }
      Output unrolledAll = tf.stack(unrolled);

      double[] expected = new double[T * B * H];
      double[] hj = h0v.clone();
      for (int t = 0; t < T; t++) {
        double[] next = new double[B * H];
        for (int b = 0; b < B; b++) {
          for (int i = 0; i < H; i++) {
            double a = xv[(t * B + b) * H + i];
            for (int j = 0; j < H; j++) {
              a += wv[i * H + j] * hj[b * H + j];
            }
            next[b * H + i] = Math.tanh(a);
          }
        }
        System.arraycopy(next, 0, expected, t * B * H, B * H);
        hj = next;
      }
      double tol = d == DType.FLOAT32 ? 1e-5 : 1e-12;
      try (Session s = new Session(g)) {
        List<Tensor> out = s.runner()
            .feed(x, MathTestSupport.tensor(d, Shape.of(T, B, H), xv))
            .feed(h0, MathTestSupport.tensor(d, Shape.of(B, H), h0v))
            .feed(steps, Tensor.scalar(T))
            .fetch(looped).fetch(unrolledAll).fetch(r.get(1)).run();
        assertEquals(Shape.of(T, B, H), out.get(0).shape());
        assertEquals(d, out.get(0).dtype());
        for (int k = 0; k < T * B * H; k++) {
          assertEquals(out.get(1).getDouble(k), out.get(0).getDouble(k), tol, d + " at " + k);
          assertEquals(expected[k], out.get(0).getDouble(k), tol, d + " at " + k);
        }
        for (int i = 0; i < B * H; i++) {
          assertEquals(expected[(T - 1) * B * H + i], out.get(2).getDouble(i), tol);
        }
      }
    }
  }
}
