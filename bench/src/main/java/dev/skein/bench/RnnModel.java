package dev.skein.bench;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.GruCell;
import dev.skein.rnn.LstmStateTuple;
import dev.skein.rnn.Rnn;
import dev.skein.rnn.RnnCell;
import java.util.List;
import java.util.Random;

/**
 * The notebooks' sequence classifier (MNIST rows as a sequence): {@code X} [batch, steps,
 * inputs], int32 labels {@code y} [batch], a recurrent cell of {@code units}, a dense layer of
 * {@code classes} on the final hidden state, mean sparse softmax cross entropy and Adam (0.001).
 * One object is one graph, one session and one fixed batch of random data.
 */
final class RnnModel implements AutoCloseable {
  /** The recurrent cells the benchmarks build. */
  enum Cell {
    LSTM, GRU, BASIC_RNN;

    String label() {
      return switch (this) {
        case LSTM -> "LSTM";
        case GRU -> "GRU";
        case BASIC_RNN -> "BasicRNN";
      };
    }

    /** The cell a command line names, by its name or label in any case ("BasicRNN"), or null. */
    static Cell parse(String arg) {
      for (Cell c : values()) {
        if (c.name().equalsIgnoreCase(arg) || c.label().equalsIgnoreCase(arg)) {
          return c;
        }
      }
      return null;
    }
  }

  /** How the cell is run over time: unrolled into the graph, or one While loop. */
  enum Unroll {
    STATIC, DYNAMIC;

    String label() {
      return this == STATIC ? "staticRnn" : "dynamicRnn";
    }

    /** The unroll a command line names ("STATIC", "staticRnn", any case), or null. */
    static Unroll parse(String arg) {
      for (Unroll u : values()) {
        if (u.name().equalsIgnoreCase(arg) || u.label().equalsIgnoreCase(arg)) {
          return u;
        }
      }
      return null;
    }
  }

  /** The notebooks' shapes. */
  record Dims(int batch, int steps, int inputs, int units, int classes) {
    static final Dims NOTEBOOK = new Dims(150, 28, 28, 150, 10);

    Dims withSteps(int t) {
      return new Dims(batch, t, inputs, units, classes);
    }
  }

  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  final Output x;
  final Output y;
  final Output loss;
  final Operation train;
  final Session session;
  final Tensor xValue;
  final Tensor yValue;

  RnnModel(Cell cell, Unroll unroll, Dims d) {
    graph.setSeed(42);
    x = tf.placeholder(DType.FLOAT32, Shape.of(-1, d.steps(), d.inputs()), "X");
    y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
    Output h = finalHidden(cell, unroll, d);
    Output logits = Layers.dense(tf, h, d.classes());
    loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    train = new AdamOptimizer(tf, 0.001).minimize(loss);
    session = new Session(graph);
    session.run(tf.globalVariablesInitializer());
    Random r = new Random(7);
    float[] xs = new float[d.batch() * d.steps() * d.inputs()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextFloat();
    }
    int[] ys = new int[d.batch()];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = r.nextInt(d.classes());
    }
    xValue = Tensor.create(Shape.of(d.batch(), d.steps(), d.inputs()), xs);
    yValue = Tensor.create(Shape.of(d.batch()), ys);
  }

  private Output finalHidden(Cell cell, Unroll unroll, Dims d) {
    RnnCell<?> c = switch (cell) {
      case LSTM -> new BasicLstmCell(tf, d.units());
      case GRU -> new GruCell(tf, d.units());
      case BASIC_RNN -> new BasicRnnCell(tf, d.units());
    };
    Object state = unroll == Unroll.STATIC
        ? Rnn.staticRnn(tf, c, tf.unstack(x, 1)).state()
        : Rnn.dynamicRnn(tf, c, x, null).state();
    return state instanceof LstmStateTuple s ? s.h() : (Output) state;
  }

  /** One training step: forward, gradients, Adam updates. */
  void trainStep() {
    session.runner().feed(x, xValue).feed(y, yValue).addTarget(train).run();
  }

  /** The forward pass only: the loss. */
  float forward() {
    return session.runner().feed(x, xValue).feed(y, yValue).fetch(loss).run().get(0)
        .floats()[0];
  }

  /** Operations the training step runs (the top-level plan; loop bodies count once). */
  int trainOps() {
    return graph.numOperations();
  }

  @Override
  public void close() {
    session.close();
  }

  static List<Cell> cells() {
    return List.of(Cell.values());
  }
}
