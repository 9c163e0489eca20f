package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.array.ArrayKernels.affineIndex;
import static dev.skein.core.ops.array.ArrayKernels.newArray;
import static dev.skein.core.ops.array.ArrayKernels.put;
import static dev.skein.core.ops.array.ArrayKernels.shapeOf;
import static dev.skein.core.ops.array.ArrayKernels.strides;
import static dev.skein.core.ops.array.ArrayKernels.take;

import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.ArrayCopies;
import java.util.Arrays;

/** Kernels of the array family's slicing ops: slice, strided slices and their gradient, reverse. */
final class SliceKernels {
  private SliceKernels() {}



  static Tensor slice(Tensor x, Tensor beginT, Tensor sizeT) {
    int[] dims = x.shape().dims();
    int r = dims.length;
    int[] begin = beginT.intValues("slice begin");
    int[] given = sizeT.intValues("slice size");
    int[] size = given.clone();
    checkArgument(begin.length == r && size.length == r, "slice begin %s and size %s must have "
        + "one entry per dimension of shape %s", Arrays.toString(begin), Arrays.toString(size),
        x.shape());
    int base = 0;
    int[] st = strides(dims);
    for (int j = 0; j < r; j++) {
      int b = begin[j];
      if (size[j] == -1) {
        size[j] = dims[j] - b;
      }
      checkArgument(b >= 0 && size[j] >= 0 && b + size[j] <= dims[j], "slice out of range in "
          + "dimension %s: begin %s, size %s for input shape %s", j, b, given[j], x.shape());
      base += b * st[j];
    }
    if (r >= 2 && size[r - 1] > 1) {
      // Whole runs of the last axis (the gradient of concat([x, h]) sliced to h's columns).
      int[] starts = affineIndex(base, Arrays.copyOf(size, r - 1), Arrays.copyOf(st, r - 1));
      Object out = newArray(x.dtype(), starts.length * size[r - 1]);
      ArrayCopies.copyRuns(x.data(), starts, out, size[r - 1]);
      return Tensor.wrap(x.dtype(), Shape.of(size), out);
    }
    return Tensor.wrap(x.dtype(), Shape.of(size), take(x.data(), affineIndex(base, size, st)));
  }

  /** The flat source index of each element of a strided slice of an input with these dims. */
  static int[] stridedIndex(StridedSliceSpec.Dense d, int[] dims) {
    int[] st = strides(dims);
    int base = 0;
    int[] steps = new int[dims.length];
    for (int j = 0; j < dims.length; j++) {
      base += d.start()[j] * st[j];
      steps[j] = d.stride()[j] * st[j];
    }
    return affineIndex(base, d.count(), steps);
  }

  static Tensor stridedSlice(IndexOps.StridedSlice s, Tensor x) {
    int[] dims = x.shape().dims();
    StridedSliceSpec.Dense d = StridedSliceSpec.resolve(s, dims);
    return Tensor.wrap(x.dtype(), Shape.of(d.outDims()), take(x.data(), stridedIndex(d, dims)));
  }

  static Tensor stridedSliceGrad(IndexOps.StridedSlice s, Tensor shapeT, Tensor dy) {
    Shape shape = shapeOf(shapeT, "the input shape");
    int[] dims = shape.dims();
    StridedSliceSpec.Dense d = StridedSliceSpec.resolve(s, dims);
    checkArgument(dy.shape().equals(Shape.of(d.outDims())), "the gradient has shape %s but the "
        + "slice of an input of shape %s has shape %s", dy.shape(), shape,
        Shape.of(d.outDims()));
    Object out = Tensor.newArray(dy.dtype(), shape.numElements());
    put(out, dy.data(), stridedIndex(d, dims));
    return Tensor.wrap(dy.dtype(), shape, out);
  }

  /**
   * The shape with these dimensions, computed in long by the caller; refuses, before anything is
   * allocated, dimensions or element counts a Java array cannot hold.
   */
  static Shape checkedShape(long[] dims, String what) {
    long n = 1;
    int[] d = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      n *= Math.max(dims[i], 0);
      checkArgument(dims[i] <= Integer.MAX_VALUE && n <= Integer.MAX_VALUE, "%s %s has more than"
          + " %s elements", what, Arrays.toString(dims).replace('[', '(').replace(']', ')'),
          Integer.MAX_VALUE);
      d[i] = (int) dims[i];
    }
    return Shape.of(d);
  }

  static Tensor reverse(Tensor x, int[] axes) {
    int[] dims = x.shape().dims();
    int[] st = strides(dims);
    int[] steps = st.clone();
    boolean[] seen = new boolean[dims.length];
    int base = 0;
    for (int ax : axes) {
      int j = ArrayShapes.axis(ax, dims.length, "reverse axis");
      checkArgument(!seen[j], "reverse axes %s name dimension %s twice", Arrays.toString(axes), j);
      seen[j] = true;
      base += Math.max(dims[j] - 1, 0) * st[j];
      steps[j] = -st[j];
    }
    return Tensor.wrap(x.dtype(), x.shape(), take(x.data(), affineIndex(base, dims, steps)));
  }
}
