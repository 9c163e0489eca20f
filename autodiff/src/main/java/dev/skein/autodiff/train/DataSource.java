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
