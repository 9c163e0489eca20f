package dev.skein.core.ops.math;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;

/**
 * The math family's reductions in the {@code Ops} facade: sums, means, extremes, products,
 * any/all, arg max/min and broadcasts; each delegates to MathReduceOps.
 */
public interface MathReduceApi {
  Graph graph();



  // ---- reductions: axes null = all axes, negative axes count from the end ----

  /** Over all axes, to a scalar. */
  default Output reduceSum(Output x) {
    return MathReduceOps.reduceSum(graph(), x, null, false, null);
  }

  default Output reduceSum(Output x, int axis) {
    return MathReduceOps.reduceSum(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceSum(Output x, int[] axes) {
    return MathReduceOps.reduceSum(graph(), x, axes, false, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceSum(graph(), x, axes, keepDims, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceSum(graph(), x, axes, keepDims, name);
  }

  default Output reduceMean(Output x) {
    return MathReduceOps.reduceMean(graph(), x, null, false, null);
  }

  default Output reduceMean(Output x, int axis) {
    return MathReduceOps.reduceMean(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMean(Output x, int[] axes) {
    return MathReduceOps.reduceMean(graph(), x, axes, false, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceMean(graph(), x, axes, keepDims, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceMean(graph(), x, axes, keepDims, name);
  }

  default Output reduceMax(Output x) {
    return MathReduceOps.reduceMax(graph(), x, null, false, null);
  }

  default Output reduceMax(Output x, int axis) {
    return MathReduceOps.reduceMax(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMax(Output x, int[] axes) {
    return MathReduceOps.reduceMax(graph(), x, axes, false, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceMax(graph(), x, axes, keepDims, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceMax(graph(), x, axes, keepDims, name);
  }

  default Output reduceMin(Output x) {
    return MathReduceOps.reduceMin(graph(), x, null, false, null);
  }

  default Output reduceMin(Output x, int axis) {
    return MathReduceOps.reduceMin(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMin(Output x, int[] axes) {
    return MathReduceOps.reduceMin(graph(), x, axes, false, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceMin(graph(), x, axes, keepDims, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceMin(graph(), x, axes, keepDims, name);
  }

  default Output reduceProd(Output x) {
    return MathReduceOps.reduceProd(graph(), x, null, false, null);
  }

  default Output reduceProd(Output x, int axis) {
    return MathReduceOps.reduceProd(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceProd(Output x, int[] axes) {
    return MathReduceOps.reduceProd(graph(), x, axes, false, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceProd(graph(), x, axes, keepDims, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceProd(graph(), x, axes, keepDims, name);
  }

  default Output reduceAny(Output x) {
    return MathReduceOps.reduceAny(graph(), x, null, false, null);
  }

  default Output reduceAny(Output x, int axis) {
    return MathReduceOps.reduceAny(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAny(Output x, int[] axes) {
    return MathReduceOps.reduceAny(graph(), x, axes, false, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceAny(graph(), x, axes, keepDims, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceAny(graph(), x, axes, keepDims, name);
  }

  default Output reduceAll(Output x) {
    return MathReduceOps.reduceAll(graph(), x, null, false, null);
  }

  default Output reduceAll(Output x, int axis) {
    return MathReduceOps.reduceAll(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAll(Output x, int[] axes) {
    return MathReduceOps.reduceAll(graph(), x, axes, false, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims) {
    return MathReduceOps.reduceAll(graph(), x, axes, keepDims, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims, String name) {
    return MathReduceOps.reduceAll(graph(), x, axes, keepDims, name);
  }

  // ---- arg max/min, broadcast helpers ----

  /** Index (int32) of the largest value along axis; ties give the first. */
  default Output argMax(Output x, int axis) {
    return MathReduceOps.argMax(graph(), x, axis, null);
  }

  default Output argMax(Output x, int axis, String name) {
    return MathReduceOps.argMax(graph(), x, axis, name);
  }

  /** Index (int32) of the smallest value along axis; ties give the first. */
  default Output argMin(Output x, int axis) {
    return MathReduceOps.argMin(graph(), x, axis, null);
  }

  default Output argMin(Output x, int axis, String name) {
    return MathReduceOps.argMin(graph(), x, axis, name);
  }

  /** Broadcasts x to the shape held by an int32 or int64 vector. */
  default Output broadcastTo(Output x, Output shape) {
    return MathReduceOps.broadcastTo(graph(), x, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output broadcastTo(Output x, Output shape, Shape staticShape) {
    return MathReduceOps.broadcastTo(graph(), x, shape, staticShape, null);
  }

  /** Sums grad over broadcast axes down to the shape held by an int32 or int64 vector. */
  default Output sumToShape(Output grad, Output shape) {
    return MathReduceOps.sumToShape(graph(), grad, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output sumToShape(Output grad, Output shape, Shape staticShape) {
    return MathReduceOps.sumToShape(graph(), grad, shape, staticShape, null);
  }
}
