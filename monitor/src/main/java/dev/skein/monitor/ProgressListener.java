package dev.skein.monitor;

import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Shows a {@link dev.skein.autodiff.train.Trainer}'s progress. On a terminal
 * ({@link ProgressMode#BAR}) each epoch is a bar ({@code epoch 2/15 [====>   ] 40% loss
 * 0.4127}) that ends as the epoch's line; in logs ({@link ProgressMode#LINES}) it prints one line
 * per epoch ({@code epoch 2/15  loss 0.4127  accuracy 0.8710  31.2 s}), plus a line at each
 * tenth of the whole training that falls inside an epoch (so a single long epoch still shows
 * it runs). The loss shown while an epoch runs is the mean of its batches so far.
 */
public final class ProgressListener implements TrainingListener {
  private final PrintStream out;
  private final ProgressMode mode;
  private final LongSupplier clock;
  private int epochs;
  private int perEpoch;
  private Progress bar;
  private long epochStart;
  private long globalDone;
  private double sum;
  private int count;
  private IntFunction<Map<String, Double>> extraMetrics = e -> Map.of();

  /** Progress on standard output, in the mode {@link ProgressMode#auto()} picks. */
  public ProgressListener() {
    this(System.out, ProgressMode.auto());
  }

  public ProgressListener(PrintStream out, ProgressMode mode) {
    this(out, mode, System::nanoTime);
  }

  /** With an explicit clock (nanoseconds), for tests. */
  ProgressListener(PrintStream out, ProgressMode mode, LongSupplier nanoClock) {
    this.out = out;
    this.mode = mode;
    this.clock = nanoClock;
  }

  /**
   * Adds more values to each epoch's line, after the validation metrics: {@code extra} gets the
   * epoch (from 0) when the epoch ends. A listener registered before this one can compute them
   * in its own {@code onEpochEnd} (notebook 002's accuracy on the epoch's last batch, say).
   */
  public ProgressListener withEpochMetrics(IntFunction<Map<String, Double>> extra) {
    this.extraMetrics = java.util.Objects.requireNonNull(extra, "extra");
    return this;
  }

  @Override
  public void onFitStart(int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
    this.perEpoch = batchesPerEpoch;
    this.globalDone = 0;
  }

  @Override
  public void onEpochStart(int epoch) {
    epochStart = clock.getAsLong();
    sum = 0;
    count = 0;
    if (mode == ProgressMode.BAR) {
      bar = Progress.create(epochLabel(epoch), Math.max(-1, perEpoch), out, mode);
    }
  }

  @Override
  public void onBatchEnd(int epoch, int batch, double loss) {
    sum += loss;
    count++;
    String status = String.format(Locale.ROOT, "loss %.4f", sum / count);
    if (bar != null) {
      bar.step(1, status);
    }
    long before = globalDone++;
    long whole = (long) epochs * perEpoch;
    if (mode == ProgressMode.LINES && perEpoch > 0 && count < perEpoch
        && globalDone * 10 / whole > before * 10 / whole) {
      out.println(Progress.line(epochLabel(epoch), count, perEpoch, status, seconds()));
      out.flush();
    }
  }

  @Override
  public void onEpochEnd(int epoch, double loss, Map<String, Double> metrics) {
    StringBuilder status = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", loss));
    metrics.forEach((k, v) -> status.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
    extraMetrics.apply(epoch).forEach((k, v) -> status.append(String.format(Locale.ROOT,
        "  %s %.4f", k, v)));
    if (bar != null) {
      bar.finish(status.toString());
      bar = null;
    } else if (mode == ProgressMode.LINES) {
      out.println(String.format(Locale.ROOT, "%s  %s  %.1f s", epochLabel(epoch), status,
          seconds()));
      out.flush();
    }
  }

  /**
   * Prints {@code line} on a line of its own: above the bar while an epoch's bar runs, so a
   * listener can print the notebooks' progress lines without breaking the bar.
   */
  public void log(String line) {
    if (bar != null) {
      bar.log(line);
    } else {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void onCheckpoint(int epoch, String path) {
    if (mode != ProgressMode.OFF) {
      out.println("checkpoint " + path);
    }
  }

  @Override
  public void onFitEnd(History history) {
    if (mode != ProgressMode.OFF && history.stoppedEarly()) {
      out.println(String.format(Locale.ROOT, "stopped early after epoch %d (best: epoch %d)",
          history.epochsRun(), history.bestEpoch() + 1));
    }
  }

  private String epochLabel(int epoch) {
    return String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs);
  }

  private double seconds() {
    return (clock.getAsLong() - epochStart) / 1e9;
  }
}
