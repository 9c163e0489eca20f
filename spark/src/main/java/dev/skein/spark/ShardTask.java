package dev.skein.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One partition's part of one synchronous step: its shard of the global batch, the gradients of
 * the loss on it, weighted by the shard's share of the batch (for a mean loss), keyed by the
 * partition's index for {@link TreeSum}. A partition with no example in the batch contributes an
 * empty sum.
 */
final class ShardTask
    implements Function2<Integer, Iterator<Example>, Iterator<Tuple2<Integer, GradientSum>>> {
  private static final long serialVersionUID = 1L;

  /** Called before each shard is computed; tests inject failures with it. */
  interface Hook extends java.io.Serializable {
    void beforeShard(long globalStep, int partition);
  }

  private final Broadcast<GraphSpec> spec;
  private final Broadcast<byte[]> variables;
  private final BatchPlan plan;
  private final long globalStep;
  private final int epoch;
  private final int step;
  private final Hook hook;

  ShardTask(Broadcast<GraphSpec> spec, Broadcast<byte[]> variables, BatchPlan plan,
      long globalStep, int epoch, int step, Hook hook) {
    this.spec = spec;
    this.variables = variables;
    this.plan = plan;
    this.globalStep = globalStep;
    this.epoch = epoch;
    this.step = step;
    this.hook = hook;
  }

  @Override
  public Iterator<Tuple2<Integer, GradientSum>> call(Integer partition, Iterator<Example> it) {
    List<Example> local = new ArrayList<>();
    it.forEachRemaining(local::add);
    if (local.size() != plan.count(partition)) {
      throw new IllegalStateException("partition " + partition + " holds " + local.size()
          + " examples now but held " + plan.count(partition) + " when training started: the"
          + " data set must give the same examples each time it is computed (persist it)");
    }
    if (hook != null) {
      hook.beforeShard(globalStep, partition);
    }
    int[] shard = plan.shard(epoch, step, partition);
    GradientSum sum;
    if (shard.length == 0) {
      sum = GradientSum.empty();
    } else {
      WorkerModel m = WorkerModel.forSpec(spec.value());
      double weight = spec.value().reduction() == LossReduction.MEAN
          ? (double) shard.length / plan.batchSize() : 1.0;
      sum = m.compute(m.values(globalStep, variables.value()), local, shard, weight);
    }
    return List.of(new Tuple2<>(partition, sum)).iterator();
  }
}
