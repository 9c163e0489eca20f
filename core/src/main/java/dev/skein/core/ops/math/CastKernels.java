package dev.skein.core.ops.math;

import dev.skein.core.DType;
import dev.skein.core.Tensor;

/**
 * The Cast kernel between every pair of dtypes. Float to integer truncates toward zero (NaN
 * gives 0, out-of-range values saturate); int64 to int32 refuses values outside the int32 range
 * (TensorFlow wraps them silently); integer to float rounds to nearest; bool to number gives
 * 0/1; number to bool is {@code x != 0}.
 */
final class CastKernels {
  private CastKernels() {}

  static Tensor cast(Tensor x, DType to) {
    DType from = x.dtype();
    if (from == to) {
      return x;
    }
    int n = x.size();
    Object r = Tensor.newArray(to, n);
    switch (from) {
      case FLOAT32 -> {
        float[] a = x.floats();
        switch (to) {
          case FLOAT64 -> {
            double[] o = (double[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = a[i];
            }
          }
          case INT32 -> {
            int[] o = (int[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = (int) a[i];
            }
          }
          case INT64 -> {
            long[] o = (long[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = (long) a[i];
            }
          }
          default -> {
            boolean[] o = (boolean[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = a[i] != 0;
            }
          }
        }
      }
      case FLOAT64 -> {
        double[] a = x.doubles();
        switch (to) {
          case FLOAT32 -> {
            float[] o = (float[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = (float) a[i];
            }
          }
          case INT32 -> {
            int[] o = (int[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = (int) a[i];
            }
          }
          case INT64 -> {
            long[] o = (long[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = (long) a[i];
            }
          }
          default -> {
            boolean[] o = (boolean[]) r;
            for (int i = 0; i < n; i++) {
              o[i] = a[i] != 0;
            }
          }
        }
      }
      case INT32 -> {
        int[] a = x.ints();
        for (int i = 0; i < n; i++) {
          setLong(r, i, a[i]);
        }
      }
      case INT64 -> {
        long[] a = x.longs();
        if (to == DType.INT32) {
          int[] o = (int[]) r;
          for (int i = 0; i < n; i++) {
            long v = a[i];
            if (v != (int) v) {
              throw new IllegalArgumentException("int64 value " + v + " at flat index " + i
                  + " is out of the int32 range [" + Integer.MIN_VALUE + ", "
                  + Integer.MAX_VALUE + "]");
            }
            o[i] = (int) v;
          }
        } else {
          for (int i = 0; i < n; i++) {
            setLong(r, i, a[i]);
          }
        }
      }
      case BOOL -> {
        boolean[] a = x.bools();
        for (int i = 0; i < n; i++) {
          if (a[i]) {
            setLong(r, i, 1);
          }
        }
      }
    }
    return Tensor.wrap(to, x.shape(), r);
  }

  /** Stores an integer value into a non-BOOL array of any element type, or v != 0 into BOOL. */
  private static void setLong(Object r, int i, long v) {
    if (r instanceof float[] f) {
      f[i] = v;
    } else if (r instanceof double[] d) {
      d[i] = v;
    } else if (r instanceof int[] a) {
      a[i] = (int) v;
    } else if (r instanceof long[] a) {
      a[i] = v;
    } else {
      ((boolean[]) r)[i] = v != 0;
    }
  }
}
