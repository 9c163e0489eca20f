package dev.skein.autodiff.train;

import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.SkeinException;
import dev.skein.core.Tensor;
import dev.skein.core.io.Saver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras-style {@code fit} for a graph built in the TensorFlow 1.x way: runs epochs of a
 * {@link DataSource}'s batches through a training op, evaluates metrics on a validation source
 * after each epoch, stops early when a monitored value stops improving, saves checkpoints every
 * N epochs, and returns a {@link History}.
 * <pre>{@code
 * History h = new Trainer(session, trainOp, loss)
 *     .validation(validSource, Map.of("accuracy", accuracy))
 *     .earlyStopping("accuracy", Trainer.Goal.MAX, 3)
 *     .checkpoints(new Saver(graph), "ckpt/model", 5)
 *     .listener(new ProgressListener())                    // module monitor
 *     .listener(new LossCurveListener(Path.of("loss.png"), "training loss"))
 *     .fit(trainSource, 15);
 * }</pre>
 *
 * <p>The trainer runs in the caller's session and does not initialize variables. Each training
 * batch is one run that fetches {@code loss} and runs the training op. A validation metric is the
 * mean of its per-batch values weighted by each batch's row count (the leading dimension of the
 * batch's first fed tensor of rank 1 or more; 1 if all feeds are scalars), so chunked validation
 * gives the whole set's mean. Progress bars and plots are {@link TrainingListener}s, kept out of
 * this module so that it needs no terminal or image library.
 */
public final class Trainer {
  /** Whether a larger or a smaller monitored value is better. */
  public enum Goal { MIN, MAX }

  private final Session session;
  private final Operation trainOp;
  private final Output loss;
  private DataSource validation;
  private final Map<String, Output> metrics = new LinkedHashMap<>();
  private String monitor;
  private Goal goal;
  private int patience;
  private Saver saver;
  private String prefix;
  private int every;
  private Saver stepSaver;
  private String stepPrefix;
  private int everySteps;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final List<Carry> carries = new ArrayList<>();

  /** A state fed back from one batch to the next (truncated backpropagation through time). */
  private record Carry(Output in, Output out, Tensor start) {}

  /** A trainer that runs {@code trainOp} and fetches the scalar {@code loss} on each batch. */
  public Trainer(Session session, Operation trainOp, Output loss) {
    this.session = Objects.requireNonNull(session, "session");
    this.trainOp = Objects.requireNonNull(trainOp, "trainOp");
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  /** Metrics (scalar outputs, by name) evaluated on {@code source} after each epoch. */
  public Trainer validation(DataSource source, Map<String, Output> namedMetrics) {
    this.validation = Objects.requireNonNull(source, "validation source");
    if (namedMetrics.isEmpty()) {
      throw new IllegalArgumentException("validation needs at least one metric");
    }
    metrics.clear();
    metrics.putAll(new java.util.TreeMap<>(namedMetrics)); // a fixed order for any map
    return this;
  }

  /**
   * Stops when {@code monitor} (a validation metric's name, or {@code "loss"} for the epoch's
   * training loss) has not improved for {@code patience} epochs: with the best value at epoch b,
   * the last epoch run is b + patience.
   */
  public Trainer earlyStopping(String monitor, Goal goal, int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.goal = Objects.requireNonNull(goal, "goal");
    this.patience = patience;
    return this;
  }

  /** Saves {@code prefix-E.npz} after every {@code everyEpochs}-th epoch E (counted from 1). */
  public Trainer checkpoints(Saver checkpointSaver, String checkpointPrefix, int everyEpochs) {
    if (everyEpochs < 1) {
      throw new IllegalArgumentException("checkpoints need everyEpochs >= 1, got " + everyEpochs);
    }
    this.saver = Objects.requireNonNull(checkpointSaver, "saver");
    this.prefix = Objects.requireNonNull(checkpointPrefix, "prefix");
    this.every = everyEpochs;
    return this;
  }

  /**
   * Saves {@code prefix-S.npz} after every {@code steps}-th training batch, S being the global
   * step (batches run so far over all epochs, from 1), as TF1's {@code CheckpointSaverHook}
   * with {@code save_steps}.
   */
  public Trainer checkpointsEverySteps(Saver checkpointSaver, String checkpointPrefix,
      int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("checkpoints need steps >= 1, got " + steps);
    }
    this.stepSaver = Objects.requireNonNull(checkpointSaver, "saver");
    this.stepPrefix = Objects.requireNonNull(checkpointPrefix, "prefix");
    this.everySteps = steps;
    return this;
  }

  /**
   * Carries an RNN state from batch to batch, as truncated backpropagation does (notebooks 000
   * and 003): each epoch's first batch feeds {@code start} to {@code stateIn}; every batch also
   * fetches {@code stateOut}, its final state, and the next batch feeds that to
   * {@code stateIn}. Several states (an LSTM's c and h) are several calls. The training source
   * must not feed {@code stateIn} itself.
   */
  public Trainer carry(Output stateIn, Output stateOut, Tensor start) {
    Objects.requireNonNull(stateIn, "stateIn");
    Objects.requireNonNull(stateOut, "stateOut");
    Objects.requireNonNull(start, "start");
    for (Carry c : carries) {
      if (c.in().equals(stateIn)) {
        throw new IllegalArgumentException("the state " + stateIn + " is already carried");
      }
    }
    carries.add(new Carry(stateIn, stateOut, start));
    return this;
  }

  public Trainer listener(TrainingListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
    return this;
  }

  /** Trains for at most {@code epochs} epochs of {@code train}'s batches. */
  public History fit(DataSource train, int epochs) {
    Objects.requireNonNull(train, "training source");
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    if (monitor != null && !monitor.equals("loss") && !metrics.containsKey(monitor)) {
      throw new IllegalArgumentException("early stopping monitors '" + monitor
          + "', which is neither \"loss\" nor a validation metric " + metrics.keySet());
    }
    List<Double> batchLosses = new ArrayList<>();
    List<Double> epochLosses = new ArrayList<>();
    Map<String, List<Double>> history = new LinkedHashMap<>();
    metrics.keySet().forEach(k -> history.put(k, new ArrayList<>()));
    List<String> checkpoints = new ArrayList<>();
    listeners.forEach(l -> l.onFitStart(epochs, train.batchesPerEpoch()));
    double best = Double.NaN;
    int bestEpoch = -1;
    int run = 0;
    long step = 0;
    boolean stopped = false;
    for (int epoch = 0; epoch < epochs && !stopped; epoch++) {
      final int e = epoch;
      listeners.forEach(l -> l.onEpochStart(e));
      double sum = 0;
      int n = 0;
      Map<Output, Tensor> carried = new LinkedHashMap<>();
      carries.forEach(c -> carried.put(c.in(), c.start()));
      for (Map<Output, Tensor> feeds : train.batches(epoch)) {
        Session.Runner r = session.runner();
        feeds.forEach(r::feed);
        carried.forEach((in, v) -> {
          if (feeds.containsKey(in)) {
            throw new IllegalArgumentException("the training source feeds " + in
                + ", a state the trainer carries from batch to batch");
          }
          r.feed(in, v);
        });
        r.fetch(loss);
        carries.forEach(c -> r.fetch(c.out()));
        List<Tensor> got = r.addTarget(trainOp).run();
        for (int i = 0; i < carries.size(); i++) {
          carried.put(carries.get(i).in(), got.get(i + 1));
        }
        double l = got.get(0).doubleValue();
        batchLosses.add(l);
        sum += l;
        final int b = n++;
        listeners.forEach(x -> x.onBatchEnd(e, b, l));
        step++;
        if (stepSaver != null && step % everySteps == 0) {
          String path = stepSaver.save(session, stepPrefix, step);
          checkpoints.add(path);
          listeners.forEach(x -> x.onCheckpoint(e, path));
        }
      }
      if (n == 0) {
        throw new SkeinException("the training source gave no batches for epoch " + epoch);
      }
      double epochLoss = sum / n;
      epochLosses.add(epochLoss);
      Map<String, Double> values = validation == null ? Map.of() : validate(epoch);
      values.forEach((k, v) -> history.get(k).add(v));
      run++;
      listeners.forEach(x -> x.onEpochEnd(e, epochLoss, values));
      if (saver != null && (epoch + 1) % every == 0) {
        String path = saver.save(session, prefix, epoch + 1);
        checkpoints.add(path);
        listeners.forEach(x -> x.onCheckpoint(e, path));
      }
      if (monitor != null) {
        double v = monitor.equals("loss") ? epochLoss : values.get(monitor);
        if (bestEpoch < 0 || (goal == Goal.MAX ? v > best : v < best)) {
          best = v;
          bestEpoch = epoch;
        } else if (epoch - bestEpoch >= patience) {
          stopped = epoch + 1 < epochs;
          if (stopped) {
            break;
          }
        }
      }
    }
    History h = new History(batchLosses, epochLosses, history, run, stopped, bestEpoch,
        checkpoints);
    listeners.forEach(x -> x.onFitEnd(h));
    return h;
  }

  private Map<String, Double> validate(int epoch) {
    List<Output> outs = new ArrayList<>(metrics.values());
    double[] sums = new double[outs.size()];
    double rows = 0;
    for (Map<Output, Tensor> feeds : validation.batches(epoch)) {
      Session.Runner r = session.runner();
      feeds.forEach(r::feed);
      outs.forEach(r::fetch);
      List<Tensor> got = r.run();
      double w = rows(feeds);
      for (int i = 0; i < sums.length; i++) {
        sums[i] += w * got.get(i).doubleValue();
      }
      rows += w;
    }
    if (rows == 0) {
      throw new SkeinException("the validation source gave no rows for epoch " + epoch);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    int i = 0;
    for (String name : metrics.keySet()) {
      out.put(name, sums[i++] / rows);
    }
    return out;
  }

  private static double rows(Map<Output, Tensor> feeds) {
    for (Tensor t : feeds.values()) {
      if (t.shape().rank() > 0) {
        return t.shape().dim(0);
      }
    }
    return 1;
  }
}
