package dev.skein.core.ops.array;

import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's strided-slice canonicalization: turns the sparse spec (begin/end/strides with
 * masks, an ellipsis and new axes) into one (start, stride, count) per input dimension, and the
 * output dimensions. Works on partial shapes: an unknown input dimension (-1) gives an unknown
 * start and count, except for shrunk dimensions whose count is always 1.
 */
final class StridedSliceSpec {
  private static final int NEW_AXIS = -2;

  /** Per input dimension: first index, step, number of elements; plus the output dims. */
  record Dense(int[] start, int[] stride, int[] count, int[] outDims) {}

  private StridedSliceSpec() {}

  static Dense resolve(IndexOps.StridedSlice s, int[] dims) {
    int[] begin = s.begin().toArray();
    int[] end = s.end().toArray();
    int[] strides = s.strides().toArray();
    int k = begin.length;
    if (end.length != k || strides.length != k) {
      throw new IllegalArgumentException("begin, end and strides must have the same length, got "
          + k + ", " + end.length + " and " + strides.length);
    }
    if (Integer.bitCount(s.ellipsisMask()) > 1) {
      throw new IllegalArgumentException("only one ellipsis is allowed in a slice, got mask "
          + Integer.toBinaryString(s.ellipsisMask()));
    }
    int r = dims.length;
    boolean hasEllipsis = s.ellipsisMask() != 0;
    int[] dBegin = new int[r];
    int[] dEnd = new int[r];
    int[] dStride = new int[r];
    boolean[] dBeginMasked = new boolean[r];
    boolean[] dEndMasked = new boolean[r];
    boolean[] dShrink = new boolean[r];
    List<Integer> out = new ArrayList<>();
    int full = 0;
    // Without an explicit ellipsis, an implicit one at the end keeps the remaining dimensions.
    for (int i = 0; i <= k; i++) {
      boolean ellipsis = i < k ? bit(s.ellipsisMask(), i) : !hasEllipsis;
      if (i == k && !ellipsis) {
        break;
      }
      if (ellipsis) {
        int consumedAfter = 0;
        for (int j = i + 1; j < k; j++) {
          if (!bit(s.newAxisMask(), j)) {
            consumedAfter++;
          }
        }
        int next = r - consumedAfter;
        if (next < full) {
          throw new IllegalArgumentException(
              "too many indices (" + k + ") for a tensor of rank " + r);
        }
        for (; full < next; full++) {
          dBeginMasked[full] = true;
          dEndMasked[full] = true;
          dStride[full] = 1;
          out.add(full);
        }
      } else if (bit(s.newAxisMask(), i)) {
        out.add(NEW_AXIS);
      } else {
        if (full >= r) {
          throw new IllegalArgumentException(
              "too many indices (" + k + ") for a tensor of rank " + r);
        }
        dBegin[full] = begin[i];
        dEnd[full] = end[i];
        dStride[full] = strides[i];
        dBeginMasked[full] = bit(s.beginMask(), i);
        dEndMasked[full] = bit(s.endMask(), i);
        dShrink[full] = bit(s.shrinkAxisMask(), i);
        if (!dShrink[full]) {
          out.add(full);
        }
        full++;
      }
    }
    int[] start = new int[r];
    int[] count = new int[r];
    for (int j = 0; j < r; j++) {
      int d = dims[j];
      int st = dStride[j];
      if (st == 0) {
        throw new IllegalArgumentException("the stride of dimension " + j + " is 0");
      }
      if (dShrink[j]) {
        int b = dBegin[j];
        if (d >= 0) {
          int idx = b < 0 ? b + d : b;
          if (idx < 0 || idx >= d) {
            throw new IllegalArgumentException("index " + b + " is out of range for dimension "
                + j + " of size " + d + " (valid: [" + -d + ", " + d + "))");
          }
          start[j] = idx;
        } else {
          start[j] = b >= 0 ? b : -1;
        }
        dStride[j] = 1;
        count[j] = 1;
      } else if (d < 0) {
        start[j] = -1;
        count[j] = -1;
      } else {
        int lo = st > 0 ? 0 : -1;
        int hi = st > 0 ? d : d - 1;
        int b = dBeginMasked[j] ? (st > 0 ? 0 : d - 1) : clamp(wrap(dBegin[j], d), lo, hi);
        int e = dEndMasked[j] ? (st > 0 ? d : -1) : clamp(wrap(dEnd[j], d), lo, hi);
        start[j] = b;
        count[j] = st > 0 ? (e > b ? ceilDiv(e - b, st) : 0) : (b > e ? ceilDiv(b - e, -st) : 0);
      }
    }
    int[] outDims = new int[out.size()];
    for (int i = 0; i < outDims.length; i++) {
      int j = out.get(i);
      outDims[i] = j == NEW_AXIS ? 1 : count[j];
    }
    return new Dense(start, dStride, count, outDims);
  }

  private static boolean bit(int mask, int i) {
    return (mask >> i & 1) != 0;
  }

  private static int wrap(int i, int d) {
    return i < 0 ? i + d : i;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
