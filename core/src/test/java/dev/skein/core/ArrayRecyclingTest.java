package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.kernel.BufferPool;
import dev.skein.core.kernel.Kernels;
import dev.skein.core.kernel.MatMulKernel;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session hands the arrays of dead values to later kernels (BufferPool): only arrays no
 * live tensor can hold, never a fetched value's (or a view of it), never a fed one; kernels that
 * kept work derived from an array (the matmul packing cache) forget it; results do not change.
 */
class ArrayRecyclingTest {
  /** 64 x 64 floats: at BufferPool.MIN_FLOATS, so these arrays are kept. */
  private static final int N = 64;
  private boolean wasEnabled;

  @BeforeEach
  void start() {
    wasEnabled = BufferPool.setEnabled(true);
    BufferPool.clear();
  }

  @AfterEach
  void end() {
    BufferPool.clear();
    BufferPool.setEnabled(wasEnabled);
  }

  @Test
  void pool_handsBackTheLastArrayOfThatSize_onlyFromMinSize_upToItsLimit() {
    assertEquals(N * N, BufferPool.MIN_FLOATS);
    float[] a = new float[N * N];
    float[] b = new float[N * N];
    BufferPool.recycle(a);
    BufferPool.recycle(b);
    assertEquals(2L * 4 * N * N, BufferPool.keptBytes());
    assertSame(b, BufferPool.floats(N * N), "last in, first out");
    assertSame(a, BufferPool.floats(N * N));
    assertNotSame(a, BufferPool.floats(N * N), "empty: a new array");
    float[] small = new float[N * N - 1];
    BufferPool.recycle(small);
    assertEquals(0, BufferPool.keptBytes(), "small arrays are not kept");
    float[] huge = new float[(int) (BufferPool.MAX_BYTES / 4) + 1];
    BufferPool.recycle(huge);
    assertEquals(0, BufferPool.keptBytes(), "nothing past the limit");
    // Full: the sizes used least recently are dropped for the array returned now.
    BufferPool.recycle(new float[3 * N * N]);
    BufferPool.recycle(new float[N * N]);
    int count = (int) ((BufferPool.MAX_BYTES - 4L * 4 * N * N) / (4L * N * N));
    for (int i = 1; i < count; i++) {
      BufferPool.recycle(new float[N * N]);
    }
    assertEquals(BufferPool.MAX_BYTES - 4L * N * N, BufferPool.keptBytes());
    float[] other = new float[2 * N * N];
    BufferPool.recycle(other);
    assertEquals(4L * (count + 2) * N * N, BufferPool.keptBytes(),
        "the size 3 N^2, used least recently, was dropped");
    assertSame(other, BufferPool.floats(2 * N * N));
    assertNotSame(null, BufferPool.floats(N * N));
    assertEquals(4L * (count - 1) * N * N, BufferPool.keptBytes());
    BufferPool.clear();
    BufferPool.setEnabled(false);
    BufferPool.recycle(a);
    assertEquals(0, BufferPool.keptBytes(), "off: nothing kept");
  }

  @Test
  void intermediateOfARun_isRecycled_fetchedAndFedAndViewedValuesAreNot() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
    Output w = tf.constant(Tensor.create(Shape.of(N, N), random(1)));
    Output p = tf.matmul(x, w);            // read by two matmuls only: recycled
    Output q = tf.matmul(p, w);            // fetched through a reshape: never recycled
    Output r = tf.reshape(q, tf.constant(new int[] {N * N}));
    Output s = tf.matmul(p, w, true, false);  // fetched
    Tensor xv = Tensor.create(Shape.of(N, N), random(2));
    try (Session session = new Session(g)) {
      List<Tensor> v = session.runner().feed(x, xv).fetch(r).fetch(s).run();
      assertEquals(4L * N * N, BufferPool.keptBytes(), "p's array is kept, nothing else");
      float[] kept = BufferPool.floats(N * N);
      assertNotSame(v.get(0).floats(), kept);
      assertNotSame(v.get(1).floats(), kept);
      assertNotSame(xv.floats(), kept);
      // The values are those of the products computed apart.
      float[] pv = product(xv.floats(), random(1), false);
      assertArrayEquals(product(pv, random(1), false), v.get(0).floats(), 1e-4f);
      assertArrayEquals(product(pv, random(1), true), v.get(1).floats(), 1e-4f);
    }
  }

  @Test
  void valueWrittenOverByItsReader_isRecycledOnlyWhenThatResultIsDead() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
    Output w = tf.constant(Tensor.create(Shape.of(N, N), random(1)));
    Output p = tf.matmul(x, w);
    Output h = tf.biasTanh(p, tf.constant(new float[N]));  // may write over p's array
    Output y = tf.matmul(h, w);
    Tensor xv = Tensor.create(Shape.of(N, N), random(2));
    try (Session session = new Session(g)) {
      Tensor fetchedH = session.runner().feed(x, xv).fetch(h).run().get(0);
      assertEquals(0, BufferPool.keptBytes(), "h (p's array, written over) is fetched");
      Tensor yv = session.runner().feed(x, xv).fetch(y).run().get(0);
      assertEquals(4L * N * N, BufferPool.keptBytes(), "h is dead after y: one array kept");
      assertNotSame(yv.floats(), BufferPool.floats(N * N));
      assertArrayEquals(product(fetchedH.floats(), random(1), false), yv.floats(), 1e-4f);
    }
  }

  @Test
  void gradientWrittenOverDy_isRecycled_thoughTheBiasGradientGoesToAWriter() {
    // dz = BiasTanhGrad(y, dy) writes over dy's array (fresh, read only there); its other
    // output, the bias gradient, goes to an AddN that forwards its first input. Only dz shares
    // dy's array, so once the product reading dz is done, that array is dead and kept.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
    Output w = tf.constant(Tensor.create(Shape.of(N, N), random(1)));
    Output y = tf.tanh(tf.matmul(x, w));
    Output dy = tf.matmul(x, w);
    List<Output> grads = tf.biasActivationGrad(dev.skein.core.ops.rnncell.RnnCellOps.BiasActivationGrad
        .TANH, y, dy);
    Output dw = tf.matmul(grads.get(0), w);
    Output db = tf.addN(List.of(grads.get(1), tf.constant(new float[N])));
    Tensor xv = Tensor.create(Shape.of(N, N), random(2));
    try (Session session = new Session(g)) {
      List<Tensor> r = session.runner().feed(x, xv).fetch(dw).fetch(db).run();
      assertTrue(BufferPool.keptBytes() >= 4L * N * N, "dz's array (dy's) was kept: "
          + BufferPool.keptBytes());
      float[] yv = session.runner().feed(x, xv).fetch(y).run().get(0).floats();
      float[] dyv = product(xv.floats(), random(1), false);
      float[] dz = new float[N * N];
      for (int i = 0; i < dz.length; i++) {
        dz[i] = dyv[i] * (1 - yv[i] * yv[i]);
      }
      assertArrayEquals(product(dz, random(1), false), r.get(0).floats(), 1e-3f);
    }
  }

  @Test
  void repeatedRuns_giveTheSameValues_withAndWithoutRecycling() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
    Output w = tf.constant(Tensor.create(Shape.of(N, N), random(1)));
    Output h = x;
    for (int i = 0; i < 4; i++) {
      h = tf.biasTanh(tf.matmul(tf.concat(List.of(h, x), 1), tf.concat(List.of(w, w), 0)),
          tf.constant(new float[N]));
    }
    Output y = tf.reduceSum(tf.mul(h, h));
    Tensor xv = Tensor.create(Shape.of(N, N), random(2));
    try (Session session = new Session(g)) {
      BufferPool.setEnabled(false);
      float want = session.runner().feed(x, xv).fetch(y).run().get(0).floats()[0];
      BufferPool.setEnabled(true);
      for (int run = 0; run < 5; run++) {
        assertEquals(want, session.runner().feed(x, xv).fetch(y).run().get(0).floats()[0], 0f,
            "run " + run);
      }
      assertTrue(BufferPool.keptBytes() > 0);
    }
  }

  @Test
  void loopVariable_ofAFinishedIteration_isRecycled_andTheLoopsResultIsUnchanged() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
    Output w = tf.constant(Tensor.create(Shape.of(N, N), random(1)));
    Output bias = tf.constant(new float[N]);
    // h = tanh(h w + 0), ten times: each iteration's h is read by the next one's matmul only.
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(10)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.biasTanh(tf.matmul(v.get(1), w), bias)),
        List.of(tf.constant(0), x));
    Tensor xv = Tensor.create(Shape.of(N, N), random(2));
    try (Session session = new Session(g)) {
      BufferPool.setEnabled(false);
      float[] want = session.runner().feed(x, xv).fetch(r.get(1)).run().get(0).floats();
      BufferPool.setEnabled(true);
      float[] got = session.runner().feed(x, xv).fetch(r.get(1)).run().get(0).floats();
      assertTrue(BufferPool.keptBytes() > 0, "finished iterations' h were kept for reuse");
      assertArrayEquals(want, got, 0f);
      float[] again = session.runner().feed(x, xv).fetch(r.get(1)).run().get(0).floats();
      assertArrayEquals(want, again, 0f, "a run on reused arrays");
      assertArrayEquals(random(2), xv.floats(), 0f, "the fed value is intact");
      // By hand: ten steps of tanh(h w).
      float[] h = random(2);
      for (int i = 0; i < 10; i++) {
        h = product(h, random(1), false);
        for (int j = 0; j < h.length; j++) {
          h[j] = (float) Math.tanh(h[j]);
        }
      }
      assertArrayEquals(h, got, 1e-4f);
    }
  }

  @Test
  void matmulKernel_forgetsThePackingOfARecycledArray() {
    MatMulKernel k = Kernels.matMul();
    float[] a = random(3);
    float[] b = random(4);
    float[] c = new float[N * N];
    for (int round = 0; round < 3; round++) {
      // Used as a constant B twice (packed and kept on the second use), then recycled and
      // refilled with other values, as the session does with a dead value's array.
      for (int use = 0; use < 2; use++) {
        k.sgemmConstantB(false, false, N, N, N, a, 0, b, 0, c, 0);
        assertArrayEquals(product(a, b, false), c, 1e-4f, "round " + round + " use " + use);
      }
      BufferPool.recycle(b);
      float[] again = BufferPool.floats(N * N);
      assertSame(b, again);
      float[] fresh = random(10 + round);
      System.arraycopy(fresh, 0, b, 0, b.length);
    }
  }

  /** {@code a b} or {@code a^T b} of N x N matrices, in double. */
  private static float[] product(float[] a, float[] b, boolean transA) {
    float[] c = new float[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int p = 0; p < N; p++) {
          s += (double) (transA ? a[p * N + i] : a[i * N + p]) * b[p * N + j];
        }
        c[i * N + j] = (float) s;
      }
    }
    return c;
  }

  private static float[] random(long seed) {
    Random r = new Random(seed);
    float[] v = new float[N * N];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * 0.1);
    }
    return v;
  }
}
