/**
 * The gradient rules of core's {@code state} family (package {@code dev.skein.core.ops.state}): a
 * {@link dev.skein.autodiff.GradientFamily} that {@link
 * dev.skein.autodiff.GradientRegistry#standard()} finds through {@code META-INF/services}.
 */
package dev.skein.autodiff.state;
