package dev.skein.spark;

import dev.skein.core.Output;
import dev.skein.core.ops.Ops;

/**
 * Builds a model into a fresh graph and returns its scalar loss. It runs once, on the driver:
 * the graph reaches the workers as a Skein graph file, so the factory need not be serializable.
 *
 * <p>Every top-level placeholder is an input: each {@link Example} must hold a value of the
 * placeholder's name, and the placeholder's first dimension is the batch ({@code (?, 28, 28)}).
 * Any other dimension must be known. By default the loss must be a mean over the batch (as
 * {@code tf.reduceMean(xentropy)}); see {@link SparkTrainer.Builder#lossReduction}.
 */
@FunctionalInterface
public interface GraphFactory {
  Output build(Ops tf);
}
