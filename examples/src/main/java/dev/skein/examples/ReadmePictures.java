package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.viz.GraphRenderer;
import dev.skein.viz.VizOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the README's pictures: notebook 001's static_rnn over two steps (the unrolled graph,
 * one cluster per step) and its dynamic_rnn (the looped graph, one While cluster); and notebook
 * 002's static LSTM(150) over 28 steps with Adam, its steps 1..27 stacked into one series box,
 * then with that series opened.
 * Usage: {@code ReadmePictures [outDir]} (default docs/images).
 */
public final class ReadmePictures {
  private ReadmePictures() {}

  /** static_rnn with a BasicRnnCell of 5 units over two [?, 3] inputs. */
  public static Graph staticRnnGraph() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x0 = tf.placeholder(FLOAT32, Shape.of(-1, 3), "X0");
    Output x1 = tf.placeholder(FLOAT32, Shape.of(-1, 3), "X1");
    Rnn.staticRnn(tf, new BasicRnnCell(tf, 5), List.of(x0, x1));
    return g;
  }

  /** dynamic_rnn with a BasicRnnCell of 5 units over [?, 2, 3] inputs with sequence lengths. */
  public static Graph dynamicRnnGraph() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 2, 3), "X");
    Output len = tf.placeholder(dev.skein.core.DType.INT32, Shape.of(-1), "seq_length");
    Rnn.dynamicRnn(tf, new BasicRnnCell(tf, 5), x, len);
    return g;
  }

  /** The series notebook 002's unrolled steps 1..27 are stacked into. */
  static final String LSTM_SERIES = "rnn/basic_lstm_cell_[1-27]";

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.printingCommand("ReadmePictures",
      "Draws the README's pictures of static_rnn, dynamic_rnn and notebook 002's LSTM.")
      .positional("DIR", "Where the PNGs go (default: docs/images).");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> write(Path.of(a.positional().isEmpty() ? "docs/images"
        : a.positional().get(0))));
  }

  static void write(Path out) throws IOException {
    Files.createDirectories(out);
    GraphRenderer r = GraphRenderer.create();
    r.writePng(staticRnnGraph(), out.resolve("static_rnn.png"));
    r.writePng(dynamicRnnGraph(), out.resolve("dynamic_rnn.png"));
    Graph lstm = SequenceClassifier.build(true, true, 42).graph();
    VizOptions top = VizOptions.defaults().withDepth(1).withEdgeLabels(false);
    r.withOptions(top).writePng(lstm, out.resolve("lstm002_static.png"));
    r.withOptions(top.expanding(LSTM_SERIES)).writePng(lstm,
        out.resolve("lstm002_static_series_open.png"));
    System.out.println("wrote static_rnn.png, dynamic_rnn.png, lstm002_static.png and"
        + " lstm002_static_series_open.png in " + out);
  }
}
