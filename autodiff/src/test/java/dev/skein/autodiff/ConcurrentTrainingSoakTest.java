package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.io.Saver;
import dev.skein.core.ops.Ops;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Session, eight threads running inference while another trains the same variables with
 * gradient descent and a third saves checkpoints: 10,000 runs in all. No run may fail, and every
 * inference result must be finite and of the right shape (a reader sees each variable's old or
 * new value, never a torn one).
 */
class ConcurrentTrainingSoakTest {
  private static final int READERS = 8;
  private static final int READS_PER_THREAD = 1_000;
  private static final int TRAIN_STEPS = 1_950;
  private static final int SAVES = 50;
  private static final int BATCH = 16;

  @TempDir
  Path dir;

  @Test
  void eightReadersOneTrainerOneSaver_tenThousandRuns() throws Exception {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "y");
    Output hidden = Layers.dense(tf, x, 8, tf::tanh);
    Output out = Layers.dense(tf, hidden, 2);
    Output loss = Losses.meanSquaredError(tf, y, out);
    Operation train = new GradientDescentOptimizer(tf, 0.05).minimize(loss);
    Saver saver = new Saver(g).maxToKeep(3);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger runs = new AtomicInteger();
    long t0 = System.nanoTime();
    double firstLoss;
    double lastLoss;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor[] batch = batch(new Random(1));
      firstLoss = s.runner().feed(x, batch[0]).feed(y, batch[1]).fetch(loss).run().get(0)
          .floatValue();
      ExecutorService pool = Executors.newFixedThreadPool(READERS + 2);
      List<Future<?>> jobs = new java.util.ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        int seed = r;
        jobs.add(pool.submit(() -> {
          Random rnd = new Random(100 + seed);
          for (int i = 0; i < READS_PER_THREAD; i++) {
            int rows = 1 + rnd.nextInt(BATCH);
            Tensor in = Tensor.create(Shape.of(rows, 4), floats(rnd, rows * 4));
            Tensor o = s.runner().feed(x, in).fetch(out).run().get(0);
            runs.incrementAndGet();
            if (!o.shape().equals(Shape.of(rows, 2))) {
              problems.add("shape " + o.shape() + " for " + rows + " rows");
            }
            for (float v : o.floats()) {
              if (!Float.isFinite(v)) {
                problems.add("non-finite output " + v);
                break;
              }
            }
          }
          return null;
        }));
      }
      jobs.add(pool.submit(() -> {
        Random rnd = new Random(7);
        for (int i = 0; i < TRAIN_STEPS; i++) {
          Tensor[] b = batch(rnd);
          s.runner().feed(x, b[0]).feed(y, b[1]).addTarget(train).run();
          runs.incrementAndGet();
        }
        return null;
      }));
      jobs.add(pool.submit(() -> {
        for (int i = 0; i < SAVES; i++) {
          saver.save(s, dir.resolve("model").toString(), i);
          runs.incrementAndGet();
        }
        return null;
      }));
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the soak did not finish");
      for (Future<?> f : jobs) {
        f.get(); // rethrows any failure
      }
      lastLoss = s.runner().feed(x, batch[0]).feed(y, batch[1]).fetch(loss).run().get(0)
          .floatValue();
      // The last checkpoint restores.
      saver.restore(s, Saver.latestCheckpoint(dir.toString()));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("soak: %d runs in %.1f s, loss %.4f -> %.4f%n", runs.get(), seconds,
        firstLoss, lastLoss);
    assertEquals(List.of(), List.copyOf(problems));
    assertEquals(READERS * READS_PER_THREAD + TRAIN_STEPS + SAVES, runs.get());
    assertEquals(10_000, runs.get());
    assertTrue(lastLoss < firstLoss, firstLoss + " -> " + lastLoss);
  }

  /** x [BATCH, 4] and targets y = (x0 - x1, x2 * x3 / 2). */
  private static Tensor[] batch(Random rnd) {
    float[] xs = floats(rnd, BATCH * 4);
    float[] ys = new float[BATCH * 2];
    for (int i = 0; i < BATCH; i++) {
      ys[2 * i] = xs[4 * i] - xs[4 * i + 1];
      ys[2 * i + 1] = xs[4 * i + 2] * xs[4 * i + 3] / 2;
    }
    return new Tensor[] {Tensor.create(Shape.of(BATCH, 4), xs),
        Tensor.create(Shape.of(BATCH, 2), ys)};
  }

  private static float[] floats(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }
}
