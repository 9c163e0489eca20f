package dev.skein.examples.util;

import dev.skein.autodiff.train.DataSource;
import dev.skein.core.Output;
import dev.skein.core.Tensor;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@link DataSource} that remembers the last batch it gave, for the notebooks' prints that
 * evaluate on the batch just trained on ({@code accuracy.eval(feed_dict={X: X_batch, ...})}).
 */
public final class LastBatchSource implements DataSource {
  private final DataSource source;
  private Map<Output, Tensor> last = Map.of();

  public LastBatchSource(DataSource source) {
    this.source = source;
  }

  /** The last batch given (empty before the first). */
  public Map<Output, Tensor> last() {
    return last;
  }

  @Override
  public Iterable<Map<Output, Tensor>> batches(int epoch) {
    Iterable<Map<Output, Tensor>> it = source.batches(epoch);
    return () -> new Iterator<>() {
      private final Iterator<Map<Output, Tensor>> inner = it.iterator();

      @Override
      public boolean hasNext() {
        return inner.hasNext();
      }

      @Override
      public Map<Output, Tensor> next() {
        last = inner.next();
        return last;
      }
    };
  }

  @Override
  public int batchesPerEpoch() {
    return source.batchesPerEpoch();
  }
}
