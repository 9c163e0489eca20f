package dev.skein.autodiff.train;

import dev.skein.autodiff.summary.SummaryWriter;
import java.util.Map;

/**
 * Writes a {@link Trainer}'s losses to a {@link SummaryWriter}: tag {@code batch_loss} at each
 * batch's global step (counted from 0 over all epochs), and after each epoch {@code loss} (the
 * epoch's mean) and {@code val/NAME} for each validation metric, at the epoch number (from 1).
 * Flushes after each epoch.
 */
public final class SummaryListener implements TrainingListener {
  private final SummaryWriter writer;
  private long step;

  public SummaryListener(SummaryWriter writer) {
    this.writer = writer;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, double loss) {
    writer.addScalar("batch_loss", loss, step++);
  }

  @Override
  public void onEpochEnd(int epoch, double loss, Map<String, Double> metrics) {
    writer.addScalar("loss", loss, epoch + 1);
    metrics.forEach((k, v) -> writer.addScalar("val/" + k, v, epoch + 1));
    writer.flush();
  }
}
