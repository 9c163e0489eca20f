package dev.skein.autodiff.nn;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.nn.NnOps.ActivationGrad;
import dev.skein.core.ops.nn.NnOps.BiasAdd;
import dev.skein.core.ops.nn.NnOps.InTopK;
import dev.skein.core.ops.nn.NnOps.L2Loss;
import dev.skein.core.ops.nn.NnOps.Softmax;
import dev.skein.core.ops.nn.NnOps.SoftmaxCrossEntropyWithLogits;
import dev.skein.core.ops.nn.NnOps.SparseSoftmaxCrossEntropyWithLogits;
import java.util.Arrays;
import java.util.List;

/** Gradients of the nn family (TensorFlow's nn_grad.py). */
public final class NnGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public NnGrads() {}

  private static final int[] LAST = {-1};

  @Override
  public void register(GradientRegistry r) {
    // The bias gets dy summed over all but the last axis: the driver's sum to its shape.
    r.register(BiasAdd.class, (c, op, dys) -> List.of(dys.get(0), dys.get(0)));
    r.register(Softmax.SOFTMAX, (c, op, dys) ->
        List.of(softmaxGrad(c.tf(), op.output(0), dys.get(0))));
    r.register(Softmax.LOG_SOFTMAX, (c, op, dys) -> {
      Ops tf = c.tf();
      Output softmax = tf.exp(op.output(0));
      return List.of(tf.sub(dys.get(0), tf.mul(softmax, tf.reduceSum(dys.get(0), LAST, true))));
    });
    r.register(SoftmaxCrossEntropyWithLogits.class, (c, op, dys) -> {
      Ops tf = c.tf();
      Output dLoss = dys.get(0);
      Output dBackprop = dys.get(1);
      Output logits = op.input(0);
      Output labels = null;
      if (dLoss != null) {
        labels = tf.mul(tf.expandDims(dLoss, -1), tf.neg(tf.logSoftmax(logits)));
      }
      if (dBackprop != null) {
        labels = labels == null ? tf.neg(dBackprop) : tf.sub(labels, dBackprop);
      }
      return Arrays.asList(logitsGrad(tf, op, dLoss, dBackprop), labels);
    });
    r.register(SparseSoftmaxCrossEntropyWithLogits.class, (c, op, dys) ->
        Arrays.asList(logitsGrad(c.tf(), op, dys.get(0), dys.get(1)), null));
    r.register(L2Loss.class, (c, op, dys) -> List.of(c.tf().mul(op.input(0), dys.get(0))));
    r.notDifferentiable(InTopK.class);
    // TanhGrad(y, g) = g (1 - y^2): d/dy = -2 y g, d/dg = 1 - y^2.
    r.register(ActivationGrad.TANH_GRAD, (c, op, dys) -> {
      Ops tf = c.tf();
      Output y = op.input(0);
      Output g = op.input(1);
      Output d = dys.get(0);
      return List.of(tf.mul(d, tf.mul(c.scalarLike(-2, y), tf.mul(y, g))), tf.tanhGrad(y, d));
    });
    // SigmoidGrad(y, g) = g y (1 - y): d/dy = g (1 - 2 y), d/dg = y (1 - y).
    r.register(ActivationGrad.SIGMOID_GRAD, (c, op, dys) -> {
      Ops tf = c.tf();
      Output y = op.input(0);
      Output g = op.input(1);
      Output d = dys.get(0);
      return List.of(tf.mul(d, tf.mul(g, tf.sub(c.scalarLike(1, y), tf.mul(c.scalarLike(2, y),
          y)))), tf.sigmoidGrad(y, d));
    });
  }

  /** Through y = softmax(x): dx = (dy - sum(dy * y)) * y over the last axis. */
  private static Output softmaxGrad(Ops tf, Output y, Output dy) {
    return tf.mul(tf.sub(dy, tf.reduceSum(tf.mul(dy, y), LAST, true)), y);
  }

  /**
   * The fused cross-entropies' logits gradient: the loss's is dLoss times the saved backprop
   * output (softmax - labels); the backprop output's own, as it is softmax(logits) plus a
   * constant, is softmax's.
   */
  private static Output logitsGrad(Ops tf, Operation op, Output dLoss, Output dBackprop) {
    Output grad = null;
    if (dLoss != null) {
      grad = tf.mul(tf.expandDims(dLoss, -1), op.output(1));
    }
    if (dBackprop != null) {
      Output viaSoftmax = softmaxGrad(tf, tf.softmax(op.input(0)), dBackprop);
      grad = grad == null ? viaSoftmax : tf.add(grad, viaSoftmax);
    }
    return grad;
  }
}
