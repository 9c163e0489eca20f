package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.Random;

/** Test helpers: tensors from Java arrays in either dtype, known weights, comparisons. */
final class Fixtures {
  private Fixtures() {}

  static Tensor tensor(double[][] a, DType dtype) {
    if (dtype == DType.FLOAT64) {
      return Tensor.of(a);
    }
    float[][] f = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      f[i] = new float[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        f[i][j] = (float) a[i][j];
      }
    }
    return Tensor.of(f);
  }

  static Tensor tensor(double[] a, DType dtype) {
    if (dtype == DType.FLOAT64) {
      return Tensor.of(a);
    }
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return Tensor.of(f);
  }

  /** Assigns random values in [-scale, scale) to a matrix variable and returns them. */
  static double[][] assignMatrix(Session s, Ops tf, Variable v, Random r, double scale) {
    double[][] w = Ref.random(r, v.shape().dim(0), v.shape().dim(1), scale);
    s.run(tf.assign(v, tf.constant(tensor(w, v.dtype()))));
    return w;
  }

  /** Assigns random values in [-scale, scale) to a vector variable and returns them. */
  static double[] assignVector(Session s, Ops tf, Variable v, Random r, double scale) {
    double[] w = Ref.random(r, v.shape().dim(0), scale);
    s.run(tf.assign(v, tf.constant(tensor(w, v.dtype()))));
    return w;
  }

  static void assertClose(double[] expected, Tensor actual, double tol, String what) {
    double[] a = actual.toDoubleArray();
    assertEquals(expected.length, a.length, what + ": size");
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], tol * Math.max(1, Math.abs(expected[i])),
          what + " [" + i + "]");
    }
  }

  static void assertClose(double[][] expected, Tensor actual, double tol, String what) {
    assertClose(flatten(expected), actual, tol, what);
  }

  static double[] flatten(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    double[] f = new double[n];
    int k = 0;
    for (double[] row : a) {
      for (double v : row) {
        f[k++] = v;
      }
    }
    return f;
  }

  static double tolerance(DType dtype) {
    return dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
  }

  static Output placeholder(Ops tf, DType dtype, int rows, int cols, String name) {
    return tf.placeholder(dtype, dev.skein.core.Shape.of(rows, cols), name);
  }
}
