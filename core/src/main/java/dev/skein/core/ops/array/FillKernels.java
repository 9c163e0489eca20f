package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.array.ArrayKernels.affineIndex;
import static dev.skein.core.ops.array.ArrayKernels.filled;
import static dev.skein.core.ops.array.ArrayKernels.put;
import static dev.skein.core.ops.array.ArrayKernels.repeat;
import static dev.skein.core.ops.array.ArrayKernels.shapeOf;
import static dev.skein.core.ops.array.ArrayKernels.strides;
import static dev.skein.core.ops.array.ArrayKernels.take;
import static dev.skein.core.ops.array.SliceKernels.checkedShape;

import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;

/** Kernels of the array family's making ops: fill, tile and pad. */
final class FillKernels {
  private FillKernels() {}



  // ---- kernels ----------------------------------------------------------------------------

  static Tensor fill(Tensor dims, Tensor value) {
    Shape s = shapeOf(dims, "fill dims");
    checkArgument(value.size() == 1, "fill value must be a scalar, got shape %s", value.shape());
    return Tensor.wrap(value.dtype(), s, repeat(value, s.numElements()));
  }

  static Tensor tile(Tensor x, Tensor multiplesT) {
    int[] dims = x.shape().dims();
    int r = dims.length;
    int[] m = multiplesT.intValues("tile multiples");
    checkArgument(m.length == r, "tile multiples %s must have one entry per dimension of shape %s",
        Arrays.toString(m), x.shape());
    int[] st = strides(dims);
    int[] counts = new int[2 * r];
    int[] steps = new int[2 * r];
    long[] out = new long[r];
    for (int j = 0; j < r; j++) {
      checkArgument(m[j] >= 0, "tile multiples %s have a negative entry", Arrays.toString(m));
      counts[2 * j] = m[j];
      counts[2 * j + 1] = dims[j];
      steps[2 * j + 1] = st[j];
      out[j] = (long) m[j] * dims[j];
    }
    Shape shape = checkedShape(out, "tile result");
    return Tensor.wrap(x.dtype(), shape, take(x.data(), affineIndex(0, counts, steps)));
  }

  static Tensor pad(Tensor x, Tensor paddings, double constant) {
    int[] dims = x.shape().dims();
    int r = dims.length;
    checkArgument(paddings.shape().equals(Shape.of(r, 2)), "paddings must have shape (%s, 2) for "
        + "input shape %s, got %s", r, x.shape(), paddings.shape());
    int[] p = paddings.intValues("paddings");
    long[] wide = new long[r];
    for (int j = 0; j < r; j++) {
      checkArgument(p[2 * j] >= 0 && p[2 * j + 1] >= 0, "paddings must be >= 0, got [%s, %s] "
          + "for dimension %s", p[2 * j], p[2 * j + 1], j);
      wide[j] = (long) dims[j] + p[2 * j] + p[2 * j + 1];
    }
    int[] out = checkedShape(wide, "padded shape").dims();
    int[] st = strides(out);
    int base = 0;
    for (int j = 0; j < r; j++) {
      base += p[2 * j] * st[j];
    }
    Object data = filled(x.dtype(), Shape.of(out).numElements(), constant);
    put(data, x.data(), affineIndex(base, dims, st));
    return Tensor.wrap(x.dtype(), Shape.of(out), data);
  }
}
