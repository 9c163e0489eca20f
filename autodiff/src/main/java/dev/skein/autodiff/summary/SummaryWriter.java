package dev.skein.autodiff.summary;

import java.io.Closeable;

/**
 * Where scalar summaries go, as TensorFlow 1.x's {@code tf.summary.FileWriter}: one value of a
 * tag at a global step. {@link CsvSummaryWriter} writes a CSV file; {@code PlotSummaryWriter} (module
 * {@code monitor}) draws them as PNG curves.
 */
public interface SummaryWriter extends Closeable {
  /** Records {@code value} of {@code tag} at {@code step}. */
  void addScalar(String tag, double value, long step);

  /** Records every value of {@code summary} (tag to value) at {@code step}. */
  default void addSummary(java.util.Map<String, Double> summary, long step) {
    summary.forEach((tag, v) -> addScalar(tag, v, step));
  }

  /**
   * A writer that passes every value, flush and close to each of {@code writers} in order: a
   * CSV file and a plot of the same summaries.
   */
  static SummaryWriter tee(SummaryWriter... writers) {
    java.util.List<SummaryWriter> all = java.util.List.of(writers);
    return new SummaryWriter() {
      @Override
      public void addScalar(String tag, double value, long step) {
        all.forEach(w -> w.addScalar(tag, value, step));
      }

      @Override
      public void flush() {
        all.forEach(SummaryWriter::flush);
      }

      @Override
      public void close() {
        all.forEach(SummaryWriter::close);
      }
    };
  }

  /** Writes what is buffered. */
  void flush();

  /** Flushes and releases the writer; without a checked exception. */
  @Override
  void close();
}
