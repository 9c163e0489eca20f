package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;

/**
 * Array kernels driven by index values: gather, scatterNd, oneHot, sequenceMask,
 * reverseSequence, range.
 */
final class IndexKernels {
  private IndexKernels() {}

  /** Position of flat element i in a tensor of these dims, as text: {@code [1, 0]}. */
  static String position(int i, int[] dims) {
    int[] pos = new int[dims.length];
    for (int j = dims.length - 1; j >= 0; j--) {
      pos[j] = dims[j] == 0 ? 0 : i % dims[j];
      i = dims[j] == 0 ? i : i / dims[j];
    }
    return Arrays.toString(pos);
  }

  /**
   * INT32 or INT64 index values as ints, for the range checks that follow; int64 values beyond
   * the int range become its ends, out of range as the original was (messages print
   * {@link Tensor#getLong} for the exact value).
   */
  static int[] indexInts(Tensor indices) {
    if (indices.dtype() == DType.INT32) {
      return indices.ints();
    }
    long[] v = indices.longs();
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
    }
    return r;
  }

  static Tensor gather(int axis, Tensor params, Tensor indices) {
    int[] pd = params.shape().dims();
    checkArgument(pd.length >= 1, "gather needs params of rank >= 1, got a scalar");
    int a = ArrayShapes.axis(axis, pd.length, "gather axis");
    int outer = ArrayKernels.product(pd, 0, a);
    int dim = pd[a];
    int inner = ArrayKernels.product(pd, a + 1, pd.length);
    int[] idx = indexInts(indices);
    int n = idx.length;
    for (int j = 0; j < n; j++) {
      int k = idx[j];
      if (k < 0 || k >= dim) {
        throw new IllegalArgumentException("gather index " + indices.getLong(j) + " at position "
            + position(j, indices.shape().dims()) + " of indices is out of range [0, " + dim
            + ") for axis " + a + " of params with shape " + params.shape());
      }
    }
    Object src = params.data();
    Object out = Tensor.newArray(params.dtype(), outer * n * inner);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < n; j++) {
        System.arraycopy(src, (o * dim + idx[j]) * inner, out, (o * n + j) * inner, inner);
      }
    }
    int[] id = indices.shape().dims();
    int[] od = new int[pd.length - 1 + id.length];
    System.arraycopy(pd, 0, od, 0, a);
    System.arraycopy(id, 0, od, a, id.length);
    System.arraycopy(pd, a + 1, od, a + id.length, pd.length - a - 1);
    return Tensor.wrap(params.dtype(), Shape.of(od), out);
  }

  static Tensor scatterNd(Tensor indices, Tensor updates, Tensor shapeT) {
    Shape shape = ArrayKernels.shapeOf(shapeT, "scatterNd shape");
    int[] sd = shape.dims();
    int[] id = indices.shape().dims();
    checkArgument(id.length >= 1, "scatterNd indices must have rank >= 1, got a scalar");
    int k = id[id.length - 1];
    checkArgument(k <= sd.length, "scatterNd index depth %s exceeds output rank %s", k, sd.length);
    int count = ArrayKernels.product(id, 0, id.length - 1);
    int block = ArrayKernels.product(sd, k, sd.length);
    Shape expect = Shape.of(Arrays.copyOf(id, id.length - 1)).append(Arrays.copyOfRange(sd, k,
        sd.length));
    checkArgument(updates.shape().equals(expect), "scatterNd updates have shape %s but indices %s "
        + "and output shape %s need %s", updates.shape(), indices.shape(), shape, expect);
    int[] st = ArrayKernels.strides(sd);
    int[] ind = indexInts(indices);
    int[] offsets = new int[count];
    for (int i = 0; i < count; i++) {
      int off = 0;
      for (int j = 0; j < k; j++) {
        int v = ind[i * k + j];
        if (v < 0 || v >= sd[j]) {
          throw new IllegalArgumentException("scatterNd index " + indices.getLong(i * k + j)
              + " at position "
              + position(i * k + j, id) + " of indices is out of range [0, " + sd[j]
              + ") for dimension " + j + " of output shape " + shape);
        }
        off += v * st[j];
      }
      offsets[i] = off;
    }
    Object out = Tensor.newArray(updates.dtype(), shape.numElements());
    switch (updates.dtype()) {
      case FLOAT32 -> {
        float[] u = updates.floats();
        float[] r = (float[]) out;
        for (int i = 0; i < count; i++) {
          for (int b = 0; b < block; b++) {
            r[offsets[i] + b] += u[i * block + b];
          }
        }
      }
      case FLOAT64 -> {
        double[] u = updates.doubles();
        double[] r = (double[]) out;
        for (int i = 0; i < count; i++) {
          for (int b = 0; b < block; b++) {
            r[offsets[i] + b] += u[i * block + b];
          }
        }
      }
      case INT32 -> {
        int[] u = updates.ints();
        int[] r = (int[]) out;
        for (int i = 0; i < count; i++) {
          for (int b = 0; b < block; b++) {
            r[offsets[i] + b] += u[i * block + b];
          }
        }
      }
      case INT64 -> {
        long[] u = updates.longs();
        long[] r = (long[]) out;
        for (int i = 0; i < count; i++) {
          for (int b = 0; b < block; b++) {
            r[offsets[i] + b] += u[i * block + b];
          }
        }
      }
      case BOOL -> throw new IllegalArgumentException("scatterNd cannot sum bool updates");
    }
    return Tensor.wrap(updates.dtype(), shape, out);
  }

  static Tensor oneHot(IndexOps.OneHot o, Tensor indices) {
    int[] id = indices.shape().dims();
    int a = o.axis() == -1 ? id.length : o.axis();
    checkArgument(a >= 0 && a <= id.length, "oneHot axis %s is out of range for indices of rank "
        + "%s (valid: -1 or [0, %s])", o.axis(), id.length, id.length);
    int depth = o.depth();
    int outer = ArrayKernels.product(id, 0, a);
    int inner = ArrayKernels.product(id, a, id.length);
    int[] idx = indexInts(indices);
    int[] outDims = ArrayKernels.insert(id, a, depth);
    Shape.of(outDims).numElements(); // refuses counts over Integer.MAX_VALUE before allocating
    Object out = filled(o.dtype(), outer * depth * inner, o.offValue());
    int[] on = new int[idx.length];
    int m = 0;
    for (int i = 0; i < outer; i++) {
      for (int j = 0; j < inner; j++) {
        int v = idx[i * inner + j];
        if (v >= 0 && v < depth) {
          on[m++] = (i * depth + v) * inner + j;
        }
      }
    }
    Object onValues = filled(o.dtype(), m, o.onValue());
    ArrayKernels.put(out, onValues, Arrays.copyOf(on, m));
    return Tensor.wrap(o.dtype(), Shape.of(outDims), out);
  }

  /** n copies of a oneHot value: exact longs for int64, else through a double. */
  private static Object filled(DType dtype, int n, Number v) {
    if (dtype == DType.INT64) {
      long[] r = new long[n];
      Arrays.fill(r, v.longValue());
      return r;
    }
    return ArrayKernels.filled(dtype, n, v.doubleValue());
  }

  static Tensor sequenceMask(DType dtype, Tensor lengths, Tensor maxlenT) {
    int[] len = lengths.intValues("sequenceMask lengths");
    int maxlen;
    if (maxlenT != null) {
      checkArgument(maxlenT.size() == 1, "maxlen must be a scalar, got shape %s", maxlenT.shape());
      maxlen = maxlenT.intValues("maxlen")[0];
      checkArgument(maxlen >= 0, "maxlen must be >= 0, got %s", maxlen);
    } else {
      maxlen = 0;
      for (int v : len) {
        maxlen = Math.max(maxlen, v);
      }
    }
    int n = len.length;
    lengths.shape().append(maxlen).numElements(); // refuses counts over Integer.MAX_VALUE
    boolean[] mask = new boolean[n * maxlen];
    for (int i = 0; i < n; i++) {
      int l = Math.min(Math.max(len[i], 0), maxlen);
      Arrays.fill(mask, i * maxlen, i * maxlen + l, true);
    }
    Shape shape = lengths.shape().append(maxlen);
    if (dtype == DType.BOOL) {
      return Tensor.wrap(DType.BOOL, shape, mask);
    }
    int[] onIdx = new int[n * maxlen];
    int m = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        onIdx[m++] = i;
      }
    }
    Object out = Tensor.newArray(dtype, mask.length);
    ArrayKernels.put(out, ArrayKernels.filled(dtype, m, 1), Arrays.copyOf(onIdx, m));
    return Tensor.wrap(dtype, shape, out);
  }

  static Tensor reverseSequence(int seqAxis, int batchAxis, Tensor x, Tensor seqLengths) {
    int[] dims = x.shape().dims();
    int r = dims.length;
    int sa = ArrayShapes.axis(seqAxis, r, "seq axis");
    int ba = ArrayShapes.axis(batchAxis, r, "batch axis");
    checkArgument(sa != ba, "seq axis and batch axis must differ, both are %s", sa);
    int[] len = seqLengths.intValues("seq lengths");
    checkArgument(seqLengths.rank() == 1 && len.length == dims[ba], "seq lengths have shape %s "
        + "but the batch dimension %s of %s has size %s", seqLengths.shape(), ba, x.shape(),
        dims[ba]);
    for (int b = 0; b < len.length; b++) {
      checkArgument(len[b] >= 0 && len[b] <= dims[sa], "seq length %s of batch entry %s is out of "
          + "range [0, %s] (size of seq axis %s of shape %s)", len[b], b, dims[sa], sa, x.shape());
    }
    int[] st = ArrayKernels.strides(dims);
    int n = x.size();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      int t = i / st[sa] % dims[sa];
      int b = i / st[ba] % dims[ba];
      int l = len[b];
      idx[i] = t < l ? i + (l - 1 - 2 * t) * st[sa] : i;
    }
    return Tensor.wrap(x.dtype(), x.shape(), ArrayKernels.take(x.data(), idx));
  }

  static Tensor range(Tensor start, Tensor limit, Tensor delta) {
    double s = start.getDouble(0);
    double l = limit.getDouble(0);
    double d = delta.getDouble(0);
    int n = start.dtype() == DType.INT64 ? longRangeSize(start.longs()[0], limit.longs()[0],
        delta.longs()[0]) : rangeSize(s, l, d, start.dtype() == DType.INT32);
    Object out = Tensor.newArray(start.dtype(), n);
    switch (start.dtype()) {
      case INT64 -> {
        long[] r = (long[]) out;
        long s0 = start.longs()[0];
        long d0 = delta.longs()[0];
        for (int i = 0; i < n; i++) {
          r[i] = s0 + i * d0;
        }
      }
      case INT32 -> {
        int[] r = (int[]) out;
        int s0 = start.ints()[0];
        int d0 = delta.ints()[0];
        for (int i = 0; i < n; i++) {
          r[i] = s0 + i * d0;
        }
      }
      case FLOAT32 -> {
        float[] r = (float[]) out;
        float s0 = start.floats()[0];
        float d0 = delta.floats()[0];
        for (int i = 0; i < n; i++) {
          r[i] = s0 + i * d0;
        }
      }
      case FLOAT64 -> {
        double[] r = (double[]) out;
        for (int i = 0; i < n; i++) {
          r[i] = s + i * d;
        }
      }
      case BOOL -> throw new IllegalArgumentException("range does not support bool");
    }
    return Tensor.wrap(start.dtype(), Shape.of(n), out);
  }

  /** The int64 range size, exact where doubles would round: ceil((limit - start) / delta). */
  static int longRangeSize(long start, long limit, long delta) {
    checkArgument(delta != 0, "range delta must not be 0");
    checkArgument(delta > 0 ? start <= limit : start >= limit, "range needs start <= limit when "
        + "delta > 0 and start >= limit when delta < 0, got start %s, limit %s, delta %s", start,
        limit, delta);
    java.math.BigInteger span = java.math.BigInteger.valueOf(limit)
        .subtract(java.math.BigInteger.valueOf(start)).abs();
    java.math.BigInteger step = java.math.BigInteger.valueOf(delta).abs();
    java.math.BigInteger[] qr = span.divideAndRemainder(step);
    java.math.BigInteger size = qr[1].signum() == 0 ? qr[0] : qr[0].add(java.math.BigInteger.ONE);
    checkArgument(size.bitLength() < 32, "range of %s values is more than a tensor can hold",
        size);
    return size.intValue();
  }

  /** TensorFlow's range size: ceil((limit - start) / delta), checking the direction. */
  static int rangeSize(double start, double limit, double delta, boolean integer) {
    checkArgument(delta != 0, "range delta must not be 0");
    checkArgument(delta > 0 ? start <= limit : start >= limit, "range needs start <= limit when "
        + "delta > 0 and start >= limit when delta < 0, got start %s, limit %s, delta %s", start,
        limit, delta);
    double n = integer ? Math.ceil(Math.abs(limit - start) / Math.abs(delta))
        : Math.ceil(Math.abs((limit - start) / delta));
    checkArgument(n <= Integer.MAX_VALUE, "range of %s values is too long", n);
    return (int) n;
  }
}
