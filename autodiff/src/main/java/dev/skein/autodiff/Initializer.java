package dev.skein.autodiff;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;

/**
 * Builds a variable's initial value: ops computing a tensor of the given fully defined shape and
 * dtype. {@link Initializers} has TensorFlow's usual ones.
 */
@FunctionalInterface
public interface Initializer {
  Output create(Ops tf, Shape shape, DType dtype);
}
