package dev.skein.core.ops.math;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
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
    return SelectOps.cast(graph(), x, dtype, null);
  }

  default Output cast(Output x, DType dtype, String name) {
    return SelectOps.cast(graph(), x, dtype, name);
  }

  /**
   * TF1's tf.where(cond, x, y): cond has x's shape, is a scalar, or is a vector over x's first
   * dimension (row select).
   */
  default Output where(Output cond, Output x, Output y) {
    return SelectOps.select(graph(), cond, x, y, null);
  }

  default Output where(Output cond, Output x, Output y, String name) {
    return SelectOps.select(graph(), cond, x, y, name);
  }

  /** Same as where(cond, x, y). */
  default Output select(Output cond, Output x, Output y) {
    return SelectOps.select(graph(), cond, x, y, null);
  }

  /** tf.where_v2: cond, x and y broadcast together. */
  default Output whereV2(Output cond, Output x, Output y) {
    return SelectOps.selectV2(graph(), cond, x, y, null);
  }

  default Output whereV2(Output cond, Output x, Output y, String name) {
    return SelectOps.selectV2(graph(), cond, x, y, name);
  }

  /** max(min(x, hi), lo); lo and hi broadcast to x's shape. */
  default Output clipByValue(Output x, Output lo, Output hi) {
    return SelectOps.clipByValue(graph(), x, lo, hi, null);
  }

  default Output clipByValue(Output x, Output lo, Output hi, String name) {
    return SelectOps.clipByValue(graph(), x, lo, hi, name);
  }
}
