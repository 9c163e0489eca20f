package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.DType;
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
 * Notebook 000, "Unrolling the network": the hand-made LSTM cell unrolled over the time steps of
 * a {@code [batch, trace, input]} input, one name scope per step ({@code Cell_0}, {@code Cell_1},
 * ...), all steps sharing the parameters of the {@code params} scope. The initial hidden and cell
 * states are placeholders, so a training loop can feed a batch's final states back in.
 */
public final class LstmLayer {
  final Output x;
  final Output initHiddenState;
  final Output initCellState;
  final Variable wF;
  final Variable bF;
  final Variable wI;
  final Variable bI;
  final Variable wC;
  final Variable bC;
  final Variable wO;
  final Variable bO;
  final List<Output> hiddenStates = new ArrayList<>();
  final List<Output> cellStates = new ArrayList<>();
  final int numHidden;
  final DType dtype;

  /**
   * Builds the layer over {@code x}, {@code [batch, trace, input]} with known sizes, in x's
   * dtype (float32 as in the notebook, or float64 for gradient checks).
   */
  LstmLayer(Ops tf, Output x, int numHidden) {
    this.x = x;
    this.numHidden = numHidden;
    this.dtype = x.dtype();
    int batchSize = x.shape().dim(0);
    int inputSize = x.shape().dim(2);
    List<Output> xSeries = tf.unstack(x, 1);
    initHiddenState = tf.placeholder(dtype, Shape.of(batchSize, numHidden), "init_hidden_state");
    initCellState = tf.placeholder(dtype, Shape.of(batchSize, numHidden), "init_cell_state");
    Shape wShape = Shape.of(numHidden + inputSize, numHidden);
    try (var s = tf.nameScope("params")) {
      wF = weight(tf, wShape, "W_f");
      bF = bias(tf, numHidden, "b_f");
      wI = weight(tf, wShape, "W_i");
      bI = bias(tf, numHidden, "b_i");
      wC = weight(tf, wShape, "W_c");
      bC = bias(tf, numHidden, "b_c");
      wO = weight(tf, wShape, "W_o");
      bO = bias(tf, numHidden, "b_o");
    }
    Output h = initHiddenState;
    Output c = initCellState;
    for (int t = 0; t < xSeries.size(); t++) {
      Output[] hc = cell(tf, xSeries.get(t), h, c, "Cell_" + t);
      h = hc[0];
      c = hc[1];
      hiddenStates.add(h);
      cellStates.add(c);
    }
  }

  private Variable weight(Ops tf, Shape shape, String name) {
    return weight(tf, shape, dtype, name);
  }

  private Variable bias(Ops tf, int numHidden, String name) {
    return bias(tf, numHidden, dtype, name);
  }

  /** {@code tf.Variable(tf.truncated_normal(shape))}. */
  static Variable weight(Ops tf, Shape shape, DType dtype, String name) {
    return tf.variable(tf.truncatedNormal(shape, 0, 1, dtype, null), name);
  }

  /** {@code tf.Variable(tf.constant(0.1, shape=[1, n]))}. */
  static Variable bias(Ops tf, int n, DType dtype, String name) {
    Tensor v = HandmadeLstmCell.constant(0.1f, 1, n);
    if (dtype == DType.FLOAT64) {
      double[] d = new double[n];
      java.util.Arrays.fill(d, 0.1);
      v = Tensor.create(Shape.of(1, n), d);
    }
    return tf.variable(tf.constant(v), name);
  }

  /** One step in its own scope; returns {h_t, c_t}. */
  private Output[] cell(Ops tf, Output xT, Output hidden, Output cell, String scope) {
    try (var s = tf.nameScope(scope)) {
      Output fT;
      try (var g = tf.nameScope("forget_gate")) {
        fT = tf.sigmoid(affine(tf, hidden, xT, wF, bF), "f_t");
      }
      Output iT;
      try (var g = tf.nameScope("input_gate")) {
        iT = tf.sigmoid(affine(tf, hidden, xT, wI, bI), "i_t");
      }
      Output cCandidate;
      try (var g = tf.nameScope("candidate_values")) {
        cCandidate = tf.tanh(affine(tf, hidden, xT, wC, bC), "c_t_");
      }
      Output cT;
      try (var g = tf.nameScope("update_cell_state")) {
        Output cTf = tf.multiply(cell, fT, "c_t_f");
        Output cTi = tf.multiply(cCandidate, iT, "c_t_i");
        cT = tf.add(cTf, cTi, "c_t");
      }
      Output oT;
      try (var g = tf.nameScope("output_gate")) {
        oT = tf.sigmoid(affine(tf, hidden, xT, wO, bO), "o_t");
      }
      Output hT;
      try (var g = tf.nameScope("update_hidden_state")) {
        hT = tf.multiply(tf.tanh(cT), oT, "h_t");
      }
      return new Output[] {hT, cT};
    }
  }

  private static Output affine(Ops tf, Output hidden, Output xT, Variable w, Variable b) {
    return tf.add(tf.matmul(tf.concat(List.of(hidden, xT), 1), w), b);
  }

  /** The parameters, in the notebook's order. */
  List<Variable> params() {
    return List.of(wF, bF, wI, bI, wC, bC, wO, bO);
  }

  /** A zero state for this layer's batch. */
  Tensor zeroState() {
    return Tensor.zeros(dtype, initHiddenState.shape());
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("LstmLayer",
      "Notebook 000: the LSTM unrolled over 5 steps with shared parameters.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(2, 5, 4), "input_series");
    LstmLayer rnn = new LstmLayer(tf, x, 3);
    Tensor xs = Arrays2.randomUniform(new Random(seed), 2, 5, 4);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Session.Runner r = sess.runner().feed(x, xs)
          .feed(rnn.initHiddenState, rnn.zeroState()).feed(rnn.initCellState, rnn.zeroState());
      rnn.hiddenStates.forEach(r::fetch);
      List<Tensor> h = r.run();
      out.println("input " + x.shape() + ", " + rnn.hiddenStates.size()
          + " unrolled steps sharing " + rnn.params().size() + " parameters");
      out.println("hidden states:");
      h.forEach(out::println);
    }
    GraphFiles.write(g, args.outDir(), "000_lstm_layer", out);
  }
}
