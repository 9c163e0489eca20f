package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import java.util.List;

/**
 * Notebook 001, "Manual RNN": two time steps of a layer of five recurrent neurons, written with
 * plain ops, Y0 = tanh(X0 Wx + b), Y1 = tanh(Y0 Wy + X1 Wx + b).
 */
public final class ManualRnn {
  /** The graph and the two outputs, so that other programs can render or run it. */
  public record Model(Graph graph, Output x0, Output x1, Variable wx, Variable wy, Variable b,
      Output y0, Output y1, Operation init) {}

  private ManualRnn() {}

  public static Model build(long seed) {
    int nInputs = 3;
    int nNeurons = 5;
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x0 = tf.placeholder(FLOAT32, Shape.of(-1, nInputs), "X0");
    Output x1 = tf.placeholder(FLOAT32, Shape.of(-1, nInputs), "X1");
    Variable wx = tf.variable(tf.randomNormal(Shape.of(nInputs, nNeurons)), "Wx");
    Variable wy = tf.variable(tf.randomNormal(Shape.of(nNeurons, nNeurons)), "Wy");
    Variable b = tf.variable(tf.zeros(Shape.of(1, nNeurons)), "b");
    Output y0 = tf.tanh(tf.add(tf.matmul(x0, wx), b));
    Output y1 = tf.tanh(tf.add(tf.add(tf.matmul(y0, wy), tf.matmul(x1, wx)), b));
    return new Model(g, x0, x1, wx, wy, b, y0, y1, tf.globalVariablesInitializer());
  }

  /** Runs the notebook's batch of four instances and returns [Y0, Y1]. */
  public static List<Tensor> run(Model m) {
    return run(m, List.of());
  }

  /** Runs the notebook's batch and returns [Y0, Y1] followed by the extra fetches. */
  public static List<Tensor> run(Model m, List<Output> extraFetches) {
    Tensor x0Batch = Tensor.of(new float[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9, 0, 1}});
    Tensor x1Batch = Tensor.of(new float[][] {{9, 8, 7}, {0, 0, 0}, {6, 5, 4}, {3, 2, 1}});
    try (Session sess = new Session(m.graph())) {
      sess.run(m.init());
      Session.Runner r = sess.runner().feed(m.x0(), x0Batch).feed(m.x1(), x1Batch)
          .fetch(m.y0()).fetch(m.y1());
      extraFetches.forEach(r::fetch);
      return r.run();
    }
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.printingCommand("ManualRnn",
      "Notebooks 001-002: a manual RNN over two steps (X0, X1 -> Y0, Y1).");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> print(build(a.longValue("seed", 42)), System.out));
  }

  static void print(Model m, java.io.PrintStream out) {
    List<Tensor> ys = run(m);
    out.println("Y0 " + ys.get(0).shape() + ":");
    out.println(ys.get(0));
    out.println("Y1 " + ys.get(1).shape() + ":");
    out.println(ys.get(1));
  }
}
