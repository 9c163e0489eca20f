package dev.skein.autodiff.nn;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.util.ArrayList;
import java.util.List;

/** Gradient-check cases of the nn family. */
public final class NnGradCases {
  private NnGradCases() {}

  public static List<GradCase> cases() {
    List<GradCase> c = new ArrayList<>();
    c.add(of("BiasAdd [2,3] + [3]", (tf, x) -> tf.biasAdd(x.get(0), x.get(1)), Shape.of(2, 3),
        Shape.of(3)));
    c.add(of("BiasAdd [2,2,3] + [3]", (tf, x) -> tf.biasAdd(x.get(0), x.get(1)),
        Shape.of(2, 2, 3), Shape.of(3)));
    c.add(of("Softmax [2,4]", (tf, x) -> tf.softmax(x.get(0)), Shape.of(2, 4)));
    c.add(of("Softmax [3]", (tf, x) -> tf.softmax(x.get(0)), Shape.of(3)));
    c.add(of("LogSoftmax [2,4]", (tf, x) -> tf.logSoftmax(x.get(0)), Shape.of(2, 4)));
    c.add(of("LogSoftmax [2,2,3]", (tf, x) -> tf.logSoftmax(x.get(0)), Shape.of(2, 2, 3)));
    // As in TensorFlow, the fused op's gradient assumes each row of labels is a distribution:
    // these cases make the labels one with a softmax.
    c.add(of("SoftmaxCrossEntropyWithLogits loss", (tf, x) ->
        tf.softmaxCrossEntropyWithLogits(tf.softmax(x.get(1)), x.get(0)), Shape.of(2, 4),
        Shape.of(2, 4)));
    c.add(of("SoftmaxCrossEntropyWithLogits loss and backprop", (tf, x) -> {
      Output loss = tf.softmaxCrossEntropyWithLogits(tf.softmax(x.get(1)), x.get(0));
      return tf.add(tf.expandDims(loss, 1), tf.square(loss.op().output(1)));
    }, Shape.of(3, 2), Shape.of(3, 2)));
    c.add(of("SoftmaxCrossEntropyWithLogits backprop only", (tf, x) -> tf
        .softmaxCrossEntropyWithLogits(x.get(1), x.get(0)).op().output(1),
        Shape.of(2, 3), Shape.of(2, 3)).domain(1, 0, 1));
    c.add(of("SparseSoftmaxCrossEntropyWithLogits loss", (tf, x) ->
        tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new int[] {2, 0}), x.get(0)),
        Shape.of(2, 3)));
    c.add(of("SparseSoftmaxCrossEntropyWithLogits loss and backprop", (tf, x) -> {
      Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(new int[] {1, 3, 0}),
          x.get(0));
      return tf.mul(tf.expandDims(loss, 1), loss.op().output(1));
    }, Shape.of(3, 4)));
    // Any rank, as TF1 (notebook 003 feeds [batch, time, classes]): the class axis is last.
    c.add(of("SparseSoftmaxCrossEntropyWithLogits [2,3,4]", (tf, x) -> {
      Output loss = tf.sparseSoftmaxCrossEntropyWithLogits(
          tf.constant(new int[][] {{1, 3, 0}, {2, 2, 1}}), x.get(0));
      return tf.add(tf.expandDims(loss, -1), tf.square(loss.op().output(1)));
    }, Shape.of(2, 3, 4)));
    c.add(of("SparseSoftmaxCrossEntropyWithLogits [3] (labels a scalar)", (tf, x) ->
        tf.sparseSoftmaxCrossEntropyWithLogits(tf.constant(2), x.get(0)), Shape.of(3)));
    c.add(of("SoftmaxCrossEntropyWithLogits [2,2,3]", (tf, x) -> {
      Output loss = tf.softmaxCrossEntropyWithLogits(tf.softmax(x.get(1)), x.get(0));
      return tf.add(tf.expandDims(loss, -1), tf.square(loss.op().output(1)));
    }, Shape.of(2, 2, 3), Shape.of(2, 2, 3)));
    c.add(of("L2Loss", (tf, x) -> tf.l2Loss(x.get(0)), Shape.of(2, 3)));
    c.add(of("TanhGrad [2,3]", (tf, x) -> tf.tanhGrad(x.get(0), x.get(1)), Shape.of(2, 3),
        Shape.of(2, 3)));
    c.add(of("SigmoidGrad [2,3]", (tf, x) -> tf.sigmoidGrad(x.get(0), x.get(1)), Shape.of(2, 3),
        Shape.of(2, 3)));
    c.add(of("TanhGrad of tanh, second order", (tf, x) -> {
      Output y = tf.tanh(x.get(0));
      return tf.tanhGrad(y, tf.square(y));
    }, Shape.of(3)));
    return c;
  }
}
