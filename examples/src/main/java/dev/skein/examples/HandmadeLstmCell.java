package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.Arrays2;
import dev.skein.examples.util.GraphFiles;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Notebook 000, "LSTM cell": one LSTM time step built from plain ops, each gate in its own name
 * scope (forget_gate, input_gate, candidate_values, update_cell_state, output_gate,
 * update_hidden_state), with the hidden and cell states as placeholders; the program runs it step
 * by step, feeding both states back.
 */
public final class HandmadeLstmCell implements AutoCloseable {
  final Output x;
  final Output hiddenState;
  final Output cellState;
  final Output hT;
  final Output cT;
  final Tensor zeroState;
  Tensor currentHiddenState;
  Tensor currentCellState;
  private final Session sess;

  /** {@code x}: the placeholder of one time step, {@code [batch, input]}. */
  HandmadeLstmCell(Ops tf, Output x, int numHidden) {
    int batchSize = x.shape().dim(0);
    int inputSize = x.shape().dim(1);
    this.x = x;
    zeroState = Tensor.zeros(FLOAT32, Shape.of(batchSize, numHidden));
    cellState = tf.placeholder(FLOAT32, Shape.of(batchSize, numHidden), "cell_state");
    currentCellState = zeroState;
    hiddenState = tf.placeholder(FLOAT32, Shape.of(batchSize, numHidden), "hidden_state");
    currentHiddenState = zeroState;
    Shape wShape = Shape.of(numHidden + inputSize, numHidden);
    Output fT;
    try (var s = tf.nameScope("forget_gate")) {
      fT = gate(tf, wShape, "f", true);
    }
    Output iT;
    try (var s = tf.nameScope("input_gate")) {
      iT = gate(tf, wShape, "i", true);
    }
    Output cCandidate;
    try (var s = tf.nameScope("candidate_values")) {
      cCandidate = gate(tf, wShape, "c", false);
    }
    try (var s = tf.nameScope("update_cell_state")) {
      Output cTf = tf.multiply(cellState, fT, "c_t_f");
      Output cTi = tf.multiply(cCandidate, iT, "c_t_i");
      cT = tf.add(cTf, cTi, "c_t");
    }
    Output oT;
    try (var s = tf.nameScope("output_gate")) {
      oT = gate(tf, wShape, "o", true);
    }
    try (var s = tf.nameScope("update_hidden_state")) {
      hT = tf.multiply(tf.tanh(cT), oT, "h_t");
    }
    sess = new Session(tf.graph());
    sess.run(tf.globalVariablesInitializer());
  }

  /**
   * A gate: {@code sigmoid([hidden_state, x] W_g + b_g)} (or tanh for the candidate values,
   * named {@code c_t_}) with its own weights; {@code b_g} starts at 0.1 as in the notebook.
   */
  private Output gate(Ops tf, Shape wShape, String g, boolean sigmoid) {
    Variable w = tf.variable(tf.truncatedNormal(wShape), "W_" + g);
    Variable b = tf.variable(tf.constant(constant(0.1f, 1, wShape.dim(1))), "b_" + g);
    Output z = tf.add(tf.matmul(tf.concat(List.of(hiddenState, x), 1), w), b);
    return sigmoid ? tf.sigmoid(z, g + "_t") : tf.tanh(z, g + "_t_");
  }

  /** {@code tf.constant(value, shape=dims)}: a FLOAT32 tensor filled with one value. */
  static Tensor constant(float value, int... dims) {
    float[] v = new float[Shape.of(dims).numElements()];
    java.util.Arrays.fill(v, value);
    return Tensor.create(Shape.of(dims), v);
  }

  /** One step: feeds x and both states, keeps the new states, returns h. */
  Tensor step(Tensor xValue) {
    List<Tensor> r = sess.runner().feed(x, xValue).feed(hiddenState, currentHiddenState)
        .feed(cellState, currentCellState).fetch(hT).fetch(cT).run();
    currentHiddenState = r.get(0);
    currentCellState = r.get(1);
    return r.get(0);
  }

  /** From zero states, one step per time step of {@code xs} ({@code [batch, time, input]}). */
  List<Tensor> out(Tensor xs) {
    currentHiddenState = zeroState;
    currentCellState = zeroState;
    List<Tensor> hs = new ArrayList<>();
    for (int t = 0; t < xs.shape().dim(1); t++) {
      hs.add(step(Arrays2.timeStep(xs, t)));
    }
    return hs;
  }

  @Override
  public void close() {
    sess.close();
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("HandmadeLstmCell",
      "Notebook 000: a hand-made LSTM cell with name scopes, run step by step.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    int batchSize = 2;
    int traceLength = 5;
    int inputSize = 4;
    Output seq = tf.placeholder(FLOAT32, Shape.of(batchSize, traceLength, inputSize));
    Output xT = tf.placeholder(FLOAT32, Shape.of(batchSize, inputSize), "x_t");
    try (HandmadeLstmCell rnn = new HandmadeLstmCell(tf, xT, 3)) {
      Tensor xs = Arrays2.randomUniform(new Random(seed), batchSize, traceLength, inputSize);
      out.println("input " + seq.shape() + " run one step at a time");
      List<Tensor> h = rnn.out(xs);
      out.println("hidden states:");
      h.forEach(out::println);
      out.println("\ncurrent hidden state:");
      out.println(rnn.currentHiddenState);
      out.println("\ncurrent cell state:");
      out.println(rnn.currentCellState);
      GraphFiles.write(g, args.outDir(), "000_lstm_cell", out);
    }
  }
}
