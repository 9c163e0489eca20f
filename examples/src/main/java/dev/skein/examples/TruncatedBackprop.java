package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.autodiff.AdagradOptimizer;
import dev.skein.autodiff.Initializers;
import dev.skein.autodiff.Losses;
import dev.skein.autodiff.VariableScope.Reuse;
import dev.skein.autodiff.VariableScopes;
import dev.skein.autodiff.Variables;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.examples.data.BinaryDependencyData;
import dev.skein.autodiff.train.DataSource;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.Trainer;
import dev.skein.autodiff.train.TrainingListener;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.GraphFiles;
import dev.skein.monitor.LinePlot;
import dev.skein.monitor.ProgressListener;
import dev.skein.monitor.ProgressMode;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Notebook 003: a vanilla RNN trained with truncated backpropagation through time on
 * {@link BinaryDependencyData} (Y depends on X 3 and 8 steps back), in the notebook's three
 * forms: the cell written by hand with variable scopes and unrolled in a Java loop
 * ({@link Form#HANDMADE}), {@code staticRnn} with a {@code BasicRnnCell} ({@link Form#STATIC}),
 * and {@code dynamicRnn} over a 3-d input ({@link Form#DYNAMIC}). The graph is
 * {@code num_steps} wide; each batch's final state is fed back as the next batch's initial state
 * (the "truncation": errors flow back at most {@code num_steps} steps). Adagrad, learning rate
 * 0.1, batches of 200.
 *
 * <p>The model (notebook section 1): {@code S_t = tanh(W [X_t, S_{t-1}] + b_s)},
 * {@code P_t = softmax(U S_t + b_p)}.
 */
public final class TruncatedBackprop {
  static final int BATCH_SIZE = 200;
  static final int NUM_CLASSES = 2;
  static final double LEARNING_RATE = 0.1;

  /** How the RNN is built. */
  enum Form {
    HANDMADE("hand-made cell"), STATIC("staticRnn"), DYNAMIC("dynamicRnn");

    final String title;

    Form(String title) {
      this.title = title;
    }
  }

  /** The graph's handles; {@code initState} is fed with the previous batch's final state. */
  record Model(Form form, int numSteps, int stateSize, Graph graph, Output x, Output y,
      Output initState, Output totalLoss, Output finalState, Operation trainStep,
      Operation init) {}

  private TruncatedBackprop() {}

  static Model build(Form form, int numSteps, int stateSize, long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    // placeholders
    Output x = tf.placeholder(INT32, Shape.of(BATCH_SIZE, numSteps), "input_placeholder");
    Output y = tf.placeholder(INT32, Shape.of(BATCH_SIZE, numSteps), "labels_placeholder");
    Output initState = tf.zeros(Shape.of(BATCH_SIZE, stateSize)); // fed, as TF allows
    Output xOneHot = tf.oneHot(x, NUM_CLASSES);
    Output totalLoss;
    Output finalState;
    if (form == Form.DYNAMIC) {
      // inputs [batch, num_steps, num_classes], one While loop over the steps
      BasicRnnCell cell = new BasicRnnCell(tf, stateSize);
      var r = Rnn.dynamicRnn(tf, cell, xOneHot, null, initState, false);
      finalState = r.state();
      Output[] wb = softmaxParams(tf, stateSize);
      Output logits = tf.reshape(
          tf.add(tf.matmul(tf.reshape(r.outputs(), new int[] {-1, stateSize}), wb[0]), wb[1]),
          new int[] {BATCH_SIZE, numSteps, NUM_CLASSES});
      // as in the notebook: labels [batch, num_steps], logits [batch, num_steps, num_classes]
      Output losses = Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits);
      totalLoss = tf.reduceMean(losses);
    } else {
      // a list of num_steps one-hot tensors [batch, num_classes]
      List<Output> rnnInputs = tf.unstack(xOneHot, 1);
      List<Output> rnnOutputs;
      if (form == Form.HANDMADE) {
        try (var s = VariableScopes.variableScope(g, "rnn_cell")) {
          Variables.getVariable(tf, "W", Shape.of(NUM_CLASSES + stateSize, stateSize));
          Variables.getVariable(tf, "b", Shape.of(stateSize), FLOAT32,
              Initializers.constant(0.0));
        }
        Output state = initState;
        rnnOutputs = new ArrayList<>();
        for (Output in : rnnInputs) {
          state = rnnCell(tf, in, state, stateSize);
          rnnOutputs.add(state);
        }
        finalState = rnnOutputs.get(rnnOutputs.size() - 1);
      } else {
        BasicRnnCell cell = new BasicRnnCell(tf, stateSize);
        var r = Rnn.staticRnn(tf, cell, rnnInputs, initState, null);
        rnnOutputs = r.outputs();
        finalState = r.state();
      }
      // logits, predictions, one loss per step
      Output[] wb = softmaxParams(tf, stateSize);
      List<Output> yAsList = tf.unstack(y, 1, numSteps);
      List<Output> losses = new ArrayList<>();
      for (int t = 0; t < numSteps; t++) {
        Output logit = tf.add(tf.matmul(rnnOutputs.get(t), wb[0]), wb[1]);
        losses.add(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, yAsList.get(t), logit));
      }
      totalLoss = tf.reduceMean(tf.stack(losses)); // tf.reduce_mean(list) packs the list
    }
    Operation trainStep = new AdagradOptimizer(tf, LEARNING_RATE).minimize(totalLoss);
    return new Model(form, numSteps, stateSize, g, x, y, initState, totalLoss, finalState,
        trainStep, tf.globalVariablesInitializer());
  }

  /** The notebook's {@code rnn_cell}: reuses {@code rnn_cell/W} and {@code rnn_cell/b}. */
  private static Output rnnCell(Ops tf, Output rnnInput, Output state, int stateSize) {
    Variable w;
    Variable b;
    try (var s = VariableScopes.variableScope(tf.graph(), "rnn_cell", Reuse.REUSE)) {
      w = Variables.getVariable(tf, "W", Shape.of(NUM_CLASSES + stateSize, stateSize));
      b = Variables.getVariable(tf, "b", Shape.of(stateSize), FLOAT32,
          Initializers.constant(0.0));
    }
    return tf.tanh(tf.add(tf.matmul(tf.concat(List.of(rnnInput, state), 1), w), b));
  }

  /** {@code softmax/W} [state_size, num_classes] and {@code softmax/b} [num_classes] = 0. */
  private static Output[] softmaxParams(Ops tf, int stateSize) {
    try (var s = VariableScopes.variableScope(tf.graph(), "softmax")) {
      return new Output[] {
          Variables.getVariable(tf, "W", Shape.of(stateSize, NUM_CLASSES)),
          Variables.getVariable(tf, "b", Shape.of(NUM_CLASSES), FLOAT32,
              Initializers.constant(0.0))};
    }
  }

  /** What a training run measured: each batch's loss, and the notebook's 100-step means. */
  record Losses100(double[] batchLosses, List<Double> trainingLosses) {
    /** The mean loss over the last {@code n} batches. */
    double tailMean(int n) {
      double s = 0;
      int k = Math.min(n, batchLosses.length);
      for (int i = batchLosses.length - k; i < batchLosses.length; i++) {
        s += batchLosses[i];
      }
      return s / k;
    }
  }

  /**
   * {@code train_network}: per epoch a fresh series ({@code gen_data(size)}), the state reset to
   * zeros, then each batch's final state fed back as the next initial state. Collects the mean
   * loss of each block of 100 steps, as the notebook's {@code training_losses}, and prints them
   * if {@code verbose}; shows a progress bar if {@code progress}.
   */
  static Losses100 trainNetwork(Model m, int numEpochs, int dataSize, long seed,
      boolean verbose, PrintStream out, boolean progress) {
    Random rnd = new Random(seed);
    List<Double> trainingLosses = new ArrayList<>();
    int perEpoch = dataSize / BATCH_SIZE / m.numSteps();
    // per epoch a fresh series, cut into batches of num_steps columns
    DataSource series = new DataSource() {
      @Override
      public Iterable<Map<Output, Tensor>> batches(int epoch) {
        BinaryDependencyData.Batches batches = BinaryDependencyData.generate(rnd, dataSize)
            .batches(BATCH_SIZE, m.numSteps());
        List<Map<Output, Tensor>> l = new ArrayList<>();
        for (int step = 0; step < batches.count(); step++) {
          l.add(Map.of(m.x(), batches.x(step), m.y(), batches.y(step)));
        }
        return l;
      }

      @Override
      public int batchesPerEpoch() {
        return perEpoch;
      }
    };
    ProgressListener bar = new ProgressListener(out, progress ? ProgressMode.auto()
        : ProgressMode.OFF);
    History h;
    try (Session sess = new Session(m.graph())) {
      sess.run(m.init());
      h = new Trainer(sess, m.trainStep(), m.totalLoss())
          .carry(m.initState(), m.finalState(),
              Tensor.zeros(FLOAT32, Shape.of(BATCH_SIZE, m.stateSize())))
          .listener(bar)
          .listener(new TrainingListener() {
            private double trainingLoss;
            private int count;

            @Override
            public void onEpochStart(int epoch) {
              trainingLoss = 0;
              count = 0;
              if (verbose) {
                bar.log("\nEPOCH " + epoch);
              }
            }

            @Override
            public void onBatchEnd(int epoch, int step, double loss) {
              trainingLoss += loss;
              count++;
              // the notebook divides by 100 after steps 0..100 (101 losses) then every 100;
              // this divides by the count, so the first block is a true mean too
              if (step % 100 == 0 && step > 0) {
                double mean = trainingLoss / count;
                trainingLosses.add(mean);
                if (verbose) {
                  bar.log(String.format(Locale.ROOT,
                      "Average loss at step %d for last 100 steps: %.4f", step, mean));
                }
                trainingLoss = 0;
                count = 0;
              }
            }
          }).fit(series, numEpochs);
    }
    double[] batchLosses = h.batchLosses().stream().mapToDouble(Double::doubleValue).toArray();
    return new Losses100(batchLosses, trainingLosses);
  }

  /** The nearest of the notebook's expectations, in words. */
  static String learned(double loss) {
    double[] e = BinaryDependencyData.expectedLosses();
    String[] what = {"neither dependency", "the first dependency", "both dependencies"};
    int best = 0;
    for (int i = 1; i < e.length; i++) {
      if (Math.abs(loss - e[i]) < Math.abs(loss - e[best])) {
        best = i;
      }
    }
    return what[best];
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("TruncatedBackprop",
      "Notebook 003: a vanilla RNN with truncated backpropagation, three ways, and the num_steps x state_size table.")
      .training("The notebook's full table (3 epochs on the whole series).")
      .option("epochs", "N", int.class, "Epochs of the three trainings (default: 1).")
      .option("size", "N", int.class, "Steps of the binary series (default: 1000000).")
      .option("table-epochs", "N", int.class, "Epochs of each table entry (default: 1, or 3 with --full).")
      .option("table-size", "N", int.class, "Series steps of each table entry (default: 300000).");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  /**
   * The notebook's runs: each form trained with num_steps 5 and state_size 4 (the notebook's
   * {@code train_network(1, num_steps)}: one epoch; {@code --epochs N}, default 1), then the
   * TODO table. {@code --full}: the table trains 3 epochs of the notebook's 1,000,000-step
   * series per cell; the tour's short run, 1 epoch of 300,000 steps ({@code --table-epochs},
   * {@code --table-size} override).
   */
  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    int epochs = args.intValue("epochs", 1);
    int size = args.intValue("size", BinaryDependencyData.DEFAULT_SIZE);
    double[] expected = BinaryDependencyData.expectedLosses();
    out.println("Expected cross entropy loss if the model:");
    out.printf(Locale.ROOT, "- learns neither dependency: %.4f%n", expected[0]);
    out.printf(Locale.ROOT, "- learns first dependency:   %.4f%n", expected[1]);
    out.printf(Locale.ROOT, "- learns both dependencies:  %.4f%n", expected[2]);
    LinePlot plot = new LinePlot("003: truncated backprop, num_steps 5, state_size 4, Adagrad 0.1",
        "step (hundreds of batches)", "mean cross-entropy of the last 100 batches");
    for (Form form : Form.values()) {
      out.println();
      out.println("-- " + form.title + ": num_steps 5, state_size 4, " + epochs + " epoch"
          + (epochs == 1 ? "" : "s") + " of " + size + " steps");
      Model m;
      try {
        m = build(form, 5, 4, seed);
      } catch (RuntimeException e) {
        out.println(form.title + " cannot be trained here yet: " + firstLine(e));
        continue;
      }
      GraphFiles.write(m.graph(), args.outDir(), "003_" + form.name().toLowerCase(Locale.ROOT),
          out);
      Losses100 r = trainNetwork(m, epochs, size, seed, true, out, true);
      double last = r.tailMean(100);
      out.printf(Locale.ROOT, "%s: loss of the last 100 batches %.4f (notebook: %.2f if it"
          + " learns neither dependency, %.2f the first, %.2f both) -> it learned %s%n",
          form.title, last, expected[0], expected[1], expected[2], learned(last));
      double[] xs = new double[r.trainingLosses().size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = i + 1;
      }
      plot.add(form.title, xs, r.trainingLosses().stream().mapToDouble(Double::doubleValue)
          .toArray());
    }
    plot.reference("learns neither (0.66)", expected[0])
        .reference("learns the first (0.52)", expected[1])
        .reference("learns both (0.45)", expected[2]);
    writePlot(plot, args.outDir().resolve("003_losses.png"), out);

    int tableEpochs = args.intValue("table-epochs", args.full() ? 3 : 1);
    int tableSize = args.intValue("table-size", args.full() ? size : 300_000);
    table(tableEpochs, tableSize, seed, out, args.outDir());
  }

  /** The notebook's TODO: final loss for num_steps 1, 5, 10 by state_size 4, 16 (staticRnn). */
  static double[][] table(int epochs, int size, long seed, PrintStream out, Path dir) {
    int[] numSteps = {1, 5, 10};
    int[] stateSizes = {4, 16};
    double[][] loss = new double[numSteps.length][stateSizes.length];
    out.println();
    out.printf(Locale.ROOT, "-- TODO table: staticRnn, %d epoch%s of %,d steps each%n", epochs,
        epochs == 1 ? "" : "s", size);
    LinePlot plot = new LinePlot("003: num_steps x state_size", "step (hundreds of batches)",
        "mean cross-entropy of the last 100 batches");
    for (int i = 0; i < numSteps.length; i++) {
      for (int j = 0; j < stateSizes.length; j++) {
        Model m = build(Form.STATIC, numSteps[i], stateSizes[j], seed);
        Losses100 r = trainNetwork(m, epochs, size, seed, false, out, true);
        loss[i][j] = r.tailMean(100);
        plot.add("num_steps " + numSteps[i] + ", state_size " + stateSizes[j],
            r.trainingLosses().stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    out.println("final loss (mean of the last 100 batches):");
    out.println("num_steps | state_size 4 | state_size 16 | learned (4 / 16)");
    for (int i = 0; i < numSteps.length; i++) {
      out.printf(Locale.ROOT, "%9d | %12.4f | %13.4f | %s / %s%n", numSteps[i], loss[i][0],
          loss[i][1], learned(loss[i][0]), learned(loss[i][1]));
    }
    double[] e = BinaryDependencyData.expectedLosses();
    plot.reference("learns neither (0.66)", e[0]).reference("learns the first (0.52)", e[1])
        .reference("learns both (0.45)", e[2]);
    writePlot(plot, dir.resolve("003_table.png"), out);
    return loss;
  }

  static void writePlot(LinePlot plot, Path file, PrintStream out) {
    try {
      plot.writePng(file);
      out.println("loss curves -> " + file);
    } catch (IOException e) {
      out.println("plot not written: " + e);
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
