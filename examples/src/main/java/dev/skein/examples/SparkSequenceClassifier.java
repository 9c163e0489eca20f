package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.examples.data.MnistData;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.Rnn;
import dev.skein.spark.Example;
import dev.skein.spark.GraphFactory;
import dev.skein.spark.SparkTrainer;
import dev.skein.spark.TrainResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Notebook 002's LSTM classifier ({@link SequenceClassifier} {@code --lstm}: a BasicLstmCell of
 * 150 units over the 28 rows of a Fashion-MNIST image, a dense layer to 10 logits, mean sparse
 * softmax cross-entropy, Adam 0.001, global batches of 150) trained data-parallel on Apache Spark
 * by {@link SparkTrainer}, then tested in one process with the trained weights.
 *
 * <p>Without a master set by {@code spark-submit}, Spark runs embedded in this JVM
 * ({@code --master local[2]}, two worker threads). Flags: {@code --partitions N} (default 2),
 * {@code --train N} training images (default 6,000; {@code --full}: all 55,000),
 * {@code --test N} (default 2,000), {@code --epochs N} (default 1), {@code --checkpoints DIR}
 * (a checkpoint per epoch there; a later run resumes from it), {@code --seed N}.
 */
public final class SparkSequenceClassifier {
  private SparkSequenceClassifier() {}

  /** The notebook's model up to its mean loss, as the trainer's graph factory. */
  static GraphFactory model() {
    return tf -> {
      Output x = tf.placeholder(FLOAT32, Shape.of(-1, SequenceClassifier.N_STEPS,
          SequenceClassifier.N_INPUTS), "X");
      Output y = tf.placeholder(INT32, Shape.of(-1), "y");
      BasicLstmCell cell = new BasicLstmCell(tf, SequenceClassifier.N_NEURONS);
      Output h = Rnn.dynamicRnn(tf, cell, x, null).state().h();
      Output logits = Layers.dense(tf, h, SequenceClassifier.N_OUTPUTS);
      return tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    };
  }

  /** One example per image: its 784 pixels as "X", its label as "y". */
  static List<Example> examples(MnistData.Split split) {
    int px = split.rows() * split.cols();
    List<Example> out = new ArrayList<>(split.count());
    for (int i = 0; i < split.count(); i++) {
      float[] p = new float[px];
      System.arraycopy(split.pixels(), i * px, p, 0, px);
      out.add(Example.builder().floats("X", p).ints("y", split.labels()[i]).build());
    }
    return out;
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("SparkSequenceClassifier",
      "Notebook 002's classifier trained data-parallel on Apache Spark (embedded local[2] by default).")
      .flag("full", "All 55,000 training and 10,000 test images.")
      .option("epochs", "N", int.class, "Epochs (default: 1).")
      .option("train", "N", int.class, "Training images without --full (default: 6000).")
      .option("test", "N", int.class, "Test images without --full (default: 2000).")
      .option("partitions", "N", int.class, "Spark partitions (default: 2).")
      .option("master", "URL", String.class, "spark.master unless set (default: local[2]).")
      .option("checkpoints", "DIR", String.class, "Where to keep checkpoints (default: none).")
      .option("data", "DIR", String.class, "The Fashion-MNIST directory (default: " + SequenceClassifier.DEFAULT_DIR_TEXT + ").")
      .positional("DIR", "The Fashion-MNIST directory, as --data.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static Double run(Args args, PrintStream out) throws IOException {
    long seed = args.longValue("seed", 42);
    Path dir = args.positional().isEmpty()
        ? Path.of(args.value("data", SequenceClassifier.DEFAULT_DIR_TEXT))
        : Path.of(args.positional().get(0));
    if (!MnistData.isPresent(dir)) {
      out.println("Fashion-MNIST not found in " + dir + " (install Debian's dataset-fashion-mnist"
          + " or pass a directory holding train-images-idx3-ubyte.gz and the three other files)");
      return null;
    }
    MnistData.Dataset ds = MnistData.load(dir);
    MnistData.Split train = ds.train().range(SequenceClassifier.VALIDATION, ds.train().count());
    MnistData.Split test = ds.test();
    if (!args.full()) {
      train = train.range(0, Math.min(train.count(), args.intValue("train", 6000)));
      test = test.range(0, Math.min(test.count(), args.intValue("test", 2000)));
    }
    int epochs = args.intValue("epochs", 1);
    int partitions = args.intValue("partitions", 2);
    SparkConf conf = new SparkConf().setAppName("skein-spark-sequence-classifier")
        .setIfMissing("spark.master", args.value("master", "local[2]"))
        .setIfMissing("spark.ui.enabled", "false");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      out.printf(Locale.ROOT, "BasicLstmCell(%d), dynamicRnn, on Spark %s (master %s): %d"
          + " training images in %d partitions, %d epoch%s of global batches of %d, Adam"
          + " %.3f%n", SequenceClassifier.N_NEURONS, sc.version(), sc.master(), train.count(),
          partitions, epochs, epochs == 1 ? "" : "s", SequenceClassifier.BATCH_SIZE,
          SequenceClassifier.LEARNING_RATE);
      JavaRDD<Example> rdd = sc.parallelize(examples(train), partitions);
      SparkTrainer.Builder b = SparkTrainer.builder(model())
          .optimizer(tf -> new AdamOptimizer(tf, SequenceClassifier.LEARNING_RATE))
          .batchSize(SequenceClassifier.BATCH_SIZE).seed(seed);
      if (args.value("checkpoints", null) != null) {
        b.checkpointDir(Path.of(args.value("checkpoints", null)));
      }
      long t0 = System.nanoTime();
      TrainResult r = b.build().fit(rdd, epochs);
      double seconds = (System.nanoTime() - t0) / 1e9;
      int steps = r.losses().size();
      out.printf(Locale.ROOT, "%d global steps in %.1f s (%.2f steps/s)%n", steps, seconds,
          steps / seconds);
      for (int i = 0; i < steps; i += Math.max(1, steps / 8)) {
        out.printf(Locale.ROOT, "  step %4d  loss %.4f%n", r.globalStep() - steps + i + 1,
            r.losses().get(i));
      }
      SequenceClassifier.Model m = SequenceClassifier.build(true, seed);
      try (Session sess = new Session(m.graph())) {
        sess.run(m.init());
        r.restoreInto(sess);
        double acc = SequenceClassifier.accuracy(sess, m, test);
        out.printf(Locale.ROOT, "Test accuracy: %.4f on %d test images%n", acc, test.count());
        return acc;
      }
    }
  }
}
