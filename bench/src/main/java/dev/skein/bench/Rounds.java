package dev.skein.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rounds of timed runs without a separate warm-up, for figures reported as the median and range
 * of rounds with the first (cold) round included.
 */
final class Rounds {
  private Rounds() {}

  /** The mean milliseconds per run of each of {@code rounds} rounds of {@code runs} runs. */
  static double[] of(int rounds, int runs, Runnable body) {
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        body.run();
      }
      ms[r] = (System.nanoTime() - t0) / 1e6 / runs;
    }
    return ms;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  /** The CPU's model name from /proc/cpuinfo, or the architecture where there is none. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
