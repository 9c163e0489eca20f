package dev.skein.core.ops.linalg;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.kernel.Kernels;
import dev.skein.core.kernel.MatMulKernel;
import dev.skein.core.kernel.Parallel;
import java.util.function.IntConsumer;

/** Kernels of the linalg family: run-time shape checks, the batch loop, int32 products. */
final class LinalgKernels {
  /** Batches of products smaller than this (multiply-adds) run in parallel over the batch. */
  private static final long SMALL_PRODUCT = 1 << 17;
  /** ... when the whole batch has at least this much work. */
  private static final long PARALLEL_BATCH_WORK = 1 << 19;

  private LinalgKernels() {}

  static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) {
    checkArgument(a.rank() == 2 && b.rank() == 2,
        "matmul: a and b must be matrices (rank 2), got shapes %s and %s", a.shape(), b.shape());
    Dims d = Dims.of(a.shape(), b.shape(), ta, tb, "transposeA", "transposeB");
    return products(a, b, ta, tb, 1, d, Shape.of(d.m, d.n));
  }

  /** {@code op(a) op(b[begin : begin + size])}, b's rows read in place. */
  static Tensor matmulBRows(Tensor a, Tensor b, boolean ta, boolean tb, int begin, int size) {
    checkArgument(a.rank() == 2 && b.rank() == 2,
        "matmulBRows: a and b must be matrices (rank 2), got shapes %s and %s", a.shape(),
        b.shape());
    checkArgument((long) begin + size <= b.shape().dim(0), "matmulBRows: rows [%s, %s + %s)"
        + " are not within b %s", begin, begin, size, b.shape());
    int cols = b.shape().dim(1);
    Dims d = Dims.of(a.shape(), Shape.of(size, cols), ta, tb, "transposeA", "transposeB");
    int m = d.m;
    int n = d.n;
    int k = d.k;
    int bo = begin * cols;
    DType t = a.dtype();
    MatMulKernel kernel = Kernels.matMul();
    int rows = b.shape().dim(0);
    switch (t) {
      case FLOAT32 -> {
        float[] c = BufferPool.floats(m * n);
        if (tb) {
          // Columns of the whole product op(a) b^T, with its bits.
          kernel.sgemmColumns(ta, m, rows, k, a.floats(), b.floats(), begin, size, c);
        } else {
          kernel.sgemmConstantB(ta, false, m, n, k, a.floats(), 0, b.floats(), bo, c, 0);
        }
        return Tensor.wrap(t, Shape.of(m, n), c);
      }
      case FLOAT64 -> {
        double[] c = new double[m * n];
        if (tb) {
          // The whole product, then its columns: the same bits whatever the kernel.
          double[] whole = new double[m * rows];
          kernel.dgemm(ta, true, m, rows, k, a.doubles(), 0, b.doubles(), 0, whole, 0);
          for (int i = 0; i < m; i++) {
            System.arraycopy(whole, i * rows + begin, c, i * size, size);
          }
        } else {
          kernel.dgemm(ta, false, m, n, k, a.doubles(), 0, b.doubles(), bo, c, 0);
        }
        return Tensor.wrap(t, Shape.of(m, n), c);
      }
      case INT32 -> {
        int[] c = new int[m * n];
        intProduct(ta, tb, m, n, k, a.ints(), 0, b.ints(), bo, c, 0);
        return Tensor.wrap(t, Shape.of(m, n), c);
      }
      default -> throw new IllegalArgumentException("matmulBRows: " + t
          + " inputs are not supported");
    }
  }

  /** {@code d + op(a) op(b)}: MatMulSum's bits for one more product of a running sum. */
  static Tensor matmulAdd(Tensor d, Tensor a, Tensor b, boolean ta, boolean tb) {
    checkArgument(a.rank() == 2 && b.rank() == 2, "matmulAdd: a and b must be matrices (rank"
        + " 2), got shapes %s and %s", a.shape(), b.shape());
    Dims dims = Dims.of(a.shape(), b.shape(), ta, tb, "transposeA", "transposeB");
    int m = dims.m;
    int n = dims.n;
    int k = dims.k;
    Shape out = Shape.of(m, n);
    checkArgument(d.shape().equals(out), "matmulAdd: d %s must have the product's shape %s",
        d.shape(), out);
    DType t = a.dtype();
    MatMulKernel kernel = Kernels.matMul();
    switch (t) {
      case FLOAT32 -> {
        float[] c = BufferPool.floats(m * n);
        kernel.sgemmAdd(ta, tb, m, n, k, a.floats(), b.floats(), d.floats(), c);
        return Tensor.wrap(t, out, c);
      }
      case FLOAT64 -> {
        // As MatMulSum's float64 sum: the product apart, then added.
        double[] c = new double[m * n];
        kernel.dgemm(ta, tb, m, n, k, a.doubles(), 0, b.doubles(), 0, c, 0);
        double[] dv = d.doubles();
        for (int j = 0; j < c.length; j++) {
          c[j] = dv[j] + c[j];
        }
        return Tensor.wrap(t, out, c);
      }
      case INT32 -> {
        int[] c = d.ints().clone();
        intProduct(ta, tb, m, n, k, a.ints(), 0, b.ints(), 0, c, 0);
        return Tensor.wrap(t, out, c);
      }
      default -> throw new IllegalArgumentException("matmulAdd: " + t
          + " inputs are not supported");
    }
  }

  static Tensor batchMatmul(Tensor x, Tensor y, boolean adjX, boolean adjY) {
    int rank = x.rank();
    checkArgument(rank >= 2 && y.rank() == rank,
        "batchMatmul: x %s and y %s must have the same rank, 2 or more", x.shape(), y.shape());
    Shape batchShape = x.shape().subShape(0, rank - 2);
    checkArgument(batchShape.equals(y.shape().subShape(0, rank - 2)),
        "batchMatmul: batch dimensions differ: x %s vs y %s", x.shape(), y.shape());
    Dims d = Dims.of(x.shape().subShape(rank - 2, rank), y.shape().subShape(rank - 2, rank), adjX,
        adjY, "adjX", "adjY");
    return products(x, y, adjX, adjY, batchShape.numElements(), d, batchShape.append(d.m, d.n));
  }

  static Tensor matmulSum(Tensor[] in, int count, boolean ta, boolean tb) {
    Dims first = null;
    int[] ks = new int[count];
    for (int i = 0; i < count; i++) {
      Tensor a = in[i];
      Tensor b = in[count + i];
      checkArgument(a.rank() == 2 && b.rank() == 2, "matmulSum: product %s needs matrices, got"
          + " shapes %s and %s", i, a.shape(), b.shape());
      Dims d = Dims.of(a.shape(), b.shape(), ta, tb, "transposeA", "transposeB");
      checkArgument(first == null || (d.m == first.m && d.n == first.n), "matmulSum: product"
          + " %s is [%s, %s], product 0 [%s, %s]", i, d.m, d.n, first == null ? 0 : first.m,
          first == null ? 0 : first.n);
      first = first == null ? d : first;
      ks[i] = d.k;
    }
    int m = first.m;
    int n = first.n;
    DType t = in[0].dtype();
    Shape outShape = Shape.of(m, n);
    MatMulKernel kernel = Kernels.matMul();
    switch (t) {
      case FLOAT32 -> {
        float[][] as = new float[count][];
        float[][] bs = new float[count][];
        for (int i = 0; i < count; i++) {
          as[i] = in[i].floats();
          bs[i] = in[count + i].floats();
        }
        float[] c = BufferPool.floats(m * n);
        kernel.sgemmSum(ta, tb, m, n, ks, as, bs, c);
        return Tensor.wrap(t, outShape, c);
      }
      case FLOAT64 -> {
        double[] c = new double[m * n];
        double[] p = new double[m * n];
        for (int i = 0; i < count; i++) {
          kernel.dgemm(ta, tb, m, n, ks[i], in[i].doubles(), 0, in[count + i].doubles(), 0, p,
              0);
          for (int j = 0; j < p.length; j++) {
            c[j] += p[j];
          }
        }
        return Tensor.wrap(t, outShape, c);
      }
      case INT32 -> {
        int[] c = new int[m * n];
        for (int i = 0; i < count; i++) {
          intProduct(ta, tb, m, n, ks[i], in[i].ints(), 0, in[count + i].ints(), 0, c, 0);
        }
        return Tensor.wrap(t, outShape, c);
      }
      default -> throw new IllegalArgumentException("matmulSum: bool inputs are not supported");
    }
  }

  /** Sizes of one product {@code [m, k] x [k, n]}, checked. */
  private record Dims(int m, int n, int k) {
    static Dims of(Shape a, Shape b, boolean ta, boolean tb, String taName, String tbName) {
      int k = a.dim(ta ? 0 : 1);
      int kb = b.dim(tb ? 1 : 0);
      checkArgument(k == kb, "matmul: inner dimensions differ: a %s [%s=%s] x b %s [%s=%s]:"
          + " %s != %s", a, taName, ta, b, tbName, tb, k, kb);
      return new Dims(a.dim(ta ? 1 : 0), b.dim(tb ? 0 : 1), k);
    }
  }

  private static Tensor products(Tensor a, Tensor b, boolean ta, boolean tb, int batch, Dims d,
      Shape outShape) {
    int m = d.m;
    int n = d.n;
    int k = d.k;
    DType t = a.dtype();
    Object out = t == DType.FLOAT32 ? BufferPool.floats(outShape.numElements())
        : Tensor.newArray(t, outShape.numElements());
    MatMulKernel kernel = Kernels.matMul();
    IntConsumer one = switch (t) {
      // A tensor's values never change: a single product lets the kernel keep B's packing.
      case FLOAT32 -> batch == 1
          ? i -> kernel.sgemmConstantB(ta, tb, m, n, k, a.floats(), 0, b.floats(), 0,
              (float[]) out, 0)
          : i -> kernel.sgemm(ta, tb, m, n, k, a.floats(), i * m * k, b.floats(), i * k * n,
              (float[]) out, i * m * n);
      case FLOAT64 -> i -> kernel.dgemm(ta, tb, m, n, k, a.doubles(), i * m * k, b.doubles(),
          i * k * n, (double[]) out, i * m * n);
      case INT32 -> i -> intProduct(ta, tb, m, n, k, a.ints(), i * m * k, b.ints(), i * k * n,
          (int[]) out, i * m * n);
      case INT64, BOOL -> throw new IllegalArgumentException("matmul: " + t
          + " inputs are not supported");
    };
    long work = (long) m * n * k;
    if (batch > 1 && work < SMALL_PRODUCT && work * batch >= PARALLEL_BATCH_WORK) {
      // Small products run single-threaded in the kernel: spread the batch instead.
      int chunks = Math.min(batch, 4 * Parallel.threads());
      Parallel.forEach(chunks, c -> {
        for (int i = (int) ((long) batch * c / chunks); i < (long) batch * (c + 1) / chunks; i++) {
          one.accept(i);
        }
      });
    } else {
      for (int i = 0; i < batch; i++) {
        one.accept(i);
      }
    }
    return Tensor.wrap(t, outShape, out);
  }

  /** Int32 products wrap around on overflow, as TensorFlow's do. */
  private static void intProduct(boolean ta, boolean tb, int m, int n, int k, int[] a, int ao,
      int[] b, int bo, int[] c, int co) {
    int ars = ta ? 1 : k;
    int acs = ta ? m : 1;
    int brs = tb ? 1 : n;
    int bcs = tb ? k : 1;
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        int s = a[ao + i * ars + p * acs];
        int bp = bo + p * brs;
        int ci = co + i * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += s * b[bp + j * bcs];
        }
      }
    }
  }
}
