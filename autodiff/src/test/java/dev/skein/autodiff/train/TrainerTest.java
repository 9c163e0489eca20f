package dev.skein.autodiff.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientDescentOptimizer;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.Saver;
import dev.skein.core.ops.Ops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir
  Path dir;

  /** y = w x + b by gradient descent (0.1) on the mean squared error, float64. */
  private static final class Model {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1), "x");
    final Output y = tf.placeholder(DType.FLOAT64, Shape.of(-1), "y");
    final Variable w = tf.variable(tf.constant(0.5), "w");
    final Variable b = tf.variable(tf.constant(-0.25), "b");
    final Output loss = tf.reduceMean(tf.square(tf.sub(tf.add(tf.mul(w, x), b), y)));
    final Operation train = new GradientDescentOptimizer(tf, 0.1).minimize(loss);
    final Operation init = tf.globalVariablesInitializer();
  }

  private static final double[][] XS = {{0, 1, 2}, {3, -1}, {0.5, 1.5, -2}};
  private static final double[][] YS = {{1, 3, 5}, {7, -1}, {2, 4, -3}};

  private static DataSource source(Model m) {
    List<Map<Output, Tensor>> batches = new ArrayList<>();
    for (int i = 0; i < XS.length; i++) {
      batches.add(Map.of(m.x, Tensor.create(Shape.of(XS[i].length), XS[i]), m.y,
          Tensor.create(Shape.of(YS[i].length), YS[i])));
    }
    return DataSource.of(batches);
  }

  @Test
  void history_equalsLossesComputedByHand() {
    Model m = new Model();
    History h;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      h = new Trainer(s, m.train, m.loss).fit(source(m), 4);
    }
    // the same gradient descent in plain Java: loss before each update, then the update
    double w = 0.5;
    double b = -0.25;
    List<Double> expected = new ArrayList<>();
    for (int epoch = 0; epoch < 4; epoch++) {
      for (int i = 0; i < XS.length; i++) {
        double loss = 0;
        double gw = 0;
        double gb = 0;
        int n = XS[i].length;
        for (int j = 0; j < n; j++) {
          double r = w * XS[i][j] + b - YS[i][j];
          loss += r * r / n;
          gw += 2 * r * XS[i][j] / n;
          gb += 2 * r / n;
        }
        expected.add(loss);
        w -= 0.1 * gw;
        b -= 0.1 * gb;
      }
    }
    assertEquals(12, h.batchLosses().size());
    assertEquals(4, h.epochsRun());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), h.batchLosses().get(i), 1e-12 * expected.get(i),
          "batch " + i);
    }
    for (int e = 0; e < 4; e++) {
      double mean = (expected.get(3 * e) + expected.get(3 * e + 1) + expected.get(3 * e + 2)) / 3;
      assertEquals(mean, h.epochLosses().get(e), 1e-12 * mean, "epoch " + e);
    }
    assertTrue(h.epochLosses().get(3) < h.epochLosses().get(0));
  }

  @Test
  void fit_isBitIdenticalToAHandWrittenLoop() {
    Model a = new Model();
    double[] trainer;
    List<Double> losses;
    try (Session s = new Session(a.g)) {
      s.run(a.init);
      losses = new Trainer(s, a.train, a.loss).fit(source(a), 3).batchLosses();
      trainer = new double[] {s.run(a.w).doubleValue(), s.run(a.b).doubleValue()};
    }
    Model m = new Model();
    List<Double> loop = new ArrayList<>();
    double[] hand;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      for (int epoch = 0; epoch < 3; epoch++) {
        for (int i = 0; i < XS.length; i++) {
          loop.add(s.runner().feed(m.x, Tensor.create(Shape.of(XS[i].length), XS[i]))
              .feed(m.y, Tensor.create(Shape.of(YS[i].length), YS[i])).fetch(m.loss)
              .addTarget(m.train).run().get(0).doubleValue());
        }
      }
      hand = new double[] {s.run(m.w).doubleValue(), s.run(m.b).doubleValue()};
    }
    assertEquals(loop, losses);
    assertArrayEquals(hand, trainer, 0.0);
  }

  /** A validation metric that is a fed scalar, so each epoch's value is the constructed one. */
  private static History earlyStop(double[] sequence, Trainer.Goal goal, int patience) {
    Model m = new Model();
    Output metric = m.tf.placeholder(DType.FLOAT64, Shape.scalar(), "metric");
    DataSource valid = epoch -> List.of(Map.of(metric, Tensor.scalar(sequence[epoch])));
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      return new Trainer(s, m.train, m.loss).validation(valid, Map.of("acc", metric))
          .earlyStopping("acc", goal, patience).fit(source(m), sequence.length);
    }
  }

  @Test
  void earlyStopping_stopsPatienceEpochsAfterTheBest() {
    double[] acc = {0.5, 0.7, 0.6, 0.65, 0.69, 0.8, 0.9};
    History h = earlyStop(acc, Trainer.Goal.MAX, 3);
    // best 0.7 at epoch 1; epochs 2, 3, 4 do not beat it; the stop comes after epoch 4
    assertEquals(5, h.epochsRun());
    assertTrue(h.stoppedEarly());
    assertEquals(1, h.bestEpoch());
    assertEquals(List.of(0.5, 0.7, 0.6, 0.65, 0.69), h.metric("acc"));
    assertEquals(15, h.batchLosses().size());

    History patient = earlyStop(acc, Trainer.Goal.MAX, 4); // 0.8 at epoch 5 comes in time
    assertEquals(7, patient.epochsRun());
    assertFalse(patient.stoppedEarly());
    assertEquals(6, patient.bestEpoch());

    History min = earlyStop(new double[] {3, 2, 2, 1.5, 1.6, 1.5, 1}, Trainer.Goal.MIN, 1);
    // equal is no improvement: best 2 at epoch 1, epoch 2 equal -> stop after epoch 2
    assertEquals(3, min.epochsRun());
    assertEquals(1, min.bestEpoch());
  }

  @Test
  void validationMetric_isTheRowWeightedMean() {
    Model m = new Model();
    // the loss on a validation set in chunks of 3 and 2 rows is the mean over all 5 rows
    DataSource valid = DataSource.of(List.of(
        Map.of(m.x, Tensor.create(Shape.of(3), new double[] {0, 1, 2}), m.y,
            Tensor.create(Shape.of(3), new double[] {0, 0, 0})),
        Map.of(m.x, Tensor.create(Shape.of(2), new double[] {4, 4}), m.y,
            Tensor.create(Shape.of(2), new double[] {0, 0}))));
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      History h = new Trainer(s, m.train, m.loss).validation(valid, Map.of("mse", m.loss))
          .fit(source(m), 1);
      double w = s.run(m.w).doubleValue();
      double b = s.run(m.b).doubleValue();
      double sum = 0;
      for (double x : new double[] {0, 1, 2, 4, 4}) {
        sum += (w * x + b) * (w * x + b);
      }
      assertEquals(sum / 5, h.metric("mse").get(0), 1e-12);
    }
  }

  @Test
  void checkpoints_everyNEpochs_restoreTheValuesOfThatEpoch() {
    Model m = new Model();
    List<double[]> atCheckpoint = new ArrayList<>();
    History h;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      String prefix = dir.resolve("ckpt/model").toString();
      h = new Trainer(s, m.train, m.loss).checkpoints(new Saver(m.g).maxToKeep(0), prefix, 2)
          .listener(new TrainingListener() {
            @Override
            public void onCheckpoint(int epoch, String path) {
              atCheckpoint.add(new double[] {s.run(m.w).doubleValue(),
                  s.run(m.b).doubleValue()});
            }
          }).fit(source(m), 5);
    }
    assertEquals(List.of(dir.resolve("ckpt/model-2.npz").toString(),
        dir.resolve("ckpt/model-4.npz").toString()), h.checkpoints());
    for (String p : h.checkpoints()) {
      assertTrue(Files.exists(Path.of(p)), p);
    }
    assertFalse(Files.exists(dir.resolve("ckpt/model-5.npz")));
    for (int i = 0; i < 2; i++) {
      Model fresh = new Model();
      try (Session s = new Session(fresh.g)) {
        s.run(fresh.init);
        new Saver(fresh.g).restore(s, h.checkpoints().get(i));
        assertArrayEquals(atCheckpoint.get(i),
            new double[] {s.run(fresh.w).doubleValue(), s.run(fresh.b).doubleValue()}, 0.0);
      }
    }
    assertTrue(atCheckpoint.get(0)[0] != atCheckpoint.get(1)[0]);
  }

  @Test
  void checkpointsEverySteps_atGlobalSteps4And8_holdTheValuesAfterThatManyUpdates() {
    Model m = new Model();
    History h;
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      String prefix = dir.resolve("steps/model").toString();
      // 3 batches an epoch, 3 epochs: global steps 1..9; every 4 -> steps 4 and 8
      h = new Trainer(s, m.train, m.loss)
          .checkpointsEverySteps(new Saver(m.g).maxToKeep(0), prefix, 4).fit(source(m), 3);
    }
    assertEquals(List.of(dir.resolve("steps/model-4.npz").toString(),
        dir.resolve("steps/model-8.npz").toString()), h.checkpoints());
    assertFalse(Files.exists(dir.resolve("steps/model-9.npz")));
    // gradient descent by hand: the values after 4 and after 8 updates
    double w = 0.5;
    double b = -0.25;
    List<double[]> after = new ArrayList<>();
    for (int step = 1; step <= 8; step++) {
      int i = (step - 1) % XS.length;
      double gw = 0;
      double gb = 0;
      int n = XS[i].length;
      for (int j = 0; j < n; j++) {
        double r = w * XS[i][j] + b - YS[i][j];
        gw += 2 * r * XS[i][j] / n;
        gb += 2 * r / n;
      }
      w -= 0.1 * gw;
      b -= 0.1 * gb;
      if (step % 4 == 0) {
        after.add(new double[] {w, b});
      }
    }
    for (int k = 0; k < 2; k++) {
      Model fresh = new Model();
      try (Session s = new Session(fresh.g)) {
        s.run(fresh.init);
        new Saver(fresh.g).restore(s, h.checkpoints().get(k));
        assertArrayEquals(after.get(k),
            new double[] {s.run(fresh.w).doubleValue(), s.run(fresh.b).doubleValue()}, 1e-12);
      }
    }
  }

  @Test
  void carry_feedsEachBatchsFinalStateToTheNext_andRestartsEachEpoch() {
    // state s' = s + sum(x); loss = w^2 + s, so a batch's loss shows the state it was fed;
    // gradient descent 0.1 on w^2 from w = 1 gives w_k = 0.8^k before batch k
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1), "x");
    Output state = tf.placeholder(DType.FLOAT64, Shape.scalar(), "state");
    Output next = tf.add(state, tf.reduceSum(x));
    Variable w = tf.variable(tf.constant(1.0), "w");
    Output loss = tf.add(tf.square(w), state);
    Operation train = new GradientDescentOptimizer(tf, 0.1).minimize(loss);
    DataSource data = DataSource.of(List.of(
        Map.of(x, Tensor.create(Shape.of(2), new double[] {1, 2})),
        Map.of(x, Tensor.create(Shape.of(1), new double[] {3})),
        Map.of(x, Tensor.create(Shape.of(2), new double[] {4, 5}))));
    History h;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      h = new Trainer(s, train, loss).carry(state, next, Tensor.scalar(10.0)).fit(data, 2);
    }
    double[] states = {10, 13, 16, 10, 13, 16};
    for (int k = 0; k < 6; k++) {
      assertEquals(Math.pow(0.64, k) + states[k], h.batchLosses().get(k), 1e-12, "batch " + k);
    }
  }

  @Test
  void badConfiguration_isAClearError() {
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      s.run(m.init);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(s, m.train, m.loss).earlyStopping("acc", Trainer.Goal.MAX, 2)
              .fit(source(m), 3));
      assertTrue(e.getMessage().contains("'acc'"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> new Trainer(s, m.train, m.loss).checkpoints(new Saver(m.g), "x", 0));
      assertThrows(IllegalArgumentException.class,
          () -> new Trainer(s, m.train, m.loss).checkpointsEverySteps(new Saver(m.g), "x", 0));
      IllegalArgumentException fedTwice = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(s, m.train, m.loss).carry(m.x, m.loss, Tensor.scalar(0.0))
              .fit(source(m), 1));
      assertTrue(fedTwice.getMessage().contains("carries"), fedTwice.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new Trainer(s, m.train, m.loss)
          .carry(m.x, m.loss, Tensor.scalar(0.0)).carry(m.x, m.loss, Tensor.scalar(0.0)));
      Exception empty = assertThrows(RuntimeException.class,
          () -> new Trainer(s, m.train, m.loss).fit(epoch -> List.of(), 1));
      assertTrue(empty.getMessage().contains("no batches"), empty.getMessage());
    }
  }
}
