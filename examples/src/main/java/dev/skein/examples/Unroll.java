package dev.skein.examples;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Args;
import dev.skein.rnn.BasicRnnCell;
import dev.skein.rnn.Rnn;
import dev.skein.rnn.RnnCell;
import dev.skein.rnn.RnnResult;
import dev.skein.rnn.StaticRnnResult;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a cell over a batch-major [batch, time, depth] input either as the notebooks do, with
 * {@code dynamicRnn} (one While loop), or unrolled with {@code staticRnn} over the time steps
 * ({@code unstack(transpose(x))}, outputs packed back with {@code transpose(stack(...))}): the
 * same variables and the same numbers, a graph that grows with the number of steps.
 */
final class Unroll {
  private static Boolean dynamicTrainable;

  private Unroll() {}

  /**
   * Whether a program unrolls: with {@code --static}, or when this build cannot differentiate
   * through dynamicRnn's While loop yet (then it says so on {@code out}).
   */
  static boolean unrolled(Args args, PrintStream out) {
    if (args.flag("static")) {
      return true;
    }
    if (!dynamicTrainable()) {
      out.println("(no gradient through dynamicRnn's While loop in this build: training the"
          + " same network unrolled with staticRnn)");
      return true;
    }
    return false;
  }

  /** True if gradients flow through a dynamicRnn (a While loop and TensorArrays). */
  static synchronized boolean dynamicTrainable() {
    if (dynamicTrainable == null) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2, 1));
      BasicRnnCell cell = new BasicRnnCell(tf, 2);
      Output loss = tf.reduceSum(Rnn.dynamicRnn(tf, cell, x, null).outputs());
      try {
        Gradients.gradients(List.of(loss), List.of(cell.kernel()));
        dynamicTrainable = true;
      } catch (RuntimeException e) {
        dynamicTrainable = false;
      }
    }
    return dynamicTrainable;
  }

  static <S> RnnResult<S> rnn(Ops tf, RnnCell<S> cell, Output x, boolean unrolled) {
    if (!unrolled) {
      return Rnn.dynamicRnn(tf, cell, x, null);
    }
    List<Output> steps = tf.unstack(tf.transpose(x, new int[] {1, 0, 2}));
    StaticRnnResult<S> r = Rnn.staticRnn(tf, cell, steps);
    return new RnnResult<>(tf.transpose(tf.stack(r.outputs()), new int[] {1, 0, 2}), r.state());
  }
}
