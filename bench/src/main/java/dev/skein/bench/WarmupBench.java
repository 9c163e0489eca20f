package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The warm-up of a fresh JVM: the first {@link #FIRST} individual training steps of each model
 * (notebook sizes), each timed alone, then the median and range of the next {@link #LATER}
 * steps, and the first step's and the worst early step's ratio to that median. No warm-up
 * precedes the first step: this is what a user's first training steps cost. Models run in the
 * order given, in one JVM, so only the first one listed starts from a JVM that has run nothing;
 * {@code warmup LSTM STATIC} (one cell, one unroll) measures one model alone.
 */
final class WarmupBench {
  static final int FIRST = 20;
  static final int LATER = 100;
  /**
   * With {@code -Dskein.warmup.trace=true} each early step is printed as it ends, with the JVM's
   * uptime, to line up with {@code -XX:+PrintCompilation}'s time stamps.
   */
  private static final boolean TRACE = Boolean.getBoolean("skein.warmup.trace");

  /** One model's warm-up: the build time, the first steps and the later steps' median. */
  record Warmup(String label, double buildMs, double[] firstMs, double laterMedianMs,
      double laterMinMs, double laterMaxMs) {
    double firstRatio() {
      return firstMs[0] / laterMedianMs;
    }

    double worstEarlyRatio() {
      return Arrays.stream(firstMs).max().orElseThrow() / laterMedianMs;
    }

    /** The build and the first steps, ms: when a user's 20th step ends. */
    double untilLastEarlyMs() {
      return buildMs + Arrays.stream(firstMs).sum();
    }

    /** The first steps' excess over as many steps at the later median, ms. */
    double excessMs() {
      return Arrays.stream(firstMs).sum() - firstMs.length * laterMedianMs;
    }
  }

  private WarmupBench() {}

  static List<Warmup> run(List<Cell> cells, List<Unroll> unrolls) {
    Dims d = Dims.NOTEBOOK;
    System.out.printf("warm-up of a fresh JVM: the first %d training steps one by one (ms), then"
        + " the median [range] of the next %d; batch %d, %d steps, %d inputs, %d units%n",
        FIRST, LATER, d.batch(), d.steps(), d.inputs(), d.units());
    List<Warmup> out = new ArrayList<>();
    for (Cell cell : cells) {
      for (Unroll unroll : unrolls) {
        out.add(print(measure(cell, unroll, d)));
      }
    }
    System.out.println();
    return out;
  }

  static Warmup measure(Cell cell, Unroll unroll, Dims d) {
    long t0 = System.nanoTime();
    try (RnnModel m = new RnnModel(cell, unroll, d)) {
      double buildMs = (System.nanoTime() - t0) / 1e6;
      double[] first = new double[FIRST];
      for (int i = 0; i < FIRST; i++) {
        long s = System.nanoTime();
        m.trainStep();
        first[i] = (System.nanoTime() - s) / 1e6;
        if (TRACE) {
          System.out.printf(Locale.ROOT, "step %d: %.1f ms, ends at %d ms of the JVM's uptime%n",
              i + 1, first[i], java.lang.management.ManagementFactory.getRuntimeMXBean()
                  .getUptime());
        }
      }
      double[] later = new double[LATER];
      for (int i = 0; i < LATER; i++) {
        long s = System.nanoTime();
        m.trainStep();
        later[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(later);
      double median = (later[LATER / 2 - 1] + later[LATER / 2]) / 2;
      return new Warmup(cell.label() + " " + unroll.label() + " train step", buildMs, first,
          median, later[0], later[LATER - 1]);
    }
  }

  private static Warmup print(Warmup w) {
    StringBuilder sb = new StringBuilder();
    for (double v : w.firstMs()) {
      sb.append(String.format(Locale.ROOT, " %.1f", v));
    }
    System.out.printf(Locale.ROOT, "  %s (graph, session and init %.0f ms)%n    first %d:%s%n"
        + "    next %d: median %.2f [%.2f, %.2f]; first step / median %.2f, worst of the first"
        + " %d / median %.2f%n    build + first %d steps %.0f ms, of which %.0f ms above %d"
        + " steps at the median%n", w.label(), w.buildMs(), FIRST, sb, LATER, w.laterMedianMs(),
        w.laterMinMs(), w.laterMaxMs(), w.firstRatio(), FIRST, w.worstEarlyRatio(), FIRST,
        w.untilLastEarlyMs(), w.excessMs(), FIRST);
    return w;
  }
}
