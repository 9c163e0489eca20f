/**
 * The linear-algebra family: MatMul (with transposes), BatchMatMul and MatMulSum (a sum of
 * products in one pass, for unrolled weight gradients). Start with {@link
 * dev.skein.core.ops.linalg.LinalgOps}; facade methods in {@link
 * dev.skein.core.ops.linalg.LinalgApi}.
 */
package dev.skein.core.ops.linalg;
