package dev.skein.spark;

import static dev.skein.spark.SyncTrainingTest.assertSameBits;
import static dev.skein.spark.SyncTrainingTest.rdd;
import static dev.skein.spark.SyncTrainingTest.trainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Tensor;
import dev.skein.core.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task retries, crashes and resuming from the epochs' checkpoints. */
class FaultsAndCheckpointsTest {
  /** Local mode runs tasks in this JVM, so the hooks below count here. */
  static final AtomicInteger THROWN = new AtomicInteger();

  @Test
  void aTaskThatFailsOnceIsRetriedAndChangesNothing() {
    TrainResult clean = trainer(true).shuffle(true).build().fit(rdd(4), 1);
    THROWN.set(0);
    TrainResult retried = trainer(true).shuffle(true).hook((step, partition) -> {
      if (step == 5 && partition == 1 && TaskContext.get().attemptNumber() == 0) {
        THROWN.incrementAndGet();
        throw new IllegalStateException("injected failure of step 5, partition 1");
      }
    }).build().fit(rdd(4), 1);
    assertEquals(1, THROWN.get());
    assertSameBits(retried.variables(), clean.variables());
    assertEquals(clean.losses(), retried.losses());
  }

  @Test
  void resumingFromTheEpochCheckpointAfterACrashGivesTheUninterruptedResult(
      @TempDir Path tmp) {
    Path whole = tmp.resolve("whole");
    Path crashed = tmp.resolve("crashed");
    TrainResult uninterrupted = trainer(true).checkpointDir(whole).build().fit(rdd(2), 2);
    assertEquals(20, uninterrupted.globalStep());
    assertTrue(Files.exists(whole.resolve("model-10.npz")));
    assertTrue(Files.exists(whole.resolve("model-20.npz")));

    // step 15 fails on every attempt: the job, and the fit, fail in epoch 2
    THROWN.set(0);
    SparkTrainer crashing = trainer(true).checkpointDir(crashed).hook((step, partition) -> {
      if (step == 15) {
        THROWN.incrementAndGet();
        throw new IllegalStateException("injected crash at step 15");
      }
    }).build();
    assertThrows(SparkException.class, () -> crashing.fit(rdd(2), 2));
    assertTrue(THROWN.get() >= 2, "both attempts failed: " + THROWN.get());
    assertTrue(Files.exists(crashed.resolve("model-10.npz")));
    assertTrue(!Files.exists(crashed.resolve("model-20.npz")));

    TrainResult resumed = trainer(true).checkpointDir(crashed).build().fit(rdd(2), 2);
    assertEquals(20, resumed.globalStep());
    assertEquals(10, resumed.losses().size());
    assertEquals(uninterrupted.losses().subList(10, 20), resumed.losses());
    assertSameBits(resumed.variables(), uninterrupted.variables());
    // the checkpoint holds the model, the optimizer's slots and the step
    Map<String, Tensor> ckpt = Npz.read(crashed.resolve("model-20.npz"));
    assertEquals(20, ckpt.get("global_step").longValue());
    assertTrue(ckpt.keySet().containsAll(uninterrupted.variables().keySet()));
    assertTrue(ckpt.keySet().stream().anyMatch(k -> k.endsWith("/Adam")), ckpt.keySet()
        .toString());
    assertSameBits(Map.of("dense/kernel", ckpt.get("dense/kernel")),
        Map.of("dense/kernel", uninterrupted.variable("dense/kernel")));
    // a fit of the epochs already done trains nothing
    TrainResult again = trainer(true).checkpointDir(crashed).build().fit(rdd(2), 2);
    assertEquals(List.of(), again.losses());
    assertEquals(List.of(), again.stepNanos());
    assertEquals(0, again.variableBytesPerStep());
    assertSameBits(again.variables(), uninterrupted.variables());
  }

  @Test
  void eachExecutorReadsTheGraphFileOnce() {
    int before = WorkerModel.builds();
    trainer(true).seed(1234).build().fit(rdd(4), 1);   // a new seed: a new graph, a new hash
    assertEquals(before + 1, WorkerModel.builds());
    trainer(true).seed(1234).build().fit(rdd(2), 1);   // the same graph: the cached session
    assertEquals(before + 1, WorkerModel.builds());
  }
}
