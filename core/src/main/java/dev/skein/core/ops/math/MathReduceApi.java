package dev.skein.core.ops.math;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;

/**
 * The math family's reductions in the {@code Ops} facade: sums, means, extremes, products,
 * any/all, arg max/min and broadcasts; each delegates to MathReduceBuilders.
 */
public interface MathReduceApi {
  Graph graph();



  // ---- reductions: axes null = all axes, negative axes count from the end ----

  /** Over all axes, to a scalar. */
  default Output reduceSum(Output x) {
    return MathReduceBuilders.reduceSum(graph(), x, null, false, null);
  }

  default Output reduceSum(Output x, int axis) {
    return MathReduceBuilders.reduceSum(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceSum(Output x, int[] axes) {
    return MathReduceBuilders.reduceSum(graph(), x, axes, false, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceSum(graph(), x, axes, keepDims, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceSum(graph(), x, axes, keepDims, name);
  }

  default Output reduceMean(Output x) {
    return MathReduceBuilders.reduceMean(graph(), x, null, false, null);
  }

  default Output reduceMean(Output x, int axis) {
    return MathReduceBuilders.reduceMean(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMean(Output x, int[] axes) {
    return MathReduceBuilders.reduceMean(graph(), x, axes, false, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceMean(graph(), x, axes, keepDims, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceMean(graph(), x, axes, keepDims, name);
  }

  default Output reduceMax(Output x) {
    return MathReduceBuilders.reduceMax(graph(), x, null, false, null);
  }

  default Output reduceMax(Output x, int axis) {
    return MathReduceBuilders.reduceMax(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMax(Output x, int[] axes) {
    return MathReduceBuilders.reduceMax(graph(), x, axes, false, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceMax(graph(), x, axes, keepDims, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceMax(graph(), x, axes, keepDims, name);
  }

  default Output reduceMin(Output x) {
    return MathReduceBuilders.reduceMin(graph(), x, null, false, null);
  }

  default Output reduceMin(Output x, int axis) {
    return MathReduceBuilders.reduceMin(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMin(Output x, int[] axes) {
    return MathReduceBuilders.reduceMin(graph(), x, axes, false, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceMin(graph(), x, axes, keepDims, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceMin(graph(), x, axes, keepDims, name);
  }

  default Output reduceProd(Output x) {
    return MathReduceBuilders.reduceProd(graph(), x, null, false, null);
  }

  default Output reduceProd(Output x, int axis) {
    return MathReduceBuilders.reduceProd(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceProd(Output x, int[] axes) {
    return MathReduceBuilders.reduceProd(graph(), x, axes, false, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceProd(graph(), x, axes, keepDims, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceProd(graph(), x, axes, keepDims, name);
  }

  default Output reduceAny(Output x) {
    return MathReduceBuilders.reduceAny(graph(), x, null, false, null);
  }

  default Output reduceAny(Output x, int axis) {
    return MathReduceBuilders.reduceAny(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAny(Output x, int[] axes) {
    return MathReduceBuilders.reduceAny(graph(), x, axes, false, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceAny(graph(), x, axes, keepDims, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceAny(graph(), x, axes, keepDims, name);
  }

  default Output reduceAll(Output x) {
    return MathReduceBuilders.reduceAll(graph(), x, null, false, null);
  }

  default Output reduceAll(Output x, int axis) {
    return MathReduceBuilders.reduceAll(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAll(Output x, int[] axes) {
    return MathReduceBuilders.reduceAll(graph(), x, axes, false, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims) {
    return MathReduceBuilders.reduceAll(graph(), x, axes, keepDims, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceBuilders.reduceAll(graph(), x, axes, keepDims, name);
  }

  // ---- arg max/min, broadcast helpers ----

  /**
   * Index (int32) of the largest value along axis; ties give the first. TF1's default
   * output_type is int64: {@code argMax(x, axis, DType.INT64)} is {@code tf.argmax(x, axis)}.
   */
  default Output argMax(Output x, int axis) {
    return MathReduceBuilders.argMax(graph(), x, axis, null);
  }

  default Output argMax(Output x, int axis, String name) {
    return MathReduceBuilders.argMax(graph(), x, axis, name);
  }

  /** Index of the largest value along axis as an outputType (int32 or int64). */
  default Output argMax(Output x, int axis, DType outputType) {
    return MathReduceBuilders.argMax(graph(), x, axis, outputType, null);
  }

  default Output argMax(Output x, int axis, DType outputType, String name) {
    return MathReduceBuilders.argMax(graph(), x, axis, outputType, name);
  }

  /** Index (int32) of the smallest value along axis; ties give the first (TF1: int64). */
  default Output argMin(Output x, int axis) {
    return MathReduceBuilders.argMin(graph(), x, axis, null);
  }

  default Output argMin(Output x, int axis, String name) {
    return MathReduceBuilders.argMin(graph(), x, axis, name);
  }

  /** Index of the smallest value along axis as an outputType (int32 or int64). */
  default Output argMin(Output x, int axis, DType outputType) {
    return MathReduceBuilders.argMin(graph(), x, axis, outputType, null);
  }

  default Output argMin(Output x, int axis, DType outputType, String name) {
    return MathReduceBuilders.argMin(graph(), x, axis, outputType, name);
  }

  /** Broadcasts x to the shape held by an int32 or int64 vector. */
  default Output broadcastTo(Output x, Output shape) {
    return MathReduceBuilders.broadcastTo(graph(), x, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output broadcastTo(Output x, Output shape, Shape staticShape) {
    return MathReduceBuilders.broadcastTo(graph(), x, shape, staticShape, null);
  }

  /** Sums grad over broadcast axes down to the shape held by an int32 or int64 vector. */
  default Output sumToShape(Output grad, Output shape) {
    return MathReduceBuilders.sumToShape(graph(), grad, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output sumToShape(Output grad, Output shape, Shape staticShape) {
    return MathReduceBuilders.sumToShape(graph(), grad, shape, staticShape, null);
  }
}
