/**
 * The gradient rules of core's {@code linalg} family (package {@code dev.skein.core.ops.linalg}): a
 * {@link dev.skein.autodiff.GradientFamily} that {@link
 * dev.skein.autodiff.GradientRegistry#standard()} finds through {@code META-INF/services}.
 */
package dev.skein.autodiff.linalg;
