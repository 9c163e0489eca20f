package dev.skein.core.ops.array;

import dev.skein.core.Operation;
import dev.skein.core.StaticValues;
import dev.skein.core.ops.array.IndexOps.StridedSlice;

/**
 * What the array family's shape-valued ops tell {@link StaticValues} of their integer output at
 * build time: stacks, concatenations and strided slices of partly known vectors (the shape ops
 * answer for themselves, in {@link ShapeOps}).
 */
final class ArrayKnownValues {
  private ArrayKnownValues() {}

  static int[] pack(Operation op) {
    int[] r = new int[op.numInputs()];
    for (int i = 0; i < r.length; i++) {
      r[i] = StaticValues.scalar(op.input(i));
    }
    return r;
  }

  static int[] concat(Operation op) {
    int[][] parts = new int[op.numInputs()][];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      parts[i] = StaticValues.vector(op.input(i));
      if (parts[i] == null) {
        return null;
      }
      n += parts[i].length;
    }
    int[] r = new int[n];
    int p = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, r, p, part.length);
      p += part.length;
    }
    return r;
  }

  static int[] stridedSlice(StridedSlice s, Operation op) {
    int[] v = StaticValues.vector(op.input(0));
    if (v == null) {
      return null;
    }
    StridedSliceSpec.Dense d = StridedSliceSpec.resolve(s, new int[] {v.length});
    if (d.outDims().length != 1) {
      return null;
    }
    int[] r = new int[d.outDims()[0]];
    for (int i = 0; i < r.length; i++) {
      r[i] = v[d.start()[0] + i * d.stride()[0]];
    }
    return r;
  }

  static int stridedSliceScalar(StridedSlice s, Operation op) {
    if (s.shrinkAxisMask() == 0) {
      return -1;
    }
    int[] v = StaticValues.vector(op.input(0));
    if (v == null) {
      return -1;
    }
    StridedSliceSpec.Dense d = StridedSliceSpec.resolve(s, new int[] {v.length});
    return d.outDims().length == 0 ? v[d.start()[0]] : -1;
  }
}
