package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.Arrays;

/**
 * TensorFlow 1.x's variable initializers. Random ones take an optional op-level seed (null: the
 * graph seed alone decides, as for any random op).
 */
public final class Initializers {
  private Initializers() {}

  /** All zeros (TensorFlow's zeros_initializer; the default for non-float variables). */
  public static Initializer zeros() {
    return constant(0);
  }

  public static Initializer ones() {
    return constant(1);
  }

  /** Every element {@code value} (TensorFlow's constant_initializer with a scalar). */
  public static Initializer constant(double value) {
    return (tf, shape, dtype) -> tf.constant(filled(dtype, shape, value));
  }

  /**
   * Glorot (Xavier) uniform, TensorFlow's default for {@code get_variable} and dense layers:
   * uniform in [-limit, limit) with {@code limit = sqrt(6 / (fanIn + fanOut))}; fans as in
   * {@link #fans}.
   */
  public static Initializer glorotUniform() {
    return glorotUniform(null);
  }

  public static Initializer glorotUniform(Long seed) {
    return (tf, shape, dtype) -> {
      int[] f = fans(shape);
      double limit = Math.sqrt(6.0 / (f[0] + f[1]));
      return uniform(tf, shape, dtype, -limit, limit, seed);
    };
  }

  /** Uniform in [minval, maxval) (TensorFlow's random_uniform_initializer). */
  public static Initializer randomUniform(double minval, double maxval, Long seed) {
    checkArgument(minval < maxval, "randomUniform needs minval < maxval, got %s and %s", minval,
        maxval);
    return (tf, shape, dtype) -> uniform(tf, shape, dtype, minval, maxval, seed);
  }

  /** Normal with the given mean and standard deviation (random_normal_initializer). */
  public static Initializer randomNormal(double mean, double stddev, Long seed) {
    return (tf, shape, dtype) -> tf.randomNormal(shape, mean, stddev, dtype, seed);
  }

  /**
   * Normal with the given mean and standard deviation, values more than two standard deviations
   * from the mean redrawn (truncated_normal_initializer).
   */
  public static Initializer truncatedNormal(double mean, double stddev, Long seed) {
    return (tf, shape, dtype) -> tf.truncatedNormal(shape, mean, stddev, dtype, seed);
  }

  /**
   * TensorFlow's fan computation: a scalar has fans (1, 1); a vector (n, n); a matrix [in, out]
   * (in, out); a convolution kernel [..., in, out] multiplies both by the receptive field size
   * (the product of the leading dimensions).
   */
  public static int[] fans(Shape shape) {
    int[] d = shape.dims();
    if (d.length == 0) {
      return new int[] {1, 1};
    }
    if (d.length == 1) {
      return new int[] {d[0], d[0]};
    }
    int receptive = 1;
    for (int i = 0; i < d.length - 2; i++) {
      receptive *= d[i];
    }
    return new int[] {d[d.length - 2] * receptive, d[d.length - 1] * receptive};
  }

  private static Output uniform(Ops tf, Shape shape, DType dtype, double lo, double hi,
      Long seed) {
    return tf.randomUniform(shape, lo, hi, dtype, seed);
  }

  static Tensor scalar(DType dtype, double v) {
    return switch (dtype) {
      case FLOAT32 -> Tensor.scalar((float) v);
      case FLOAT64 -> Tensor.scalar(v);
      case INT32 -> Tensor.scalar((int) v);
      case INT64 -> Tensor.scalar((long) v);
      case BOOL -> Tensor.scalar(v != 0);
    };
  }

  static Tensor filled(DType dtype, Shape shape, double v) {
    int n = shape.numElements();
    return switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        Arrays.fill(a, (float) v);
        yield Tensor.wrap(dtype, shape, a);
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        Arrays.fill(a, v);
        yield Tensor.wrap(dtype, shape, a);
      }
      case INT32 -> {
        int[] a = new int[n];
        Arrays.fill(a, (int) v);
        yield Tensor.wrap(dtype, shape, a);
      }
      case INT64 -> {
        long[] a = new long[n];
        Arrays.fill(a, (long) v);
        yield Tensor.wrap(dtype, shape, a);
      }
      case BOOL -> {
        boolean[] a = new boolean[n];
        Arrays.fill(a, v != 0);
        yield Tensor.wrap(dtype, shape, a);
      }
    };
  }
}
