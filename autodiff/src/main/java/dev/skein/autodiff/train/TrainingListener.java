package dev.skein.autodiff.train;

import java.util.Map;

/**
 * Hears a {@link Trainer}'s progress: progress bars, plots, summary writers and loggers are
 * listeners, so that the trainer itself needs no terminal or image library. Every method has an
 * empty default. Epochs and batches count from 0.
 */
public interface TrainingListener {
  /** Before the first epoch; {@code batchesPerEpoch} is -1 if the source does not know. */
  default void onFitStart(int epochs, int batchesPerEpoch) {}

  default void onEpochStart(int epoch) {}

  /** After each training batch, with the loss that batch's run fetched (before its update). */
  default void onBatchEnd(int epoch, int batch, double loss) {}

  /**
   * After each epoch's validation: {@code loss} is the mean of the epoch's batch losses,
   * {@code metrics} the validation metrics by name (empty without a validation source).
   */
  default void onEpochEnd(int epoch, double loss, Map<String, Double> metrics) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(int epoch, String path) {}

  /** After the last epoch (or the early stop), with the whole history. */
  default void onFitEnd(History history) {}
}
