/**
 * Symbolic reverse-mode gradients and training. {@link dev.skein.autodiff.Gradients#gradients}
 * adds the gradient ops to the graph (so a gradient can be drawn, run or differentiated again),
 * from rules in a {@link dev.skein.autodiff.GradientRegistry} (each family's in its own
 * subpackage, found through {@link dev.skein.autodiff.GradientFamily}). {@link
 * dev.skein.autodiff.GradientChecker} compares them with finite differences. Training: optimizers
 * ({@link dev.skein.autodiff.AdamOptimizer}, {@link dev.skein.autodiff.GradientDescentOptimizer},
 * ...), {@link dev.skein.autodiff.Losses}, {@link dev.skein.autodiff.Layers#dense}, TF1's variable
 * scopes ({@link dev.skein.autodiff.VariableScopes}, {@link dev.skein.autodiff.Variables}).
 */
package dev.skein.autodiff;
