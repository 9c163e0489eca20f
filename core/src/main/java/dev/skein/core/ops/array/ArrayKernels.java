package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.ArrayCopies;
import dev.skein.core.kernel.BufferPool;
import java.util.Arrays;

/**
 * Kernels of the array family that only move values: block copies for concat/split/stack, and
 * an index map (the flat source index of each output element) for the rest. Most work for every
 * dtype through System.arraycopy or the four small typed loops of {@link #take}/{@link #put}.
 */
final class ArrayKernels {
  private ArrayKernels() {}

  // ---- generic helpers ---------------------------------------------------------------------

  /** Row-major strides of dims. */
  static int[] strides(int[] dims) {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  static int product(int[] dims, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }

  /**
   * The flat source index of every element of a row-major output with dims {@code counts},
   * where moving one step along output dim j moves {@code steps[j]} in the source.
   */
  static int[] affineIndex(int base, int[] counts, int[] steps) {
    int n = product(counts, 0, counts.length);
    int[] idx = new int[n];
    if (n == 0) {
      return idx;
    }
    int r = counts.length;
    int[] pos = new int[r];
    int cur = base;
    for (int i = 0; i < n; i++) {
      idx[i] = cur;
      for (int j = r - 1; j >= 0; j--) {
        cur += steps[j];
        if (++pos[j] < counts[j]) {
          break;
        }
        cur -= counts[j] * steps[j];
        pos[j] = 0;
      }
    }
    return idx;
  }

  /** {@code src[idx[i]]} for each i, in a new array of src's type. */
  static Object take(Object src, int[] idx) {
    int n = idx.length;
    if (src instanceof float[] a) {
      float[] r = new float[n];
      for (int i = 0; i < n; i++) {
        r[i] = a[idx[i]];
      }
      return r;
    } else if (src instanceof double[] a) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = a[idx[i]];
      }
      return r;
    } else if (src instanceof int[] a) {
      int[] r = new int[n];
      for (int i = 0; i < n; i++) {
        r[i] = a[idx[i]];
      }
      return r;
    } else if (src instanceof long[] a) {
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        r[i] = a[idx[i]];
      }
      return r;
    }
    boolean[] a = (boolean[]) src;
    boolean[] r = new boolean[n];
    for (int i = 0; i < n; i++) {
      r[i] = a[idx[i]];
    }
    return r;
  }

  /** {@code dst[idx[i]] = src[i]} for each i; dst and src have the same array type. */
  static void put(Object dst, Object src, int[] idx) {
    int n = idx.length;
    if (src instanceof float[] a) {
      float[] r = (float[]) dst;
      for (int i = 0; i < n; i++) {
        r[idx[i]] = a[i];
      }
    } else if (src instanceof double[] a) {
      double[] r = (double[]) dst;
      for (int i = 0; i < n; i++) {
        r[idx[i]] = a[i];
      }
    } else if (src instanceof int[] a) {
      int[] r = (int[]) dst;
      for (int i = 0; i < n; i++) {
        r[idx[i]] = a[i];
      }
    } else if (src instanceof long[] a) {
      long[] r = (long[]) dst;
      for (int i = 0; i < n; i++) {
        r[idx[i]] = a[i];
      }
    } else {
      boolean[] a = (boolean[]) src;
      boolean[] r = (boolean[]) dst;
      for (int i = 0; i < n; i++) {
        r[idx[i]] = a[i];
      }
    }
  }

  /** A new array of n values equal to v (BOOL: v != 0). */
  static Object filled(DType dtype, int n, double v) {
    Object r = Tensor.newArray(dtype, n);
    if (v != 0) {
      switch (dtype) {
        case FLOAT32 -> Arrays.fill((float[]) r, (float) v);
        case FLOAT64 -> Arrays.fill((double[]) r, v);
        case INT32 -> Arrays.fill((int[]) r, (int) v);
        case INT64 -> Arrays.fill((long[]) r, (long) v);
        case BOOL -> Arrays.fill((boolean[]) r, true);
      }
    }
    return r;
  }

  /** The first element of a scalar tensor repeated n times. */
  static Object repeat(Tensor scalar, int n) {
    Object r = Tensor.newArray(scalar.dtype(), n);
    switch (scalar.dtype()) {
      case FLOAT32 -> Arrays.fill((float[]) r, scalar.floats()[0]);
      case FLOAT64 -> Arrays.fill((double[]) r, scalar.doubles()[0]);
      case INT32 -> Arrays.fill((int[]) r, scalar.ints()[0]);
      case INT64 -> Arrays.fill((long[]) r, scalar.longs()[0]);
      case BOOL -> Arrays.fill((boolean[]) r, scalar.bools()[0]);
    }
    return r;
  }

  /** A shape from an INT32 or INT64 vector of sizes, all >= 0. */
  static Shape shapeOf(Tensor dims, String what) {
    return Shape.fromSizes(dims, what);
  }

  static Tensor concat(int axis, Tensor[] in) {
    int[] dims = in[0].shape().dims();
    int r = dims.length;
    int a = ArrayShapes.axis(axis, r, "concat axis");
    int outer = product(dims, 0, a);
    int inner = product(dims, a + 1, r);
    int total = 0;
    for (int i = 0; i < in.length; i++) {
      int[] d = in[i].shape().dims();
      checkArgument(d.length == r, "input %s has shape %s but input 0 has shape %s", i,
          in[i].shape(), in[0].shape());
      for (int j = 0; j < r; j++) {
        checkArgument(j == a || d[j] == dims[j], "input %s has shape %s but input 0 has shape %s;"
            + " they may differ only in axis %s", i, in[i].shape(), in[0].shape(), a);
      }
      total += d[a];
    }
    int[] outDims = dims.clone();
    outDims[a] = total;
    Object out = newArray(in[0].dtype(), outer * total * inner);
    Object[] srcs = new Object[in.length];
    int[] chunks = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      srcs[i] = in[i].data();
      chunks[i] = in[i].shape().dim(a) * inner;
    }
    ArrayCopies.concatRows(srcs, chunks, out, outer, total * inner);
    return Tensor.wrap(in[0].dtype(), Shape.of(outDims), out);
  }

  /** Splits x along an axis into parts of the given sizes (a -1 takes the rest). */
  static Tensor[] split(Tensor x, int axis, int[] sizes) {
    int[] dims = x.shape().dims();
    int a = ArrayShapes.axis(axis, dims.length, "split axis");
    int d = dims[a];
    int[] s = sizes.clone();
    int rest = -1;
    int sum = 0;
    for (int i = 0; i < s.length; i++) {
      checkArgument(s[i] >= -1, "split sizes %s must be >= 0 (or one -1)", Arrays.toString(s));
      if (s[i] == -1) {
        checkArgument(rest < 0, "split sizes %s have more than one -1", Arrays.toString(s));
        rest = i;
      } else {
        sum += s[i];
      }
    }
    if (rest >= 0) {
      checkArgument(sum <= d, "split sizes %s add up to more than dimension %s of shape %s",
          Arrays.toString(sizes), a, x.shape());
      s[rest] = d - sum;
    } else {
      checkArgument(sum == d, "split sizes %s add up to %s, but dimension %s of shape %s is %s",
          Arrays.toString(sizes), sum, a, x.shape(), d);
    }
    int outer = product(dims, 0, a);
    int inner = product(dims, a + 1, dims.length);
    Tensor[] outs = new Tensor[s.length];
    int offset = 0;
    Object src = x.data();
    for (int i = 0; i < s.length; i++) {
      int chunk = s[i] * inner;
      Object out = newArray(x.dtype(), outer * chunk);
      ArrayCopies.copyRows(src, offset, d * inner, out, 0, chunk, outer, chunk);
      offset += chunk;
      int[] od = dims.clone();
      od[a] = s[i];
      outs[i] = Tensor.wrap(x.dtype(), Shape.of(od), out);
    }
    return outs;
  }

  static Tensor pack(int axis, Tensor[] in) {
    Shape s = in[0].shape();
    int r = s.rank();
    int a = ArrayShapes.axis(axis, r + 1, "stack axis");
    Tensor[] expanded = new Tensor[in.length];
    for (int i = 0; i < in.length; i++) {
      checkArgument(in[i].shape().equals(s), "input %s has shape %s but input 0 has shape %s", i,
          in[i].shape(), s);
      expanded[i] = in[i].reshape(Shape.of(insert(s.dims(), a, 1)));
    }
    return concat(a, expanded);
  }

  static Tensor[] unpack(Tensor x, int axis, int num) {
    int[] dims = x.shape().dims();
    int a = ArrayShapes.axis(axis, dims.length, "unstack axis");
    checkArgument(dims[a] == num, "cannot unstack dimension %s of size %s (shape %s) into %s "
        + "values", a, dims[a], x.shape(), num);
    Shape outShape = Shape.of(remove(dims, a));
    if (x.dtype() == DType.FLOAT32) {
      float[][] parts = ArrayCopies.unpackFloats(x.floats(), product(dims, 0, a), num,
          product(dims, a + 1, dims.length));
      Tensor[] r = new Tensor[num];
      for (int i = 0; i < num; i++) {
        r[i] = Tensor.wrap(DType.FLOAT32, outShape, parts[i]);
      }
      return r;
    }
    int[] ones = new int[num];
    Arrays.fill(ones, 1);
    Tensor[] parts = split(x, a, ones);
    for (int i = 0; i < num; i++) {
      parts[i] = parts[i].reshape(outShape);
    }
    return parts;
  }

  static int[] insert(int[] dims, int at, int v) {
    int[] r = new int[dims.length + 1];
    System.arraycopy(dims, 0, r, 0, at);
    r[at] = v;
    System.arraycopy(dims, at, r, at + 1, dims.length - at);
    return r;
  }

  static int[] remove(int[] dims, int at) {
    int[] r = new int[dims.length - 1];
    System.arraycopy(dims, 0, r, 0, at);
    System.arraycopy(dims, at + 1, r, at, dims.length - at - 1);
    return r;
  }

  static Tensor transpose(Tensor x, int[] perm) {
    int[] dims = x.shape().dims();
    int r = dims.length;
    int[] p = perm;
    if (p == null) {
      p = new int[r];
      for (int i = 0; i < r; i++) {
        p[i] = r - 1 - i;
      }
    }
    checkArgument(p.length == r, "perm %s has %s entries for a tensor of rank %s (shape %s)",
        Arrays.toString(p), p.length, r, x.shape());
    int[] st = strides(dims);
    int[] counts = new int[r];
    int[] steps = new int[r];
    for (int j = 0; j < r; j++) {
      counts[j] = dims[p[j]];
      steps[j] = st[p[j]];
    }
    if (r >= 2 && p[r - 1] == r - 1 && dims[r - 1] > 1) {
      // The last axis stays last: copy whole runs of it (a [batch, time, depth] input made
      // time-major took 217 us element by element, against 40 us for unstacking it).
      int[] starts = affineIndex(0, Arrays.copyOf(counts, r - 1), Arrays.copyOf(steps, r - 1));
      Object out = newArray(x.dtype(), x.size());
      ArrayCopies.copyRuns(x.data(), starts, out, dims[r - 1]);
      return Tensor.wrap(x.dtype(), Shape.of(counts), out);
    }
    return Tensor.wrap(x.dtype(), Shape.of(counts), take(x.data(), affineIndex(0, counts, steps)));
  }

  static Tensor reshape(Tensor x, Tensor shape) {
    checkArgument(shape.rank() == 1, "reshape's shape must be a vector, got shape %s",
        shape.shape());
    int[] t = shape.intValues("reshape's shape");
    ArrayShapes.checkReshapeTarget(t);
    int[] d = ArrayShapes.reshapeDims(x.size(), x.shape().toString(), t);
    for (int v : d) {
      checkArgument(v >= 0, "cannot infer the -1 in %s for an empty tensor of shape %s",
          Arrays.toString(t), x.shape());
    }
    return x.reshape(Shape.of(d));
  }

  static Tensor expandDims(Tensor x, int axis) {
    int a = ArrayShapes.axis(axis, x.rank() + 1, "expandDims axis");
    return x.reshape(Shape.of(insert(x.shape().dims(), a, 1)));
  }

  /** Drops the given size-1 axes, or every size-1 axis if axes is empty. */
  static Tensor squeeze(Tensor x, int[] axes) {
    int[] d = x.shape().dims();
    boolean[] drop = new boolean[d.length];
    for (int ax : axes) {
      int j = ArrayShapes.axis(ax, d.length, "squeeze axis");
      checkArgument(d[j] == 1, "cannot squeeze dimension %s of shape %s: its size is %s, not 1",
          j, x.shape(), d[j]);
      drop[j] = true;
    }
    int[] out = new int[d.length];
    int n = 0;
    for (int j = 0; j < d.length; j++) {
      if (axes.length == 0 ? d[j] != 1 : !drop[j]) {
        out[n++] = d[j];
      }
    }
    return x.reshape(Shape.of(Arrays.copyOf(out, n)));
  }

  /** A new array the caller fills completely: float32 ones may be reused (BufferPool). */
  static Object newArray(DType t, int n) {
    return t == DType.FLOAT32 ? BufferPool.floats(n) : Tensor.newArray(t, n);
  }
}
