package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import dev.skein.viz.GraphRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the README's two pictures: notebook 001's static_rnn over two steps (the unrolled
 * graph, one cluster per step) and its dynamic_rnn (the looped graph, one While cluster).
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

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
    Files.createDirectories(out);
    GraphRenderer r = GraphRenderer.create();
    r.writePng(staticRnnGraph(), out.resolve("static_rnn.png"));
    r.writePng(dynamicRnnGraph(), out.resolve("dynamic_rnn.png"));
    System.out.println("wrote " + out.resolve("static_rnn.png") + " and "
        + out.resolve("dynamic_rnn.png"));
  }
}
