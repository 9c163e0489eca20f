package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.GraphFiles;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import dev.skein.rnn.StaticRnnResult;
import java.io.PrintStream;
import java.util.List;

/**
 * Notebooks 001 and 002, "Using static_rnn()": the manual two-step RNN again, now a
 * {@code BasicRnnCell} of 5 units (Keras' SimpleRNNCell in the notebooks) unrolled by
 * {@code staticRnn} over the two inputs X0 and X1: two copies of the cell's ops sharing
 * {@code rnn/basic_rnn_cell/kernel} [3 + 5, 5] and {@code bias} [5].
 */
public final class StaticRnnTwoSteps {
  static final Tensor X0_BATCH = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8},
      {9, 0, 1}});
  static final Tensor X1_BATCH = Tensor.of(new float[][] {{9, 8, 7}, {0, 0, 0}, {6, 5, 4},
      {3, 2, 1}});

  record Model(Graph graph, Output x0, Output x1, BasicRnnCell cell, Output y0, Output y1,
      Output state) {}

  private StaticRnnTwoSteps() {}

  static Model build(long seed) {
    int nInputs = 3;
    int nNeurons = 5;
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x0 = tf.placeholder(FLOAT32, Shape.of(-1, nInputs), "X0");
    Output x1 = tf.placeholder(FLOAT32, Shape.of(-1, nInputs), "X1");
    BasicRnnCell basicCell = new BasicRnnCell(tf, nNeurons);
    StaticRnnResult<Output> r = Rnn.staticRnn(tf, basicCell, List.of(x0, x1));
    return new Model(g, x0, x1, basicCell, r.outputs().get(0), r.outputs().get(1), r.state());
  }

  /** Runs the notebook's batch: [Y0, Y1, state, kernel, bias]. */
  static List<Tensor> run(Model m) {
    try (Session sess = new Session(m.graph())) {
      sess.run(Ops.create(m.graph()).globalVariablesInitializer());
      return sess.runner().feed(m.x0(), X0_BATCH).feed(m.x1(), X1_BATCH).fetch(m.y0())
          .fetch(m.y1()).fetch(m.state()).fetch(m.cell().kernel()).fetch(m.cell().bias()).run();
    }
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("StaticRnnTwoSteps",
      "Notebooks 001-002: static_rnn over two inputs.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    Model m = build(args.longValue("seed", 42));
    List<Tensor> r = run(m);
    out.println("variables: " + m.cell().kernel().varName() + " " + m.cell().kernel().shape()
        + ", " + m.cell().bias().varName() + " " + m.cell().bias().shape());
    out.println("Y0_val " + r.get(0));
    out.println("Y1_val " + r.get(1));
    out.println("final state == Y1: " + r.get(2).equals(r.get(1)));
    GraphFiles.write(m.graph(), args.outDir(), "001_static_rnn", out);
  }
}
