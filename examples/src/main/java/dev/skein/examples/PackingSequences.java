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
 * Notebook 001, "Packing sequences": one placeholder X [batch, n_steps, n_inputs] instead of one
 * per step. {@code unstack(transpose(X, [1, 0, 2]))} gives staticRnn its list of time steps and
 * {@code transpose(stack(outputs), [1, 0, 2])} packs the outputs back to [batch, n_steps,
 * n_neurons].
 */
public final class PackingSequences {
  static final int N_STEPS = 2;
  static final int N_INPUTS = 3;
  static final int N_NEURONS = 5;

  /** Four instances of two time steps: the X0/X1 batches of the manual RNN, interleaved. */
  static final Tensor X_BATCH = Tensor.of(new float[][][] {
      {{0, 1, 2}, {9, 8, 7}}, // instance 1
      {{3, 4, 5}, {0, 0, 0}}, // instance 2
      {{6, 7, 8}, {6, 5, 4}}, // instance 3
      {{9, 0, 1}, {3, 2, 1}}, // instance 4
  });

  record Model(Graph graph, Output x, Output outputs, Output state) {}

  private PackingSequences() {}

  static Model build(long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, N_STEPS, N_INPUTS), "X");
    List<Output> xSeqs = tf.unstack(tf.transpose(x, new int[] {1, 0, 2}));
    BasicRnnCell basicCell = new BasicRnnCell(tf, N_NEURONS);
    StaticRnnResult<Output> r = Rnn.staticRnn(tf, basicCell, xSeqs);
    Output outputs = tf.transpose(tf.stack(r.outputs()), new int[] {1, 0, 2});
    return new Model(g, x, outputs, r.state());
  }

  static Tensor run(Model m) {
    try (Session sess = new Session(m.graph())) {
      sess.run(Ops.create(m.graph()).globalVariablesInitializer());
      return sess.runner().feed(m.x(), X_BATCH).fetch(m.outputs()).run().get(0);
    }
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("PackingSequences",
      "Notebook 001: packing sequences with transpose, unstack and stack.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    Model m = build(args.longValue("seed", 42));
    Tensor outputs = run(m);
    out.println("outputs " + outputs.shape() + ":");
    out.println(outputs);
    out.println("np.transpose(outputs_val, axes=[1, 0, 2])[1] (every instance's last step):");
    out.println(lastStep(outputs));
    GraphFiles.write(m.graph(), args.outDir(), "001_packing_sequences", out);
  }

  /** {@code np.transpose(v, [1, 0, 2])[-1]} of a [batch, steps, units] value. */
  static Tensor lastStep(Tensor v) {
    int b = v.shape().dim(0);
    int steps = v.shape().dim(1);
    int u = v.shape().dim(2);
    float[] out = new float[b * u];
    for (int i = 0; i < b; i++) {
      System.arraycopy(v.floats(), (i * steps + steps - 1) * u, out, i * u, u);
    }
    return Tensor.create(Shape.of(b, u), out);
  }
}
