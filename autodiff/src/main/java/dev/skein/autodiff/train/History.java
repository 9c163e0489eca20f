package dev.skein.autodiff.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Trainer#fit} measured.
 *
 * @param batchLosses every training batch's loss, in order
 * @param epochLosses each epoch's mean batch loss
 * @param metrics each validation metric's per-epoch values, by name
 * @param epochsRun the number of epochs run (fewer than asked after an early stop)
 * @param stoppedEarly whether early stopping ended the training
 * @param bestEpoch the epoch (from 0) with the best monitored value, or -1 without monitoring
 * @param checkpoints the checkpoint files written, in order
 */
public record History(List<Double> batchLosses, List<Double> epochLosses,
    Map<String, List<Double>> metrics, int epochsRun, boolean stoppedEarly, int bestEpoch,
    List<String> checkpoints) {
  public History {
    batchLosses = List.copyOf(batchLosses);
    epochLosses = List.copyOf(epochLosses);
    Map<String, List<Double>> m = new LinkedHashMap<>();
    metrics.forEach((k, v) -> m.put(k, List.copyOf(v)));
    metrics = Collections.unmodifiableMap(m);
    checkpoints = List.copyOf(checkpoints);
  }

  /** A metric's per-epoch values; throws naming the known metrics if there is none so named. */
  public List<Double> metric(String name) {
    List<Double> v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "'; the metrics are "
          + metrics.keySet());
    }
    return v;
  }
}
