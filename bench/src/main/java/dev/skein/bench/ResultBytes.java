package dev.skein.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts what Spark measured of the tasks of the stages that collect the shards' gradients
 * (their call site is {@code TreeSum}): the serialized result, the bytes each partition sends the
 * driver, and the task's run time on its executor. Spark delivers listener events on its own
 * thread, after the job has returned.
 */
final class ResultBytes extends SparkListener {
  private final Map<Integer, String> stageNames = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger tasks = new AtomicInteger();
  private final Map<Integer, Long> longestRun = new ConcurrentHashMap<>();

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    stageNames.put(e.stageInfo().stageId(), e.stageInfo().name());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    String name = stageNames.get(e.stageId());
    if (name != null && name.contains("TreeSum") && e.taskMetrics() != null
        && e.taskInfo().successful()) {
      bytes.addAndGet(e.taskMetrics().resultSize());
      longestRun.merge(e.stageId(), e.taskMetrics().executorRunTime(), Math::max);
      tasks.incrementAndGet();
    }
  }

  void reset() {
    bytes.set(0);
    tasks.set(0);
    longestRun.clear();
  }

  /** The mean over the counted stages (steps) of the stage's longest task, in milliseconds. */
  double longestTaskMillis() {
    return longestRun.values().stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
  }

  /** The mean result bytes per task once {@code expected} tasks are counted (10 s at most). */
  long awaitBytesPerTask(int expected) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (tasks.get() < expected && System.nanoTime() < end) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int n = tasks.get();
    if (n != expected) {
      throw new IllegalStateException("counted " + n + " gradient tasks, expected " + expected);
    }
    return bytes.get() / n;
  }
}
