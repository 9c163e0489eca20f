package dev.skein.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.core.DType;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.math.Broadcast;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.function.Executable;

/**
 * Helpers for the math family's tests: tensors from doubles in any float dtype, a reference
 * broadcasting written independently of {@link Broadcast} (multi-index arithmetic), running a
 * fetch, and closeness assertions with explicit tolerances.
 */
public final class MathTestSupport {
  private MathTestSupport() {}

  /** Tolerances: relative to max(1, |expected|). */
  public static final double TOL32 = 1e-6;
  public static final double TOL64 = 1e-12;

  public static double tol(DType t) {
    return t == DType.FLOAT32 ? TOL32 : TOL64;
  }

  /** A tensor of dtype {@code t} (float32, float64, int32 or int64) from double values. */
  public static Tensor tensor(DType t, Shape shape, double... v) {
    return switch (t) {
      case FLOAT32 -> {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
          f[i] = (float) v[i];
        }
        yield Tensor.create(shape, f);
      }
      case FLOAT64 -> Tensor.create(shape, v);
      case INT32 -> {
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = (int) v[i];
        }
        yield Tensor.create(shape, a);
      }
      case INT64 -> {
        long[] a = new long[v.length];
        for (int i = 0; i < v.length; i++) {
          a[i] = (long) v[i];
        }
        yield Tensor.create(shape, a);
      }
      case BOOL -> throw new IllegalArgumentException("use Tensor.create for bool");
    };
  }

  /** Deterministic non-zero values of mixed sign; {@code seed} varies them. */
  public static double[] values(int n, int seed) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (((i + seed) * 7 + seed) % 11 - 5) * 0.5 + 0.25;
    }
    return v;
  }

  /**
   * Values of a tensor of shape {@code in} broadcast to {@code out}, computed element by element
   * from multi-indices (independent of the code under test).
   */
  public static double[] broadcastRef(double[] v, int[] in, int[] out) {
    int n = 1;
    for (int d : out) {
      n *= d;
    }
    double[] r = new double[n];
    int[] idx = new int[out.length];
    for (int flat = 0; flat < n; flat++) {
      int rem = flat;
      for (int d = out.length - 1; d >= 0; d--) {
        idx[d] = rem % out[d];
        rem /= out[d];
      }
      int src = 0;
      int off = out.length - in.length;
      for (int d = 0; d < in.length; d++) {
        int i = in[d] == 1 ? 0 : idx[d + off];
        src = src * in[d] + i;
      }
      r[flat] = v[src];
    }
    return r;
  }

  public static double[] map(double[] v, DoubleUnaryOperator f) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = f.applyAsDouble(v[i]);
    }
    return r;
  }

  /** Values as a tensor of dtype t holds them (float32 rounds, int32 truncates). */
  public static double[] roundTo(DType t, double[] v) {
    return switch (t) {
      case FLOAT32 -> map(v, x -> (float) x);
      case INT32 -> map(v, x -> (int) x);
      default -> v.clone();
    };
  }

  public static Tensor run(Output y) {
    try (Session s = new Session(y.graph())) {
      return s.run(y);
    }
  }

  public static Tensor run(Output y, Output feed, Tensor value) {
    try (Session s = new Session(y.graph())) {
      return s.runner().feed(feed, value).fetch(y).run().get(0);
    }
  }

  public static List<Tensor> run(List<Output> ys) {
    try (Session s = new Session(ys.get(0).graph())) {
      Session.Runner r = s.runner();
      ys.forEach(r::fetch);
      return r.run();
    }
  }

  /** Asserts dtype, shape and values within tol(dtype) relative to max(1, |expected|). */
  public static void assertValues(DType t, Shape shape, double[] expected, Tensor actual) {
    assertValues(t, shape, expected, actual, t == DType.INT32 ? 0 : tol(t));
  }

  /** Same with an explicit relative tolerance. */
  public static void assertValues(DType t, Shape shape, double[] expected, Tensor actual, double tol) {
    assertEquals(t, actual.dtype(), "dtype");
    assertEquals(shape, actual.shape(), "shape");
    assertClose(expected, actual.toDoubleArray(), tol);
  }

  public static void assertClose(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length, "number of values");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) || Double.isInfinite(e)) {
        if (!(Double.isNaN(e) ? Double.isNaN(a) : a == e)) {
          fail("value " + i + ": expected " + e + " but was " + a);
        }
      } else if (Math.abs(a - e) > tol * Math.max(1, Math.abs(e))) {
        fail("value " + i + ": expected " + e + " but was " + a + " (tolerance " + tol + ")");
      }
    }
  }

  public static void assertBools(boolean[] expected, Tensor actual) {
    assertEquals(DType.BOOL, actual.dtype());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual.bools()[i], "value " + i);
    }
    assertEquals(expected.length, actual.size());
  }

  /**
   * Asserts that building (or running) fails with an OpException whose message contains every
   * fragment; the creating test's file name is checked too.
   */
  public static OpException assertOpError(String testFile, Executable e, String... fragments) {
    OpException ex = assertThrows(OpException.class, e);
    String m = ex.getMessage();
    for (String f : fragments) {
      assertTrue(m.contains(f), "message lacks \"" + f + "\":\n" + m);
    }
    assertTrue(m.contains(testFile), "message lacks the creation site " + testFile + ":\n" + m);
    return ex;
  }
}
