package dev.skein.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which examples make each global batch, the same for every partitioning: the examples are
 * numbered in the data set's order (partition 0's first, then partition 1's, ...); epoch e visits
 * them in the order {@link #order(int)} (the identity, or a permutation drawn from the seed and
 * e); step s of the epoch takes positions {@code [s * batchSize, (s + 1) * batchSize)} of that
 * order. The last incomplete batch of an epoch is dropped. A partition's shard of a batch is the
 * batch's examples it holds, in batch order.
 *
 * <p>So training on any number of partitions sees the same batches as training in one process on
 * the examples in that order ({@link LocalTrainer}).
 */
final class BatchPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, int[]> ORDERS = new ConcurrentHashMap<>();

  private final long[] offsets;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;

  /**
   * @param counts the number of examples of each partition
   */
  BatchPlan(long[] counts, int batchSize, boolean shuffle, long seed) {
    this.offsets = new long[counts.length + 1];
    for (int i = 0; i < counts.length; i++) {
      offsets[i + 1] = offsets[i] + counts[i];
    }
    if (offsets[counts.length] > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " examples,"
          + " got " + offsets[counts.length]);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (size() < batchSize) {
      throw new IllegalArgumentException("the data set has " + size() + " examples, fewer than"
          + " one batch of " + batchSize);
    }
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  int size() {
    return (int) offsets[offsets.length - 1];
  }

  int partitions() {
    return offsets.length - 1;
  }

  long count(int partition) {
    return offsets[partition + 1] - offsets[partition];
  }

  int batchSize() {
    return batchSize;
  }

  int stepsPerEpoch() {
    return size() / batchSize;
  }

  /** Epoch {@code epoch}'s order of global example indices. */
  int[] order(int epoch) {
    if (!shuffle) {
      return identity(size());
    }
    String key = seed + "/" + size() + "/" + epoch;
    int[] o = ORDERS.get(key);
    if (o == null) {
      if (ORDERS.size() > 8) {
        ORDERS.clear();
      }
      o = permutation(size(), seed, epoch);
      ORDERS.put(key, o);
    }
    return o;
  }

  /** A permutation of 0..n-1 drawn from (seed, epoch) by Fisher-Yates. */
  static int[] permutation(int n, long seed, int epoch) {
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    int[] p = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /** The global indices of batch {@code step} of epoch {@code epoch}, in batch order. */
  int[] batch(int epoch, int step) {
    int[] o = order(epoch);
    return Arrays.copyOfRange(o, step * batchSize, (step + 1) * batchSize);
  }

  /** Partition {@code p}'s shard of that batch: local indices in the partition, batch order. */
  int[] shard(int epoch, int step, int p) {
    int[] o = order(epoch);
    long lo = offsets[p];
    long hi = offsets[p + 1];
    int[] tmp = new int[batchSize];
    int n = 0;
    for (int i = step * batchSize, end = i + batchSize; i < end; i++) {
      if (o[i] >= lo && o[i] < hi) {
        tmp[n++] = (int) (o[i] - lo);
      }
    }
    return Arrays.copyOf(tmp, n);
  }
}
