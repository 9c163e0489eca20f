package dev.skein.autodiff.summary;

import java.io.Closeable;

/**
 * Where scalar summaries go, as TensorFlow 1.x's {@code tf.summary.FileWriter}: one value of a
 * tag at a global step. {@link CsvSummaryWriter} writes a CSV file; a plotting writer (in the
 * examples) draws loss curves.
 */
public interface SummaryWriter extends Closeable {
  /** Records {@code value} of {@code tag} at {@code step}. */
  void addScalar(String tag, double value, long step);

  /** Records every value of {@code summary} (tag to value) at {@code step}. */
  default void addSummary(java.util.Map<String, Double> summary, long step) {
    summary.forEach((tag, v) -> addScalar(tag, v, step));
  }

  /** Writes what is buffered. */
  void flush();

  /** Flushes and releases the writer; without a checked exception. */
  @Override
  void close();
}
