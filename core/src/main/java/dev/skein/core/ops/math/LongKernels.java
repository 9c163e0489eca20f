package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.ops.math.MathOps.Binary;
import dev.skein.core.ops.math.MathOps.Compare;
import dev.skein.core.ops.math.MathReduceOps.Kind;

/**
 * The math family's INT64 loops: binary arithmetic (wrapping on overflow as TensorFlow's int64
 * does; FLOOR_DIV and FLOOR_MOD round toward negative infinity) and comparisons.
 */
final class LongKernels {
  private LongKernels() {}

  // One run of n outputs: r[ro + j] = a[ao + j * ai] (op) b[bo + j * bi].
  static void binary(Binary op, long[] a, int ao, int ai, long[] b, int bo, int bi, long[] r,
      int ro, int n) {
    for (int j = 0; j < n; j++) {
      long x = a[ao + j * ai];
      long y = b[bo + j * bi];
      r[ro + j] = switch (op) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        case FLOOR_DIV -> Math.floorDiv(x, y);
        case FLOOR_MOD -> Math.floorMod(x, y);
        case MAXIMUM -> Math.max(x, y);
        case MINIMUM -> Math.min(x, y);
        case POW -> pow(x, y);
        case SQUARED_DIFFERENCE -> (x - y) * (x - y);
        case DIV -> throw new IllegalArgumentException("RealDiv does not take int64");
      };
    }
  }

  /** x^y for a non-negative exponent, wrapping on overflow like TensorFlow's int64. */
  static long pow(long x, long y) {
    checkArgument(y >= 0, "integers to negative integer powers are not allowed (got %s^%s)", x,
        y);
    long result = 1;
    long base = x;
    for (long e = y; e != 0; e >>= 1) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
    }
    return result;
  }

  static void compare(Compare op, long[] a, int ao, int ai, long[] b, int bo, int bi,
      boolean[] r, int ro, int n) {
    for (int j = 0; j < n; j++) {
      long x = a[ao + j * ai];
      long y = b[bo + j * bi];
      r[ro + j] = switch (op) {
        case EQUAL -> x == y;
        case NOT_EQUAL -> x != y;
        case LESS -> x < y;
        case LESS_EQUAL -> x <= y;
        case GREATER -> x > y;
        case GREATER_EQUAL -> x >= y;
      };
    }
  }

  /** Folds x into r (initialized by the caller) by the layout's rows; MEAN sums here. */
  static void reduce(Kind k, long[] x, long[] r, MathReduceKernels.Layout l) {
    int m = l.inner();
    int step = l.innerReduced() ? 0 : 1;
    for (int row = 0; row < l.rows(); row++) {
      int b = row * m;
      int o = l.outOffsets()[row];
      for (int j = 0; j < m; j++) {
        int i = o + j * step;
        long v = x[b + j];
        r[i] = switch (k) {
          case SUM, MEAN -> r[i] + v;
          case PROD -> r[i] * v;
          case MAX -> Math.max(r[i], v);
          case MIN -> Math.min(r[i], v);
          default -> throw new IllegalArgumentException(k + " does not take int64");
        };
      }
    }
  }

  /** Index of the max (or min) along the middle of [outer, n, inner]; ties keep the first. */
  static int[] argMaxMin(long[] v, int outer, int n, int inner, boolean max) {
    int[] r = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        long best = v[base];
        int bestK = 0;
        for (int k = 1; k < n; k++) {
          long c = v[base + k * inner];
          if (max ? c > best : c < best) {
            best = c;
            bestK = k;
          }
        }
        r[o * inner + i] = bestK;
      }
    }
    return r;
  }
}
