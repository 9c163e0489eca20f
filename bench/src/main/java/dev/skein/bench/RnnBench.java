package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import dev.skein.core.OpProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Training-step and forward-only times of the notebooks' recurrent classifiers (see
 * {@link RnnModel}): each cell, run with staticRnn and with dynamicRnn.
 */
final class RnnBench {
  /** One measured configuration. */
  record Figure(Cell cell, Unroll unroll, boolean training, double millis) {
    String label() {
      return cell.label() + " " + unroll.label() + (training ? " train step" : " forward");
    }
  }

  private RnnBench() {}

  static List<Figure> run(Timing timing, List<Cell> cells, List<Unroll> unrolls) {
    Dims d = Dims.NOTEBOOK;
    System.out.printf("recurrent classifier: batch %d, %d steps, %d inputs, %d units, dense %d,"
        + " sparse softmax CE, Adam%n", d.batch(), d.steps(), d.inputs(), d.units(), d.classes());
    System.out.printf("  %-40s %12s %12s %12s%n", "", "median ms", "best ms", "worst ms");
    List<Figure> figures = new ArrayList<>();
    for (Cell cell : cells) {
      for (Unroll unroll : unrolls) {
        try (RnnModel m = new RnnModel(cell, unroll, d)) {
          Timing.Result train = timing.measure(m::trainStep);
          figures.add(print(new Figure(cell, unroll, true, train.medianMillis()), train));
          Timing.Result fwd = timing.measure(m::forward);
          figures.add(print(new Figure(cell, unroll, false, fwd.medianMillis()), fwd));
        }
      }
    }
    System.out.println();
    Roofline.Peaks peaks = Roofline.measure(timing);
    Roofline.printPeaks(peaks);
    System.out.println("roofline (matmul FLOPs counted from the shapes, forward + both gradients"
        + " for a training step):");
    for (Figure f : figures) {
      Roofline.printLine(f.label(), Roofline.flops(f.cell(), Dims.NOTEBOOK, f.training()),
          f.millis(), peaks);
    }
    System.out.println();
    return figures;
  }

  /**
   * Prints where a training step (or forward pass) of one model spends its time, per op type
   * (self time, loop bodies included), over {@code runs} runs after a warm-up.
   */
  static void profile(Timing timing, Cell cell, Unroll unroll, boolean training, int runs) {
    try (RnnModel m = new RnnModel(cell, unroll, Dims.NOTEBOOK)) {
      Runnable body = training ? m::trainStep : m::forward;
      Timing.Result t = timing.measure(body);
      OpProfile p = new OpProfile();
      m.session.setObserver(p);
      for (int i = 0; i < runs; i++) {
        body.run();
      }
      m.session.setObserver(null);
      System.out.printf("profile of %s %s %s (median %.2f ms unprofiled), per run:%n",
          cell.label(), unroll.label(), training ? "train step" : "forward", t.medianMillis());
      System.out.println(p.format(runs));
    }
  }

  private static Figure print(Figure f, Timing.Result t) {
    System.out.printf("  %-40s %12.2f %12.2f %12.2f%n", f.label(), t.medianMillis(),
        t.bestNanos() / 1e6, t.worstNanos() / 1e6);
    return f;
  }
}
