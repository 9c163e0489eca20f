package dev.skein.core.kernel;

/**
 * Fixed row chunks for kernels that sum over rows (a bias gradient: column sums of a
 * [rows, width] gradient). The chunks depend on the row count alone, never on
 * {@link Parallel#threads()}: each chunk sums its rows in order from zero, chunk 0 into the
 * result itself, the others into partial rows, and the partials are then added to the result
 * in chunk order. Float addition is not associative, so this is what makes such a sum the same
 * bits with one thread or eight, and whether or not the chunks ran in parallel.
 */
public final class RowChunks {
  /** Rows per chunk, about: enough to amortize a task, few enough to spread over threads. */
  static final int ROWS = 16;
  /** At most this many chunks (and partial rows), whatever the row count. */
  static final int MAX_CHUNKS = 64;
  /** At most this many floats of partial rows (1 MB). */
  static final int MAX_PARTIAL_FLOATS = 1 << 18;

  private static final ThreadLocal<float[][]> PARTIALS =
      ThreadLocal.withInitial(() -> new float[0][0]);

  private RowChunks() {}

  /** Rows [r0, r1) of chunk {@code chunk}, summing into {@code sum} (zero when called). */
  public interface Body {
    void run(int chunk, int r0, int r1, float[] sum);
  }

  /** How many chunks {@code rows} rows of {@code width} columns are cut into. */
  public static int count(int rows, int width) {
    int byWidth = 1 + MAX_PARTIAL_FLOATS / Math.max(1, width);
    return Math.max(1, Math.min(Math.min(MAX_CHUNKS, byWidth), (rows + ROWS - 1) / ROWS));
  }

  /** The first row of chunk {@code chunk} of {@code chunks}. */
  public static int start(int rows, int chunks, int chunk) {
    return (int) ((long) rows * chunk / chunks);
  }

  /**
   * Runs {@code body} over every chunk of {@code rows} rows, on {@link Parallel}'s threads when
   * {@code parallel}, and leaves in {@code sum[0, width)} the chunks' sums added in chunk
   * order. {@code sum} is zeroed first.
   */
  public static void sum(int rows, int width, boolean parallel, float[] sum, Body body) {
    java.util.Arrays.fill(sum, 0, width, 0f);
    int chunks = count(rows, width);
    if (chunks == 1) {
      body.run(0, 0, rows, sum);
      return;
    }
    float[][] partial = partials(chunks - 1, width);
    java.util.function.IntConsumer task = ch -> {
      float[] s = ch == 0 ? sum : partial[ch - 1];
      if (ch > 0) {
        java.util.Arrays.fill(s, 0, width, 0f);
      }
      body.run(ch, start(rows, chunks, ch), start(rows, chunks, ch + 1), s);
    };
    if (parallel) {
      Parallel.forEach(chunks, task);
    } else {
      for (int ch = 0; ch < chunks; ch++) {
        task.accept(ch);
      }
    }
    for (int ch = 1; ch < chunks; ch++) {
      Activations.addOrMul(false, sum, 0, partial[ch - 1], 0, sum, 0, width);
    }
  }

  /** The calling thread's partial rows: at least {@code count} of {@code width} floats. */
  private static float[][] partials(int count, int width) {
    float[][] p = PARTIALS.get();
    if (p.length < count || p[0].length < width) {
      // Grown to fit both the old and the new shape, within the cap (count * width is within
      // it, by count()).
      int c = Math.max(count, p.length);
      int w = Math.max(width, p.length == 0 ? 0 : p[0].length);
      if ((long) c * w > MAX_PARTIAL_FLOATS) {
        c = count;
        w = width;
      }
      p = new float[c][w];
      PARTIALS.set(p);
    }
    return p;
  }
}
