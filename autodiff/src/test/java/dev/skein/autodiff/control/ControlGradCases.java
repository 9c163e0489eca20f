package dev.skein.autodiff.control;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.TensorArrayOps.TensorArrayGradOp;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.control.WhileOptions;
import java.util.ArrayList;
import java.util.List;

/** Gradient-check cases of the control family: loops, conditionals, TensorArray ops. */
public final class ControlGradCases {
  private ControlGradCases() {}

  private static Output gradOp(Ops tf, TensorArrayGradOp op, Output... in) {
    return TensorArrayOps.tensorArrayGradOp(tf.graph(), op, List.of(in), null);
  }

  /** A float64 TensorArray of the given size and element shape, nothing written. */
  private static TensorArray array(Ops tf, int size) {
    return tf.tensorArray(DType.FLOAT64, size);
  }

  public static List<GradCase> cases() {
    List<GradCase> c = new ArrayList<>();
    c.add(of("While: h = tanh(h * w + x) three times", (tf, x) -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.tanh(tf.add(tf.mul(v.get(1), x.get(1)), x.get(0)))),
        List.of(tf.constant(0), x.get(0))).get(1), Shape.of(3), Shape.of(3)));
    c.add(of("While with a variable nothing reads (skipped)", (tf, x) -> tf.whileLoop(
        v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)),
            tf.tanh(tf.add(tf.mul(v.get(1), x.get(1)), x.get(0))),
            tf.add(v.get(2), tf.mul(v.get(1), v.get(1)))),
        List.of(tf.constant(0), x.get(0), tf.mul(x.get(1), x.get(1)))).get(1),
        Shape.of(3), Shape.of(3)));
    c.add(of("While with a run-time iteration limit", (tf, x) -> tf.whileLoop(
        v -> tf.less(tf.reduceSum(v.get(0)), tf.constant(100.0)),
        v -> List.of(tf.mul(v.get(0), x.get(1))),
        List.of(x.get(0)), WhileOptions.defaults().withMaximumIterations(2)).get(0),
        Shape.of(2), Shape.of(2)).domain(0.5, 1.5));
    c.add(of("While writing a TensorArray, stacked", (tf, x) -> {
      TensorArray out = array(tf, 3);
      List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> {
        Output h = tf.tanh(tf.mul(v.get(1), x.get(1)));
        return List.of(tf.add(v.get(0), tf.constant(1)), h,
            new TensorArray(v.get(2)).write(v.get(0), h).value());
      }, List.of(tf.constant(0), x.get(0), out.value()));
      return new TensorArray(r.get(2)).stack();
    }, Shape.of(2), Shape.of(2)));
    c.add(of("If, true branch", (tf, x) -> tf.cond(tf.constant(true),
        () -> tf.mul(tf.tanh(x.get(0)), x.get(1)), () -> tf.neg(x.get(1))),
        Shape.of(2), Shape.of(2)));
    c.add(of("If, false branch", (tf, x) -> tf.cond(tf.constant(false),
        () -> tf.mul(tf.tanh(x.get(0)), x.get(1)), () -> tf.square(x.get(1))),
        Shape.of(2), Shape.of(2)));
    c.add(of("TensorArray write, read, stack", (tf, x) -> {
      TensorArray ta = array(tf, 3).write(0, x.get(0)).write(2, tf.mul(x.get(0), x.get(1)))
          .write(1, x.get(1));
      return tf.add(ta.stack(), tf.expandDims(tf.square(ta.read(2)), 0));
    }, Shape.of(2), Shape.of(2)));
    c.add(of("TensorArray gather with a repeated index", (tf, x) -> {
      TensorArray ta = array(tf, 2).write(0, x.get(0)).write(1, tf.tanh(x.get(1)));
      return ta.gather(tf.constant(new int[] {1, 0, 1}));
    }, Shape.of(2), Shape.of(2)));
    c.add(of("TensorArray scatter then gather", (tf, x) -> {
      TensorArray ta = array(tf, 3).scatter(tf.constant(new int[] {2, 0}), x.get(0));
      return ta.gather(tf.constant(new int[] {0, 2}));
    }, Shape.of(2, 3)));
    c.add(of("TensorArray unstack then read", (tf, x) -> {
      TensorArray ta = array(tf, 3).unstack(x.get(0));
      return tf.mul(ta.read(2), ta.read(0));
    }, Shape.of(3, 2)));
    c.add(of("TensorArray unstack along axis 1 then read", (tf, x) -> {
      TensorArray ta = array(tf, 3).unstackAxis1(x.get(0));
      return tf.mul(ta.read(2), tf.tanh(ta.read(0)));
    }, Shape.of(2, 3, 2)));
    c.add(of("TensorArrayReadGrad", (tf, x) -> gradOp(tf, TensorArrayGradOp.READ_GRAD,
        array(tf, 3).value(), tf.constant(1), x.get(0)), Shape.of(2)));
    c.add(of("TensorArrayGatherGrad", (tf, x) -> gradOp(tf, TensorArrayGradOp.GATHER_GRAD,
        array(tf, 3).value(), tf.constant(new int[] {2, 0, 2}), x.get(0)), Shape.of(3, 2)));
    c.add(of("TensorArrayUnstackGrad", (tf, x) -> gradOp(tf, TensorArrayGradOp.UNSTACK_GRAD,
        x.get(0), tf.zeros(Shape.of(2, 2), DType.FLOAT64)), Shape.of(3, 2)));
    c.add(of("TensorArrayUnstackAxis1Grad", (tf, x) -> gradOp(tf,
        TensorArrayGradOp.UNSTACK_AXIS1_GRAD, x.get(0), tf.zeros(Shape.of(2, 3, 2),
            DType.FLOAT64)), Shape.of(3, 2, 2)));
    c.add(of("AccumulateGrad dense", (tf, x) -> gradOp(tf, TensorArrayGradOp.ACCUMULATE,
        x.get(0), tf.tanh(x.get(1))), Shape.of(2, 2), Shape.of(2, 2)));
    c.add(of("AccumulateGrad of sparse arrays", (tf, x) -> {
      Output ta = array(tf, 3).value();
      Output a = gradOp(tf, TensorArrayGradOp.READ_GRAD, ta, tf.constant(0), x.get(0));
      Output b = gradOp(tf, TensorArrayGradOp.READ_GRAD, ta, tf.constant(0), x.get(1));
      return gradOp(tf, TensorArrayGradOp.ACCUMULATE, a, b);
    }, Shape.of(2), Shape.of(2)));
    c.add(of("TensorArrayWriteGrad", (tf, x) -> gradOp(tf, TensorArrayGradOp.WRITE_GRAD,
        array(tf, 2).write(0, x.get(0)).value(), tf.mul(x.get(1), x.get(1))),
        Shape.of(2), Shape.of(2, 2)));
    return c;
  }
}
