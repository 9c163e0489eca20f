/**
 * The gradient rules of core's {@code math} family (package {@code dev.skein.core.ops.math}): a
 * {@link dev.skein.autodiff.GradientFamily} that {@link
 * dev.skein.autodiff.GradientRegistry#standard()} finds through {@code META-INF/services}.
 */
package dev.skein.autodiff.math;
