package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import dev.skein.core.OpObserver;
import dev.skein.core.Operation;
import dev.skein.core.Tensor;
import dev.skein.core.ops.control.ControlOps;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Peak memory of a dynamicRnn step of the notebooks' LSTM classifier for several sequence
 * lengths T, training and forward only. Two measures:
 * <ul>
 *   <li><b>held</b>: the bytes of the distinct tensors the run's top-level plan holds after each
 *       of its ops (fed values, values still to be read, the loops' saved values), the maximum
 *       over the run. Exact, and free of the JVM's own noise, but blind to what a loop holds
 *       while it runs.
 *   <li><b>heap</b>: the heap in use after a full GC, minus the heap in use before the run, at
 *       about {@value #SAMPLES} points evenly spread over the run's ops (loop bodies included)
 *       and after each top-level While op; the maximum. The JVM's own view, loops included.
 * </ul>
 * The training step's peak grows linearly with T: the forward loop saves, per step, what the
 * reverse loop reads (the gates, c and the step's [x, h]). The forward pass saves nothing per
 * step: what it holds grows with T only by the data itself (the input's time-major copy and
 * slices, and the loop's output sequence, which dynamicRnn returns).
 */
final class MemoryBench {
  private static final int[] STEPS = {28, 280, 2_800};
  /** Heap samples per run (each a full GC). */
  static final int SAMPLES = 12;

  private MemoryBench() {}

  /** Watches one run. */
  private static final class Probe implements OpObserver {
    /** Take a heap sample every this many ops (0: only at top-level loops' ends). */
    private final long sampleEvery;
    private final long baseline;
    private int depth;
    long ops;
    long maxHeld;
    long maxHeap;

    Probe(long sampleEvery) {
      this.sampleEvery = sampleEvery;
      this.baseline = usedAfterGc();
    }

    @Override
    public void beforeOp(Operation op) {
      depth++;
    }

    @Override
    public void afterOp(Operation op, Tensor[] live) {
      ops++;
      if (sampleEvery > 0 && ops % sampleEvery == 0) {
        maxHeap = Math.max(maxHeap, usedAfterGc() - baseline);
      }
      if (--depth > 0) {
        return;
      }
      Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      long held = 0;
      for (Tensor t : live) {
        if (t != null && seen.add(t)) {
          held += t.byteSize();
        }
      }
      maxHeld = Math.max(maxHeld, held);
      if (op.type() instanceof ControlOps.While) {
        maxHeap = Math.max(maxHeap, usedAfterGc() - baseline);
      }
    }
  }

  static void run() {
    Dims base = Dims.NOTEBOOK;
    System.out.printf("peak memory of an LSTM dynamicRnn step (batch %d, %d inputs, %d units),"
        + " MB%n", base.batch(), base.inputs(), base.units());
    System.out.printf("  %6s %11s %11s %13s %11s %11s %13s %13s%n", "T", "train held",
        "train heap", "KB/step", "fwd held", "fwd heap", "KB/step", "data KB/step");
    long[] prev = null;
    for (int t : STEPS) {
      Dims d = base.withSteps(t);
      try (RnnModel m = new RnnModel(Cell.LSTM, Unroll.DYNAMIC, d)) {
        // A first run of each counts its ops, to spread the heap samples of the second.
        long trainOps = probe(m, true, 0).ops;
        long fwdOps = probe(m, false, 0).ops;
        Probe train = probe(m, true, Math.max(1, trainOps / SAMPLES));
        Probe fwd = probe(m, false, Math.max(1, fwdOps / SAMPLES));
        // Per step: the input's slices (fed, time-major copy) and the output sequence.
        long dataPerStep = (2L * d.batch() * d.inputs() + (long) d.batch() * d.units()) * 4;
        String trainSlope = prev == null ? "" : String.format("%.0f",
            (train.maxHeap - prev[0]) / 1024.0 / (t - prev[2]));
        String fwdSlope = prev == null ? "" : String.format("%.0f",
            (fwd.maxHeap - prev[1]) / 1024.0 / (t - prev[2]));
        System.out.printf("  %6d %11.1f %11.1f %13s %11.1f %11.1f %13s %13.1f%n", t,
            train.maxHeld / 1e6, train.maxHeap / 1e6, trainSlope, fwd.maxHeld / 1e6,
            fwd.maxHeap / 1e6, fwdSlope, dataPerStep / 1024.0);
        prev = new long[] {train.maxHeap, fwd.maxHeap, t};
      }
    }
    System.out.println("  (KB/step: growth of the peak heap per added step, from the row above;"
        + " data KB/step: one step's input slice, twice, and output)");
    System.out.println();
  }

  private static Probe probe(RnnModel m, boolean training, long sampleEvery) {
    Probe p = new Probe(sampleEvery);
    m.session.setObserver(p);
    try {
      if (training) {
        m.trainStep();
      } else {
        m.forward();
      }
    } finally {
      m.session.setObserver(null);
    }
    return p;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
