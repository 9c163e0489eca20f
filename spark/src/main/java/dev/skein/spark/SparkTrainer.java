package dev.skein.spark;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Optimizer;
import dev.skein.core.DType;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.Saver;
import dev.skein.core.ops.Ops;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Synchronous data-parallel training of a Skein graph on Apache Spark:
 * <pre>{@code
 * TrainResult r = SparkTrainer.builder(tf -> buildModelAndReturnMeanLoss(tf))
 *     .optimizer(tf -> new AdamOptimizer(tf, 0.001))
 *     .batchSize(150)
 *     .seed(42)
 *     .checkpointDir(Path.of("ckpt"))
 *     .build()
 *     .fit(examples, 10);                       // a JavaRDD<Example>, 10 epochs
 * }</pre>
 *
 * <p>The driver builds the graph once, adds its gradients, and sends the workers that graph as
 * Skein's graph file text (one broadcast per fit); each executor reads it once and keeps the
 * Session ({@link WorkerModel}). Each step the driver broadcasts the variables as .npz bytes;
 * every partition computes the gradients of its shard of the global batch ({@link BatchPlan}),
 * weighted by its share; the shards' gradients are summed along a fixed binary tree
 * ({@link TreeSum}); the driver feeds the sum to the optimizer's update in its own Session. So
 * the result equals training in one process on the same global batches up to float rounding
 * (the sum's order), and with a fixed partitioning it is the same bits every run, whatever the
 * order tasks finish in and whether tasks were retried.
 *
 * <p>Random ops on the loss's path (dropout) draw per shard, so such a model does not match a
 * one-process run exactly; everything else does. The data set is persisted (memory) for the fit
 * if it is not already, and must give the same examples each time it is computed.
 */
public final class SparkTrainer {
  private final GraphFactory factory;
  private final Function<Ops, Optimizer> optimizer;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final LossReduction reduction;
  private final Path checkpointDir;
  private final int driverSumLimit;
  private final ShardTask.Hook hook;

  private SparkTrainer(Builder b) {
    this.factory = b.factory;
    this.optimizer = b.optimizer;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.shuffle = b.shuffle;
    this.reduction = b.reduction;
    this.checkpointDir = b.checkpointDir;
    this.driverSumLimit = b.driverSumLimit;
    this.hook = b.hook;
  }

  /** A trainer of the model {@code factory} builds (it returns the loss). */
  public static Builder builder(GraphFactory factory) {
    return new Builder(factory);
  }

  /**
   * Trains until {@code epochs} epochs are done and returns the model's variables. With a
   * checkpoint directory holding a checkpoint, training resumes from it (its global step says
   * how many steps are done; a fit of as many epochs as the checkpoint holds trains nothing),
   * and a checkpoint is written after each epoch.
   */
  public TrainResult fit(JavaRDD<Example> examples, int epochs) {
    Objects.requireNonNull(examples, "examples");
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(examples.context());
    // The trainer's own copy, kept by the executors and cut from its lineage, so each step's
    // tasks carry neither data (a parallelized collection's partitions hold their elements)
    // nor the computation that made it.
    JavaRDD<Example> data = examples.mapPartitions(it -> it, true);
    data.persist(StorageLevel.MEMORY_AND_DISK());
    data.rdd().localCheckpoint();
    TrainingGraph tg = TrainingGraph.build(factory, optimizer, seed, reduction);
    Broadcast<GraphSpec> spec = sc.broadcast(tg.spec);
    try (Session sess = new Session(tg.graph)) {
      sess.run(tg.init);
      Saver saver = checkpointDir == null ? null : new Saver(tg.graph);
      if (saver != null) {
        String latest = Saver.latestCheckpoint(checkpointDir.toString());
        if (latest != null) {
          saver.restore(sess, latest);
        }
      }
      List<Long> counts = data.mapPartitions(it -> {
        long n = 0;
        for (; it.hasNext(); it.next()) {
          n++;
        }
        return List.of(n).iterator();
      }).collect();
      BatchPlan plan = new BatchPlan(counts.stream().mapToLong(Long::longValue).toArray(),
          batchSize, shuffle, seed);
      checkFirst(data.first(), tg.spec);
      int n = plan.partitions();
      int perEpoch = plan.stepsPerEpoch();
      long done = sess.state().variable(tg.globalStep.op()).getLong(0);
      List<Double> losses = new ArrayList<>();
      List<Long> nanos = new ArrayList<>();
      long varBytes = 0;
      for (long gs = done; gs < (long) epochs * perEpoch; gs++) {
        int epoch = (int) (gs / perEpoch);
        int step = (int) (gs % perEpoch);
        long t0 = System.nanoTime();
        byte[] npz = NpzBytes.write(values(sess, tg.modelVariables));
        varBytes = npz.length;
        Broadcast<byte[]> vars = sc.broadcast(npz);
        JavaPairRDD<Integer, GradientSum> shards = JavaPairRDD.fromJavaRDD(
            data.mapPartitionsWithIndex(
                new ShardTask(spec, vars, plan, gs, epoch, step, hook), true));
        GradientSum sum = TreeSum.sum(shards, n, driverSumLimit);
        vars.destroy();
        if (sum.count != batchSize) {
          throw new IllegalStateException("step " + gs + " summed " + sum.count
              + " examples, not the batch's " + batchSize);
        }
        Session.Runner r = sess.runner();
        for (int i = 0; i < tg.trained.size(); i++) {
          Variable v = tg.trained.get(i);
          r.feed(tg.gradientFeeds.get(i), tensor(v, sum.gradients[i]));
        }
        r.addTarget(tg.apply).run();
        losses.add(sum.loss);
        nanos.add(System.nanoTime() - t0);
        if (saver != null && (step == perEpoch - 1)) {
          saver.save(sess, checkpointDir.resolve("model").toString(), tg.globalStep);
        }
      }
      long reached = sess.state().variable(tg.globalStep.op()).getLong(0);
      return new TrainResult(values(sess, tg.modelVariables), losses, reached, nanos, varBytes);
    } finally {
      spec.destroy();
      data.unpersist(false);
    }
  }

  /** {@link #fit(JavaRDD, int)} on rows whose columns are named like the inputs (see
   *  {@link RowExamples}). */
  public TrainResult fit(Dataset<Row> rows, int epochs) {
    return fit(RowExamples.toExamples(rows), epochs);
  }

  private static void checkFirst(Example e, GraphSpec spec) {
    for (GraphSpec.Input in : spec.inputs()) {
      WorkerModel.batch(in, List.of(e), new int[] {0});
    }
  }

  static Map<String, Tensor> values(Session sess, List<Variable> vars) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (Variable v : vars) {
      m.put(v.varName(), sess.state().variable(v.op()));
    }
    return m;
  }

  private static Tensor tensor(Variable v, float[] g) {
    if (v.dtype() == DType.FLOAT32) {
      return Tensor.wrap(DType.FLOAT32, v.shape(), g);
    }
    double[] d = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      d[i] = g[i];
    }
    return Tensor.wrap(DType.FLOAT64, v.shape(), d);
  }

  /** Configures a {@link SparkTrainer}. */
  public static final class Builder {
    private final GraphFactory factory;
    private Function<Ops, Optimizer> optimizer = tf -> new AdamOptimizer(tf, 0.001);
    private int batchSize = 32;
    private long seed = 42;
    private boolean shuffle = true;
    private LossReduction reduction = LossReduction.MEAN;
    private Path checkpointDir;
    private int driverSumLimit = 8;
    private ShardTask.Hook hook;

    private Builder(GraphFactory factory) {
      this.factory = Objects.requireNonNull(factory, "graph factory");
    }

    /** The optimizer, built in the driver's graph (default: Adam, learning rate 0.001). */
    public Builder optimizer(Function<Ops, Optimizer> optimizer) {
      this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
      return this;
    }

    /** Examples per global step, over all partitions (default 32). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The graph seed (initial values) and the seed of the epochs' shuffles (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether each epoch visits the examples in a seeded random order (default true). */
    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /** How the loss reduces over a batch (default MEAN). */
    public Builder lossReduction(LossReduction reduction) {
      this.reduction = Objects.requireNonNull(reduction, "reduction");
      return this;
    }

    /** Writes a checkpoint (Saver, .npz) after each epoch there, and resumes from the latest. */
    public Builder checkpointDir(Path dir) {
      this.checkpointDir = dir;
      return this;
    }

    /**
     * How many partitions' gradients the driver collects and sums itself (default 8): with more
     * partitions, the tree's lower levels run on the executors, one shuffle stage per level,
     * until at most this many sums are left. The result is the same bits wherever the tree is
     * cut; a higher limit trades the stages' latency for more bytes into the driver (see
     * docs/SCALE.md).
     */
    public Builder driverSumLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("driver sum limit must be >= 1, got " + limit);
      }
      this.driverSumLimit = limit;
      return this;
    }

    Builder hook(ShardTask.Hook hook) {
      this.hook = hook;
      return this;
    }

    public SparkTrainer build() {
      return new SparkTrainer(this);
    }
  }
}
