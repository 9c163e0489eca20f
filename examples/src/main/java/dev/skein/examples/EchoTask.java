package dev.skein.examples;

import dev.skein.autodiff.RMSPropOptimizer;
import dev.skein.autodiff.train.DataSource;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.Trainer;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.examples.data.EchoData;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.GraphFiles;
import dev.skein.monitor.LinePlot;
import dev.skein.monitor.ProgressListener;
import dev.skein.monitor.ProgressMode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Notebook 000, the echo task: the unrolled {@link LstmLayer} (3 units) with a softmax output
 * learns to echo a random binary series 3 steps late, trained with RMSProp (0.1) on batches of 5
 * rows x 15 steps, each batch's final hidden and cell states fed back as the next batch's
 * initial states.
 *
 * <p>The notebook's cell fails ("cannot reshape array of size 50000 into shape (5,15)"): its
 * training loop reshapes the whole 50,000-step series into a single [5, 15] batch (and its
 * {@code generate_data} reshapes to {@code (batch_size, )}). Fixed here the way the blog post it
 * follows does it: the series is reshaped to [batch_size, -1] = [5, 10000] rows, and each epoch
 * walks the rows {@code trace_length} columns at a time, {@code num_batches =
 * 50000 / 5 / 15 = 666} training steps per epoch, the states carried from batch to batch (reset
 * at each epoch's new series). The inputs also get the placeholder's trailing input_size axis
 * ([5, 15, 1]) and the targets are made one-hot ([5, 15, 2]) to match the y placeholder; the
 * notebook's per-epoch print ({@code "Epoch: %d, loss: %.2f" % (total_loss_)}, two fields for
 * one value) is the progress listener's line per epoch, with the epoch's mean loss. The loop is
 * a {@link Trainer} with the two states carried ({@link Trainer#carry}).
 */
public final class EchoTask {
  static final int TOTAL_SERIES_LENGTH = 50000;
  static final int TRACE_LENGTH = 15;
  static final int INPUT_SIZE = 1;
  /** The notebook sets num_hidden = 4, then 3 just before building the layer; 3 is used. */
  static final int NUM_HIDDEN = 3;
  static final int NUM_CLASSES = 2;
  static final int ECHO_STEP = 3;
  static final int BATCH_SIZE = 5;

  private EchoTask() {}

  /** Per-epoch mean loss and the share of echoed steps predicted right on a new series. */
  record Result(double[] epochLosses, double lastEpochAccuracy) {}

  /**
   * Trains with a {@link Trainer}: each epoch a new series (from {@code seed}'s generator), 666
   * batches, the LSTM's final hidden and cell states carried from batch to batch and reset to
   * zeros at each epoch's start. Then the accuracy is measured the same way, state carried, on a
   * series the training never saw.
   */
  static Result train(int numEpochs, long seed, PrintStream out, ProgressMode progress,
      java.nio.file.Path graphDir) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(BATCH_SIZE, TRACE_LENGTH, INPUT_SIZE),
        "input_series");
    LstmBackprop.Model m = LstmBackprop.build(tf, x, NUM_HIDDEN, NUM_CLASSES);
    Operation trainStep = new RMSPropOptimizer(tf, 0.1).minimize(m.totalLoss());
    if (graphDir != null) {
      GraphFiles.write(g, graphDir, "000_echo", out);
    }
    LstmLayer rnn = m.rnn();
    Output lastH = rnn.hiddenStates.get(TRACE_LENGTH - 1);
    Output lastC = rnn.cellStates.get(TRACE_LENGTH - 1);
    Output predicted = tf.argMax(tf.stack(m.preds(), 1), 2); // [batch, trace]
    Random rnd = new Random(seed);
    int numBatches = TOTAL_SERIES_LENGTH / BATCH_SIZE / TRACE_LENGTH;
    DataSource series = new DataSource() {
      @Override
      public Iterable<Map<Output, Tensor>> batches(int epoch) {
        EchoData data = EchoData.generate(rnd, TOTAL_SERIES_LENGTH, ECHO_STEP, BATCH_SIZE);
        List<Map<Output, Tensor>> b = new ArrayList<>(numBatches);
        for (int i = 0; i < numBatches; i++) {
          b.add(Map.of(x, data.inputs(i, TRACE_LENGTH), m.y(),
              data.oneHotTargets(i, TRACE_LENGTH)));
        }
        return b;
      }

      @Override
      public int batchesPerEpoch() {
        return numBatches;
      }
    };
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      History h = new Trainer(sess, trainStep, m.totalLoss())
          .carry(rnn.initHiddenState, lastH, rnn.zeroState())
          .carry(rnn.initCellState, lastC, rnn.zeroState())
          .listener(new ProgressListener(out, progress))
          .fit(series, numEpochs);
      double[] epochLosses = h.epochLosses().stream().mapToDouble(Double::doubleValue).toArray();
      return new Result(epochLosses, accuracy(sess, rnd, x, rnn, lastH, lastC, predicted));
    }
  }

  /** The share of a new series' echoed steps predicted right, the states carried. */
  private static double accuracy(Session sess, Random rnd, Output x, LstmLayer rnn, Output lastH,
      Output lastC, Output predicted) {
    EchoData data = EchoData.generate(rnd, TOTAL_SERIES_LENGTH, ECHO_STEP, BATCH_SIZE);
    Tensor h = rnn.zeroState();
    Tensor c = rnn.zeroState();
    long right = 0;
    long counted = 0;
    for (int b = 0; b < TOTAL_SERIES_LENGTH / BATCH_SIZE / TRACE_LENGTH; b++) {
      List<Tensor> r = sess.runner().feed(x, data.inputs(b, TRACE_LENGTH))
          .feed(rnn.initHiddenState, h).feed(rnn.initCellState, c)
          .fetch(lastH).fetch(lastC).fetch(predicted).run();
      h = r.get(0);
      c = r.get(1);
      int[] pred = r.get(2).ints();
      for (int row = 0; row < BATCH_SIZE; row++) {
        for (int t = 0; t < TRACE_LENGTH; t++) {
          right += pred[row * TRACE_LENGTH + t] == data.y()[row][b * TRACE_LENGTH + t] ? 1 : 0;
          counted++;
        }
      }
    }
    return (double) right / counted;
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("EchoTask",
      "Notebook 000: the echo task, an unrolled LSTM(3) learning to echo a binary series.")
      .training("The notebook's 100 epochs instead of 5.")
      .option("epochs", "N", int.class, "Epochs (default: 5, or 100 with --full).");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  /** {@code --full}: the notebook's 100 epochs; otherwise {@code --epochs} (default 5). */
  static Result run(Args args, PrintStream out) throws IOException {
    int epochs = args.intValue("epochs", args.full() ? 100 : 5);
    out.printf(Locale.ROOT, "echo step %d, %d-step series as %d rows, batches of %d steps,"
        + " LSTM of %d units, RMSProp 0.1, %d epochs of %d batches%n", ECHO_STEP,
        TOTAL_SERIES_LENGTH, BATCH_SIZE, TRACE_LENGTH, NUM_HIDDEN, epochs,
        TOTAL_SERIES_LENGTH / BATCH_SIZE / TRACE_LENGTH);
    Result r = train(epochs, args.longValue("seed", 42), out, ProgressMode.auto(),
        args.outDir());
    out.printf(Locale.ROOT, "a new series: %.1f%% of the echoed bits predicted right (the loss is"
        + " summed over the batch of 5, so 5 x ln 2 = %.2f is chance)%n",
        100 * r.lastEpochAccuracy(), 5 * Math.log(2));
    java.nio.file.Path png = args.outDir().resolve("000_echo_loss.png");
    new LinePlot("000: echo task, LSTM(3), RMSProp 0.1", "epoch",
        "mean loss per batch (summed over 5 rows)").add("loss", r.epochLosses())
        .reference("chance: 5 ln 2", 5 * Math.log(2)).writePng(png);
    out.println("loss curve -> " + png);
    return r;
  }
}
