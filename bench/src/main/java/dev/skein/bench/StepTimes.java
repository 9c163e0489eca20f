package dev.skein.bench;

import dev.skein.core.kernel.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A training step of the benchmark's models (notebook 002's LSTM unless a cell is named),
 * timed for comparing two builds on a loaded machine: rounds
 * of steps in this fresh JVM (the first round included, no separate warm-up), and per round the
 * median wall time, the median CPU time of the calling thread and the kernel helpers' mean CPU
 * time per step (a caller on its CPU all along beside a helper that is too tells a slow CPU
 * from a thread waiting for one). With
 * {@code -Dskein.threads=1} all the work runs on that thread, and its CPU time barely depends on
 * other processes competing for the cores, where wall times swing by several times. Run with
 * {@code MAVEN_OPTS=-Dskein.threads=1 mvn -q -pl bench -am compile exec:java
 * -Dexec.args="steps STATIC 5 20"} (unroll, rounds, steps per round), alternating between the
 * builds.
 */
public final class StepTimes {
  public static void main(String[] argv) {
    RnnModel.Cell cell = argv.length > 0 ? RnnModel.Cell.parse(argv[0]) : null;
    String[] args = cell == null ? argv : Arrays.copyOfRange(argv, 1, argv.length);
    cell = cell == null ? RnnModel.Cell.LSTM : cell;
    RnnModel.Unroll unroll = RnnModel.Unroll.parse(args.length > 0 ? args[0] : "STATIC");
    if (unroll == null) {
      System.err.println("usage: steps [LSTM|GRU|BASIC_RNN] [STATIC|DYNAMIC] [rounds] [steps];"
          + " got " + String.join(" ", argv));
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String cpu = cpuModel();
    try (RnnModel m = new RnnModel(cell, unroll, RnnModel.Dims.NOTEBOOK)) {
      StringBuilder wall = new StringBuilder();
      StringBuilder cpuT = new StringBuilder();
      StringBuilder helperT = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        long h0 = helperCpuNanos(mx);
        double[] t = new double[steps];
        double[] c = new double[steps];
        for (int i = 0; i < steps; i++) {
          long c0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          m.trainStep();
          t[i] = (System.nanoTime() - t0) / 1e6;
          c[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        helperT.append(String.format(" %.2f", (helperCpuNanos(mx) - h0) / 1e6 / steps));
        Arrays.sort(t);
        Arrays.sort(c);
        wall.append(String.format(" %.2f", t[steps / 2]));
        cpuT.append(String.format(" %.2f", c[steps / 2]));
      }
      System.out.println(cell.label() + " " + unroll + " train step, " + Parallel.threads()
          + " thread(s), median of each round, wall ms:" + wall + " | thread CPU ms:" + cpuT
          + " | kernel helpers' CPU ms per step (mean):" + helperT + "   [" + cpu + "]");
    }
  }

  /** CPU time of the kernel helper threads ({@code skein-kernel-*}) so far. */
  private static long helperCpuNanos(ThreadMXBean mx) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("skein-kernel-")) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
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
