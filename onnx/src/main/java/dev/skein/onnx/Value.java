package dev.skein.onnx;

import dev.skein.core.Output;

/**
 * What a Skein value became in the ONNX graph. Most values are dense tensors with a name; a
 * TensorArray has no ONNX counterpart of its own and is tracked by what it holds, so that its
 * reads, writes and stacks become Gather nodes and the scan outputs of a Loop.
 */
sealed interface Value {
  /** A tensor named {@code name} in the ONNX graph (or an enclosing one). */
  record Dense(String name) implements Value {}

  /** A TensorArray nothing has been written to yet ({@code TensorArrayV3}). */
  record EmptyArray(Output array) implements Value {}

  /** A TensorArray whose element t is {@code dense[t]} (axis 0) or {@code dense[:, t]} (1). */
  record UnstackedArray(String dense, int axis) implements Value {}

  /** Inside a Loop body: the TensorArray carried as loop variable {@code loopVar}. */
  record LoopArray(int loopVar) implements Value {}

  /** Inside a Loop body: loop variable {@code loopVar}'s array with {@code element} written at
   * the iteration number; it becomes one of the Loop's scan outputs. */
  record WrittenArray(int loopVar, String element) implements Value {}

  /** After a Loop: the array its iterations wrote, stacked as {@code dense} [T, ...]. */
  record ScannedArray(String dense) implements Value {}

  /** An output the exporter does not write (a loop's trip count or gradient exports). */
  record Unsupported(String reason) implements Value {}
}
