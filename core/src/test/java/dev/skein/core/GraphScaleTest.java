package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GraphScaleTest {
  @Test
  void chainOfThousandOps_runsAndGivesTheSum() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.scalar(), "x");
    Output one = tf.constant(1.0);
    Output y = x;
    for (int i = 0; i < 1000; i++) {
      y = tf.add(y, one);
    }
    assertEquals("Add_999", y.op().name());
    try (Session s = new Session(g)) {
      Tensor r = s.runner().feed(x, Tensor.scalar(0.5)).fetch(y).run().get(0);
      assertEquals(1000.5, r.doubleValue(), 0.0);
    }
  }

  @Test
  void oneGraph_eightThreads_everyResultRight() throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Variable w = tf.variable(tf.constant(new float[][] {{1, 2}, {3, 4}}), "w");
    Output y = tf.reduceSum(tf.mul(tf.add(x, w), x), new int[] {1}, false);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            int checked = 0;
            for (int i = 0; i < 200; i++) {
              float a = thread + i * 0.5f;
              float b = -thread + i;
              Tensor feed = Tensor.of(new float[][] {{a, b}, {b, a}});
              float[] r = s.runner().feed(x, feed).fetch(y).run().get(0).floats();
              // row 0: (a + 1) * a + (b + 2) * b; row 1: (b + 3) * b + (a + 4) * a
              assertArrayEquals(new float[] {(a + 1) * a + (b + 2) * b,
                  (b + 3) * b + (a + 4) * a}, r, 1e-3f);
              checked++;
            }
            return checked;
          }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
          total += f.get();
        }
        assertEquals(1600, total);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(2, s.numCachedPlans()); // the initializer run and the fetch of y
    }
  }
}
