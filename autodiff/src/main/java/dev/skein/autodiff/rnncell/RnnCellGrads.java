package dev.skein.autodiff.rnncell;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.rnncell.GruOps.GruResetGate;
import dev.skein.core.ops.rnncell.GruOps.GruResetGateGrad;
import dev.skein.core.ops.rnncell.GruOps.GruUpdate;
import dev.skein.core.ops.rnncell.GruOps.GruUpdateGrad;
import dev.skein.core.ops.rnncell.LstmGatesActGrad;
import dev.skein.core.ops.rnncell.RnnCellOps.BiasActivation;
import dev.skein.core.ops.rnncell.RnnCellOps.BiasActivationGrad;
import dev.skein.core.ops.rnncell.RnnCellOps.CheckSequenceLength;
import dev.skein.core.ops.rnncell.RnnCellOps.LstmGates;
import dev.skein.core.ops.rnncell.RnnCellOps.LstmGatesGrad;
import java.util.List;

/** Gradients of the fused recurrent-cell ops. */
public final class RnnCellGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public RnnCellGrads() {}

  @Override
  public void register(GradientRegistry r) {
    // One LSTMGatesActGrad op on the activations the forward op saved (its third output, then
    // computed); a missing gradient of c' or h' (the last step's c', say) is zeros.
    r.register(LstmGates.class, (c, op, dys) -> {
      Ops tf = c.tf();
      if (dys.size() > 2 && dys.get(2) != null) {
        throw new IllegalArgumentException("LSTMGates " + op.name() + ": no gradient flows"
            + " through its activations output (output 2, which its own gradient reads);"
            + " differentiate c' and h', or build the cell from unfused ops");
      }
      Output cPrev = op.input(2);
      Output dNewC = dys.get(0) != null ? dys.get(0) : tf.zerosLike(cPrev);
      Output dNewH = dys.get(1) != null ? dys.get(1) : tf.zerosLike(cPrev);
      List<Output> d = tf.lstmGatesActGrad(op.output(2), cPrev, dNewC, dNewH);
      return List.of(d.get(0), d.get(2), d.get(1));
    });
    // As TensorFlow's LSTMBlockCellGrad: no second derivatives through the fused cell.
    r.notDifferentiable(LstmGatesGrad.class);
    r.notDifferentiable(LstmGatesActGrad.class);
    // GRU parts: one gradient op each; a missing output gradient is zeros. Each returns a
    // gradient for all of gates (the other gate's half zero); the builder adds the two.
    r.register(GruResetGate.class, (c, op, dys) -> {
      Ops tf = c.tf();
      Output h = op.input(1);
      Output d = dys.get(0) != null ? dys.get(0) : tf.zerosLike(h);
      return tf.gruResetGateGrad(op.input(0), h, d);
    });
    r.register(GruUpdate.class, (c, op, dys) -> {
      Ops tf = c.tf();
      Output h = op.input(1);
      Output d = dys.get(0) != null ? dys.get(0) : tf.zerosLike(h);
      return tf.gruUpdateGrad(op.input(0), h, op.input(2), d);
    });
    r.notDifferentiable(GruResetGateGrad.class);
    r.notDifferentiable(GruUpdateGrad.class);
    r.exactShapes(GruResetGate.class, GruUpdate.class);
    // Integer lengths: nothing to differentiate.
    r.notDifferentiable(CheckSequenceLength.class);
    r.register(BiasActivation.TANH, (c, op, dys) -> biasActivation(c.tf(), op,
        BiasActivationGrad.TANH, dys.get(0)));
    r.register(BiasActivation.SIGMOID, (c, op, dys) -> biasActivation(c.tf(), op,
        BiasActivationGrad.SIGMOID, dys.get(0)));
    // dz has y's shape, which is z's; db is the bias's. LSTMGates checks that gates and c have
    // one batch, and its gradients have its inputs' shapes.
    r.exactShapes(BiasActivation.TANH, BiasActivation.SIGMOID);
    r.exactShapes(LstmGates.class);
    // (dz, db) = BiasActivationGrad(y, dy), db = sum of dz over all but the last axis; with G the
    // gradient reaching dz plus the one reaching db (broadcast): tanh: dz = dy (1 - y^2), so
    // d/ddy = TanhGrad(y, G) and d/dy = -2 y dy G; sigmoid: dz = dy y (1 - y), so
    // d/ddy = SigmoidGrad(y, G) and d/dy = dy (1 - 2 y) G.
    r.register(BiasActivationGrad.TANH, (c, op, dys) -> {
      Ops tf = c.tf();
      Output y = op.input(0);
      Output g = total(tf, op, dys);
      return List.of(tf.mul(g, tf.mul(c.scalarLike(-2, y), tf.mul(y, op.input(1)))),
          tf.tanhGrad(y, g));
    });
    r.register(BiasActivationGrad.SIGMOID, (c, op, dys) -> {
      Ops tf = c.tf();
      Output y = op.input(0);
      Output g = total(tf, op, dys);
      return List.of(tf.mul(g, tf.mul(op.input(1), tf.sub(c.scalarLike(1, y),
          tf.mul(c.scalarLike(2, y), y)))), tf.sigmoidGrad(y, g));
    });
  }

  /** The value's and the bias's gradients: one BiasActivationGrad op. */
  private static List<Output> biasActivation(Ops tf, Operation op, BiasActivationGrad grad,
      Output dy) {
    return tf.biasActivationGrad(grad, op.output(0), dy);
  }

  /** The gradient reaching a BiasActivationGrad's dz, plus (broadcast) the one reaching db. */
  private static Output total(Ops tf, Operation op, List<Output> dys) {
    Output gz = dys.get(0);
    Output gb = dys.get(1);
    if (gb == null) {
      return gz;
    }
    return gz == null ? tf.add(tf.zerosLike(op.output(0)), gb) : tf.add(gz, gb);
  }
}
