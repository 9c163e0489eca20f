package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.array.ArrayShapes.axis;
import static dev.skein.core.ops.array.ArrayShapes.checkIntArg;
import static dev.skein.core.ops.array.ArrayShapes.one;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TensorSpec;
import java.util.Arrays;
import java.util.List;

/** Shape rules of the array family's index-driven ops (slice, gather, oneHot...). */
final class IndexShapes {
  private IndexShapes() {}

  static List<TensorSpec> slice(InferContext c) {
    checkIntArg(c, 1, "slice begin");
    checkIntArg(c, 2, "slice size");
    Shape x = c.shape(0);
    int[] begin = StaticValues.vector(c.source(1));
    int[] size = StaticValues.vector(c.source(2));
    boolean sizeConst = c.constantValue(2) != null;
    int r = x.hasKnownRank() ? x.rank() : begin != null ? begin.length
        : size != null ? size.length : -1;
    DType dt = c.dtype(0);
    if (r < 0) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    checkArgument(begin == null || begin.length == r, "slice begin has %s entries for a tensor "
        + "of rank %s", begin == null ? 0 : begin.length, r);
    checkArgument(size == null || size.length == r, "slice size has %s entries for a tensor "
        + "of rank %s", size == null ? 0 : size.length, r);
    if (c.constantValue(1) != null) {
      for (int b : begin) {
        checkArgument(b >= 0, "slice begin %s has a negative entry", Arrays.toString(begin));
      }
    }
    int[] out = new int[r];
    for (int j = 0; j < r; j++) {
      int d = x.hasKnownRank() ? x.dim(j) : -1;
      int b = begin == null ? -1 : begin[j];
      int sz = size == null ? -1 : size[j];
      checkArgument(!sizeConst || sz >= -1, "slice size %s has a size below -1",
          Arrays.toString(size));
      if (sz == -1) {
        out[j] = sizeConst && d >= 0 && b >= 0 ? d - b : -1;
        checkArgument(!(d >= 0 && b > d), "slice out of range in dimension %s: begin %s > size "
            + "%s of input shape %s", j, b, d, x);
      } else {
        out[j] = sz;
        checkArgument(d < 0 || b < 0 || b + sz <= d, "slice out of range in dimension %s: begin"
            + " %s + size %s = %s > %s (input shape %s)", j, b, sz, b + sz, d, x);
      }
    }
    return List.of(new TensorSpec(dt, Shape.of(out)));
  }

  static List<TensorSpec> gather(int axis, InferContext c) {
    ArrayShapes.checkIndexType(c, 1, "gather indices");
    Shape p = c.shape(0);
    Shape ind = c.shape(1);
    DType dt = c.dtype(0);
    if (!p.hasKnownRank() || !ind.hasKnownRank()) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    checkArgument(p.rank() >= 1, "gather needs params of rank >= 1, got a scalar");
    int a = axis(axis, p.rank(), "gather axis");
    int[] pd = p.dims();
    int[] id = ind.dims();
    int[] out = new int[pd.length - 1 + id.length];
    System.arraycopy(pd, 0, out, 0, a);
    System.arraycopy(id, 0, out, a, id.length);
    System.arraycopy(pd, a + 1, out, a + id.length, pd.length - a - 1);
    return List.of(new TensorSpec(dt, Shape.of(out)));
  }

  static List<TensorSpec> scatterNd(InferContext c) {
    ArrayShapes.checkIndexType(c, 0, "scatterNd indices");
    checkIntArg(c, 2, "scatterNd shape");
    DType dt = c.dtype(1);
    checkArgument(dt.isNumeric(), "scatterNd sums updates, so they must be numeric, got %s", dt);
    Shape out = StaticValues.asShape(c.source(2));
    Shape ind = c.shape(0);
    Shape upd = c.shape(1);
    if (out.hasKnownRank() && ind.hasKnownRank() && upd.hasKnownRank()) {
      checkArgument(ind.rank() >= 1, "scatterNd indices must have rank >= 1, got %s", ind);
      int k = ind.dim(-1);
      if (k >= 0) {
        checkArgument(k <= out.rank(), "scatterNd index depth %s exceeds output rank %s", k,
            out.rank());
        Shape expect = ind.subShape(0, ind.rank() - 1);
        expect = expect.append(out.subShape(k, out.rank()).dims());
        checkArgument(upd.isCompatibleWith(expect), "scatterNd updates have shape %s but indices "
            + "%s and output shape %s need %s", upd, ind, out, expect);
      }
    }
    return List.of(new TensorSpec(dt, out));
  }


  static List<TensorSpec> stridedSlice(IndexOps.StridedSlice s, InferContext c) {
    Shape x = c.shape(0);
    if (!x.hasKnownRank()) {
      checkArgument(s.begin().length() == s.end().length()
          && s.begin().length() == s.strides().length(), "begin %s, end %s and strides %s must "
          + "have the same length", s.begin(), s.end(), s.strides());
      return one(c.dtype(0), Shape.unknown());
    }
    return one(c.dtype(0), Shape.of(StridedSliceSpec.resolve(s, x.dims()).outDims()));
  }

  static List<TensorSpec> stridedSliceGrad(IndexOps.StridedSlice s, InferContext c) {
    checkIntArg(c, 0, "the input shape");
    Shape out = StaticValues.asShape(c.source(0));
    if (out.hasKnownRank()) {
      Shape sliced = Shape.of(StridedSliceSpec.resolve(s, out.dims()).outDims());
      checkArgument(sliced.isCompatibleWith(c.shape(1)), "the gradient has shape %s but the "
          + "slice of an input of shape %s has shape %s", c.shape(1), out, sliced);
    }
    return one(c.dtype(1), out);
  }

  /**
   * A oneHot on or off value as the record holds it: a Long for an int32 or int64 dtype when the
   * value is whole, else a Double (the shape rule refuses a fraction for an integer dtype).
   */
  static Number oneHotValue(Number v, DType dtype) {
    if (v == null || dtype == null) {
      return v;
    }
    boolean whole = v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte;
    if (dtype.isInteger()) {
      double d = v.doubleValue();
      if (whole) {
        return v.longValue();
      }
      return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Number) (long) d : (Number) d;
    }
    return v.doubleValue();
  }

  private static void checkOneHotValue(String what, Number v, DType dtype) {
    checkArgument(v != null, "oneHot %s must be given", what);
    if (dtype.isInteger()) {
      checkArgument(v instanceof Long, "oneHot %s %s is not a whole number, as an %s one-hot"
          + " needs", what, v, dtype);
      checkArgument(dtype == DType.INT64 || v.longValue() == v.intValue(), "oneHot %s %s is"
          + " outside the int32 range", what, v);
    }
  }

  static List<TensorSpec> oneHot(IndexOps.OneHot o, InferContext c) {
    checkArgument(o.depth() >= 0, "oneHot depth must be >= 0, got %s", o.depth());
    checkArgument(o.dtype() != null, "oneHot needs a dtype");
    checkOneHotValue("on_value", o.onValue(), o.dtype());
    checkOneHotValue("off_value", o.offValue(), o.dtype());
    ArrayShapes.checkIndexType(c, 0, "oneHot indices");
    Shape s = c.shape(0);
    if (!s.hasKnownRank()) {
      return one(o.dtype(), Shape.unknown());
    }
    int a = o.axis() == -1 ? s.rank() : o.axis();
    checkArgument(a >= 0 && a <= s.rank(), "oneHot axis %s is out of range for indices of rank "
        + "%s (valid: -1 or [0, %s])", o.axis(), s.rank(), s.rank());
    return one(o.dtype(), Shape.of(ArrayKernels.insert(s.dims(), a, o.depth())));
  }

  static List<TensorSpec> sequenceMask(DType dtype, InferContext c) {
    checkIntArg(c, 0, "sequenceMask lengths");
    int maxlen = -1;
    if (c.numInputs() > 1) {
      checkIntArg(c, 1, "sequenceMask maxlen");
      checkArgument(!c.shape(1).hasKnownRank() || c.shape(1).rank() == 0,
          "maxlen must be a scalar, got shape %s", c.shape(1));
      maxlen = StaticValues.scalar(c.source(1));
      checkArgument(c.constantValue(1) == null || maxlen >= 0, "maxlen must be >= 0, got %s",
          maxlen);
    }
    Shape s = c.shape(0);
    return one(dtype, s.hasKnownRank() ? s.append(maxlen) : Shape.unknown());
  }

  static List<TensorSpec> reverseSequence(int seqAxis, int batchAxis, InferContext c) {
    checkIntArg(c, 1, "seq lengths");
    Shape s = c.shape(0);
    Shape len = c.shape(1);
    checkArgument(len.isCompatibleWith(Shape.of(-1)), "seq lengths must be a vector, got %s", len);
    if (s.hasKnownRank()) {
      int sa = ArrayShapes.axis(seqAxis, s.rank(), "seq axis");
      int ba = ArrayShapes.axis(batchAxis, s.rank(), "batch axis");
      checkArgument(sa != ba, "seq axis and batch axis must differ, both are %s", sa);
      checkArgument(len.isCompatibleWith(Shape.of(s.dim(ba))), "seq lengths have shape %s but "
          + "the batch dimension %s of %s has size %s", len, ba, s, s.dim(ba));
    }
    return List.of(c.input(0));
  }
}
