package dev.skein.autodiff.rnncell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.rnncell.LstmGatesActGrad;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LSTMGates' gradient rule: one LSTMGatesActGrad reading the forward op's activations output;
 * a gradient asked through that output is refused, naming the op.
 */
class LstmGatesGradRuleTest {
  @Test
  void gradientOfCAndH_readsTheSavedActivations() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.placeholder(DType.FLOAT32, Shape.of(2, 8), "gates");
    Output bias = tf.placeholder(DType.FLOAT32, Shape.of(8), "bias");
    Output c = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "c");
    List<Output> r = tf.lstmGates(gates, bias, c, 1.0);
    List<Output> d = Gradients.gradients(tf.reduceSum(tf.add(r.get(0), r.get(1))),
        List.of(gates, bias, c));
    assertTrue(d.get(0).op().type() instanceof LstmGatesActGrad, d.get(0).op().toString());
    assertEquals(r.get(2), d.get(0).op().input(0), "reads LSTMGates' third output");
    assertEquals(c, d.get(0).op().input(1));
  }

  @Test
  void gradientThroughTheActivations_isAClearError() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output gates = tf.placeholder(DType.FLOAT32, Shape.of(2, 8), "gates");
    Output bias = tf.placeholder(DType.FLOAT32, Shape.of(8), "bias");
    Output c = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "c");
    Output act = tf.lstmGates(gates, bias, c, 1.0).get(2);
    OpException e = assertThrows(OpException.class,
        () -> Gradients.gradients(tf.reduceSum(act), List.of(gates)));
    assertTrue(e.getMessage().contains("LSTMGates"), e.getMessage());
    assertTrue(e.getMessage().contains("no gradient flows through its activations output"),
        e.getMessage());
    assertTrue(e.getMessage().contains("LstmGatesGradRuleTest.java"), e.getMessage());
  }
}
