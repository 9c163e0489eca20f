/**
 * The math family: elementwise unary and binary ops with NumPy broadcasting, comparisons and
 * logical ops, casts, select, reductions (sum, mean, max, min, prod, any, all), argMax/argMin.
 * Start with {@link dev.skein.core.ops.math.MathOps}; facade methods in {@link
 * dev.skein.core.ops.math.MathApi}.
 */
package dev.skein.core.ops.math;
