package dev.skein.spark;

import dev.skein.autodiff.Optimizer;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same training in one process, without Spark: one Session, {@code optimizer.minimize} on
 * each whole global batch, the batches {@link SparkTrainer} would take from these examples in
 * this order (same seed, batch size and shuffle). It is the reference distributed training is
 * compared with, and the baseline of the benchmark.
 */
public final class LocalTrainer {
  private final GraphFactory factory;
  private final Function<Ops, Optimizer> optimizer;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;

  public LocalTrainer(GraphFactory factory, Function<Ops, Optimizer> optimizer, int batchSize,
      long seed, boolean shuffle) {
    this.factory = factory;
    this.optimizer = optimizer;
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
  }

  /** Trains {@code steps} global steps (continuing into later epochs as needed). */
  public TrainResult fitSteps(List<Example> examples, long steps) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output loss = factory.build(tf);
    List<Output> inputs = new ArrayList<>();
    List<GraphSpec.Input> specs = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (op.type().typeName().equals("Placeholder")) {
        Output p = op.output(0);
        inputs.add(p);
        specs.add(new GraphSpec.Input(op.name(), p.dtype(), p.shape().subShape(1,
            p.shape().rank()).dims()));
      }
    }
    List<Variable> model = List.copyOf(g.globalVariables());
    Variable step = Optimizer.getOrCreateGlobalStep(tf);
    Operation train = optimizer.apply(tf).minimize(loss,
        dev.skein.autodiff.Variables.trainableVariables(g), step);
    Operation init = tf.globalVariablesInitializer();
    BatchPlan plan = new BatchPlan(new long[] {examples.size()}, batchSize, shuffle, seed);
    List<Double> losses = new ArrayList<>();
    List<Long> nanos = new ArrayList<>();
    try (Session sess = new Session(g)) {
      sess.run(init);
      for (long gs = 0; gs < steps; gs++) {
        long t0 = System.nanoTime();
        int[] batch = plan.batch((int) (gs / plan.stepsPerEpoch()),
            (int) (gs % plan.stepsPerEpoch()));
        Session.Runner r = sess.runner();
        for (int i = 0; i < inputs.size(); i++) {
          r.feed(inputs.get(i), WorkerModel.batch(specs.get(i), examples, batch));
        }
        losses.add(r.fetch(loss).addTarget(train).run().get(0).doubleValue());
        nanos.add(System.nanoTime() - t0);
      }
      Map<String, dev.skein.core.Tensor> values = SparkTrainer.values(sess, model);
      return new TrainResult(values, losses, steps, nanos, 0);
    }
  }
}
