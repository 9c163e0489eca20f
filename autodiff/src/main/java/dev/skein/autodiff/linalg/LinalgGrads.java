package dev.skein.autodiff.linalg;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.linalg.LinalgOps.BatchMatMul;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.linalg.LinalgOps.MatMul;
import dev.skein.core.ops.linalg.LinalgOps.MatMulAdd;
import dev.skein.core.ops.linalg.LinalgOps.MatMulBRows;
import dev.skein.core.ops.linalg.LinalgOps.MatMulSum;
import dev.skein.core.ops.linalg.LinalgOps;
import java.util.List;

/**
 * Gradients of matrix products (TensorFlow's _MatMulGrad, _BatchMatMul): for c = op(a) op(b),
 * da and db are products of dc with the other operand, transposed so that no explicit transpose
 * op is needed.
 */
public final class LinalgGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public LinalgGrads() {}

  /** One product {@code op(x) op(y)} of the family, MatMul or BatchMatMul. */
  private interface Product {
    Output apply(Output x, Output y, boolean tx, boolean ty);
  }

  @Override
  public void register(GradientRegistry r) {
    r.register(MatMul.class, (c, op, dys) -> {
      MatMul t = (MatMul) op.type();
      Graph g = c.graph();
      return grads((x, y, tx, ty) -> LinalgOps.matmul(g, x, y, tx, ty, null), op.input(0),
          op.input(1), dys.get(0), t.transposeA(), t.transposeB());
    });
    // Each product's operands get that product's gradients.
    r.register(MatMulSum.class, (c, op, dys) -> {
      MatMulSum t = (MatMulSum) op.type();
      Graph g = c.graph();
      Output[] d = new Output[op.numInputs()];
      for (int i = 0; i < t.count(); i++) {
        List<Output> gi = grads((x, y, tx, ty) -> LinalgOps.matmul(g, x, y, tx, ty, null),
            op.input(i), op.input(t.count() + i), dys.get(0), t.transposeA(), t.transposeB());
        d[i] = gi.get(0);
        d[t.count() + i] = gi.get(1);
      }
      return java.util.Arrays.asList(d);
    });
    // The product by b's rows [begin, begin + size): a MatMul by that slice of b, whose
    // gradient is padded with zero rows back to b's shape.
    r.register(MatMulBRows.class, (c, op, dys) -> {
      MatMulBRows t = (MatMulBRows) op.type();
      Graph g = c.graph();
      Ops tf = c.tf();
      Output b = op.input(1);
      Output rowsOfB = tf.slice(b, new int[] {t.begin(), 0}, new int[] {t.size(), -1});
      List<Output> d = grads((x, y, tx, ty) -> LinalgOps.matmul(g, x, y, tx, ty, null),
          op.input(0), rowsOfB, dys.get(0), t.transposeA(), t.transposeB());
      int rows = b.shape().hasKnownRank() ? b.shape().dim(0) : -1;
      int end = t.begin() + t.size();
      if (rows >= 0) {
        return List.of(d.get(0), tf.pad(d.get(1), new int[][] {{t.begin(), rows - end},
            {0, 0}}));
      }
      // b's row count known only when the graph runs: the paddings from its shape.
      Output after = tf.sub(tf.gather(tf.shape(b), tf.constant(0)), tf.constant(end));
      Output paddings = tf.stack(List.of(tf.stack(List.of(tf.constant(t.begin()), after)),
          tf.constant(new int[] {0, 0})));
      return List.of(d.get(0), tf.pad(d.get(1), paddings, 0));
    });
    // d + op(a) op(b): d's gradient is dy's, a's and b's a MatMul's.
    r.register(MatMulAdd.class, (c, op, dys) -> {
      MatMulAdd t = (MatMulAdd) op.type();
      Graph g = c.graph();
      List<Output> d = grads((x, y, tx, ty) -> LinalgOps.matmul(g, x, y, tx, ty, null),
          op.input(1), op.input(2), dys.get(0), t.transposeA(), t.transposeB());
      return List.of(dys.get(0), d.get(0), d.get(1));
    });
    // A 2-D product's operand gradients are products of exactly the operands' shapes.
    r.exactShapes(MatMul.class, MatMulSum.class, MatMulBRows.class, MatMulAdd.class);
    r.register(BatchMatMul.class, (c, op, dys) -> {
      BatchMatMul t = (BatchMatMul) op.type();
      Graph g = c.graph();
      return grads((x, y, tx, ty) -> LinalgOps.batchMatmul(g, x, y, tx, ty, null), op.input(0),
          op.input(1), dys.get(0), t.adjX(), t.adjY());
    });
  }

  private static List<Output> grads(Product p, Output a, Output b, Output dc, boolean ta,
      boolean tb) {
    if (!ta && !tb) {
      return List.of(p.apply(dc, b, false, true), p.apply(a, dc, true, false));
    } else if (!ta) {
      return List.of(p.apply(dc, b, false, false), p.apply(dc, a, true, false));
    } else if (!tb) {
      return List.of(p.apply(b, dc, false, true), p.apply(a, dc, false, false));
    }
    return List.of(p.apply(b, dc, true, true), p.apply(dc, a, true, true));
  }
}
