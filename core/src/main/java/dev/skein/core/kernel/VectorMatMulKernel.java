package dev.skein.core.kernel;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A float32 matmul kernel written with the JDK's Vector API ({@code jdk.incubator.vector}):
 * register tiles of fused multiply-adds over packed panels of B (see {@link VectorGemm}), about
 * three times the throughput of {@link BlockedMatMulKernel}'s auto-vectorized loops on the
 * LSTM's mid-sized products (see docs/PERFORMANCE.md). {@link Kernels} picks it when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}; float64 products and products too small
 * or too narrow for a register tile go to {@link BlockedMatMulKernel}.
 */
public final class VectorMatMulKernel implements MatMulKernel {
  /** Below this many multiply-adds, the blocked kernel's direct loops are as fast. */
  static final long DIRECT_WORK = 1 << 13;
  /** From this many multiply-adds on, the product is split across threads. */
  static final long PARALLEL_WORK = 1 << 17;
  /** Below this many multiply-adds, one task per thread. */
  static final long SMALL_WORK = 1 << 23;

  private final BlockedMatMulKernel fallback = new BlockedMatMulKernel();
  private final PackCache cache = new PackCache();

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
      float[] b, int bOffset, float[] c, int cOffset) {
    product(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, false);
  }

  /** Like sgemm; B's packing is kept for later products by the same B (see PackCache). */
  @Override
  public void sgemmConstantB(boolean transA, boolean transB, int m, int n, int k, float[] a,
      int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
    product(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, true);
  }

  /**
   * {@code C = D + op(A) op(B)}, each element's multiply-adds continuing from D's value, as
   * {@link #sgemmSum} continues from the products before: so a sum built one product at a time
   * with this is the same bits as sgemmSum of those products. Products sgemmSum would not run
   * in its vector tiles (too small or too narrow) are computed apart and added, as it does.
   */
  @Override
  public void sgemmAdd(boolean transA, boolean transB, int m, int n, int k, float[] a,
      float[] b, float[] d, float[] c) {
    long work = (long) m * n * k;
    if (work < DIRECT_WORK || n < VectorGemm.L || k == 0) {
      MatMulKernel.super.sgemmAdd(transA, transB, m, n, k, a, b, d, c);
      return;
    }
    checkArgument(d.length >= m * n, "matmul: D has %s values, C needs %s", d.length, m * n);
    tiles(transA, transB, m, n, k, a, 0, b, 0, d, c, 0, false, work);
  }

  private void product(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao,
      float[] b, int bo, float[] c, int co, boolean constantB) {
    long work = (long) m * n * k;
    if (work >= DIRECT_WORK && n < VectorGemm.L && m >= VectorGemm.L && k > 0) {
      // C narrower than a vector (a dense layer's 10 classes): compute C's transpose,
      // op(B)^T op(A)^T, which is wide, and transpose the small result (measured: 150x150x10
      // with transposeA took 165 us in the scalar loops).
      checkSizes(m, n, k, a.length, ao, b.length, bo, c.length, co);
      float[] d = new float[n * m];
      product(!transB, !transA, n, m, k, b, bo, a, ao, d, 0, false);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          c[co + i * n + j] = d[j * m + i];
        }
      }
      return;
    }
    if (work < DIRECT_WORK || n < VectorGemm.L || k == 0) {
      fallback.sgemm(transA, transB, m, n, k, a, ao, b, bo, c, co);
      return;
    }
    tiles(transA, transB, m, n, k, a, ao, b, bo, null, c, co, constantB, work);
  }

  /**
   * Columns [begin, begin + size) of op(A) B^T: by the register tiles when the whole product
   * would run in them (each element is then the same chain of multiply-adds whichever columns
   * are computed), else the whole product, then its columns.
   */
  @Override
  public void sgemmColumns(boolean transA, int m, int nFull, int k, float[] a, float[] b,
      int begin, int size, float[] c) {
    long work = (long) m * nFull * k;
    if (work < DIRECT_WORK || nFull < VectorGemm.L || k == 0 || size == 0) {
      MatMulKernel.super.sgemmColumns(transA, m, nFull, k, a, b, begin, size, c);
      return;
    }
    checkArgument(begin >= 0 && (long) begin + size <= nFull, "matmul: columns [%s, %s + %s)"
        + " are not within %s", begin, begin, size, nFull);
    tiles(transA, true, m, size, k, a, 0, b, begin * k, null, c, 0, true,
        (long) m * size * k);
  }

  /**
   * The product by the register tiles (its size already checked as fit for them), added to D's
   * values unless D is null; B's packing kept when {@code constantB}.
   */
  private void tiles(boolean transA, boolean transB, int m, int n, int k, float[] a, int ao,
      float[] b, int bo, float[] d, float[] c, int co, boolean constantB, long work) {
    checkSizes(m, n, k, a.length, ao, b.length, bo, c.length, co);
    int panels = VectorGemm.panels(n);
    int threads = work >= PARALLEL_WORK ? Parallel.threads() : 1;
    float[] packed = null;
    if (constantB && VectorGemm.packedSize(k, panels) <= PackCache.MAX_FLOATS) {
      packed = cache.get(b, bo, k, n, transB);
      if (packed == null && cache.seenBefore(b, bo, k, n, transB)) {
        float[] p = new float[VectorGemm.packedSize(k, panels)];
        int parts = Math.min(threads, panels);
        Parallel.forEach(parts, t -> VectorGemm.pack(transB, n, k, b, bo, panels * t / parts,
            panels * (t + 1) / parts, p, 0, panels));
        cache.put(b, bo, k, n, transB, p);
        packed = p;
      }
    }
    runTasks(transA, transB, m, n, k, a, ao, b, bo, d, c, co, packed, panels, threads, work);
  }

  /** The product's tasks, from B's shared packing if there is one; D as in sgemmAdd, or null. */
  private static void runTasks(boolean transA, boolean transB, int m, int n, int k, float[] a,
      int ao, float[] b, int bo, float[] d, float[] c, int co, float[] shared, int panels,
      int threads, long work) {
    if (threads == 1) {
      run(transA, transB, m, n, k, a, ao, b, bo, d, c, co, shared, panels, 0, panels, 0, m);
      return;
    }
    // Small products, or products whose B packing is shared: one task per thread, by rows
    // (whole tiles), which balances to within a tile at the least hand-over cost. Otherwise
    // about four tasks per thread, taken one at a time, so that uneven tasks (a partial last
    // panel) balance out: split columns into panels first (each task packs only its panels),
    // then rows when there are few panels. Measured on the BasicRNN step's 150x178x150
    // products: two tasks of two and three panels ran at 60% of the speed of ten tasks.
    int[] split = split(m, panels, threads,
        (shared != null || work < SMALL_WORK) && m >= threads * VectorGemm.MR);
    int colTasks = split[0];
    int rowTasks = split[1];
    int tasks = colTasks * rowTasks;
    Parallel.forEach(tasks, t -> {
      int ct = t % colTasks;
      int rt = t / colTasks;
      run(transA, transB, m, n, k, a, ao, b, bo, d, c, co, shared, panels,
          (int) ((long) panels * ct / colTasks), (int) ((long) panels * (ct + 1) / colTasks),
          rowStart(m, rt, rowTasks), rowStart(m, rt + 1, rowTasks));
    });
  }

  /**
   * The sum of products in one pass: each task owns a block of C's columns and rows and adds
   * every product's share to it while the block is in cache, packing its panels of each B.
   */
  @Override
  public void sgemmSum(boolean transA, boolean transB, int m, int n, int[] k, float[][] a,
      float[][] b, float[] c) {
    long work = 0;
    for (int i = 0; i < k.length; i++) {
      checkSizes(m, n, k[i], a[i].length, 0, b[i].length, 0, c.length, 0);
      work += (long) m * n * k[i];
    }
    if (work < DIRECT_WORK || n < VectorGemm.L) {
      MatMulKernel.super.sgemmSum(transA, transB, m, n, k, a, b, c);
      return;
    }
    int panels = VectorGemm.panels(n);
    int threads = work >= PARALLEL_WORK ? Parallel.threads() : 1;
    // Each task adds every product's share to its block of C. One task per thread by rows when
    // there are enough: each thread then reads its columns of every A_i once (the static RNN's
    // weight gradient, 178x150 from 28 products, A cold: 1.07 ms, against 1.58 ms with about
    // four tasks per thread by panels and rows, each reading its rows of A_i again per panel).
    int[] split = threads == 1 ? new int[] {1, 1}
        : split(m, panels, threads, m >= 2 * threads * VectorGemm.MR);
    int colTasks = split[0];
    int rowTasks = split[1];
    Parallel.forEach(colTasks * rowTasks, t -> {
      int ct = t % colTasks;
      int rt = t / colTasks;
      int p0 = (int) ((long) panels * ct / colTasks);
      int p1 = (int) ((long) panels * (ct + 1) / colTasks);
      int r0 = rowStart(m, rt, rowTasks);
      int r1 = rowStart(m, rt + 1, rowTasks);
      boolean add = false;
      for (int i = 0; i < k.length; i++) {
        if (k[i] == 0) {
          continue;
        }
        float[] packed = Workspace.get().vectorPanels(VectorGemm.packedSize(k[i], p1 - p0));
        VectorGemm.pack(transB, n, k[i], b[i], 0, p0, p1, packed, p0, p1 - p0);
        VectorGemm.compute(transA, m, n, k[i], a[i], 0, packed, p0, p1 - p0, c, 0, p0, p1, r0,
            r1, add);
        add = true;
      }
      if (!add) {
        int c0 = Math.min(n, p0 * VectorGemm.NR);
        int c1 = Math.min(n, p1 * VectorGemm.NR);
        for (int r = r0; r < r1; r++) {
          java.util.Arrays.fill(c, r * n + c0, r * n + c1, 0f);
        }
      }
    });
  }

  @Override
  public void forget(float[] b) {
    cache.forget(b);
  }

  /**
   * {column tasks, row tasks}: one task per thread by rows when {@code byRows}, else about four
   * tasks per thread, by column panels first, then by rows when there are few panels.
   */
  private static int[] split(int m, int panels, int threads, boolean byRows) {
    if (byRows) {
      return new int[] {1, threads};
    }
    int target = 4 * threads;
    int colTasks = Math.min(panels, target);
    int rowTasks = Math.max(1, Math.min((target + colTasks - 1) / colTasks,
        m / (2 * VectorGemm.MR)));
    return new int[] {colTasks, rowTasks};
  }

  /** One task: from the shared packing if there is one, else packing its own panels. */
  private static void run(boolean transA, boolean transB, int m, int n, int k, float[] a,
      int ao, float[] b, int bo, float[] d, float[] c, int co, float[] shared, int panels,
      int panel0, int panel1, int row0, int row1) {
    if (shared != null) {
      VectorGemm.compute(transA, m, n, k, a, ao, shared, 0, panels, d, c, co, panel0, panel1,
          row0, row1, d != null);
      return;
    }
    int own = panel1 - panel0;
    float[] packed = Workspace.get().vectorPanels(VectorGemm.packedSize(k, own));
    VectorGemm.pack(transB, n, k, b, bo, panel0, panel1, packed, panel0, own);
    VectorGemm.compute(transA, m, n, k, a, ao, packed, panel0, own, d, c, co, panel0, panel1,
        row0, row1, d != null);
  }

  /** Row ranges in multiples of a register tile's rows. */
  private static int rowStart(int m, int task, int tasks) {
    if (task == tasks) {
      return m;
    }
    int tiles = m / VectorGemm.MR;
    // Rounded up: earlier tasks take the extra whole tiles, so the last one, which also runs
    // the rows past the last tile one at a time, is not the longest (178 rows: 90 + 88).
    return (int) (((long) tiles * task + tasks - 1) / tasks) * VectorGemm.MR;
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOffset,
      double[] b, int bOffset, double[] c, int cOffset) {
    fallback.dgemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
  }

  @Override
  public String name() {
    return "VectorMatMulKernel(" + VectorGemm.S.vectorBitSize() + "-bit)";
  }

  private static void checkSizes(int m, int n, int k, int aLength, int aOffset, int bLength,
      int bOffset, int cLength, int cOffset) {
    checkArgument(m >= 0 && n >= 0 && k >= 0, "negative matmul size m=%s n=%s k=%s", m, n, k);
    checkArgument(aOffset >= 0 && aOffset + (long) m * k <= aLength,
        "A (%s x %s at offset %s) exceeds its array of %s", m, k, aOffset, aLength);
    checkArgument(bOffset >= 0 && bOffset + (long) k * n <= bLength,
        "B (%s x %s at offset %s) exceeds its array of %s", k, n, bOffset, bLength);
    checkArgument(cOffset >= 0 && cOffset + (long) m * n <= cLength,
        "C (%s x %s at offset %s) exceeds its array of %s", m, n, cOffset, cLength);
  }
}
