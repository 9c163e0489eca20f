package dev.skein.core.ops.linalg;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The linear-algebra family: matrix products, plain ({@code MatMul}, rank 2) and batched
 * ({@code BatchMatMul}, rank 3 and up, one product per leading index). Float kernels run on
 * {@link dev.skein.core.kernel.Kernels#matMul()}; the batch loop and int32 live in
 * LinalgKernels.
 */
public final class LinalgOps {
  private LinalgOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES =
      List.of(MatMul.class, BatchMatMul.class, MatMulSum.class, MatMulBRows.class,
          MatMulAdd.class);

  /** {@code op(a) x op(b)} for matrices, op transposing when asked. */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32}, name = "a")
  public record MatMul(boolean transposeA, boolean transposeB) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "MatMul";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkDTypes(ctx);
      Shape a = ctx.shape(0);
      Shape b = ctx.shape(1);
      checkArgument(a.rank() == 2 || !a.hasKnownRank(),
          "matmul: a must be a matrix (rank 2), got shape %s", a);
      checkArgument(b.rank() == 2 || !b.hasKnownRank(),
          "matmul: b must be a matrix (rank 2), got shape %s", b);
      return List.of(new TensorSpec(t, productShape(a, b, transposeA, transposeB, "transposeA",
          "transposeB")));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {LinalgKernels.matmul(in[0], in[1], transposeA, transposeB)};
    }
  }

  /**
   * TensorFlow's BatchMatMul: x {@code [..., n, k]} times y {@code [..., k, m]} with the same
   * leading (batch) dimensions, one matrix product per batch index; {@code adjX}/{@code adjY}
   * transpose the last two dimensions of x/y.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32}, name = "a")
  public record BatchMatMul(boolean adjX, boolean adjY) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "BatchMatMul";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkDTypes(ctx);
      Shape x = ctx.shape(0);
      Shape y = ctx.shape(1);
      checkArgument(!x.hasKnownRank() || x.rank() >= 2,
          "batchMatmul: x must have rank 2 or more, got shape %s", x);
      checkArgument(!y.hasKnownRank() || y.rank() >= 2,
          "batchMatmul: y must have rank 2 or more, got shape %s", y);
      if (!x.hasKnownRank() && !y.hasKnownRank()) {
        return List.of(new TensorSpec(t, Shape.unknown()));
      }
      int rank = x.hasKnownRank() ? x.rank() : y.rank();
      x = x.hasKnownRank() ? x : Shape.unknownDims(rank);
      y = y.hasKnownRank() ? y : Shape.unknownDims(rank);
      checkArgument(x.rank() == y.rank(),
          "batchMatmul: x %s and y %s must have the same rank (batch dimensions are not"
              + " broadcast)", x, y);
      Shape xBatch = x.subShape(0, rank - 2);
      Shape yBatch = y.subShape(0, rank - 2);
      checkArgument(xBatch.isCompatibleWith(yBatch),
          "batchMatmul: batch dimensions differ: x %s vs y %s", x, y);
      Shape matrix = productShape(x.subShape(rank - 2, rank), y.subShape(rank - 2, rank), adjX,
          adjY, "adjX", "adjY");
      return List.of(new TensorSpec(t, xBatch.mergeWith(yBatch).append(matrix.dims())));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {LinalgKernels.batchMatmul(in[0], in[1], adjX, adjY)};
    }
  }

  /**
   * The sum of {@code count} matrix products {@code op(a_i) op(b_i)}, inputs a_0..a_{count-1}
   * then b_0..b_{count-1}, every product of the same [m, n] shape (the inner sizes may differ).
   * The gradient driver sums a weight's partial gradients with it when they are all products
   * (an unrolled RNN's kernel gets one per step): one pass accumulating into one output instead
   * of count products and an AddN.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32}, name = "a")
  public record MatMulSum(int count, boolean transposeA, boolean transposeB) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "MatMulSum";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(count >= 1 && ctx.numInputs() == 2 * count, "matmulSum: %s products need"
          + " %s inputs, got %s", count, 2 * count, ctx.numInputs());
      DType t = ctx.dtype(0);
      checkArgument(t.isNumeric() && t != DType.INT64, "matmulSum: needs float32, float64 or int32 inputs, got %s",
          t);
      Shape out = Shape.unknownDims(2);
      for (int i = 0; i < count; i++) {
        Shape a = ctx.shape(i);
        Shape b = ctx.shape(count + i);
        checkArgument(ctx.dtype(i) == t && ctx.dtype(count + i) == t, "matmulSum: every input"
            + " must be %s like input 0, got %s and %s in product %s", t, ctx.dtype(i),
            ctx.dtype(count + i), i);
        checkArgument(a.isCompatibleWith(Shape.unknownDims(2))
            && b.isCompatibleWith(Shape.unknownDims(2)), "matmulSum: product %s needs matrices,"
            + " got %s and %s", i, a, b);
        Shape p = productShape(a, b, transposeA, transposeB, "transposeA", "transposeB");
        checkArgument(p.isCompatibleWith(out), "matmulSum: product %s has shape %s, product 0"
            + " %s", i, p, out);
        out = out.mergeWith(p);
      }
      return List.of(new TensorSpec(t, out));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {LinalgKernels.matmulSum(in, count, transposeA, transposeB)};
    }
  }

  /**
   * {@code op(a) x op(b[begin : begin + size])}: a MatMul by rows {@code [begin, begin + size)}
   * of the matrix b as stored, read in place (no copy). The gradient builder makes it for
   * {@code concat([x, h]) x w} when only h's part of the concat's gradient is wanted: the
   * columns of {@code dy x w^T} that belong to h are {@code dy x w[rows of h]^T}, so the
   * columns of the fed x are never computed (an RNN step's 28 input columns of 178).
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32}, name = "a")
  public record MatMulBRows(boolean transposeA, boolean transposeB, int begin, int size)
      implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "MatMulBRows";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      DType t = checkDTypes(ctx);
      Shape a = ctx.shape(0);
      Shape b = ctx.shape(1);
      checkArgument(a.rank() == 2 || !a.hasKnownRank(),
          "matmulBRows: a must be a matrix (rank 2), got shape %s", a);
      checkArgument(b.rank() == 2 || !b.hasKnownRank(),
          "matmulBRows: b must be a matrix (rank 2), got shape %s", b);
      int rows = b.hasKnownRank() ? b.dim(0) : -1;
      checkArgument(begin >= 0 && size >= 0 && (rows < 0 || (long) begin + size <= rows),
          "matmulBRows: rows [%s, %s + %s) are not within b %s", begin, begin, size, b);
      Shape view = Shape.of(size, b.hasKnownRank() ? b.dim(1) : -1);
      return List.of(new TensorSpec(t, productShape(a, view, transposeA, transposeB,
          "transposeA", "transposeB")));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {LinalgKernels.matmulBRows(in[0], in[1], transposeA, transposeB,
          begin, size)};
    }
  }

  /**
   * {@code d + op(a) x op(b)}: one more product of a running sum of matrix products, with the
   * bits {@link MatMulSum} gives the same products (its kernel continues from d's values as
   * MatMulSum's does from the products before). A loop's gradient sums a weight's per-step
   * products with it.
   */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32}, name = "d")
  public record MatMulAdd(boolean transposeA, boolean transposeB) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "MatMulAdd";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.numInputs() == 3, "matmulAdd: needs d, a and b, got %s inputs",
          ctx.numInputs());
      DType t = ctx.dtype(0);
      checkArgument(ctx.dtype(1) == t && ctx.dtype(2) == t, "matmulAdd: d, a and b must have"
          + " the same dtype, got %s, %s and %s", t, ctx.dtype(1), ctx.dtype(2));
      checkArgument(t.isNumeric() && t != DType.INT64, "matmulAdd: needs float32, float64 or"
          + " int32 inputs, got %s", t);
      Shape a = ctx.shape(1);
      Shape b = ctx.shape(2);
      checkArgument(a.isCompatibleWith(Shape.unknownDims(2))
          && b.isCompatibleWith(Shape.unknownDims(2)), "matmulAdd: a and b must be matrices,"
          + " got %s and %s", a, b);
      Shape p = productShape(a, b, transposeA, transposeB, "transposeA", "transposeB");
      Shape d = ctx.shape(0);
      checkArgument(d.isCompatibleWith(p), "matmulAdd: d %s must have the product's shape %s",
          d, p);
      return List.of(new TensorSpec(t, p.mergeWith(d.hasKnownRank() ? d : p)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return new Tensor[] {LinalgKernels.matmulAdd(in[0], in[1], in[2], transposeA,
          transposeB)};
    }
  }

  private static DType checkDTypes(InferContext ctx) {
    DType a = ctx.dtype(0);
    DType b = ctx.dtype(1);
    checkArgument(a == b, "matmul: a and b must have the same dtype, got %s and %s", a, b);
    checkArgument(a.isNumeric() && a != DType.INT64, "matmul: needs float32, float64 or int32 inputs, got %s", a);
    return a;
  }

  /** The shape of {@code op(a) x op(b)} for (partially known) matrix shapes. */
  static Shape productShape(Shape a, Shape b, boolean ta, boolean tb, String taName,
      String tbName) {
    a = a.hasKnownRank() ? a : Shape.unknownDims(2);
    b = b.hasKnownRank() ? b : Shape.unknownDims(2);
    int aInner = a.dim(ta ? 0 : 1);
    int bInner = b.dim(tb ? 1 : 0);
    checkArgument(aInner < 0 || bInner < 0 || aInner == bInner,
        "matmul: inner dimensions differ: a %s [%s=%s] x b %s [%s=%s]: %s != %s", a, taName, ta,
        b, tbName, tb, aInner, bInner);
    return Shape.of(a.dim(ta ? 1 : 0), b.dim(tb ? 0 : 1));
  }

  // ---- builders ----------------------------------------------------------------------------

  /**
   * TensorFlow's tf.matmul: a MatMul for matrices; for inputs of rank 3 or more (or of unknown
   * rank) a BatchMatMul whose adjX/adjY are the transposes.
   */
  public static Output matmul(Graph g, Output a, Output b, boolean transposeA,
      boolean transposeB, String name) {
    Shape sa = a.shape();
    Shape sb = b.shape();
    boolean batched = !sa.hasKnownRank() || !sb.hasKnownRank() || sa.rank() > 2 || sb.rank() > 2;
    if (batched) {
      return batchMatmul(g, a, b, transposeA, transposeB, name);
    }
    return g.addOp(new MatMul(transposeA, transposeB), name, List.of(a, b)).output(0);
  }

  /** The sum of the products {@code op(as[i]) op(bs[i])} (see {@link MatMulSum}). */
  public static Output matmulSum(Graph g, List<Output> as, List<Output> bs, boolean transposeA,
      boolean transposeB, String name) {
    checkArgument(!as.isEmpty() && as.size() == bs.size(), "matmulSum needs as many a's as"
        + " b's, at least one; got %s and %s", as.size(), bs.size());
    List<Output> in = new java.util.ArrayList<>(as);
    in.addAll(bs);
    return g.addOp(new MatMulSum(as.size(), transposeA, transposeB), name, in).output(0);
  }

  /** {@code op(a) x op(b[begin : begin + size])} (see {@link MatMulBRows}). */
  public static Output matmulBRows(Graph g, Output a, Output b, boolean transposeA,
      boolean transposeB, int begin, int size, String name) {
    return g.addOp(new MatMulBRows(transposeA, transposeB, begin, size), name, List.of(a, b))
        .output(0);
  }

  /** {@code d + op(a) x op(b)} (see {@link MatMulAdd}). */
  public static Output matmulAdd(Graph g, Output d, Output a, Output b, boolean transposeA,
      boolean transposeB, String name) {
    return g.addOp(new MatMulAdd(transposeA, transposeB), name, List.of(d, a, b)).output(0);
  }

  /** TensorFlow's BatchMatMul (tf.matmul on batches of matrices). */
  public static Output batchMatmul(Graph g, Output x, Output y, boolean adjX, boolean adjY,
      String name) {
    return g.addOp(new BatchMatMul(adjX, adjY), name, List.of(x, y)).output(0);
  }
}
