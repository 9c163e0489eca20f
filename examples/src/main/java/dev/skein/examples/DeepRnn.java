package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.examples.data.TimeSeriesData;
import dev.skein.autodiff.train.DataSource;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.Trainer;
import dev.skein.autodiff.train.TrainingListener;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.Arrays2;
import dev.skein.examples.util.GraphFiles;
import dev.skein.monitor.LinePlot;
import dev.skein.monitor.ProgressListener;
import dev.skein.monitor.ProgressMode;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.DeviceWrapper;
import dev.skein.rnn.DropoutWrapper;
import dev.skein.rnn.MultiRnnCell;
import dev.skein.rnn.RnnCell;
import dev.skein.rnn.RnnResult;
import dev.skein.rnn.StateTuple;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Notebook 004, "Deep RNNs": a MultiRnnCell stacking 3 BasicRnnCells of 100 ReLU units, run by
 * dynamicRnn; the same layers placed on three devices with DeviceWrapper (recorded on the ops,
 * everything runs on the CPU); and dropout: each layer wrapped in a DropoutWrapper with
 * {@code input_keep_prob} fed as a placeholder (0.5 while training, 1.0 to evaluate), the deep
 * RNN trained on the time series (a dense layer maps every step's 100 outputs to 1), MSE, Adam
 * (0.01), 1500 iterations of batches of 50.
 */
public final class DeepRnn {
  static final int N_NEURONS = 100;
  static final int N_LAYERS = 3;

  private DeepRnn() {}

  static List<RnnCell<?>> layers(Ops tf, boolean relu) {
    List<RnnCell<?>> layers = new ArrayList<>();
    for (int layer = 0; layer < N_LAYERS; layer++) {
      layers.add(relu ? new BasicRnnCell(tf, N_NEURONS, tf::relu)
          : new BasicRnnCell(tf, N_NEURONS));
    }
    return layers;
  }

  /** The three-layer RNN on a random batch: [outputs, final state of each layer...]. */
  static List<Tensor> deep(long seed, PrintStream out, java.nio.file.Path dir) {
    int nInputs = 2;
    int nSteps = 5;
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, nSteps, nInputs), "X");
    MultiRnnCell multiLayerCell = new MultiRnnCell(tf, layers(tf, true));
    RnnResult<StateTuple> r = dev.skein.rnn.Rnn.dynamicRnn(tf, multiLayerCell, x, null);
    Tensor xBatch = Arrays2.randomUniform(new Random(seed), 2, nSteps, nInputs);
    List<Tensor> values;
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      Session.Runner run = sess.runner().feed(x, xBatch).fetch(r.outputs());
      r.state().flatten().forEach(run::fetch);
      values = run.run();
    }
    out.println("outputs_val.shape: " + values.get(0).shape() + "; states: "
        + (values.size() - 1) + " layers of " + values.get(1).shape());
    GraphFiles.write(g, dir, "004_deep_rnn", out);
    return values;
  }

  /** The layers on "/gpu:0", "/gpu:1", "/gpu:2": which devices the loop body's ops record. */
  static Map<String, Integer> devices(long seed) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 5, 2), "X");
    List<RnnCell<?>> cells = new ArrayList<>();
    List<RnnCell<?>> plain = layers(tf, false);
    for (int i = 0; i < plain.size(); i++) {
      cells.add(wrapDevice(plain.get(i), "/gpu:" + i));
    }
    dev.skein.rnn.Rnn.dynamicRnn(tf, new MultiRnnCell(tf, cells), x, null);
    Map<String, Integer> counts = new TreeMap<>();
    g.operations().forEach(op -> counts.merge(op.device().isEmpty() ? "(none)" : op.device(), 1,
        Integer::sum));
    return counts;
  }

  private static <S> DeviceWrapper<S> wrapDevice(RnnCell<S> cell, String device) {
    return new DeviceWrapper<>(cell, device);
  }

  private static <S> DropoutWrapper<S> wrapDropout(RnnCell<S> cell, Output keepProb) {
    return new DropoutWrapper<>(cell, keepProb, null, null, null);
  }

  record Model(Graph graph, Output x, Output y, Output keepProb, Output outputs, Output loss,
      Operation trainingOp, Operation init) {}

  /** The dropout model on the time series. */
  static Model dropoutModel(boolean unrolled, long seed) {
    int nSteps = 20;
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, nSteps, 1), "X");
    Output y = tf.placeholder(FLOAT32, Shape.of(-1, nSteps, 1), "y");
    Output keepProb = tf.placeholder(FLOAT32, Shape.scalar(), "keep_prob");
    List<RnnCell<?>> cellsDrop = new ArrayList<>();
    List<RnnCell<?>> cells = layers(tf, false);
    for (int i = 0; i < cells.size(); i++) {
      // no op-level seed, as in the notebook: each dropout op then gets its own seed from the
      // graph seed. (With a seed, every unrolled step's dropout op would get the same op seed
      // and so draw the same mask at every step, as TF1 does.)
      cellsDrop.add(wrapDropout(cells.get(i), keepProb));
    }
    MultiRnnCell multiLayerCell = new MultiRnnCell(tf, cellsDrop);
    Output rnnOutputs = Unroll.rnn(tf, multiLayerCell, x, unrolled).outputs();
    Output stackedRnnOutputs = tf.reshape(rnnOutputs, new int[] {-1, N_NEURONS});
    Output stackedOutputs = Layers.dense(tf, stackedRnnOutputs, 1);
    Output outputs = tf.reshape(stackedOutputs, new int[] {-1, nSteps, 1});
    Output loss = tf.reduceMean(tf.square(tf.sub(outputs, y)));
    Operation trainingOp = new AdamOptimizer(tf, 0.01).minimize(loss);
    return new Model(g, x, y, keepProb, outputs, loss, trainingOp,
        tf.globalVariablesInitializer());
  }

  /** Trains with keep_prob 0.5; returns [training MSE per iteration..., test MSE]. */
  static double[] trainDropout(Model m, int iterations, long seed, PrintStream out,
      boolean progress) {
    Random rnd = new Random(seed);
    double[] mse = new double[iterations + 1];
    Tensor train = Tensor.scalar(0.5f);
    try (Session sess = new Session(m.graph())) {
      sess.run(m.init());
      DataSource batches = DataSource.generated(iterations, () -> {
        TimeSeriesData.Batch b = TimeSeriesData.nextBatch(rnd, 50, 20);
        return Map.of(m.x(), b.x(), m.y(), b.y(), m.keepProb(), train);
      });
      History h = new Trainer(sess, m.trainingOp(), m.loss())
          .listener(new ProgressListener(out, progress ? ProgressMode.auto() : ProgressMode.OFF))
          .listener(new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int iteration, double loss) {
              if (iteration % 100 == 0) {
                out.printf(Locale.ROOT, "%d Training MSE: %.6f%n", iteration, loss);
              }
            }
          }).fit(batches, 1);
      for (int i = 0; i < iterations; i++) {
        mse[i] = h.batchLosses().get(i);
      }
      TimeSeriesData.Batch test = TimeSeriesData.nextBatch(rnd, 500, 20);
      mse[iterations] = sess.runner().feed(m.x(), test.x()).feed(m.y(), test.y())
          .feed(m.keepProb(), Tensor.scalar(1f)).fetch(m.loss()).run().get(0).doubleValue();
    }
    return mse;
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("DeepRnn",
      "Notebook 004: a deep RNN (MultiRnnCell), devices and dropout, trained on the time series.")
      .flag("static", "Unroll with staticRnn instead of dynamicRnn's While loop.")
      .option("iterations", "N", int.class, "Training iterations (default: 1500; the tour: 300).")
      .progress();

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  /** {@code --iterations N} (default 1500) for the dropout training; {@code --static}. */
  static double[] run(Args args, PrintStream out) throws IOException {
    long seed = args.longValue("seed", 42);
    out.println("-- MultiRnnCell of 3 BasicRnnCell(100, relu), dynamicRnn over X [2, 5, 2]");
    deep(seed, out, args.outDir());
    out.println();
    out.println("-- the layers on three devices (DeviceWrapper): ops per device " + devices(seed));
    out.println();
    int iterations = args.intValue("iterations", 1500);
    boolean unrolled = Unroll.unrolled(args, out);
    out.printf(Locale.ROOT, "-- dropout: DropoutWrapper(BasicRnnCell(100), input_keep_prob) x 3,"
        + " %s, dense to 1 output, Adam 0.01, %d iterations, keep_prob 0.5%n",
        unrolled ? "staticRnn" : "dynamicRnn", iterations);
    Model m = dropoutModel(unrolled, seed);
    GraphFiles.write(m.graph(), args.outDir(), "004_deep_rnn_dropout", out);
    double[] mse = trainDropout(m, iterations, seed, out, true);
    out.printf(Locale.ROOT, "test MSE (keep_prob 1.0, 500 new windows): %.6f%n",
        mse[iterations]);
    double[] train = java.util.Arrays.copyOf(mse, iterations);
    java.nio.file.Path png = args.outDir().resolve("004_deep_rnn_dropout_loss.png");
    new LinePlot("004: deep RNN with dropout on the time series", "iteration",
        "training MSE (keep_prob 0.5)").add("batch MSE", SequenceClassifier.smooth(train, 20))
        .writePng(png);
    out.println("loss curve -> " + png);
    return mse;
  }
}
