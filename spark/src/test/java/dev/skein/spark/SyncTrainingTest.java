package dev.skein.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.GradientDescentOptimizer;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Distributed steps against the same training written by hand in one process. */
class SyncTrainingTest {
  static final int BATCH = 32;
  static final List<Example> DATA = Models.images(10 * BATCH, 7);

  /**
   * The reference, independent of the trainer but for the epochs' permutation: one Session,
   * {@code minimize}, batch s of an epoch is positions [32 s, 32 s + 32) of the epoch's order
   * (the identity without shuffle).
   */
  static Map<String, Tensor> byHand(boolean adam, boolean shuffle, int steps,
      List<Double> losses) {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output loss = Models.mlp().build(tf);
    List<Variable> model = List.copyOf(g.globalVariables());
    Operation train = (adam ? new AdamOptimizer(tf, 0.01) : new GradientDescentOptimizer(tf, 0.1))
        .minimize(loss);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int step = 0; step < steps; step++) {
        int from = (step % 10) * BATCH;
        int[] order = shuffle ? BatchPlan.permutation(DATA.size(), 42, step / 10) : null;
        float[] x = new float[BATCH * 784];
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
          Example e = DATA.get(shuffle ? order[from + i] : from + i);
          System.arraycopy(e.floats("X"), 0, x, i * 784, 784);
          y[i] = e.ints("y")[0];
        }
        losses.add(s.runner().feed(g.operation("X").output(0),
                Tensor.create(dev.skein.core.Shape.of(BATCH, 28, 28), x))
            .feed(g.operation("y").output(0), Tensor.create(dev.skein.core.Shape.of(BATCH), y))
            .fetch(loss).addTarget(train).run().get(0).doubleValue());
      }
      return SparkTrainer.values(s, model);
    }
  }

  static SparkTrainer.Builder trainer(boolean adam) {
    return SparkTrainer.builder(Models.mlp())
        .optimizer(adam ? tf -> new AdamOptimizer(tf, 0.01)
            : tf -> new GradientDescentOptimizer(tf, 0.1))
        .batchSize(BATCH).seed(42).shuffle(false);
  }

  static JavaRDD<Example> rdd(int partitions) {
    JavaSparkContext sc = SparkTestContext.get();
    return sc.parallelize(DATA, partitions);
  }

  /** max |a - b| over max |b|, per variable; the largest over the variables. */
  static double relativeError(Map<String, Tensor> a, Map<String, Tensor> b) {
    assertEquals(b.keySet(), a.keySet());
    double worst = 0;
    for (String k : b.keySet()) {
      float[] x = a.get(k).floats();
      float[] y = b.get(k).floats();
      assertEquals(y.length, x.length, k);
      double diff = 0;
      double scale = 0;
      for (int i = 0; i < y.length; i++) {
        diff = Math.max(diff, Math.abs(x[i] - y[i]));
        scale = Math.max(scale, Math.abs(y[i]));
      }
      worst = Math.max(worst, diff / scale);
    }
    return worst;
  }

  static void assertSameBits(Map<String, Tensor> a, Map<String, Tensor> b) {
    assertEquals(b.keySet(), a.keySet());
    for (String k : b.keySet()) {
      assertArrayEquals(b.get(k).floats(), a.get(k).floats(), k);
    }
  }

  @Test
  void twoAndFourPartitionsMatchOneProcessAfterTwentyAdamSteps() {
    List<Double> refLosses = new ArrayList<>();
    Map<String, Tensor> ref = byHand(true, true, 20, refLosses);
    for (int parts : new int[] {2, 4}) {
      TrainResult r = trainer(true).shuffle(true).build().fit(rdd(parts), 2);
      assertEquals(20, r.globalStep());
      assertEquals(20, r.losses().size());
      double err = relativeError(r.variables(), ref);
      assertTrue(err < 1e-5, parts + " partitions: relative error " + err);
      for (int i = 0; i < 20; i++) {
        assertEquals(refLosses.get(i), r.losses().get(i), 1e-5 * refLosses.get(i),
            "loss of step " + i);
      }
      // it learned: the last epoch's losses are well below the first step's
      assertTrue(r.losses().get(19) < 0.7 * r.losses().get(0), r.losses().toString());
    }
  }

  @Test
  void gradientDescentOnThreePartitionsMatchesOneProcess() {
    Map<String, Tensor> ref = byHand(false, false, 20, new ArrayList<>());
    TrainResult r = trainer(false).build().fit(rdd(3), 2);
    double err = relativeError(r.variables(), ref);
    assertTrue(err < 1e-5, "relative error " + err);
  }

  @Test
  void sameBitsRunToRunAndWhereverTheTreeIsCut() {
    TrainResult a = trainer(true).build().fit(rdd(4), 1);
    TrainResult b = trainer(true).build().fit(rdd(4), 1);
    assertSameBits(a.variables(), b.variables());
    assertEquals(a.losses(), b.losses());
    // the tree's levels summed by reduceByKey on the executors: the same additions
    TrainResult c = trainer(true).driverSumLimit(1).build().fit(rdd(4), 1);
    assertSameBits(a.variables(), c.variables());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> trainer(true).driverSumLimit(0));
    assertEquals("driver sum limit must be >= 1, got 0", e.getMessage());
  }

  @Test
  void theLocalTrainerIsTheHandWrittenLoopBitForBit() {
    List<Double> refLosses = new ArrayList<>();
    Map<String, Tensor> ref = byHand(true, true, 20, refLosses);
    LocalTrainer local = new LocalTrainer(Models.mlp(), tf -> new AdamOptimizer(tf, 0.01), BATCH,
        42, true);
    TrainResult r = local.fitSteps(DATA, 20);
    assertSameBits(r.variables(), ref);
    assertEquals(refLosses, r.losses());
    // the shuffle matters: unshuffled training ends elsewhere
    TrainResult plain = new LocalTrainer(Models.mlp(), tf -> new AdamOptimizer(tf, 0.01), BATCH,
        42, false).fitSteps(DATA, 20);
    assertTrue(relativeError(plain.variables(), ref) > 1e-3);
  }

  @Test
  void eachStepReportsItsTimeAndTheVariableBytesItBroadcasts() {
    long t0 = System.nanoTime();
    TrainResult r = trainer(false).build().fit(rdd(2), 1);
    long wall = System.nanoTime() - t0;
    assertEquals(10, r.stepNanos().size());
    assertTrue(r.stepNanos().stream().allMatch(n -> n > 0), r.stepNanos().toString());
    assertTrue(r.stepNanos().stream().mapToLong(Long::longValue).sum() < wall);
    // the MLP: 784 x 16 + 16 + 16 x 10 + 10 floats; a stored zip entry per variable: a local
    // header (30 bytes + name), the .npy (a 128-byte header for these shapes, 4 bytes a float),
    // a central directory record (46 bytes + name), both headers with the 9-byte extended
    // timestamp field Java's zip writer adds; the end record, 22 bytes
    long elements = 0;
    long expected = 22;
    for (Map.Entry<String, Tensor> e : r.variables().entrySet()) {
      int n = e.getValue().size();
      elements += n;
      expected += 30 + 46 + 2 * 9 + 2L * (e.getKey() + ".npy").length() + 128 + 4L * n;
    }
    assertEquals(784 * 16 + 16 + 16 * 10 + 10, elements);
    assertEquals(expected, r.variableBytesPerStep());
    TrainResult local = new LocalTrainer(Models.mlp(), tf -> new GradientDescentOptimizer(tf,
        0.1), BATCH, 42, false).fitSteps(DATA, 3);
    assertEquals(3, local.stepNanos().size());
    assertEquals(0, local.variableBytesPerStep());
  }
}
