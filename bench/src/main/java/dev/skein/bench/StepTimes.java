package dev.skein.bench;

import dev.skein.core.kernel.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Notebook 002's LSTM training step, timed for comparing two builds on a loaded machine: rounds
 * of steps in this fresh JVM (the first round included, no separate warm-up), and per round the
 * median wall time and the median CPU time of the calling thread. With
 * {@code -Dskein.threads=1} all the work runs on that thread, and its CPU time barely depends on
 * other processes competing for the cores, where wall times swing by several times. Run with
 * {@code MAVEN_OPTS=-Dskein.threads=1 mvn -q -pl bench -am compile exec:java
 * -Dexec.args="steps STATIC 5 20"} (unroll, rounds, steps per round), alternating between the
 * builds.
 */
public final class StepTimes {
  public static void main(String[] args) {
    RnnModel.Unroll unroll = RnnModel.Unroll.parse(args.length > 0 ? args[0] : "STATIC");
    if (unroll == null) {
      System.err.println("usage: steps [STATIC|DYNAMIC] [rounds] [steps]; got " + args[0]);
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String cpu = cpuModel();
    try (RnnModel m = new RnnModel(RnnModel.Cell.LSTM, unroll, RnnModel.Dims.NOTEBOOK)) {
      StringBuilder wall = new StringBuilder();
      StringBuilder cpuT = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        double[] t = new double[steps];
        double[] c = new double[steps];
        for (int i = 0; i < steps; i++) {
          long c0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          m.trainStep();
          t[i] = (System.nanoTime() - t0) / 1e6;
          c[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        wall.append(String.format(" %.2f", t[steps / 2]));
        cpuT.append(String.format(" %.2f", c[steps / 2]));
      }
      System.out.println("LSTM " + unroll + " train step, " + Parallel.threads()
          + " thread(s), median of each round, wall ms:" + wall + " | thread CPU ms:" + cpuT
          + "   [" + cpu + "]");
    }
  }

  /** The CPU model from /proc/cpuinfo, or what the JVM knows. */
  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.replaceFirst("model name\\s*:\\s*", "").trim())
          .orElse(System.getProperty("os.arch"));
    } catch (java.io.IOException e) {
      return System.getProperty("os.arch");
    }
  }
}
