package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.array.ArrayShapes.checkIntArg;
import static dev.skein.core.ops.array.ArrayShapes.one;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.Arrays;
import java.util.List;

/** Shape rules of the array family's making ops: fill, range, tile and pad. */
final class FillShapes {
  private FillShapes() {}



  static List<TensorSpec> tile(InferContext c) {
    checkIntArg(c, 1, "tile multiples");
    Shape x = c.shape(0);
    int[] m = StaticValues.vector(c.source(1));
    int r = x.hasKnownRank() ? x.rank() : m != null ? m.length : -1;
    if (r < 0) {
      return List.of(new TensorSpec(c.dtype(0), Shape.unknown()));
    }
    checkArgument(m == null || m.length == r, "tile multiples have %s entries for input shape %s",
        m == null ? 0 : m.length, x);
    if (c.constantValue(1) != null) {
      for (int v : m) {
        checkArgument(v >= 0, "tile multiples %s have a negative entry", Arrays.toString(m));
      }
    }
    int[] out = new int[r];
    for (int j = 0; j < r; j++) {
      int d = x.hasKnownRank() ? x.dim(j) : -1;
      int k = m == null ? -1 : m[j];
      out[j] = d < 0 || k < 0 ? (k == 0 || d == 0 ? 0 : -1) : d * k;
    }
    return List.of(new TensorSpec(c.dtype(0), Shape.of(out)));
  }

  static List<TensorSpec> pad(InferContext c) {
    checkIntArg(c, 1, "paddings");
    Shape x = c.shape(0);
    Shape ps = c.shape(1);
    checkArgument(ps.isCompatibleWith(Shape.of(-1, 2)), "paddings must have shape (rank, 2), "
        + "got %s", ps);
    int r = x.hasKnownRank() ? x.rank() : ps.hasKnownRank() ? ps.dim(0) : -1;
    if (r < 0) {
      return List.of(new TensorSpec(c.dtype(0), Shape.unknown()));
    }
    checkArgument(!ps.hasKnownRank() || ps.dim(0) < 0 || ps.dim(0) == r,
        "paddings have shape %s but the input has rank %s (shape %s)", ps, r, x);
    Tensor p = c.constantValue(1);
    int[] out = new int[r];
    for (int j = 0; j < r; j++) {
      int d = x.hasKnownRank() ? x.dim(j) : -1;
      if (p == null || d < 0) {
        out[j] = -1;
      } else {
        int before = p.intValues("paddings")[2 * j];
        int after = p.intValues("paddings")[2 * j + 1];
        checkArgument(before >= 0 && after >= 0, "paddings must be >= 0, got [%s, %s] for "
            + "dimension %s", before, after, j);
        out[j] = d + before + after;
      }
    }
    return List.of(new TensorSpec(c.dtype(0), Shape.of(out)));
  }

  static List<TensorSpec> fill(InferContext c) {
    checkIntArg(c, 0, "fill dims");
    checkArgument(!c.shape(1).hasKnownRank() || c.shape(1).rank() == 0,
        "fill value must be a scalar, got shape %s", c.shape(1));
    Tensor dims = c.constantValue(0);
    if (dims != null) {
      ArrayKernels.shapeOf(dims, "fill dims");
    }
    return one(c.dtype(1), StaticValues.asShape(c.source(0)));
  }

  static List<TensorSpec> range(InferContext c) {
    DType dt = c.dtype(0);
    checkArgument(dt.isNumeric(), "range needs int32, int64, float32 or float64 values, got %s",
        dt);
    for (int i = 0; i < 3; i++) {
      checkArgument(c.dtype(i) == dt, "range start, limit and delta must have one dtype, got "
          + "%s, %s and %s", c.dtype(0), c.dtype(1), c.dtype(2));
      checkArgument(!c.shape(i).hasKnownRank() || c.shape(i).rank() == 0,
          "range start, limit and delta must be scalars, got shapes %s, %s and %s",
          c.shape(0), c.shape(1), c.shape(2));
    }
    Tensor s = c.constantValue(0);
    Tensor l = c.constantValue(1);
    Tensor d = c.constantValue(2);
    int n = s == null || l == null || d == null ? -1 : dt == DType.INT64
        ? IndexKernels.longRangeSize(s.longs()[0], l.longs()[0], d.longs()[0])
        : IndexKernels.rangeSize(s.getDouble(0), l.getDouble(0), d.getDouble(0),
            dt == DType.INT32);
    return one(dt, Shape.of(n));
  }
}
