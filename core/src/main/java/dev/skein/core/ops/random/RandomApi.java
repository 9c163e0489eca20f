package dev.skein.core.ops.random;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;

/**
 * The random family's part of the {@code Ops} facade: each method delegates to RandomOps. A shape
 * is a fully defined {@link Shape} or an INT32 or INT64 vector tensor; a null seed means "no op
 * seed" (see {@link RandomOps} for how seeds combine with the graph seed). FLOAT32 by default.
 */
public interface RandomApi {
  Graph graph();

  /** Standard normal FLOAT32 values. */
  default Output randomNormal(Shape shape) {
    return RandomOps.randomNormal(graph(), shape, 0, 1, DType.FLOAT32, null, null);
  }

  default Output randomNormal(Shape shape, double mean, double stddev) {
    return RandomOps.randomNormal(graph(), shape, mean, stddev, DType.FLOAT32, null, null);
  }

  default Output randomNormal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
    return RandomOps.randomNormal(graph(), shape, mean, stddev, dtype, seed, null);
  }

  default Output randomNormal(Output shape, double mean, double stddev, DType dtype, Long seed) {
    return RandomOps.randomNormal(graph(), shape, mean, stddev, dtype, seed, null);
  }

  /** Standard normal FLOAT32 values within 2 standard deviations. */
  default Output truncatedNormal(Shape shape) {
    return RandomOps.truncatedNormal(graph(), shape, 0, 1, DType.FLOAT32, null, null);
  }

  default Output truncatedNormal(Shape shape, double mean, double stddev) {
    return RandomOps.truncatedNormal(graph(), shape, mean, stddev, DType.FLOAT32, null, null);
  }

  default Output truncatedNormal(Shape shape, double mean, double stddev, DType dtype,
      Long seed) {
    return RandomOps.truncatedNormal(graph(), shape, mean, stddev, dtype, seed, null);
  }

  default Output truncatedNormal(Output shape, double mean, double stddev, DType dtype,
      Long seed) {
    return RandomOps.truncatedNormal(graph(), shape, mean, stddev, dtype, seed, null);
  }

  /** Uniform FLOAT32 values in [0, 1). */
  default Output randomUniform(Shape shape) {
    return RandomOps.randomUniform(graph(), shape, 0, 1, DType.FLOAT32, null, null);
  }

  default Output randomUniform(Shape shape, double minval, double maxval) {
    return RandomOps.randomUniform(graph(), shape, minval, maxval, DType.FLOAT32, null, null);
  }

  /** Uniform values in [minval, maxval): FLOAT32, FLOAT64 or INT32 (whole bounds). */
  default Output randomUniform(Shape shape, double minval, double maxval, DType dtype,
      Long seed) {
    return RandomOps.randomUniform(graph(), shape, minval, maxval, dtype, seed, null);
  }

  default Output randomUniform(Output shape, double minval, double maxval, DType dtype,
      Long seed) {
    return RandomOps.randomUniform(graph(), shape, minval, maxval, dtype, seed, null);
  }
}
