package dev.skein.autodiff.train;

import dev.skein.core.Output;
import dev.skein.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The batches a {@link Trainer} runs: for each epoch, a sequence of feed maps (placeholder to
 * value). A source may shuffle differently each epoch; a deterministic source (one seeded by the
 * epoch number) gives a deterministic training.
 */
@FunctionalInterface
public interface DataSource {
  /** The batches of epoch {@code epoch} (counted from 0), each a map of feeds. */
  Iterable<Map<Output, Tensor>> batches(int epoch);

  /** Batches per epoch, or -1 if not known in advance (progress bars then show no total). */
  default int batchesPerEpoch() {
    return -1;
  }

  /**
   * {@code perEpoch} batches an epoch, each drawn from {@code next} when the trainer reaches it,
   * as notebook 004's {@code next_batch} draws random windows of a series: batch k of the whole
   * training is the k-th value {@code next} gives, so a seeded generator trains the same way
   * every run.
   */
  static DataSource generated(int perEpoch, java.util.function.Supplier<Map<Output, Tensor>> next) {
    if (perEpoch < 1) {
      throw new IllegalArgumentException("a generated source needs perEpoch >= 1, got "
          + perEpoch);
    }
    java.util.Objects.requireNonNull(next, "next");
    return new DataSource() {
      @Override
      public Iterable<Map<Output, Tensor>> batches(int epoch) {
        return () -> java.util.stream.Stream.generate(next).limit(perEpoch).iterator();
      }

      @Override
      public int batchesPerEpoch() {
        return perEpoch;
      }
    };
  }

  /** A source that gives the same batches every epoch. */
  static DataSource of(List<Map<Output, Tensor>> batches) {
    List<Map<Output, Tensor>> copy = List.copyOf(batches);
    return new DataSource() {
      @Override
      public Iterable<Map<Output, Tensor>> batches(int epoch) {
        return copy;
      }

      @Override
      public int batchesPerEpoch() {
        return copy.size();
      }
    };
  }
}
