package dev.skein.autodiff;

/**
 * The gradient rules of one op family, the seam between the gradient builder and the families:
 * each family's rules live in its own package (dev.skein.autodiff.math for core.ops.math, ...)
 * and reach {@link GradientRegistry#standard()} through {@link java.util.ServiceLoader}, so the
 * builder imports no family. A library with op types of its own lists its family in
 * {@code META-INF/services/dev.skein.autodiff.GradientFamily}, or registers rules on one graph
 * with {@code GradientRegistry.forGraph(graph).register(...)}.
 */
public interface GradientFamily {
  /** Adds this family's rules and not-differentiable marks to {@code registry}. */
  void register(GradientRegistry registry);
}
