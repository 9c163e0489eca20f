package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.math.MathOps.Compare;
import dev.skein.core.ops.math.MathOps.Logical;
import java.util.Arrays;

/** Kernels of comparisons, logic and select, with broadcasting (strided loops). */
final class MathCompareKernels {
  private MathCompareKernels() {}

  static Tensor compare(Compare op, Tensor a, Tensor b) {
    int[] ad = a.shape().dims();
    int[] bd = b.shape().dims();
    int[] out = Broadcast.dims(ad, bd);
    Broadcast.Plan p = Broadcast.plan(out, ad, bd);
    boolean[] r = new boolean[p.size];
    int n = p.inner;
    int ai = p.inc[0];
    int bi = p.inc[1];
    for (int row = 0; row < p.rows; row++) {
      int ao = p.offsets[0][row];
      int bo = p.offsets[1][row];
      int ro = row * n;
      switch (a.dtype()) {
        case FLOAT32 -> f32(op, a.floats(), ao, ai, b.floats(), bo, bi, r, ro, n);
        case FLOAT64 -> f64(op, a.doubles(), ao, ai, b.doubles(), bo, bi, r, ro, n);
        case INT32 -> i32(op, a.ints(), ao, ai, b.ints(), bo, bi, r, ro, n);
        case INT64 -> LongKernels.compare(op, a.longs(), ao, ai, b.longs(), bo, bi, r, ro, n);
        case BOOL -> bool(op, a.bools(), ao, ai, b.bools(), bo, bi, r, ro, n);
      }
    }
    return Tensor.wrap(DType.BOOL, Shape.of(out), r);
  }

  private static void f32(Compare op, float[] a, int ao, int ai, float[] b, int bo, int bi,
      boolean[] r, int ro, int n) {
    // The switch is outside the loops so that each loop is plain.
    switch (op) {
      case EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] == b[bo + j * bi];
        }
      }
      case NOT_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] != b[bo + j * bi];
        }
      }
      case LESS -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] < b[bo + j * bi];
        }
      }
      case LESS_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] <= b[bo + j * bi];
        }
      }
      case GREATER -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] > b[bo + j * bi];
        }
      }
      case GREATER_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] >= b[bo + j * bi];
        }
      }
    }
  }

  private static void f64(Compare op, double[] a, int ao, int ai, double[] b, int bo, int bi,
      boolean[] r, int ro, int n) {
    // The switch is outside the loops so that each loop is plain.
    switch (op) {
      case EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] == b[bo + j * bi];
        }
      }
      case NOT_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] != b[bo + j * bi];
        }
      }
      case LESS -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] < b[bo + j * bi];
        }
      }
      case LESS_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] <= b[bo + j * bi];
        }
      }
      case GREATER -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] > b[bo + j * bi];
        }
      }
      case GREATER_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] >= b[bo + j * bi];
        }
      }
    }
  }

  private static void i32(Compare op, int[] a, int ao, int ai, int[] b, int bo, int bi,
      boolean[] r, int ro, int n) {
    // The switch is outside the loops so that each loop is plain.
    switch (op) {
      case EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] == b[bo + j * bi];
        }
      }
      case NOT_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] != b[bo + j * bi];
        }
      }
      case LESS -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] < b[bo + j * bi];
        }
      }
      case LESS_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] <= b[bo + j * bi];
        }
      }
      case GREATER -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] > b[bo + j * bi];
        }
      }
      case GREATER_EQUAL -> {
        for (int j = 0; j < n; j++) {
          r[ro + j] = a[ao + j * ai] >= b[bo + j * bi];
        }
      }
    }
  }

  private static void bool(Compare op, boolean[] a, int ao, int ai, boolean[] b, int bo,
      int bi, boolean[] r, int ro, int n) {
    boolean eq = op == Compare.EQUAL;
    checkArgument(eq || op == Compare.NOT_EQUAL, "%s does not take bool", op.typeName());
    for (int j = 0; j < n; j++) {
      r[ro + j] = (a[ao + j * ai] == b[bo + j * bi]) == eq;
    }
  }

  static Tensor logical(Logical op, Tensor[] in) {
    boolean[] a = in[0].bools();
    if (op == Logical.LOGICAL_NOT) {
      boolean[] r = new boolean[a.length];
      for (int i = 0; i < a.length; i++) {
        r[i] = !a[i];
      }
      return Tensor.wrap(DType.BOOL, in[0].shape(), r);
    }
    boolean[] b = in[1].bools();
    int[] ad = in[0].shape().dims();
    int[] bd = in[1].shape().dims();
    int[] out = Broadcast.dims(ad, bd);
    Broadcast.Plan p = Broadcast.plan(out, ad, bd);
    boolean[] r = new boolean[p.size];
    boolean and = op == Logical.LOGICAL_AND;
    int n = p.inner;
    int ai = p.inc[0];
    int bi = p.inc[1];
    for (int row = 0; row < p.rows; row++) {
      int ao = p.offsets[0][row];
      int bo = p.offsets[1][row];
      int ro = row * n;
      for (int j = 0; j < n; j++) {
        boolean x = a[ao + j * ai];
        boolean y = b[bo + j * bi];
        r[ro + j] = and ? x && y : x || y;
      }
    }
    return Tensor.wrap(DType.BOOL, Shape.of(out), r);
  }

  /**
   * cond ? x : y elementwise. With {@code v2} all three broadcast; otherwise TF1 rules: x and y
   * have one shape, and cond has it too, is a scalar, or is a vector over the first dimension.
   */
  static Tensor select(Tensor cond, Tensor x, Tensor y, boolean v2) {
    int[] cd = cond.shape().dims();
    int[] xd = x.shape().dims();
    int[] yd = y.shape().dims();
    int[] out;
    if (v2) {
      try {
        out = Broadcast.dims(cd, Broadcast.dims(xd, yd));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot broadcast shapes " + cond.shape() + ", "
            + x.shape() + " and " + y.shape(), e);
      }
    } else {
      checkArgument(Arrays.equals(xd, yd), "x and y must have the same shape, got %s and %s",
          x.shape(), y.shape());
      out = xd;
      if (cd.length == 1 && xd.length > 1) {
        checkArgument(cd[0] == xd[0], "cond is a vector of length %s but x and y have first"
            + " dimension %s (shape %s)", cd[0], xd[0], x.shape());
        cd = new int[xd.length];
        Arrays.fill(cd, 1);
        cd[0] = xd[0];
      } else {
        checkArgument(cd.length == 0 || Arrays.equals(cd, xd), "cond must be a scalar, have the"
            + " shape of x and y (%s), or be a vector of their first dimension; got %s",
            x.shape(), cond.shape());
      }
    }
    Broadcast.Plan p = Broadcast.plan(out, cd, xd, yd);
    boolean[] c = cond.bools();
    Object r = Tensor.newArray(x.dtype(), p.size);
    Object xs = x.data();
    Object ys = y.data();
    int n = p.inner;
    for (int row = 0; row < p.rows; row++) {
      int co = p.offsets[0][row];
      int xo = p.offsets[1][row];
      int yo = p.offsets[2][row];
      int ro = row * n;
      if (p.inc[0] == 0) { // one condition for the whole run: copy or fill from x or y
        boolean pick = c[co];
        Object src = pick ? xs : ys;
        int so = pick ? xo : yo;
        if ((pick ? p.inc[1] : p.inc[2]) == 1) {
          System.arraycopy(src, so, r, ro, n);
        } else {
          MathNaryKernels.fill(r, ro, ro + n, src, so);
        }
      } else {
        pickRun(c, co, r, ro, xs, xo, p.inc[1], ys, yo, p.inc[2], n);
      }
    }
    return Tensor.wrap(x.dtype(), Shape.of(out), r);
  }

  private static void pickRun(boolean[] c, int co, Object r, int ro, Object xs, int xo, int xi,
      Object ys, int yo, int yi, int n) {
    if (r instanceof float[] f) {
      float[] a = (float[]) xs;
      float[] b = (float[]) ys;
      for (int j = 0; j < n; j++) {
        f[ro + j] = c[co + j] ? a[xo + j * xi] : b[yo + j * yi];
      }
    } else if (r instanceof double[] d) {
      double[] a = (double[]) xs;
      double[] b = (double[]) ys;
      for (int j = 0; j < n; j++) {
        d[ro + j] = c[co + j] ? a[xo + j * xi] : b[yo + j * yi];
      }
    } else if (r instanceof int[] i) {
      int[] a = (int[]) xs;
      int[] b = (int[]) ys;
      for (int j = 0; j < n; j++) {
        i[ro + j] = c[co + j] ? a[xo + j * xi] : b[yo + j * yi];
      }
    } else if (r instanceof long[] l) {
      long[] a = (long[]) xs;
      long[] b = (long[]) ys;
      for (int j = 0; j < n; j++) {
        l[ro + j] = c[co + j] ? a[xo + j * xi] : b[yo + j * yi];
      }
    } else {
      boolean[] o = (boolean[]) r;
      boolean[] a = (boolean[]) xs;
      boolean[] b = (boolean[]) ys;
      for (int j = 0; j < n; j++) {
        o[ro + j] = c[co + j] ? a[xo + j * xi] : b[yo + j * yi];
      }
    }
  }
}
