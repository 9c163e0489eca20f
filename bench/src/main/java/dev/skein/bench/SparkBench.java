package dev.skein.bench;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Gradients;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.autodiff.Variables;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.Rnn;
import dev.skein.spark.Example;
import dev.skein.spark.GraphFactory;
import dev.skein.spark.LocalTrainer;
import dev.skein.spark.SparkTrainer;
import dev.skein.spark.TrainResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.io.LZ4CompressionCodec;

/**
 * Synchronous data-parallel training ({@code SparkTrainer}) of notebook 002's LSTM classifier
 * (BasicLstmCell(150) over 28 rows of 28 pixels, dense to 10, mean sparse softmax
 * cross-entropy, Adam 0.001, global batch 150) in Spark {@code local[2]} with 1 and 2
 * partitions, beside the same training in one process ({@code LocalTrainer}); and, for the
 * scaling estimate of docs/SCALE.md, the time of one shard's gradients in one Session for the
 * shard sizes 1, 2, 8 and 64 workers get of that batch.
 *
 * <p>A round of training is one fit of {@code steps} global steps on synthetic
 * Fashion-MNIST-shaped data (a fresh trainer, the same executors); its figure is the mean time
 * per step over all its steps. The three trainings take turns round by round, so load from
 * other work on the machine hits them alike. Printed: the median of the rounds and their range,
 * the first round (cold JIT, the executors' first Session) included.
 */
final class SparkBench {
  static final int BATCH = 150;
  static final int UNITS = 150;
  /** Shard sizes: the global batch split over 1, 2, 8 and 64 workers (rounded up). */
  static final int[] WORKERS = {1, 2, 8, 64};

  private SparkBench() {}

  /** The notebook's model up to its mean loss. */
  static GraphFactory lstm() {
    return tf -> {
      Output x = tf.placeholder(FLOAT32, Shape.of(-1, 28, 28), "X");
      Output y = tf.placeholder(INT32, Shape.of(-1), "y");
      Output h = Rnn.dynamicRnn(tf, new BasicLstmCell(tf, UNITS), x, null).state().h();
      Output logits = Layers.dense(tf, h, 10);
      return tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    };
  }

  /** {@code n} images of uniform noise with random labels (the figures do not need learning). */
  static List<Example> data(int n) {
    SplittableRandom rnd = new SplittableRandom(1);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] px = new float[784];
      for (int k = 0; k < px.length; k++) {
        px[k] = (float) rnd.nextDouble();
      }
      out.add(Example.builder().floats("X", px).ints("y", rnd.nextInt(10)).build());
    }
    return out;
  }

  static void run(boolean quick) {
    int rounds = quick ? 3 : 5;
    int steps = quick ? 10 : 20;
    System.out.printf(Locale.ROOT, "synchronous data-parallel training, notebook 002's LSTM"
        + " classifier (BasicLstmCell(%d), dynamicRnn, Adam, global batch %d)%n  CPU: %s, %d"
        + " cores; %d rounds in one fresh JVM, first round included; a shared machine: compare"
        + " ratios within one run%n", UNITS, BATCH, Rounds.cpuModel(),
        Runtime.getRuntime().availableProcessors(), rounds);
    shardGradients(rounds, quick ? 5 : 10);
    training(rounds, steps);
  }

  /** One shard's loss and gradients (forward and backward, no update) in one Session. */
  private static void shardGradients(int rounds, int runs) {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output loss = lstm().build(tf);
    List<Variable> trainable = Variables.trainableVariables(g);
    List<Output> grads = Gradients.gradients(loss, new ArrayList<>(trainable));
    long params = 0;
    for (Variable v : trainable) {
      params += v.shape().numElements();
    }
    Output x = g.operation("X").output(0);
    Output y = g.operation("y").output(0);
    System.out.printf(Locale.ROOT, "  one shard's gradients in one Session (%,d trained"
        + " parameters, %,d gradient bytes), %d runs a round%n", params, 4 * params, runs);
    System.out.println("    shard (workers)        median ms   range (rounds)      ms/example");
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int w : WORKERS) {
        int b = (BATCH + w - 1) / w;
        SplittableRandom rnd = new SplittableRandom(b);
        float[] px = new float[b * 784];
        int[] labels = new int[b];
        for (int i = 0; i < px.length; i++) {
          px[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < b; i++) {
          labels[i] = rnd.nextInt(10);
        }
        Tensor xt = Tensor.create(Shape.of(b, 28, 28), px);
        Tensor yt = Tensor.create(Shape.of(b), labels);
        double[] ms = Rounds.of(rounds, runs, () -> {
          Session.Runner r = s.runner().feed(x, xt).feed(y, yt).fetch(loss);
          grads.forEach(r::fetch);
          r.run();
        });
        double med = Rounds.median(ms);
        System.out.printf(Locale.ROOT, "    %3d examples (%2d)   %9.2f   %7.2f - %-7.2f  %9.3f%n",
            b, w, med, Rounds.min(ms), Rounds.max(ms), med / b);
      }
    }
  }

  private static void training(int rounds, int steps) {
    List<Example> data = data(BATCH * steps);
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("skein-spark-bench")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      ResultBytes results = new ResultBytes();
      sc.sc().addSparkListener(results);
      System.out.printf(Locale.ROOT, "  a global step (%d steps a round), Spark %s, master %s%n",
          steps, sc.version(), sc.master());
      String[] labels = {"one process (LocalTrainer)", "Spark, 1 partition",
          "Spark, 2 partitions"};
      double[][] stepMs = new double[3][rounds];
      double[][] setupMs = new double[3][rounds];
      long[] resultBytes = new long[3];
      double[][] taskMs = new double[3][rounds];
      TrainResult last = null;
      for (int r = 0; r < rounds; r++) {
        for (int c = 0; c < 3; c++) {
          long t0 = System.nanoTime();
          TrainResult res;
          if (c == 0) {
            res = new LocalTrainer(lstm(), tf -> new AdamOptimizer(tf, 0.001), BATCH, 42, true)
                .fitSteps(data, steps);
          } else {
            JavaRDD<Example> rdd = sc.parallelize(data, c);
            results.reset();
            res = SparkTrainer.builder(lstm()).optimizer(tf -> new AdamOptimizer(tf, 0.001))
                .batchSize(BATCH).seed(42).build().fit(rdd, 1);
            resultBytes[c] = results.awaitBytesPerTask(steps * c);
            taskMs[c][r] = results.longestTaskMillis();
            last = res;
          }
          long wall = System.nanoTime() - t0;
          long inSteps = res.stepNanos().stream().mapToLong(Long::longValue).sum();
          stepMs[c][r] = inSteps / 1e6 / res.stepNanos().size();
          setupMs[c][r] = (wall - inSteps) / 1e6;
        }
      }
      System.out.println("    training                      median ms/step   range (rounds)"
          + "     steps/s   vs one process   set-up ms   longest task ms");
      double base = Rounds.median(stepMs[0]);
      for (int c = 0; c < 3; c++) {
        double med = Rounds.median(stepMs[c]);
        System.out.printf(Locale.ROOT, "    %-30s %9.1f   %7.1f - %-7.1f  %8.1f   %8.2fx"
            + "   %9.0f   %s%n", labels[c], med, Rounds.min(stepMs[c]), Rounds.max(stepMs[c]),
            1000 / med, med / base, Rounds.median(setupMs[c]),
            c == 0 ? "" : String.format(Locale.ROOT, "%9.1f", Rounds.median(taskMs[c])));
      }
      System.out.println("    (set-up: a fit's time outside its steps, median of the rounds;"
          + " longest task: per step, the slowest partition's run time on its executor as"
          + " Spark measured it, median of the rounds)");
      long npz = last.variableBytesPerStep();
      System.out.printf(Locale.ROOT, "    sent per step: the variables' .npz broadcast, %,d bytes"
          + " (%,d after Spark's lz4); each partition's gradients back to the driver, %,d bytes"
          + " (task result as measured by Spark; 1 partition: %,d)%n%n", npz,
          lz4Size(sc.getConf(), last), resultBytes[2], resultBytes[1]);
    }
  }

  /** The size of the variables' .npz bytes after the codec Spark compresses broadcasts with. */
  private static long lz4Size(SparkConf conf, TrainResult r) {
    try {
      Path f = Files.createTempFile("skein-bench-vars", ".npz");
      try {
        r.save(f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new LZ4CompressionCodec(conf).compressedOutputStream(bytes)) {
          out.write(Files.readAllBytes(f));
        }
        return bytes.size();
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
