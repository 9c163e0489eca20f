package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Whether the calling thread had a CPU to itself: for each LSTM and GRU model in turn (both
 * unrolls, {@code reps} times over, one JVM), 20 training steps, then 100 timed ones, with the
 * median and range, the calling thread's CPU time over the wall time (1.0: it never waited), and
 * how often per step the kernel took the CPU from it (involuntary context switches, from
 * /proc/thread-self/status; "n/a" where there is none). A ratio near 0.5 with hundreds of
 * switches per step means the caller shared its CPU with another runnable thread, most often
 * its own kernel helper (docs/PERFORMANCE.md, "Two threads on one CPU"). Section {@code threads}.
 */
final class ThreadBench {
  private static final Path STATUS = Path.of("/proc/thread-self/status");

  private ThreadBench() {}

  static void run(List<Cell> cells, List<Unroll> unrolls, int reps) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    System.out.println("the calling thread's share of a CPU: 100 training steps per model after"
        + " 20, one JVM");
    System.out.printf("  %-36s %10s %17s %9s %14s%n", "model", "median ms", "range ms",
        "CPU/wall", "preempted/step");
    for (int r = 0; r < reps; r++) {
      for (Cell cell : cells) {
        for (Unroll unroll : unrolls) {
          try (RnnModel m = new RnnModel(cell, unroll, Dims.NOTEBOOK)) {
            for (int i = 0; i < 20; i++) {
              m.trainStep();
            }
            double[] t = new double[100];
            long switches0 = involuntarySwitches();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < t.length; i++) {
              long s = System.nanoTime();
              m.trainStep();
              t[i] = (System.nanoTime() - s) / 1e6;
            }
            double cpuShare = (mx.getCurrentThreadCpuTime() - cpu0)
                / (double) (System.nanoTime() - wall0);
            long switches = involuntarySwitches();
            Arrays.sort(t);
            String perStep = switches < 0 || switches0 < 0 ? "n/a"
                : String.format("%.1f", (switches - switches0) / (double) t.length);
            System.out.printf("  %-36s %10.2f %8.2f-%-8.2f %9.2f %14s%n",
                cell.label() + " " + unroll.label() + " train step", t[t.length / 2], t[0],
                t[t.length - 1], cpuShare, perStep);
          }
        }
      }
    }
    System.out.println();
  }

  /** The calling thread's involuntary context switches so far, or -1 if unknown. */
  private static long involuntarySwitches() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("nonvoluntary_ctxt_switches:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
