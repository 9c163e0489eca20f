package dev.skein.core.kernel;

/**
 * Dense matrix products on heap arrays, the one place the matmul ops spend their time. A faster
 * implementation (a Vector API kernel, a native BLAS) replaces the default through
 * {@link Kernels#setMatMul} without touching the ops.
 *
 * <p>All matrices are row-major and contiguous. {@code C} is {@code m x n}; {@code op(A)} is
 * {@code m x k}, stored as {@code m x k} or, when {@code transA}, as {@code k x m}; {@code op(B)}
 * is {@code k x n}, stored as {@code k x n} or, when {@code transB}, as {@code n x k}. Each array
 * starts at its offset. C is overwritten (never read), and must not overlap A or B.
 */
public interface MatMulKernel {
  /** {@code C = op(A) op(B)} in float32. */
  void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset,
      float[] b, int bOffset, float[] c, int cOffset);

  /**
   * {@code C = op(A) op(B)} in float32, for a B whose contents never change while the array is
   * reachable (a Tensor's values), unless {@link #forget} is called first: the kernel may keep
   * work done on B, such as a packed copy,
   * for later products by the same array. The default is {@link #sgemm}.
   */
  default void sgemmConstantB(boolean transA, boolean transB, int m, int n, int k, float[] a,
      int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
    sgemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
  }

  /**
   * {@code C = sum_i op(A_i) op(B_i)} in float32: every op(A_i) is m x k[i] and op(B_i) k[i] x n,
   * each array from offset 0. The default computes each product apart and adds it.
   */
  default void sgemmSum(boolean transA, boolean transB, int m, int n, int[] k, float[][] a,
      float[][] b, float[] c) {
    java.util.Arrays.fill(c, 0, m * n, 0f);
    float[] p = new float[m * n];
    for (int i = 0; i < k.length; i++) {
      sgemm(transA, transB, m, n, k[i], a[i], 0, b[i], 0, p, 0);
      for (int j = 0; j < m * n; j++) {
        c[j] += p[j];
      }
    }
  }

  /**
   * Columns [begin, begin + size) of {@code op(A) B^T} in float32 (B stored as nFull x k, A
   * from offset 0), C m x size: the same bits as those columns of the whole product by
   * {@link #sgemm}. The default computes the whole product and copies the columns; a kernel
   * whose elements do not depend on which columns it computes may compute only these.
   */
  default void sgemmColumns(boolean transA, int m, int nFull, int k, float[] a, float[] b,
      int begin, int size, float[] c) {
    float[] whole = new float[m * nFull];
    sgemm(transA, true, m, nFull, k, a, 0, b, 0, whole, 0);
    for (int i = 0; i < m; i++) {
      System.arraycopy(whole, i * nFull + begin, c, i * size, size);
    }
  }

  /**
   * {@code C = D + op(A) op(B)} in float32, every array from offset 0, C distinct from D, A and
   * B: one more product of a running sum. The default computes the product apart and adds it,
   * as the default {@link #sgemmSum} does; a kernel whose sgemmSum accumulates in its tiles
   * continues from D's values the same way, so that a sum built with this one product at a
   * time (a loop's weight gradient) has the bits of the sgemmSum of the same products.
   */
  default void sgemmAdd(boolean transA, boolean transB, int m, int n, int k, float[] a,
      float[] b, float[] d, float[] c) {
    sgemm(transA, transB, m, n, k, a, 0, b, 0, c, 0);
    for (int j = 0; j < m * n; j++) {
      c[j] = d[j] + c[j];
    }
  }

  /**
   * Says that this array's contents are about to change (the session reuses the arrays of dead
   * values, see {@link BufferPool}): a kernel that kept work derived from it as a B of
   * {@link #sgemmConstantB} must drop that work. The default keeps nothing.
   */
  default void forget(float[] b) {}

  /** {@code C = op(A) op(B)} in float64. */
  void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOffset,
      double[] b, int bOffset, double[] c, int cOffset);

  /** A short name for benchmarks and logs. */
  default String name() {
    return getClass().getSimpleName();
  }
}
