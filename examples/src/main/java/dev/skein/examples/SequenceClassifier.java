package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.autodiff.train.Batches;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.Trainer;
import dev.skein.autodiff.train.TrainingListener;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.examples.data.MnistData;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.GraphFiles;
import dev.skein.examples.util.LastBatchSource;
import dev.skein.monitor.LinePlot;
import dev.skein.monitor.LossCurveListener;
import dev.skein.monitor.ProgressListener;
import dev.skein.monitor.ProgressMode;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.LstmStateTuple;
import dev.skein.rnn.Rnn;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Notebooks 001 and 002, "Training a sequence classifier": each 28x28 image is read row by row
 * as a sequence of 28 steps of 28 inputs by a dynamic RNN of 150 units; a dense layer maps the
 * final state to 10 logits; sparse softmax cross-entropy, Adam (learning rate 0.001), batches of
 * 150, accuracy by {@code inTopK(logits, y, 1)}. The notebooks train on MNIST; this port reads
 * Fashion-MNIST (same format, harder) with a real IDX loader, from
 * {@value #DEFAULT_DIR_TEXT} or the directory given as the first argument (MNIST files work too).
 *
 * <p>{@code --lstm} swaps the BasicRnnCell for a BasicLstmCell of 150 units (the final state's h
 * goes to the dense layer). As in the notebooks, the first 5,000 training images are held out as
 * a validation set and the model trains on the other 55,000.
 *
 * <p>Flags: {@code --static} unrolls with staticRnn instead of dynamicRnn; {@code --full}
 * trains 15 epochs on everything (the notebooks' 100 epochs were interrupted after 12 to 19);
 * without it a short run trains one epoch on {@code --train N} images (default 10,000) and tests
 * on {@code --test N} (default 2,000). {@code --epochs N} overrides the number of epochs.
 */
public final class SequenceClassifier {
  static final String DEFAULT_DIR_TEXT = "/usr/share/datasets/fashion-mnist";
  static final int N_STEPS = 28;
  static final int N_INPUTS = 28;
  static final int N_NEURONS = 150;
  static final int N_OUTPUTS = 10;
  static final double LEARNING_RATE = 0.001;
  static final int BATCH_SIZE = 150;
  static final int VALIDATION = 5000;

  /** The graph's handles. */
  record Model(Graph graph, Output x, Output y, Output logits, Output loss, Output accuracy,
      Operation trainingOp, Operation init) {}

  /** What a training run measured. */
  record Result(List<Double> testAccuracy, List<Double> lastBatchAccuracy,
      List<Double> secondsPerEpoch, List<Double> batchLosses) {
    double finalTestAccuracy() {
      return testAccuracy.get(testAccuracy.size() - 1);
    }
  }

  private SequenceClassifier() {}

  static Model build(boolean lstm, long seed) {
    return build(lstm, false, seed);
  }

  /**
   * The model; {@code unrolled} builds the same network with {@code staticRnn} over the 28 rows
   * (unstacked from the time-major transpose, as in the notebooks' "packing sequences") instead
   * of {@code dynamicRnn}'s loop: the same variables and numbers, a bigger graph.
   */
  static Model build(boolean lstm, boolean unrolled, long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, N_STEPS, N_INPUTS), "X");
    Output y = tf.placeholder(INT32, Shape.of(-1), "y");
    Output states;
    List<Output> xSeqs = unrolled ? tf.unstack(tf.transpose(x, new int[] {1, 0, 2})) : null;
    if (lstm) {
      BasicLstmCell cell = new BasicLstmCell(tf, N_NEURONS);
      LstmStateTuple s = unrolled ? Rnn.staticRnn(tf, cell, xSeqs).state()
          : Rnn.dynamicRnn(tf, cell, x, null).state();
      states = s.h();
    } else {
      BasicRnnCell cell = new BasicRnnCell(tf, N_NEURONS);
      states = unrolled ? Rnn.staticRnn(tf, cell, xSeqs).state()
          : Rnn.dynamicRnn(tf, cell, x, null).state();
    }
    Output logits = Layers.dense(tf, states, N_OUTPUTS);
    Output xentropy = Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits);
    Output loss = tf.reduceMean(xentropy);
    Operation trainingOp = new AdamOptimizer(tf, LEARNING_RATE).minimize(loss);
    Output correct = tf.inTopK(logits, y, 1);
    Output accuracy = tf.reduceMean(tf.cast(correct, FLOAT32));
    return new Model(g, x, y, logits, loss, accuracy, trainingOp,
        tf.globalVariablesInitializer());
  }

  /** Accuracy over a whole split, evaluated in chunks of 2,000 images to bound memory. */
  static double accuracy(Session sess, Model m, MnistData.Split split) {
    double correct = 0;
    for (Map<Output, Tensor> chunk : Batches.inOrder(feeds(m, split), 2000).batches(0)) {
      Session.Runner r = sess.runner().fetch(m.accuracy());
      chunk.forEach(r::feed);
      correct += r.run().get(0).doubleValue() * chunk.get(m.y()).shape().dim(0);
    }
    return correct / split.count();
  }

  /** A split as the feeds of its images and labels. */
  static Map<Output, Tensor> feeds(Model m, MnistData.Split split) {
    return Map.of(m.x(), split.allImages(), m.y(), split.allLabels());
  }

  /**
   * The notebooks' loop, as a {@link Trainer}: each epoch shuffles the training images and
   * splits them into batches of about 150 ({@code np.array_split}), runs the training op on
   * each, then evaluates the test accuracy (in chunks of 2,000 images) and, as the notebooks
   * print it, the accuracy on the epoch's last batch, both on the progress listener's line for
   * the epoch. {@code lossPng} (may be null) gets the loss
   * curve, redrawn after every epoch.
   */
  static Result train(Model m, MnistData.Split train, MnistData.Split test, int epochs,
      long seed, PrintStream out, ProgressMode progress, Path lossPng) {
    LastBatchSource batches = new LastBatchSource(Batches.shuffled(feeds(m, train), BATCH_SIZE, seed));
    List<Double> batchAcc = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    History h;
    try (Session sess = new Session(m.graph())) {
      sess.run(m.init());
      Trainer trainer = new Trainer(sess, m.trainingOp(), m.loss())
          .validation(Batches.inOrder(feeds(m, test), 2000), Map.of("accuracy", m.accuracy()));
      // Before the progress listener, which then adds the last batch's accuracy to its line.
      trainer.listener(new TrainingListener() {
        private long t0;

        @Override
        public void onEpochStart(int epoch) {
          t0 = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, double loss, Map<String, Double> metrics) {
          Session.Runner r = sess.runner().fetch(m.accuracy());
          batches.last().forEach(r::feed);
          double acc = r.run().get(0).doubleValue();
          double t = (System.nanoTime() - t0) / 1e9;
          batchAcc.add(acc);
          seconds.add(t);
        }
      });
      trainer.listener(new ProgressListener(out, progress).withEpochMetrics(
          e -> Map.of("last batch accuracy", batchAcc.get(e))));
      if (lossPng != null) {
        trainer.listener(new LossCurveListener(lossPng, "notebook 002: training loss"));
      }
      h = trainer.fit(batches, epochs);
    }
    return new Result(h.metric("accuracy"), batchAcc, seconds, h.batchLosses());
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("SequenceClassifier",
      "Notebooks 001-002: a sequence classifier on Fashion-MNIST (an image read row by row).")
      .training("15 epochs on all 55,000 training and 10,000 test images.")
      .flag("lstm", "BasicLstmCell(150) instead of BasicRnnCell(150).")
      .flag("static", "Unroll with staticRnn instead of dynamicRnn's While loop.")
      .option("epochs", "N", int.class, "Epochs (default: 1, or 15 with --full).")
      .option("train", "N", int.class, "Training images without --full (default: 10000).")
      .option("test", "N", int.class, "Test images without --full (default: 2000).")
      .option("data", "DIR", String.class, "The Fashion-MNIST directory (default: " + DEFAULT_DIR_TEXT + ").")
      .positional("DIR", "The Fashion-MNIST directory, as --data.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static Result run(Args args, PrintStream out) throws IOException {
    boolean lstm = args.flag("lstm");
    long seed = args.longValue("seed", 42);
    Path dir = args.positional().isEmpty() ? Path.of(args.value("data", DEFAULT_DIR_TEXT))
        : Path.of(args.positional().get(0));
    if (!MnistData.isPresent(dir)) {
      out.println("Fashion-MNIST not found in " + dir + " (install Debian's dataset-fashion-mnist"
          + " or pass a directory holding train-images-idx3-ubyte.gz and the three other files)");
      return null;
    }
    MnistData.Dataset ds = MnistData.load(dir);
    MnistData.Split valid = ds.train().range(0, VALIDATION);
    MnistData.Split train = ds.train().range(VALIDATION, ds.train().count());
    MnistData.Split test = ds.test();
    int epochs = args.intValue("epochs", args.full() ? 15 : 1);
    if (!args.full()) {
      train = train.range(0, Math.min(train.count(), args.intValue("train", 10000)));
      test = test.range(0, Math.min(test.count(), args.intValue("test", 2000)));
    }
    String cellName = lstm ? "BasicLstmCell" : "BasicRnnCell";
    boolean unrolled = Unroll.unrolled(args, out);
    out.printf(Locale.ROOT, "%s(%d), %s, over %d steps of %d inputs; %d training images (%d"
        + " held out for validation), %d test images, %d epoch%s of batches of %d, Adam %.3f%n",
        cellName, N_NEURONS, unrolled ? "staticRnn" : "dynamicRnn", N_STEPS, N_INPUTS,
        train.count(), valid.count(), test.count(), epochs, epochs == 1 ? "" : "s", BATCH_SIZE,
        LEARNING_RATE);
    Model m = build(lstm, unrolled, seed);
    String name = lstm ? "002_sequence_classifier_lstm" : "002_sequence_classifier_rnn";
    GraphFiles.write(m.graph(), args.outDir(), name, out);
    Result r = train(m, train, test, epochs, seed, out, ProgressMode.auto(),
        args.outDir().resolve(name + "_loss.png"));
    writePlots(r, args.outDir(), name, cellName, out);
    return r;
  }

  static void writePlots(Result r, Path dir, String name, String cellName, PrintStream out) {
    double[] losses = r.batchLosses().stream().mapToDouble(Double::doubleValue).toArray();
    double[] acc = r.testAccuracy().stream().mapToDouble(Double::doubleValue).toArray();
    double[] epochs = new double[acc.length];
    for (int i = 0; i < acc.length; i++) {
      epochs[i] = i + 1;
    }
    try {
      Path lossPng = dir.resolve(name + "_loss_smoothed.png");
      new LinePlot(cellName + "(150) on Fashion-MNIST: training loss", "batch",
          "cross-entropy").add("batch loss (mean of 20)", smooth(losses, 20)).writePng(lossPng);
      Path accPng = dir.resolve(name + "_accuracy.png");
      new LinePlot(cellName + "(150) on Fashion-MNIST: test accuracy", "epoch", "accuracy")
          .add("test accuracy", epochs, acc, true).writePng(accPng);
      out.println("plots -> " + dir.resolve(name + "_loss.png") + ", " + lossPng.getFileName()
          + ", " + accPng.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A running mean over the last {@code window} values. */
  static double[] smooth(double[] v, int window) {
    double[] s = new double[v.length];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      if (i >= window) {
        sum -= v[i - window];
      }
      s[i] = sum / Math.min(i + 1, window);
    }
    return s;
  }
}
