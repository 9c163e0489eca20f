package dev.skein.core.ops.math;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.util.List;

/**
 * The math family's part of the {@code Ops} facade: each method delegates to MathOps. Names
 * follow TensorFlow 1.x in camelCase; every method has a variant taking the op's name last.
 */
public interface MathApi {
  Graph graph();

  // ---- binary arithmetic (broadcasting; x and y have the same dtype) ----

  default Output add(Output x, Output y) {
    return MathOps.add(graph(), x, y, null);
  }

  default Output add(Output x, Output y, String name) {
    return MathOps.add(graph(), x, y, name);
  }

  default Output sub(Output x, Output y) {
    return MathOps.sub(graph(), x, y, null);
  }

  default Output sub(Output x, Output y, String name) {
    return MathOps.sub(graph(), x, y, name);
  }

  /** Alias of sub (TF's tf.subtract). */
  default Output subtract(Output x, Output y) {
    return MathOps.sub(graph(), x, y, null);
  }

  default Output subtract(Output x, Output y, String name) {
    return MathOps.sub(graph(), x, y, name);
  }

  default Output mul(Output x, Output y) {
    return MathOps.mul(graph(), x, y, null);
  }

  default Output mul(Output x, Output y, String name) {
    return MathOps.mul(graph(), x, y, name);
  }

  /** Alias of mul (TF's tf.multiply). */
  default Output multiply(Output x, Output y) {
    return MathOps.mul(graph(), x, y, null);
  }

  default Output multiply(Output x, Output y, String name) {
    return MathOps.mul(graph(), x, y, name);
  }

  /** TF1's tf.div: RealDiv for floats, floor division for int32. */
  default Output div(Output x, Output y) {
    return MathOps.div(graph(), x, y, null);
  }

  default Output div(Output x, Output y, String name) {
    return MathOps.div(graph(), x, y, name);
  }

  /** TF1's tf.truediv: int32 inputs are cast to float64 first. */
  default Output truediv(Output x, Output y) {
    return MathOps.truediv(graph(), x, y, null);
  }

  default Output truediv(Output x, Output y, String name) {
    return MathOps.truediv(graph(), x, y, name);
  }

  /** TF1's tf.divide (true division, like truediv). */
  default Output divide(Output x, Output y) {
    return MathOps.truediv(graph(), x, y, null);
  }

  default Output divide(Output x, Output y, String name) {
    return MathOps.truediv(graph(), x, y, name);
  }

  default Output floorDiv(Output x, Output y) {
    return MathOps.floorDiv(graph(), x, y, null);
  }

  default Output floorDiv(Output x, Output y, String name) {
    return MathOps.floorDiv(graph(), x, y, name);
  }

  /** Remainder of floor division; its sign is y's (TF's tf.floormod / tf.mod). */
  default Output floorMod(Output x, Output y) {
    return MathOps.floorMod(graph(), x, y, null);
  }

  default Output floorMod(Output x, Output y, String name) {
    return MathOps.floorMod(graph(), x, y, name);
  }

  default Output pow(Output x, Output y) {
    return MathOps.pow(graph(), x, y, null);
  }

  default Output pow(Output x, Output y, String name) {
    return MathOps.pow(graph(), x, y, name);
  }

  default Output maximum(Output x, Output y) {
    return MathOps.maximum(graph(), x, y, null);
  }

  default Output maximum(Output x, Output y, String name) {
    return MathOps.maximum(graph(), x, y, name);
  }

  default Output minimum(Output x, Output y) {
    return MathOps.minimum(graph(), x, y, null);
  }

  default Output minimum(Output x, Output y, String name) {
    return MathOps.minimum(graph(), x, y, name);
  }

  /** (x - y)^2 elementwise. */
  default Output squaredDifference(Output x, Output y) {
    return MathOps.squaredDifference(graph(), x, y, null);
  }

  default Output squaredDifference(Output x, Output y, String name) {
    return MathOps.squaredDifference(graph(), x, y, name);
  }

  /** The sum of same-shape tensors (TF's tf.add_n). */
  default Output addN(List<Output> xs) {
    return MathOps.addN(graph(), xs, null);
  }

  default Output addN(List<Output> xs, String name) {
    return MathOps.addN(graph(), xs, name);
  }

  // ---- unary ----

  default Output neg(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.NEG, x, null);
  }

  default Output neg(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.NEG, x, name);
  }

  /** Alias of neg (TF's tf.negative). */
  default Output negative(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.NEG, x, null);
  }

  default Output negative(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.NEG, x, name);
  }

  default Output abs(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.ABS, x, null);
  }

  default Output abs(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.ABS, x, name);
  }

  default Output square(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.SQUARE, x, null);
  }

  default Output square(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.SQUARE, x, name);
  }

  default Output sqrt(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.SQRT, x, null);
  }

  default Output sqrt(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.SQRT, x, name);
  }

  /** 1 / sqrt(x). */
  default Output rsqrt(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.RSQRT, x, null);
  }

  default Output rsqrt(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.RSQRT, x, name);
  }

  default Output exp(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.EXP, x, null);
  }

  default Output exp(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.EXP, x, name);
  }

  /** Natural logarithm. */
  default Output log(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.LOG, x, null);
  }

  default Output log(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.LOG, x, name);
  }

  /** log(1 + x), accurate for small x. */
  default Output log1p(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.LOG1P, x, null);
  }

  default Output log1p(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.LOG1P, x, name);
  }

  default Output tanh(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.TANH, x, null);
  }

  default Output tanh(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.TANH, x, name);
  }

  /** 1 / (1 + exp(-x)), without overflow for large |x|. */
  default Output sigmoid(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.SIGMOID, x, null);
  }

  default Output sigmoid(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.SIGMOID, x, name);
  }

  /** max(x, 0); TF has it in tf.nn. */
  default Output relu(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.RELU, x, null);
  }

  default Output relu(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.RELU, x, name);
  }

  default Output sign(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.SIGN, x, null);
  }

  default Output sign(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.SIGN, x, name);
  }

  /** 1 / x. */
  default Output reciprocal(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.RECIPROCAL, x, null);
  }

  default Output reciprocal(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.RECIPROCAL, x, name);
  }

  default Output floor(Output x) {
    return MathOps.unary(graph(), MathOps.Unary.FLOOR, x, null);
  }

  default Output floor(Output x, String name) {
    return MathOps.unary(graph(), MathOps.Unary.FLOOR, x, name);
  }

  // ---- comparisons (broadcasting, bool result) and logic ----

  default Output equal(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.EQUAL, x, y, null);
  }

  default Output equal(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.EQUAL, x, y, name);
  }

  default Output notEqual(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.NOT_EQUAL, x, y, null);
  }

  default Output notEqual(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.NOT_EQUAL, x, y, name);
  }

  default Output less(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.LESS, x, y, null);
  }

  default Output less(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.LESS, x, y, name);
  }

  default Output lessEqual(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.LESS_EQUAL, x, y, null);
  }

  default Output lessEqual(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.LESS_EQUAL, x, y, name);
  }

  default Output greater(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.GREATER, x, y, null);
  }

  default Output greater(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.GREATER, x, y, name);
  }

  default Output greaterEqual(Output x, Output y) {
    return MathOps.compare(graph(), MathOps.Compare.GREATER_EQUAL, x, y, null);
  }

  default Output greaterEqual(Output x, Output y, String name) {
    return MathOps.compare(graph(), MathOps.Compare.GREATER_EQUAL, x, y, name);
  }

  default Output logicalAnd(Output x, Output y) {
    return MathOps.logicalAnd(graph(), x, y, null);
  }

  default Output logicalAnd(Output x, Output y, String name) {
    return MathOps.logicalAnd(graph(), x, y, name);
  }

  default Output logicalOr(Output x, Output y) {
    return MathOps.logicalOr(graph(), x, y, null);
  }

  default Output logicalOr(Output x, Output y, String name) {
    return MathOps.logicalOr(graph(), x, y, name);
  }

  default Output logicalNot(Output x) {
    return MathOps.logicalNot(graph(), x, null);
  }

  default Output logicalNot(Output x, String name) {
    return MathOps.logicalNot(graph(), x, name);
  }

  // ---- cast, select, clip ----

  /** Converts dtype; float to int truncates toward zero, number to bool is x != 0. */
  default Output cast(Output x, DType dtype) {
    return MathOps.cast(graph(), x, dtype, null);
  }

  default Output cast(Output x, DType dtype, String name) {
    return MathOps.cast(graph(), x, dtype, name);
  }

  /** TF1's tf.where(cond, x, y): cond has x's shape, is a scalar, or is a vector over x's first dimension (row select). */
  default Output where(Output cond, Output x, Output y) {
    return MathOps.select(graph(), cond, x, y, null);
  }

  default Output where(Output cond, Output x, Output y, String name) {
    return MathOps.select(graph(), cond, x, y, name);
  }

  /** Same as where(cond, x, y). */
  default Output select(Output cond, Output x, Output y) {
    return MathOps.select(graph(), cond, x, y, null);
  }

  /** tf.where_v2: cond, x and y broadcast together. */
  default Output whereV2(Output cond, Output x, Output y) {
    return MathOps.selectV2(graph(), cond, x, y, null);
  }

  default Output whereV2(Output cond, Output x, Output y, String name) {
    return MathOps.selectV2(graph(), cond, x, y, name);
  }

  /** max(min(x, hi), lo); lo and hi broadcast to x's shape. */
  default Output clipByValue(Output x, Output lo, Output hi) {
    return MathOps.clipByValue(graph(), x, lo, hi, null);
  }

  default Output clipByValue(Output x, Output lo, Output hi, String name) {
    return MathOps.clipByValue(graph(), x, lo, hi, name);
  }

  // ---- reductions: axes null = all axes, negative axes count from the end ----

  /** Over all axes, to a scalar. */
  default Output reduceSum(Output x) {
    return MathOps.reduceSum(graph(), x, null, false, null);
  }

  default Output reduceSum(Output x, int axis) {
    return MathOps.reduceSum(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceSum(Output x, int[] axes) {
    return MathOps.reduceSum(graph(), x, axes, false, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceSum(graph(), x, axes, keepDims, null);
  }

  default Output reduceSum(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceSum(graph(), x, axes, keepDims, name);
  }

  default Output reduceMean(Output x) {
    return MathOps.reduceMean(graph(), x, null, false, null);
  }

  default Output reduceMean(Output x, int axis) {
    return MathOps.reduceMean(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMean(Output x, int[] axes) {
    return MathOps.reduceMean(graph(), x, axes, false, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceMean(graph(), x, axes, keepDims, null);
  }

  default Output reduceMean(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceMean(graph(), x, axes, keepDims, name);
  }

  default Output reduceMax(Output x) {
    return MathOps.reduceMax(graph(), x, null, false, null);
  }

  default Output reduceMax(Output x, int axis) {
    return MathOps.reduceMax(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMax(Output x, int[] axes) {
    return MathOps.reduceMax(graph(), x, axes, false, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceMax(graph(), x, axes, keepDims, null);
  }

  default Output reduceMax(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceMax(graph(), x, axes, keepDims, name);
  }

  default Output reduceMin(Output x) {
    return MathOps.reduceMin(graph(), x, null, false, null);
  }

  default Output reduceMin(Output x, int axis) {
    return MathOps.reduceMin(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceMin(Output x, int[] axes) {
    return MathOps.reduceMin(graph(), x, axes, false, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceMin(graph(), x, axes, keepDims, null);
  }

  default Output reduceMin(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceMin(graph(), x, axes, keepDims, name);
  }

  default Output reduceProd(Output x) {
    return MathOps.reduceProd(graph(), x, null, false, null);
  }

  default Output reduceProd(Output x, int axis) {
    return MathOps.reduceProd(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceProd(Output x, int[] axes) {
    return MathOps.reduceProd(graph(), x, axes, false, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceProd(graph(), x, axes, keepDims, null);
  }

  default Output reduceProd(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceProd(graph(), x, axes, keepDims, name);
  }

  default Output reduceAny(Output x) {
    return MathOps.reduceAny(graph(), x, null, false, null);
  }

  default Output reduceAny(Output x, int axis) {
    return MathOps.reduceAny(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAny(Output x, int[] axes) {
    return MathOps.reduceAny(graph(), x, axes, false, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceAny(graph(), x, axes, keepDims, null);
  }

  default Output reduceAny(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceAny(graph(), x, axes, keepDims, name);
  }

  default Output reduceAll(Output x) {
    return MathOps.reduceAll(graph(), x, null, false, null);
  }

  default Output reduceAll(Output x, int axis) {
    return MathOps.reduceAll(graph(), x, new int[] {axis}, false, null);
  }

  default Output reduceAll(Output x, int[] axes) {
    return MathOps.reduceAll(graph(), x, axes, false, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims) {
    return MathOps.reduceAll(graph(), x, axes, keepDims, null);
  }

  default Output reduceAll(Output x, int[] axes, boolean keepDims, String name) {
    return MathOps.reduceAll(graph(), x, axes, keepDims, name);
  }

  // ---- arg max/min, broadcast helpers ----

  /** Index (int32) of the largest value along axis; ties give the first. */
  default Output argMax(Output x, int axis) {
    return MathOps.argMax(graph(), x, axis, null);
  }

  default Output argMax(Output x, int axis, String name) {
    return MathOps.argMax(graph(), x, axis, name);
  }

  /** Index (int32) of the smallest value along axis; ties give the first. */
  default Output argMin(Output x, int axis) {
    return MathOps.argMin(graph(), x, axis, null);
  }

  default Output argMin(Output x, int axis, String name) {
    return MathOps.argMin(graph(), x, axis, name);
  }

  /** Broadcasts x to the shape held by an int32 vector. */
  default Output broadcastTo(Output x, Output shape) {
    return MathOps.broadcastTo(graph(), x, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output broadcastTo(Output x, Output shape, Shape staticShape) {
    return MathOps.broadcastTo(graph(), x, shape, staticShape, null);
  }

  /** Sums grad over broadcast axes down to the shape held by an int32 vector. */
  default Output sumToShape(Output grad, Output shape) {
    return MathOps.sumToShape(graph(), grad, shape, Shape.unknown(), null);
  }

  /** Same, stating what is known of the result's static shape. */
  default Output sumToShape(Output grad, Output shape, Shape staticShape) {
    return MathOps.sumToShape(graph(), grad, shape, staticShape, null);
  }
}
