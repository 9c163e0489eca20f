package dev.skein.examples;

import dev.skein.autodiff.GradientChecker;
import dev.skein.autodiff.RMSPropOptimizer;
import dev.skein.core.DType;
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
import dev.skein.examples.util.Arrays2;
import dev.skein.examples.util.GraphFiles;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Notebook 000, "Implementing backprop": the unrolled {@link LstmLayer} gets a softmax output
 * per step ({@code preds} scope), a cross-entropy per step {@code reduce_sum(-y_t log(pred_t))}
 * ({@code losses/loss_i}), their mean ({@code losses/total_loss}) and an RMSProp (0.1) training
 * step; one step is run on a random batch. Then the notebook's unfinished cell, "Let's verify the
 * gradients that TensorFlow is calculating" ({@code # Try when you dare}), done: the same model
 * built in float64 and every parameter's gradient of the total loss compared with central
 * differences by {@link GradientChecker}.
 */
public final class LstmBackprop {
  /** The graph's handles. */
  record Model(Graph graph, Output x, LstmLayer rnn, Variable wP, Variable bP, Output y,
      List<Output> preds, List<Output> losses, Output totalLoss) {
    /** The layer's parameters then the output layer's. */
    List<Variable> params() {
      List<Variable> p = new ArrayList<>(rnn.params());
      p.add(wP);
      p.add(bP);
      return p;
    }
  }

  private LstmBackprop() {}

  /** The layer, the softmax outputs and the losses over {@code x} [batch, trace, input]. */
  static Model build(Ops tf, Output x, int numHidden, int numOutput) {
    DType dtype = x.dtype();
    int batchSize = x.shape().dim(0);
    int traceLength = x.shape().dim(1);
    LstmLayer rnn = new LstmLayer(tf, x, numHidden);
    // simple softmax output layer
    Variable wP = LstmLayer.weight(tf, Shape.of(numHidden, numOutput), dtype, "W_p");
    Variable bP = LstmLayer.bias(tf, numOutput, dtype, "b_p");
    List<Output> preds = new ArrayList<>();
    try (var s = tf.nameScope("preds")) {
      for (Output hT : rnn.hiddenStates) {
        preds.add(tf.softmax(tf.add(tf.matmul(hT, wP), bP)));
      }
    }
    // loss function
    Output y = tf.placeholder(dtype, Shape.of(batchSize, traceLength, numOutput), "y");
    List<Output> ySeries = tf.unstack(y, 1);
    List<Output> losses = new ArrayList<>();
    Output totalLoss;
    try (var s = tf.nameScope("losses")) {
      for (int i = 0; i < preds.size(); i++) {
        try (var l = tf.nameScope("loss_" + i)) {
          losses.add(tf.reduceSum(tf.mul(tf.neg(ySeries.get(i)), tf.log(preds.get(i)))));
        }
      }
      totalLoss = tf.reduceMean(tf.stack(losses), new int[] {0}, false, "total_loss");
    }
    return new Model(tf.graph(), x, rnn, wP, bP, y, preds, losses, totalLoss);
  }

  /**
   * The notebook's batch: x uniform in [0, 1); y one-hot, class 0 where a uniform draw is above
   * 0.5 ({@code y[:, :, 1] = 1 - y[:, :, 0]; (y > 0.5).astype(int)}).
   */
  static Tensor[] batch(Random rnd, int batchSize, int traceLength, int inputSize,
      int numOutput, DType dtype) {
    Tensor x = Arrays2.randomUniform(rnd, batchSize, traceLength, inputSize);
    float[] y = new float[batchSize * traceLength * numOutput];
    for (int i = 0; i < batchSize * traceLength; i++) {
      double u = rnd.nextDouble();
      y[i * numOutput] = u > 0.5 ? 1 : 0;
      y[i * numOutput + 1] = 1 - u > 0.5 ? 1 : 0;
    }
    Tensor yt = Tensor.create(Shape.of(batchSize, traceLength, numOutput), y);
    return dtype == DType.FLOAT64 ? new Tensor[] {toDouble(x), toDouble(yt)}
        : new Tensor[] {x, yt};
  }

  static Tensor toDouble(Tensor t) {
    return Tensor.create(t.shape(), t.toDoubleArray());
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("LstmBackprop",
      "Notebook 000: softmax outputs, a loss over steps and an RMSProp step; the gradients verified.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    int batchSize = 1;
    int traceLength = 3;
    int inputSize = 4;
    int numHidden = 3;
    int numOutput = 2;

    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(batchSize, traceLength, inputSize),
        "input_series");
    Model m = build(tf, x, numHidden, numOutput);
    Operation trainStep = new RMSPropOptimizer(tf, 0.1).minimize(m.totalLoss());
    Tensor[] xy = batch(new Random(seed), batchSize, traceLength, inputSize, numOutput,
        DType.FLOAT32);
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Session.Runner r = feeds(sess.runner(), m, xy);
      m.preds().forEach(r::fetch);
      m.losses().forEach(r::fetch);
      List<Tensor> v = r.addTarget(trainStep).run();
      out.println("preds:");
      v.subList(0, traceLength).forEach(out::println);
      out.println("labels:");
      out.println(Arrays2.index(xy[1], 0));
      out.println("losses:");
      v.subList(traceLength, 2 * traceLength).forEach(out::println);
      double after = feeds(sess.runner(), m, xy).fetch(m.totalLoss()).run().get(0)
          .doubleValue();
      double before = v.subList(traceLength, 2 * traceLength).stream()
          .mapToDouble(Tensor::doubleValue).average().orElseThrow();
      out.printf(Locale.ROOT, "total loss %.6f before the RMSProp step, %.6f after%n", before,
          after);
    }
    GraphFiles.write(g, args.outDir(), "000_lstm_backprop", out);

    out.println();
    out.println("Let's verify the gradients (float64, central differences, delta "
        + GradientChecker.DEFAULT_DELTA + "):");
    verifyGradients(seed, out);
  }

  private static Session.Runner feeds(Session.Runner r, Model m, Tensor[] xy) {
    Tensor zero = m.rnn().zeroState();
    return r.feed(m.x(), xy[0]).feed(m.rnn().initHiddenState, zero)
        .feed(m.rnn().initCellState, zero).feed(m.y(), xy[1]);
  }

  /**
   * Builds the model in float64, then checks d total_loss / d p for each parameter p at its
   * initial value, on a random batch with random (non-zero) initial states, so that every
   * parameter's gradient is exercised. Returns the largest relative error.
   */
  static double verifyGradients(long seed, PrintStream out) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2, 3, 4), "input_series");
    Model m = build(tf, x, 3, 2);
    Random rnd = new Random(seed + 1);
    Tensor[] xy = batch(rnd, 2, 3, 4, 2, DType.FLOAT64);
    Tensor h0 = toDouble(Arrays2.randomUniform(rnd, 2, 3));
    Tensor c0 = toDouble(Arrays2.randomUniform(rnd, 2, 3));
    double worst = 0;
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Map<Output, Tensor> feeds = new HashMap<>();
      feeds.put(x, xy[0]);
      feeds.put(m.y(), xy[1]);
      feeds.put(m.rnn().initHiddenState, h0);
      feeds.put(m.rnn().initCellState, c0);
      for (Variable p : m.params()) {
        Tensor value = sess.run(p);
        GradientChecker.Result r = GradientChecker.compute(sess, List.of(p), List.of(value),
            m.totalLoss(), feeds, GradientChecker.DEFAULT_DELTA);
        worst = Math.max(worst, r.maxRelError());
        out.printf(Locale.ROOT, "  %-9s %-7s max abs error %.2e, max rel error %.2e%n",
            p.varName(), p.shape(), r.maxAbsError(), r.maxRelError());
      }
    }
    out.printf(Locale.ROOT, "largest relative error %.2e: %s%n", worst, worst < 1e-6
        ? "the symbolic gradients match the finite differences"
        : "MISMATCH (over 1e-6)");
    return worst;
  }
}
