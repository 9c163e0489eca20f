package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Elementwise kernels write over an input's array only when the plan proves nobody else can see
 * it: its producer made it new, this op is its only reader, and it is neither fed nor fetched.
 * Values fetched, read twice or fed stay intact.
 */
class BufferReuseTest {
  /** Keeps the [2, 3] tensors live after each MatMul: the products. */
  private static final class Outputs implements OpObserver {
    final List<Tensor> matmul = new ArrayList<>();

    @Override
    public void beforeOp(Operation op) {}

    @Override
    public void afterOp(Operation op, Tensor[] live) {
      if (op.type().typeName().equals("MatMul")) {
        for (Tensor t : live) {
          if (t != null && t.shape().equals(Shape.of(2, 3)) && !matmul.contains(t)) {
            matmul.add(t);
          }
        }
      }
    }
  }

  private static final float[][] A = {{1, 2}, {3, 4}};
  private static final float[][] B = {{0.5f, -1, 0.25f}, {2, 0, -0.5f}};
  /** A B, by hand. */
  private static final float[] PRODUCT = {4.5f, -1, -0.75f, 9.5f, -3, -1.25f};

  @Test
  void onlyReaderOfAFreshProduct_writesOverIt() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "a");
    Output p = tf.matmul(a, tf.constant(B));
    Output y = tf.biasTanh(p, tf.constant(new float[] {0, 0, 0}));
    Outputs seen = new Outputs();
    try (Session s = new Session(g)) {
      s.setObserver(seen);
      Tensor out = s.runner().feed(a, Tensor.of(A)).fetch(y).run().get(0);
      assertSame(seen.matmul.get(0).floats(), out.floats(), "BiasTanh reused the product");
      float[] want = new float[6];
      for (int i = 0; i < 6; i++) {
        want[i] = (float) Math.tanh(PRODUCT[i]);
      }
      assertArrayEquals(want, out.floats(), 1e-6f);
    }
  }

  @Test
  void fetchedOrTwiceReadOrFedValues_stayIntact() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "a");
    Output bias = tf.constant(new float[] {1, 1, 1});
    // Fetched: the product must keep its values.
    Output p1 = tf.matmul(a, tf.constant(B));
    Output y1 = tf.biasTanh(p1, bias);
    // Read twice: by BiasTanh and by Neg.
    Output p2 = tf.matmul(a, tf.constant(B));
    Output y2 = tf.biasTanh(p2, bias);
    Output n2 = tf.neg(p2);
    // Fed: a placeholder's value is the caller's.
    Output fed = tf.placeholder(DType.FLOAT32, Shape.of(2, 3), "fed");
    Output y3 = tf.biasTanh(fed, bias);
    Tensor fedValue = Tensor.create(Shape.of(2, 3), PRODUCT);
    try (Session s = new Session(g)) {
      List<Tensor> v = s.runner().feed(a, Tensor.of(A)).feed(fed, fedValue).fetch(p1)
          .fetch(y1).fetch(y2).fetch(n2).fetch(y3).run();
      assertArrayEquals(PRODUCT, v.get(0).floats(), "fetched product changed");
      assertNotSame(v.get(0).floats(), v.get(1).floats());
      float[] neg = new float[6];
      for (int i = 0; i < 6; i++) {
        neg[i] = -PRODUCT[i];
      }
      assertArrayEquals(neg, v.get(3).floats(), 1e-6f, "a product read twice changed");
      assertArrayEquals(PRODUCT, fedValue.floats(), "the fed tensor changed");
      assertArrayEquals(v.get(1).floats(), v.get(2).floats());
      assertArrayEquals(v.get(1).floats(), v.get(4).floats());
    }
  }

  @Test
  void add_writesOverAFreshInputOfItsShape_notOverAFetchedOne() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "a");
    Output p = tf.matmul(a, tf.constant(B));
    Output y = tf.add(tf.constant(new float[][] {{1, 1, 1}, {1, 1, 1}}), p);
    Outputs seen = new Outputs();
    try (Session s = new Session(g)) {
      s.setObserver(seen);
      Tensor out = s.runner().feed(a, Tensor.of(A)).fetch(y).run().get(0);
      assertSame(seen.matmul.get(0).floats(), out.floats(), "Add reused the product");
      float[] want = new float[6];
      for (int i = 0; i < 6; i++) {
        want[i] = PRODUCT[i] + 1;
      }
      assertArrayEquals(want, out.floats(), 0f);
      List<Tensor> both = s.runner().feed(a, Tensor.of(A)).fetch(p).fetch(y).run();
      assertArrayEquals(PRODUCT, both.get(0).floats(), 0f, "a fetched product stays intact");
      assertArrayEquals(want, both.get(1).floats(), 0f);
      assertNotSame(both.get(0).floats(), both.get(1).floats());
    }
  }
}
