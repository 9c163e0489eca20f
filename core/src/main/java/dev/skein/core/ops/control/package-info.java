/**
 * The control family: functional loops and conditionals ({@code tf.whileLoop}, {@code tf.cond},
 * whose Java lambdas are traced into sub-graphs of one While or Cond op) and {@link
 * dev.skein.core.ops.control.TensorArray}s, with their run-time values. Start with {@link
 * dev.skein.core.ops.control.ControlApi} and {@link dev.skein.core.ops.control.WhileOptions}.
 */
package dev.skein.core.ops.control;
