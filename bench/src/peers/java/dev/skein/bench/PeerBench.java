package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Parallel;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Skein beside TensorFlow (TF Java 1.1.0, the TensorFlow 2.18 runtime) on the same machine in
 * one run: matmul, per-op overhead, and the notebooks' recurrent classifiers (training step and
 * forward pass). Built only with {@code -Ppeers}:
 * {@code mvn -q -Ppeers -pl bench -am compile exec:java [-Dexec.args="rnn --quick"]}; sections
 * {@code matmul}, {@code overhead}, {@code rnn} (all by default), and for rnn optionally cells
 * {@code LSTM}, {@code GRU}, {@code BASIC_RNN}.
 *
 * <p>Each figure is measured in alternating rounds (Skein, TensorFlow, Skein, TensorFlow, ...),
 * each round a {@link Timing} median after warm-up, started from a collected heap; the table
 * shows each side's median of its round medians and their range, the first round included
 * (from a fresh JVM, the first round of a figure is where a warm-up cliff would show).
 * The ratio is Skein's time over TensorFlow's: below 1.0, Skein is faster.
 */
public final class PeerBench {
  private static final int CHAIN_LENGTH = 1000;

  /** A figure: each side's median of its round medians, and their range (first round included). */
  private record Row(String label, double skeinMs, double tfMs, double flops, double skeinMin,
      double skeinMax, double tfMin, double tfMax) {
    Row scaled(double f) {
      return new Row(label, skeinMs * f, tfMs * f, flops, skeinMin * f, skeinMax * f, tfMin * f,
          tfMax * f);
    }
  }

  private PeerBench() {}

  public static void main(String[] args) {
    List<String> a = List.of(args);
    boolean quick = a.contains("--quick");
    List<String> sections = List.of("matmul", "overhead", "rnn");
    boolean all = sections.stream().noneMatch(a::contains);
    int rounds = quick ? 2 : 3;
    Timing timing = quick ? new Timing(0.5, 0.5, 5) : new Timing(1.5, 2, 15);
    System.out.printf("Skein vs %s; %s %s; Skein on %d thread(s), TensorFlow with its default"
        + " thread pools on %d cores%n%n", TfBench.describe().get(0),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), Parallel.threads(),
        Runtime.getRuntime().availableProcessors());
    List<Row> rows = new ArrayList<>();
    if (all || a.contains("matmul")) {
      for (int[] s : new int[][] {{150, 178, 600}, {1024, 1024, 1024}}) {
        rows.add(matmul(timing, rounds, s[0], s[1], s[2]));
      }
    }
    if (all || a.contains("overhead")) {
      rows.addAll(overhead(timing, rounds));
    }
    if (all || a.contains("rnn")) {
      Dims d = Dims.NOTEBOOK;
      List<Cell> cells = new ArrayList<>();
      for (Cell cell : Cell.values()) {
        if (a.contains(cell.name())) {
          cells.add(cell);
        }
      }
      for (Cell cell : cells.isEmpty() ? List.of(Cell.values()) : cells) {
        TfRnnModel.Cell tfCell = TfRnnModel.Cell.valueOf(cell.name());
        try (TfRnnModel tfm = new TfRnnModel(tfCell, d.batch(), d.steps(), d.inputs(), d.units(),
            d.classes())) {
          for (Unroll unroll : Unroll.values()) {
            try (RnnModel m = new RnnModel(cell, unroll, d)) {
              String name = cell.label() + " " + unroll.label();
              rows.add(compare(timing, rounds, name + " train step", m::trainStep,
                  tfm::trainStep, 0));
              rows.add(compare(timing, rounds, name + " forward", m::forward, tfm::forward, 0));
            }
          }
        }
      }
    }
    System.out.printf("%n%s%nmedian of %d rounds [range, first round included]%n",
        Roofline.describeCpu(), rounds);
    System.out.printf("%-44s %24s %24s %9s%n", "figure (TensorFlow: static unroll)", "Skein",
        "TensorFlow", "Skein/TF");
    for (Row r : rows) {
      if (r.flops > 0) {
        System.out.printf(Locale.ROOT, "%-44s %12.1f GF/s %11s %12.1f GF/s %11s %9.2f%n",
            r.label, r.flops / r.skeinMs / 1e6, "", r.flops / r.tfMs / 1e6, "",
            r.skeinMs / r.tfMs);
      } else if (r.skeinMs < 0.01) {
        System.out.printf(Locale.ROOT, "%-44s %7.3f us [%.3f-%.3f] %7.3f us [%.3f-%.3f] %9.2f%n",
            r.label, r.skeinMs * 1e3, r.skeinMin * 1e3, r.skeinMax * 1e3, r.tfMs * 1e3,
            r.tfMin * 1e3, r.tfMax * 1e3, r.skeinMs / r.tfMs);
      } else {
        System.out.printf(Locale.ROOT, "%-44s %7.2f ms [%.2f-%.2f] %7.2f ms [%.2f-%.2f] %9.2f%n",
            r.label, r.skeinMs, r.skeinMin, r.skeinMax, r.tfMs, r.tfMin, r.tfMax,
            r.skeinMs / r.tfMs);
      }
    }
    // dynamicRnn over staticRnn (a cell's rows: static train, forward, dynamic train, forward).
    for (int i = 0; i + 2 < rows.size(); i++) {
      Row s = rows.get(i);
      if (s.label.contains("staticRnn")) {
        Row d = rows.get(i + 2);
        System.out.printf(Locale.ROOT, "  %s: dynamicRnn / staticRnn %.2f%n",
            s.label.replace("staticRnn ", ""), d.skeinMs / s.skeinMs);
      }
    }
  }

  private static Row compare(Timing timing, int rounds, String label, Runnable skein, Runnable tf,
      double flops) {
    double[] sk = new double[rounds];
    double[] tfs = new double[rounds];
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < rounds; i++) {
      // Each side starts from a collected heap: garbage left by earlier figures (and the
      // concurrent GC work it brings) is not charged to this one; the figure's own allocations
      // and collections are.
      System.gc();
      double s = timing.measure(skein).medianMillis();
      System.gc();
      double t = timing.measure(tf).medianMillis();
      sk[i] = s;
      tfs[i] = t;
      log.append(String.format(Locale.ROOT, " (%.3f, %.3f)", s, t));
    }
    System.out.printf("  %-44s rounds (Skein ms, TF ms):%s%n", label, log);
    return new Row(label, median(sk), median(tfs), flops, min(sk), max(sk), min(tfs), max(tfs));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElseThrow();
  }

  private static Row matmul(Timing timing, int rounds, int m, int k, int n) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, k), "a");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(k, n), "b");
    Output product = tf.matmul(x, y);
    Random r = new Random(42);
    Tensor at = Tensor.create(Shape.of(m, k), floats(r, m * k));
    Tensor bt = Tensor.create(Shape.of(k, n), floats(r, k * n));
    try (Session session = new Session(g); TfBench.MatMul peer = new TfBench.MatMul(m, k, n)) {
      return compare(timing, rounds, String.format("matmul %dx%dx%d (Session.run)", m, k, n),
          () -> session.runner().feed(x, at).feed(y, bt).fetch(product).run(), peer::run,
          2.0 * m * n * k);
    }
  }

  private static List<Row> overhead(Timing timing, int rounds) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    Output one = tf.constant(1f);
    Output sum = x;
    for (int i = 0; i < CHAIN_LENGTH; i++) {
      sum = tf.add(sum, one);
    }
    Output end = sum;
    Tensor feed = Tensor.scalar(0f);
    List<Row> rows = new ArrayList<>();
    try (Session session = new Session(g)) {
      for (boolean rewrite : new boolean[] {false, true}) {
        try (TfBench.AddChain peer = new TfBench.AddChain(CHAIN_LENGTH, rewrite)) {
          Row row = compare(timing, rounds, rewrite
                  ? "per-op, 1,000 adds (TF rewrites the chain)"
                  : "per-op overhead, 1,000 scalar adds",
              () -> session.runner().feed(x, feed).fetch(end).run(), peer::run, 0);
          rows.add(row.scaled(1.0 / CHAIN_LENGTH));
        }
      }
    }
    return rows;
  }

  private static float[] floats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
