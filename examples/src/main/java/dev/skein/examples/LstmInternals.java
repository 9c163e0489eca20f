package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

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
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.LstmStateTuple;
import dev.skein.rnn.Rnn;
import dev.skein.rnn.StaticRnnResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Notebook 004, "LSTM internals": a BasicLstmCell of 5 units unrolled by staticRnn over two
 * steps of 3 inputs (static, "to make the graph simpler"). The four gates share one kernel
 * [3 + 5, 4 x 5] and one bias [4 x 5]: one matmul of [x, h], split into i, j (the new values),
 * f and o; the forget gate adds the forget bias 1.0 before its sigmoid; c = f c + i tanh(j),
 * h = o tanh(c). The two steps' ops share the variables.
 */
public final class LstmInternals {
  private LstmInternals() {}

  record Model(Graph graph, Output x, BasicLstmCell cell, Output outputs,
      LstmStateTuple states) {}

  static Model build(long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, PackingSequences.N_STEPS,
        PackingSequences.N_INPUTS), "X");
    List<Output> xSeqs = tf.unstack(tf.transpose(x, new int[] {1, 0, 2}));
    BasicLstmCell basicCell = new BasicLstmCell(tf, PackingSequences.N_NEURONS);
    StaticRnnResult<LstmStateTuple> r = Rnn.staticRnn(tf, basicCell, xSeqs);
    Output outputs = tf.transpose(tf.stack(r.outputs()), new int[] {1, 0, 2});
    return new Model(g, x, basicCell, outputs, r.state());
  }

  /** [outputs, c, h, kernel, bias] for the notebooks' four instances. */
  static List<Tensor> run(Model m) {
    try (Session sess = new Session(m.graph())) {
      sess.run(Ops.create(m.graph()).globalVariablesInitializer());
      return sess.runner().feed(m.x(), PackingSequences.X_BATCH).fetch(m.outputs())
          .fetch(m.states().c()).fetch(m.states().h()).fetch(m.cell().kernel())
          .fetch(m.cell().bias()).run();
    }
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("LstmInternals",
      "Notebook 004: a BasicLstmCell unrolled by static_rnn, its gates.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    Model m = build(args.longValue("seed", 42));
    List<Tensor> r = run(m);
    out.println("kernel " + m.cell().kernel().varName() + " " + r.get(3).shape() + ", bias "
        + m.cell().bias().varName() + " " + r.get(4).shape() + ", forget bias "
        + m.cell().forgetBias());
    out.println("outputs " + r.get(0).shape() + ":");
    out.println(r.get(0));
    out.println("final state c (long-term) " + r.get(1).shape() + ":");
    out.println(r.get(1));
    out.println("final state h (short-term, = the last output):");
    out.println(r.get(2));
    Map<String, Integer> perStep = new TreeMap<>();
    for (Operation op : m.graph().operations()) {
      if (op.name().startsWith("rnn/basic_lstm_cell/") && !op.name().contains("/kernel")
          && !op.name().contains("/bias")) {
        perStep.merge(op.type().typeName(), 1, Integer::sum);
      }
    }
    out.println("ops of the first step: " + perStep);
    GraphFiles.write(m.graph(), args.outDir(), "004_lstm_static", out);
  }
}
