package dev.skein.core.ops.linalg;

import dev.skein.core.Graph;
import dev.skein.core.Output;

/** The linalg family's part of the {@code Ops} facade: each method delegates to LinalgOps. */
public interface LinalgApi {
  Graph graph();

  /** {@code a x b}; batches of matrices (rank 3 and up) give a BatchMatMul, as in TF. */
  default Output matmul(Output a, Output b) {
    return LinalgOps.matmul(graph(), a, b, false, false, null);
  }

  default Output matmul(Output a, Output b, boolean transposeA, boolean transposeB) {
    return LinalgOps.matmul(graph(), a, b, transposeA, transposeB, null);
  }

  default Output matmul(Output a, Output b, boolean transposeA, boolean transposeB,
      String name) {
    return LinalgOps.matmul(graph(), a, b, transposeA, transposeB, name);
  }

  /** The sum of the matrix products {@code op(as[i]) op(bs[i])}, in one op. */
  default Output matmulSum(java.util.List<Output> as, java.util.List<Output> bs,
      boolean transposeA, boolean transposeB) {
    return LinalgOps.matmulSum(graph(), as, bs, transposeA, transposeB, null);
  }

  /** {@code op(a) x op(b[begin : begin + size])}: a product by some of b's rows, in place. */
  default Output matmulBRows(Output a, Output b, boolean transposeA, boolean transposeB,
      int begin, int size) {
    return LinalgOps.matmulBRows(graph(), a, b, transposeA, transposeB, begin, size, null);
  }

  /** {@code d + op(a) x op(b)}: one more product of a running sum, MatMulSum's bits. */
  default Output matmulAdd(Output d, Output a, Output b, boolean transposeA,
      boolean transposeB) {
    return LinalgOps.matmulAdd(graph(), d, a, b, transposeA, transposeB, null);
  }

  /** One product per batch index: x {@code [..., n, k]} times y {@code [..., k, m]}. */
  default Output batchMatmul(Output x, Output y) {
    return LinalgOps.batchMatmul(graph(), x, y, false, false, null);
  }

  default Output batchMatmul(Output x, Output y, boolean adjX, boolean adjY) {
    return LinalgOps.batchMatmul(graph(), x, y, adjX, adjY, null);
  }

  default Output batchMatmul(Output x, Output y, boolean adjX, boolean adjY, String name) {
    return LinalgOps.batchMatmul(graph(), x, y, adjX, adjY, name);
  }
}
