package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Shape rules of the array family that are too long to sit in their op type. */
final class ArrayShapes {
  private ArrayShapes() {}

  /** Normalizes an axis in [-rank, rank). */
  static int axis(int axis, int rank, String what) {
    checkArgument(axis >= -rank && axis < rank,
        "%s %s is out of range for rank %s (valid: [%s, %s))", what, axis, rank, -rank, rank);
    return axis < 0 ? axis + rank : axis;
  }

  /** A shape-like input (sizes, begins, multiples...): int32 or int64, as TensorFlow's. */
  static void checkIntArg(InferContext c, int i, String what) {
    StaticValues.checkIntInput(c, i, what);
  }

  /** Index inputs (gather, scatterNd, oneHot) take int32 or int64, as TensorFlow's do. */
  static void checkIndexType(InferContext c, int i, String what) {
    checkArgument(c.dtype(i).isInteger(), "%s must be int32 or int64, got %s", what, c.dtype(i));
  }

  /** Dims printed like a shape, -1 as '?': {@code (4, ?)}. */
  static String dimsText(int[] dims) {
    int[] d = dims.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(d[i], -1);
    }
    return Shape.of(d).toString();
  }

  static List<TensorSpec> concat(int axis, InferContext c) {
    int n = c.numInputs();
    checkArgument(n >= 1, "concat needs at least one input");
    DType dt = c.dtype(0);
    int rank = -1;
    int first = -1;
    for (int i = 0; i < n; i++) {
      checkArgument(c.dtype(i) == dt, "input %s (%s) is %s but input 0 (%s) is %s", i,
          c.source(i).name(), c.dtype(i), c.source(0).name(), dt);
      Shape s = c.shape(i);
      if (!s.hasKnownRank()) {
        continue;
      }
      if (rank < 0) {
        rank = s.rank();
        first = i;
      } else {
        checkArgument(s.rank() == rank,
            "all inputs of concat must have the same rank, but input %s (%s) has shape %s "
                + "(rank %s) and input %s (%s) has shape %s (rank %s)", i, c.source(i).name(), s,
            s.rank(), first, c.source(first).name(), c.shape(first), rank);
      }
    }
    if (rank < 0) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    checkArgument(rank > 0, "cannot concatenate scalars; use stack");
    int a = axis(axis, rank, "concat axis");
    int[] out = new int[rank];
    Arrays.fill(out, -1);
    int sum = 0;
    for (int i = 0; i < n; i++) {
      Shape s = c.shape(i);
      if (!s.hasKnownRank()) {
        sum = -1;
        continue;
      }
      for (int j = 0; j < rank; j++) {
        int d = s.dim(j);
        if (j == a) {
          sum = sum < 0 || d < 0 ? -1 : sum + d;
        } else if (d >= 0) {
          checkArgument(out[j] < 0 || out[j] == d,
              "dimension %s of input %s (%s, shape %s) is %s but an earlier input's is %s; "
                  + "inputs may differ only in the concat axis %s", j, i, c.source(i).name(), s, d,
              out[j], a);
          out[j] = d;
        }
      }
    }
    out[a] = sum;
    return List.of(new TensorSpec(dt, Shape.of(out)));
  }

  static List<TensorSpec> split(int axis, int num, int[] sizes, InferContext c) {
    checkArgument(num >= 1, "cannot split into %s parts", num);
    Shape s = c.shape(0);
    DType dt = c.dtype(0);
    List<TensorSpec> outs = new ArrayList<>(num);
    if (!s.hasKnownRank()) {
      for (int i = 0; i < num; i++) {
        outs.add(new TensorSpec(dt, Shape.unknown()));
      }
      return outs;
    }
    int a = axis(axis, s.rank(), "split axis");
    int d = s.dim(a);
    int[] parts = sizes;
    if (parts == null) {
      checkArgument(d < 0 || d % num == 0,
          "cannot split dimension %s of size %s (shape %s) into %s equal parts", a, d, s, num);
      parts = new int[num];
      Arrays.fill(parts, d < 0 ? -1 : d / num);
    }
    int[] dims = s.dims();
    for (int i = 0; i < num; i++) {
      dims[a] = parts[i];
      outs.add(new TensorSpec(dt, Shape.of(dims)));
    }
    return outs;
  }

  /** The sizes of a SplitV, with a constant -1 resolved when the split dimension is known. */
  static int[] splitSizes(int axis, int num, InferContext c) {
    checkIntArg(c, 1, "split sizes");
    int[] v = StaticValues.vector(c.source(1));
    if (v == null) {
      v = new int[num];
      Arrays.fill(v, -1);
    }
    checkArgument(v.length == num, "%s split sizes given for %s outputs", v.length, num);
    Tensor constant = c.constantValue(1);
    Shape s = c.shape(0);
    int d = s.hasKnownRank() ? s.dim(axis(axis, s.rank(), "split axis")) : -1;
    if (constant == null) {
      return v;
    }
    int inferred = -1;
    int sum = 0;
    for (int i = 0; i < v.length; i++) {
      checkArgument(v[i] >= -1, "split sizes %s: sizes must be >= 0 (or one -1)",
          Arrays.toString(v));
      if (v[i] == -1) {
        checkArgument(inferred < 0, "split sizes %s have more than one -1", Arrays.toString(v));
        inferred = i;
      } else {
        sum += v[i];
      }
    }
    if (d >= 0) {
      if (inferred >= 0) {
        checkArgument(sum <= d, "split sizes %s add up to more than dimension %s of %s",
            Arrays.toString(v), axis, s);
        v[inferred] = d - sum;
      } else {
        checkArgument(sum == d, "split sizes %s add up to %s, but dimension %s of %s is %s",
            Arrays.toString(v), sum, axis, s, d);
      }
    }
    return v;
  }

  static List<TensorSpec> pack(int axis, InferContext c) {
    int n = c.numInputs();
    checkArgument(n >= 1, "stack needs at least one input");
    DType dt = c.dtype(0);
    Shape merged = Shape.unknown();
    for (int i = 0; i < n; i++) {
      checkArgument(c.dtype(i) == dt, "input %s (%s) is %s but input 0 is %s", i,
          c.source(i).name(), c.dtype(i), dt);
      checkArgument(merged.isCompatibleWith(c.shape(i)),
          "all inputs of stack must have the same shape, but input %s (%s) has shape %s and "
              + "the earlier inputs have shape %s", i, c.source(i).name(), c.shape(i), merged);
      merged = merged.mergeWith(c.shape(i));
    }
    if (!merged.hasKnownRank()) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    int r = merged.rank();
    int a = axis(axis, r + 1, "stack axis");
    int[] in = merged.dims();
    int[] out = new int[r + 1];
    System.arraycopy(in, 0, out, 0, a);
    out[a] = n;
    System.arraycopy(in, a, out, a + 1, r - a);
    return List.of(new TensorSpec(dt, Shape.of(out)));
  }

  static List<TensorSpec> reshape(InferContext c) {
    checkIntArg(c, 1, "reshape's shape");
    Shape x = c.shape(0);
    int[] t = StaticValues.vector(c.source(1));
    DType dt = c.dtype(0);
    if (t == null) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    if (c.constantValue(1) != null) {
      checkReshapeTarget(t);
    }
    int[] out = reshapeDims(x.numElements(), x.toString(), t);
    return List.of(new TensorSpec(dt, Shape.of(out)));
  }

  static void checkReshapeTarget(int[] t) {
    int unknown = 0;
    for (int v : t) {
      checkArgument(v >= -1, "reshape target %s has a negative size other than -1",
          Arrays.toString(t));
      unknown += v == -1 ? 1 : 0;
    }
    checkArgument(unknown <= 1, "reshape target %s has more than one -1", Arrays.toString(t));
  }

  /**
   * Resolves a reshape target with at most one unknown entry against a number of values n (-1
   * if unknown); throws if they cannot match.
   */
  static int[] reshapeDims(int n, String from, int[] target) {
    int[] out = target.clone();
    long known = 1;
    int unknownAt = -1;
    int unknowns = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        out[i] = -1;
        unknownAt = i;
        unknowns++;
      } else {
        known *= out[i];
      }
    }
    if (n < 0) {
      return out;
    }
    if (unknowns == 0) {
      checkArgument(known == n, "cannot reshape a tensor of %s values (shape %s) into %s, which "
          + "has %s values", n, from, dimsText(target), known);
    } else if (unknowns == 1 && known > 0) {
      checkArgument(n % known == 0, "cannot reshape a tensor of %s values (shape %s) into %s: "
          + "%s is not a multiple of %s", n, from, dimsText(target), n, known);
      out[unknownAt] = (int) (n / known);
    } else if (unknowns == 1) {
      checkArgument(n == 0, "cannot reshape a tensor of %s values (shape %s) into %s, which "
          + "has 0 values", n, from, dimsText(target));
    }
    return out;
  }

  static List<TensorSpec> squeeze(int[] axes, InferContext c) {
    Shape s = c.shape(0);
    DType dt = c.dtype(0);
    if (!s.hasKnownRank()) {
      return List.of(new TensorSpec(dt, Shape.unknown()));
    }
    int r = s.rank();
    boolean[] drop = new boolean[r];
    if (axes.length == 0) {
      for (int j = 0; j < r; j++) {
        if (s.dim(j) < 0) {
          return List.of(new TensorSpec(dt, Shape.unknown()));
        }
        drop[j] = s.dim(j) == 1;
      }
    } else {
      for (int ax : axes) {
        int j = axis(ax, r, "squeeze axis");
        checkArgument(s.dim(j) < 0 || s.dim(j) == 1,
            "cannot squeeze dimension %s of shape %s: its size is %s, not 1", j, s, s.dim(j));
        drop[j] = true;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < r; j++) {
      if (!drop[j]) {
        out.add(s.dim(j));
      }
    }
    return List.of(new TensorSpec(dt, Shape.of(out.stream().mapToInt(Integer::intValue)
        .toArray())));
  }

  static List<TensorSpec> unpack(int axis, int num, InferContext c) {
    Shape s = c.shape(0);
    Shape out = Shape.unknown();
    if (s.hasKnownRank()) {
      checkArgument(s.rank() >= 1, "cannot unstack a scalar");
      int a = axis(axis, s.rank(), "unstack axis");
      checkArgument(s.dim(a) < 0 || s.dim(a) == num, "cannot unstack dimension %s of size %s "
          + "(shape %s) into %s values", a, s.dim(a), s, num);
      out = Shape.of(ArrayKernels.remove(s.dims(), a));
    }
    return Collections.nCopies(num, new TensorSpec(c.dtype(0), out));
  }

  static List<TensorSpec> transpose(int[] perm, InferContext c) {
    Shape s = c.shape(0);
    int r = perm != null ? perm.length : s.rank();
    if (perm != null) {
      checkArgument(!s.hasKnownRank() || s.rank() == r, "perm %s has %s entries for a tensor of "
          + "rank %s", Arrays.toString(perm), r, s.rank());
      boolean[] seen = new boolean[r];
      for (int p : perm) {
        checkArgument(p >= 0 && p < r && !seen[p], "perm %s is not a permutation of 0..%s",
            Arrays.toString(perm), r - 1);
        seen[p] = true;
      }
    }
    if (!s.hasKnownRank()) {
      return one(c.dtype(0), r < 0 ? Shape.unknown() : Shape.unknownDims(r));
    }
    int[] out = new int[r];
    for (int j = 0; j < r; j++) {
      out[j] = s.dim(perm != null ? perm[j] : r - 1 - j);
    }
    return one(c.dtype(0), Shape.of(out));
  }

  static List<TensorSpec> expandDims(int axis, InferContext c) {
    Shape s = c.shape(0);
    if (!s.hasKnownRank()) {
      return one(c.dtype(0), Shape.unknown());
    }
    int a = axis(axis, s.rank() + 1, "expandDims axis");
    return one(c.dtype(0), Shape.of(ArrayKernels.insert(s.dims(), a, 1)));
  }

  static List<TensorSpec> reverse(int[] axes, InferContext c) {
    Shape s = c.shape(0);
    if (s.hasKnownRank()) {
      boolean[] seen = new boolean[s.rank()];
      for (int ax : axes) {
        int j = axis(ax, s.rank(), "reverse axis");
        checkArgument(!seen[j], "reverse axes %s name dimension %s twice", Arrays.toString(axes),
            j);
        seen[j] = true;
      }
    }
    return List.of(c.input(0));
  }

  static List<TensorSpec> one(DType dtype, Shape shape) {
    return List.of(new TensorSpec(dtype, shape));
  }
}
