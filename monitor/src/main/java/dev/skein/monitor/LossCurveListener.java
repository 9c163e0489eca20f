package dev.skein.monitor;

import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link dev.skein.autodiff.train.Trainer}'s loss curve as a PNG (XChart, through
 * {@link LinePlot}), redrawn after every epoch so that it can be watched during a long
 * training: each batch's loss against the epoch (batch b of n in epoch e at e + (b + 1) / n),
 * and each epoch's mean loss as a dot at e + 1.
 */
public final class LossCurveListener implements TrainingListener {
  private final Path file;
  private final String title;
  private final int width;
  private final int height;
  private final List<Double> xs = new ArrayList<>();
  private final List<Double> ys = new ArrayList<>();
  private final List<Double> epochX = new ArrayList<>();
  private final List<Double> epochY = new ArrayList<>();
  private final List<Double> pending = new ArrayList<>();

  /** A 900 x 500 PNG at {@code file}, titled {@code title}. */
  public LossCurveListener(Path file, String title) {
    this(file, title, 900, 500);
  }

  public LossCurveListener(Path file, String title, int width, int height) {
    if (width < 50 || height < 50) {
      throw new IllegalArgumentException("a loss curve needs at least 50 x 50 pixels, got "
          + width + " x " + height);
    }
    this.file = file;
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /** The PNG this listener writes. */
  public Path file() {
    return file;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, double loss) {
    pending.add(loss);
  }

  @Override
  public void onEpochEnd(int epoch, double loss, Map<String, Double> metrics) {
    int n = pending.size();
    for (int b = 0; b < n; b++) {
      xs.add(epoch + (b + 1.0) / n);
      ys.add(pending.get(b));
    }
    pending.clear();
    epochX.add(epoch + 1.0);
    epochY.add(loss);
    write();
  }

  @Override
  public void onFitEnd(History history) {
    write();
  }

  private void write() {
    try {
      new LinePlot(title, "epoch", "loss").add("batch loss", array(xs), array(ys))
          .add("epoch mean", array(epochX), array(epochY), true).writePng(file, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the loss curve " + file, e);
    }
  }

  static double[] array(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
