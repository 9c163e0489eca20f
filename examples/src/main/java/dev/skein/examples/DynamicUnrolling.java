package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.core.Graph;
import dev.skein.core.Operation;
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
import dev.skein.rnn.RnnResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Notebook 001, "Dynamic unrolling through time" and "Setting the sequence lengths" (and 004's
 * look at what dynamic_rnn builds inside): {@code dynamicRnn} takes the packed
 * [batch, n_steps, n_inputs] input directly and runs the cell in one While loop that reads each
 * step from a TensorArray and writes each output to another; the graph holds the cell once,
 * whatever the number of steps. With sequence lengths, outputs past an instance's length are
 * zero and its final state is the state at its last step.
 */
public final class DynamicUnrolling {
  /** The second instance has one step only: its second input row is padding. */
  static final Tensor SEQ_LENGTH_BATCH = Tensor.of(new int[] {2, 1, 2, 2});

  record Model(Graph graph, Output x, Output seqLength, Output outputs, Output states) {}

  private DynamicUnrolling() {}

  /** {@code withLengths}: a sequence_length placeholder [None] (int32) goes to dynamicRnn. */
  static Model build(boolean withLengths, long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, PackingSequences.N_STEPS,
        PackingSequences.N_INPUTS), "X");
    Output seqLength = withLengths ? tf.placeholder(INT32, Shape.of(-1), "seq_length") : null;
    BasicRnnCell basicCell = new BasicRnnCell(tf, PackingSequences.N_NEURONS);
    RnnResult<Output> r = Rnn.dynamicRnn(tf, basicCell, x, seqLength);
    return new Model(g, x, seqLength, r.outputs(), r.state());
  }

  /** [outputs, states] for the notebook's batch. */
  static List<Tensor> run(Model m) {
    try (Session sess = new Session(m.graph())) {
      sess.run(Ops.create(m.graph()).globalVariablesInitializer());
      Session.Runner r = sess.runner().feed(m.x(), PackingSequences.X_BATCH);
      if (m.seqLength() != null) {
        r.feed(m.seqLength(), SEQ_LENGTH_BATCH);
      }
      return r.fetch(m.outputs()).fetch(m.states()).run();
    }
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("DynamicUnrolling",
      "Notebook 001: dynamic_rnn (a While loop over TensorArrays) and sequence lengths.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    out.println("-- dynamicRnn over X " + PackingSequences.X_BATCH.shape());
    Model m = build(false, seed);
    List<Tensor> r = run(m);
    out.println("outputs " + r.get(0).shape() + ":");
    out.println(r.get(0));
    out.println("ops by type (the cell's ops live once, in the loop body): " + opCounts(m));
    GraphFiles.write(m.graph(), args.outDir(), "001_dynamic_rnn", out);

    out.println();
    out.println("-- with sequence lengths " + SEQ_LENGTH_BATCH);
    Model withLengths = build(true, seed);
    r = run(withLengths);
    out.println("outputs " + r.get(0).shape() + " (instance 2's second step is zero):");
    out.println(r.get(0));
    out.println("states " + r.get(1).shape() + " (instance 2's is its step-1 output):");
    out.println(r.get(1));
    GraphFiles.write(withLengths.graph(), args.outDir(), "001_sequence_lengths", out);
  }

  /** How many ops of each type the top-level graph holds. */
  static Map<String, Integer> opCounts(Model m) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Operation op : m.graph().operations()) {
      counts.merge(op.type().typeName(), 1, Integer::sum);
    }
    return counts;
  }
}
