package dev.skein.autodiff.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.GradContext;
import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.math.MathOps.AddN;
import dev.skein.core.ops.math.MathOps.Binary;
import dev.skein.core.ops.math.MathOps.Compare;
import dev.skein.core.ops.math.MathOps.Logical;
import dev.skein.core.ops.math.MathOps.Unary;
import dev.skein.core.ops.math.MathReduceOps.ArgMax;
import dev.skein.core.ops.math.MathReduceOps.ArgMin;
import dev.skein.core.ops.math.MathReduceOps.BroadcastTo;
import dev.skein.core.ops.math.MathReduceOps.ReduceAll;
import dev.skein.core.ops.math.MathReduceOps.ReduceAny;
import dev.skein.core.ops.math.MathReduceOps.ReduceMax;
import dev.skein.core.ops.math.MathReduceOps.ReduceMean;
import dev.skein.core.ops.math.MathReduceOps.ReduceMin;
import dev.skein.core.ops.math.MathReduceOps.ReduceProd;
import dev.skein.core.ops.math.MathReduceOps.ReduceSum;
import dev.skein.core.ops.math.MathReduceOps.Reduction;
import dev.skein.core.ops.math.MathReduceOps.SumToShape;
import dev.skein.core.ops.math.SelectOps.Cast;
import dev.skein.core.ops.math.SelectOps.ClipByValue;
import dev.skein.core.ops.math.SelectOps.Select;
import dev.skein.core.ops.math.SelectOps.SelectV2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Gradients of the math family (TensorFlow's math_grad.py). Binary rules return gradients of
 * the broadcast shape; the driver sums them down to each input's shape.
 */
public final class MathGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public MathGrads() {}

  @Override
  public void register(GradientRegistry r) {
    binary(r);
    unary(r);
    reductions(r);
    r.register(Cast.class, (c, op, dys) -> List.of(
        op.input(0).dtype().isFloating() ? c.tf().cast(dys.get(0), op.input(0).dtype()) : null));
    r.register(Select.class, (c, op, dys) -> select(c, op, dys.get(0), false));
    r.register(SelectV2.class, (c, op, dys) -> select(c, op, dys.get(0), true));
    r.register(ClipByValue.class, MathGrads::clip);
    r.register(AddN.class, (c, op, dys) -> Collections.nCopies(op.numInputs(), dys.get(0)));
    r.register(BroadcastTo.class, (c, op, dys) -> Arrays.asList(dys.get(0), null));
    r.register(SumToShape.class, (c, op, dys) -> Arrays.asList(
        c.tf().broadcastTo(dys.get(0), c.shapeOf(op.input(0)), op.input(0).shape()), null));
    r.notDifferentiable(Compare.class, Logical.class, ArgMax.class, ArgMin.class,
        ReduceAny.class, ReduceAll.class);
    // TensorFlow returns no gradient for these piecewise-constant functions.
    r.notDifferentiable(Binary.FLOOR_DIV, Unary.FLOOR);
  }

  private static void binary(GradientRegistry r) {
    r.register(Binary.ADD, (c, op, dys) -> List.of(dys.get(0), dys.get(0)));
    r.register(Binary.SUB, (c, op, dys) -> List.of(dys.get(0), c.tf().neg(dys.get(0))));
    r.register(Binary.MUL, (c, op, dys) -> List.of(c.tf().mul(dys.get(0), op.input(1)),
        c.tf().mul(op.input(0), dys.get(0))));
    r.register(Binary.DIV, (c, op, dys) -> {
      Ops tf = c.tf();
      Output x = op.input(0);
      Output y = op.input(1);
      return List.of(tf.div(dys.get(0), y),
          tf.mul(dys.get(0), tf.div(tf.div(tf.neg(x), y), y)));
    });
    r.register(Binary.FLOOR_MOD, (c, op, dys) -> {
      Ops tf = c.tf();
      Output q = tf.floor(tf.div(op.input(0), op.input(1)));
      return List.of(dys.get(0), tf.mul(tf.neg(dys.get(0)), q));
    });
    r.register(Binary.POW, MathGrads::pow);
    r.register(Binary.MAXIMUM, (c, op, dys) -> pick(c, dys.get(0),
        c.tf().greaterEqual(op.input(0), op.input(1))));
    r.register(Binary.MINIMUM, (c, op, dys) -> pick(c, dys.get(0),
        c.tf().lessEqual(op.input(0), op.input(1))));
    r.register(Binary.SQUARED_DIFFERENCE, (c, op, dys) -> {
      Ops tf = c.tf();
      Output x = op.input(0);
      Output d = tf.mul(dys.get(0), tf.mul(c.scalarLike(2, x), tf.sub(x, op.input(1))));
      return List.of(d, tf.neg(d));
    });
  }

  /** z = x^y: dx = dz * y * x^(y-1); dy = dz * z * log(x) where x &gt; 0, else 0 (as TF). */
  private static List<Output> pow(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output y = op.input(1);
    Output dz = dys.get(0);
    Output dx = tf.mul(dz, tf.mul(y, tf.pow(x, tf.sub(y, c.scalarLike(1, y)))));
    Output positive = tf.greater(x, c.scalarLike(0, x));
    Output safeLog = tf.log(tf.whereV2(positive, x, c.scalarLike(1, x)));
    Output logX = tf.whereV2(positive, safeLog, c.scalarLike(0, x));
    return List.of(dx, tf.mul(dz, tf.mul(op.output(0), logX)));
  }

  /** Routes dz to x where xWins, else to y (maximum, minimum). */
  private static List<Output> pick(GradContext c, Output dz, Output xWins) {
    Ops tf = c.tf();
    Output zero = c.scalarLike(0, dz);
    return List.of(tf.whereV2(xWins, dz, zero), tf.whereV2(xWins, zero, dz));
  }

  private static void unary(GradientRegistry r) {
    r.register(Unary.NEG, (c, op, dys) -> List.of(c.tf().neg(dys.get(0))));
    r.register(Unary.ABS, (c, op, dys) ->
        List.of(c.tf().mul(dys.get(0), c.tf().sign(op.input(0)))));
    r.register(Unary.SQUARE, (c, op, dys) -> List.of(c.tf().mul(dys.get(0),
        c.tf().mul(c.scalarLike(2, op.input(0)), op.input(0)))));
    // Sign is flat where it is defined: TensorFlow gives zeros.
    r.register(Unary.SIGN, (c, op, dys) -> List.of(c.tf().zerosLike(op.input(0))));
    r.register(Unary.RELU, (c, op, dys) -> {
      Output y = op.output(0);
      return List.of(c.tf().whereV2(c.tf().greater(y, c.scalarLike(0, y)), dys.get(0),
          c.scalarLike(0, y)));
    });
    r.register(Unary.SQRT, (c, op, dys) -> List.of(c.tf().div(
        c.tf().mul(dys.get(0), c.scalarLike(0.5, op.output(0))), op.output(0))));
    r.register(Unary.RSQRT, (c, op, dys) -> {
      Output y = op.output(0);
      return List.of(c.tf().mul(dys.get(0),
          c.tf().mul(c.scalarLike(-0.5, y), c.tf().mul(c.tf().square(y), y))));
    });
    r.register(Unary.EXP, (c, op, dys) -> List.of(c.tf().mul(dys.get(0), op.output(0))));
    r.register(Unary.LOG, (c, op, dys) -> List.of(c.tf().div(dys.get(0), op.input(0))));
    r.register(Unary.LOG1P, (c, op, dys) -> List.of(c.tf().div(dys.get(0),
        c.tf().add(c.scalarLike(1, op.input(0)), op.input(0)))));
    // One TanhGrad / SigmoidGrad op each (NnOps), as TensorFlow: its rules are in NnGrads.
    r.register(Unary.TANH, (c, op, dys) -> List.of(c.tf().tanhGrad(op.output(0), dys.get(0))));
    r.register(Unary.SIGMOID, (c, op, dys) ->
        List.of(c.tf().sigmoidGrad(op.output(0), dys.get(0))));
    r.register(Unary.RECIPROCAL, (c, op, dys) -> List.of(
        c.tf().mul(c.tf().neg(dys.get(0)), c.tf().square(op.output(0)))));
  }

  private static List<Output> select(GradContext c, Operation op, Output dz, boolean v2) {
    Ops tf = c.tf();
    Output cond = op.input(0);
    Output zeros = v2 ? c.scalarLike(0, dz) : tf.zerosLike(dz);
    return v2
        ? Arrays.asList(null, tf.whereV2(cond, dz, zeros), tf.whereV2(cond, zeros, dz))
        : Arrays.asList(null, tf.where(cond, dz, zeros), tf.where(cond, zeros, dz));
  }

  /** y = clip(x, lo, hi): x gets dy where it was inside, lo/hi where they clipped it. */
  private static List<Output> clip(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output dy = dys.get(0);
    Output zero = c.scalarLike(0, dy);
    Output below = tf.less(x, op.input(1));
    Output above = tf.greater(x, op.input(2));
    return List.of(tf.whereV2(tf.logicalOr(below, above), zero, dy),
        tf.whereV2(below, dy, zero), tf.whereV2(above, dy, zero));
  }

  private static void reductions(GradientRegistry r) {
    r.register(ReduceSum.class, (c, op, dys) -> List.of(c.tf().broadcastTo(
        keptDims(c, op, dys.get(0)), c.shapeOf(op.input(0)), op.input(0).shape())));
    r.register(ReduceMean.class, (c, op, dys) -> {
      Ops tf = c.tf();
      Output x = op.input(0);
      Output sum = tf.broadcastTo(keptDims(c, op, dys.get(0)), c.shapeOf(x), x.shape());
      return List.of(tf.div(sum, count(c, x, op.output(0))));
    });
    r.register(ReduceMax.class, MathGrads::extremum);
    r.register(ReduceMin.class, MathGrads::extremum);
    r.register(ReduceProd.class, MathGrads::prod);
  }

  /** Max/min: dy is shared equally among the elements equal to the result. */
  private static List<Output> extremum(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output hit = tf.cast(tf.equal(x, keptDims(c, op, op.output(0))), x.dtype());
    Output count = tf.reduceSum(hit, axes(op), true);
    return List.of(tf.mul(tf.div(hit, count), keptDims(c, op, dys.get(0))));
  }

  /**
   * Product: each element gets dy times the product of the others, computed without dividing
   * by zero: with no zero in the slice, prod / x; at the slice's only zero, the product of the
   * rest; everywhere else 0.
   */
  private static List<Output> prod(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output zero = c.scalarLike(0, x);
    Output one = c.scalarLike(1, x);
    Output isZero = tf.equal(x, zero);
    Output nonZero = tf.whereV2(isZero, one, x);
    Output prodNonZero = tf.reduceProd(nonZero, axes(op), true);
    Output zeros = tf.reduceSum(tf.cast(isZero, x.dtype()), axes(op), true);
    Output others = tf.whereV2(isZero,
        tf.whereV2(tf.equal(zeros, one), prodNonZero, zero),
        tf.whereV2(tf.equal(zeros, zero), tf.div(prodNonZero, nonZero), zero));
    return List.of(tf.mul(others, keptDims(c, op, dys.get(0))));
  }

  private static int[] axes(Operation op) {
    Reduction r = (Reduction) op.type();
    return r.axes() == null ? null : r.axes().toArray();
  }

  /**
   * A reduction's result (or its gradient) with the reduced axes put back as size-1 dimensions,
   * so it broadcasts against the input. Reducing all axes without keepDims gives a scalar,
   * which broadcasts as it is.
   */
  static Output keptDims(GradContext c, Operation op, Output y) {
    Reduction r = (Reduction) op.type();
    if (r.keepDims() || r.axes() == null) {
      return y;
    }
    int rank = op.input(0).shape().rank();
    checkArgument(rank >= 0, "the gradient of %s needs its input's rank", op.type().typeName());
    List<Integer> axes = new ArrayList<>();
    for (int a : r.axes().toArray()) {
      axes.add(a < 0 ? a + rank : a);
    }
    Collections.sort(axes);
    Output out = y;
    for (int a : axes) {
      out = c.tf().expandDims(out, a);
    }
    return out;
  }

  /** How many input elements fed each output element of a mean, in the input's dtype. */
  private static Output count(GradContext c, Output x, Output y) {
    int nx = x.shape().numElements();
    int ny = y.shape().numElements();
    if (nx >= 0 && ny >= 0) {
      return c.scalarLike(ny == 0 ? 0 : (double) nx / ny, x);
    }
    Ops tf = c.tf();
    return tf.cast(tf.div(tf.size(x), tf.maximum(tf.size(y), tf.constant(1))), x.dtype());
  }
}
