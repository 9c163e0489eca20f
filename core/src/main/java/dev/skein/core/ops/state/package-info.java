/**
 * The state family: placeholders and constants (core's {@link dev.skein.core.Placeholder} and
 * {@link dev.skein.core.Const}), variables and assignments, identity, stopGradient,
 * checkNumerics, group and the variable initializers. Start with {@link
 * dev.skein.core.ops.state.StateOps}; its facade methods are {@link
 * dev.skein.core.ops.state.StateApi}.
 */
package dev.skein.core.ops.state;
