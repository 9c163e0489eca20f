package dev.skein.bench;

import java.util.Arrays;

/**
 * The one timing helper every figure uses: run the body repeatedly to warm up (the JIT compiles
 * the hot loops, helper threads start), then time single runs and keep the median.
 */
final class Timing {
  /** How a body's runs went: the median, fastest and slowest run, in nanoseconds. */
  record Result(double medianNanos, double bestNanos, double worstNanos, int runs) {
    double medianMicros() {
      return medianNanos / 1e3;
    }

    double medianMillis() {
      return medianNanos / 1e6;
    }
  }

  private final double warmupSeconds;
  private final double measureSeconds;
  private final int minRuns;

  Timing(double warmupSeconds, double measureSeconds, int minRuns) {
    this.warmupSeconds = warmupSeconds;
    this.measureSeconds = measureSeconds;
    this.minRuns = minRuns;
  }

  /**
   * Warms up for the warm-up time, then times runs until both the measuring time has passed and
   * at least {@code minRuns} runs are done.
   */
  Result measure(Runnable body) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      body.run();
    } while (System.nanoTime() < warmupEnd);
    double[] times = new double[Math.max(16, minRuns)];
    int runs = 0;
    long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
    while (runs < minRuns || System.nanoTime() < measureEnd) {
      long t0 = System.nanoTime();
      body.run();
      long t1 = System.nanoTime();
      if (runs == times.length) {
        times = Arrays.copyOf(times, 2 * runs);
      }
      times[runs++] = t1 - t0;
    }
    double[] sorted = Arrays.copyOf(times, runs);
    Arrays.sort(sorted);
    double median = runs % 2 == 1 ? sorted[runs / 2]
        : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
    return new Result(median, sorted[0], sorted[runs - 1], runs);
  }
}
