package dev.skein.bench;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.MultiRnnCell;
import dev.skein.rnn.Rnn;
import dev.skein.viz.DotExporter;
import dev.skein.viz.GraphRenderer;
import dev.skein.viz.GraphView;
import dev.skein.viz.VizOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Section {@code viz}: how long pictures of notebook 002's static model take (LSTM(150) over 28
 * unrolled steps, a dense layer of 10, sparse softmax cross entropy, Adam). Each figure is
 * rounds of one export from a fresh JVM, the first round included (it starts the dot
 * program's engine and warms the JIT): DOT text, the HTML view, SVG + PNG from one Graphviz
 * layout, and, for comparison, SVG and PNG rendered separately (two layouts); then the same
 * export of a 3-layer LSTM stack unrolled over 28 and 100 steps (fewer rounds).
 */
final class VizBench {
  private VizBench() {}

  /** Notebook 002's static LSTM classifier with Adam. */
  static Graph notebook002Static() {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 28, 28), "X");
    Output y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
    Output h = Rnn.staticRnn(tf, new BasicLstmCell(tf, 150), tf.unstack(x, 1)).state().h();
    Output logits = Layers.dense(tf, h, 10);
    Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    new AdamOptimizer(tf, 0.001).minimize(loss);
    return g;
  }

  /** Three stacked LSTM(150) layers unrolled over {@code steps} steps, with Adam. */
  static Graph lstmStack(int steps) {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, steps, 28), "X");
    Output y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
    MultiRnnCell cell = new MultiRnnCell(tf, List.of(new BasicLstmCell(tf, 150),
        new BasicLstmCell(tf, 150), new BasicLstmCell(tf, 150)));
    List<Output> outs = Rnn.staticRnn(tf, cell, tf.unstack(x, 1)).outputs();
    Output logits = Layers.dense(tf, outs.get(outs.size() - 1), 10);
    Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    new AdamOptimizer(tf, 0.001).minimize(loss);
    return g;
  }

  static void run(boolean quick) {
    int rounds = quick ? 3 : 7;
    Graph g = notebook002Static();
    System.out.printf("viz export of notebook 002's static LSTM(150) x 28 steps with Adam"
        + " (%,d ops); %s; %d rounds, fresh JVM, first round included%n", g.numOperations(),
        cpuModel(), rounds);
    if (!GraphRenderer.dotInstalled()) {
      System.out.println("  no dot program on the PATH (apt-get install -y graphviz): skipped");
      return;
    }
    GraphRenderer r = GraphRenderer.create().withEngine(GraphRenderer.Engine.DOT);
    VizOptions def = VizOptions.defaults();
    System.out.printf("  %-58s %9s %9s %9s%n", "", "median", "min", "max");
    time("DOT text, default collapse", rounds, () -> DotExporter.toDot(g, def).length());
    time("HTML view (GraphView.html)", rounds, () -> GraphView.html(g, "m").length());
    time("SVG + PNG, one layout (toSvgAndPng), default collapse", rounds,
        () -> r.toSvgAndPng(g).png().length);
    time("SVG, then PNG: two layouts (toSvg, toPng)", rounds,
        () -> r.toSvg(g).length() + r.toPng(g).length);
    VizOptions depth1 = def.withDepth(1);
    time("SVG + PNG, one layout, depth 1 (rnn, gradients open)", rounds,
        () -> r.withOptions(depth1).toSvgAndPng(g).png().length);
    for (int steps : new int[] {28, 100}) {
      Graph stack = lstmStack(steps);
      time(String.format("3-layer LSTM stack x %d steps, Adam (%,d ops): SVG + PNG", steps,
          stack.numOperations()), quick ? 1 : 3, () -> r.toSvgAndPng(stack).png().length);
    }
    try {
      Path dir = Files.createDirectories(Path.of("target"));
      GraphRenderer.Pictures p = r.toSvgAndPng(g);
      Files.writeString(dir.resolve("viz-bench-002-static.svg"), p.svg());
      Files.write(dir.resolve("viz-bench-002-static.png"), p.png());
      System.out.println("  pictures: "
          + dir.toAbsolutePath().resolve("viz-bench-002-static.{svg,png}"));
    } catch (IOException e) {
      System.out.println("  could not write the pictures: " + e);
    }
    System.out.println();
  }

  private static void time(String label, int rounds, Supplier<Integer> body) {
    if (label.length() > 58) {
      System.out.println("  " + label);
      label = "";
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      body.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = rounds % 2 == 1 ? sorted[rounds / 2]
        : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    System.out.printf("  %-58s %7.0f ms %6.0f ms %6.0f ms%n", label, median, sorted[0],
        sorted[rounds - 1]);
  }

  /** The CPU model from /proc/cpuinfo, with the number of cores Java sees. */
  static String cpuModel() {
    String model = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc/cpuinfo: keep "unknown CPU".
    }
    return model + ", " + Runtime.getRuntime().availableProcessors() + " cores";
  }
}
