package dev.skein.autodiff.train;

import dev.skein.core.Output;
import dev.skein.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * {@link DataSource}s cut from whole data sets held in tensors whose first dimension is the row
 * (example) index: {@link #shuffled} for training, {@link #inOrder} for validation.
 */
public final class Batches {
  private Batches() {}

  /**
   * Training batches as notebooks 001-002 make them: each epoch shuffles the rows (a
   * permutation drawn from a {@link Random} seeded by {@code seed} and the epoch, so epoch e's
   * batches are the same whatever ran before) and splits them into {@code rows / batchSize}
   * nearly equal batches covering every row ({@code np.array_split(rnd_idx, n_batches)}): the
   * first {@code rows % n} batches have one row more.
   */
  public static DataSource shuffled(Map<Output, Tensor> data, int batchSize, long seed) {
    int rows = checkRows(data, batchSize);
    int n = Math.max(1, rows / batchSize);
    Map<Output, Tensor> copy = new LinkedHashMap<>(data);
    return new DataSource() {
      @Override
      public Iterable<Map<Output, Tensor>> batches(int epoch) {
        int[] perm = permutation(rows, new Random(seed * 1_000_003L + epoch));
        List<Map<Output, Tensor>> out = new ArrayList<>(n);
        int q = rows / n;
        int r = rows % n;
        for (int b = 0; b < n; b++) {
          int from = b * q + Math.min(b, r);
          out.add(slice(copy, perm, from, from + q + (b < r ? 1 : 0)));
        }
        return out;
      }

      @Override
      public int batchesPerEpoch() {
        return n;
      }
    };
  }

  /** The rows in order, in chunks of at most {@code chunkSize} (the last may be shorter). */
  public static DataSource inOrder(Map<Output, Tensor> data, int chunkSize) {
    int rows = checkRows(data, chunkSize);
    int[] identity = new int[rows];
    for (int i = 0; i < rows; i++) {
      identity[i] = i;
    }
    List<Map<Output, Tensor>> chunks = new ArrayList<>();
    for (int from = 0; from < rows; from += chunkSize) {
      chunks.add(slice(data, identity, from, Math.min(rows, from + chunkSize)));
    }
    return DataSource.of(chunks);
  }

  /** Rows {@code perm[from..to)} of every tensor. */
  static Map<Output, Tensor> slice(Map<Output, Tensor> data, int[] perm, int from, int to) {
    Map<Output, Tensor> out = new LinkedHashMap<>();
    data.forEach((k, t) -> out.put(k, rows(t, perm, from, to)));
    return out;
  }

  static Tensor rows(Tensor t, int[] perm, int from, int to) {
    int[] dims = t.shape().dims();
    int rowSize = 1;
    for (int i = 1; i < dims.length; i++) {
      rowSize *= dims[i];
    }
    dims[0] = to - from;
    Object src = flat(t);
    Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(),
        (to - from) * rowSize);
    for (int i = from; i < to; i++) {
      System.arraycopy(src, perm[i] * rowSize, dst, (i - from) * rowSize, rowSize);
    }
    return Tensor.wrap(t.dtype(), dev.skein.core.Shape.of(dims), dst);
  }

  private static Object flat(Tensor t) {
    switch (t.dtype()) {
      case FLOAT32:
        return t.floats();
      case FLOAT64:
        return t.doubles();
      case INT32:
        return t.ints();
      default:
        return t.bools();
    }
  }

  private static int checkRows(Map<Output, Tensor> data, int batchSize) {
    Objects.requireNonNull(data, "data");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("batches need at least one fed tensor");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    int rows = -1;
    Output first = null;
    for (Map.Entry<Output, Tensor> e : data.entrySet()) {
      Tensor t = Objects.requireNonNull(e.getValue(), "tensor fed to " + e.getKey());
      if (t.shape().rank() == 0) {
        throw new IllegalArgumentException("the tensor fed to " + e.getKey()
            + " is a scalar; batches cut tensors along their first dimension (rows)");
      }
      if (rows < 0) {
        rows = t.shape().dim(0);
        first = e.getKey();
      } else if (t.shape().dim(0) != rows) {
        throw new IllegalArgumentException("the tensors have different row counts: "
            + first + " has " + rows + ", " + e.getKey() + " has " + t.shape().dim(0));
      }
    }
    if (rows == 0) {
      throw new IllegalArgumentException("the data has no rows");
    }
    return rows;
  }

  static int[] permutation(int n, Random rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }
}
