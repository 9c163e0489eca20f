package dev.skein.core.ops.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.NumericsException;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;

/** The state family's checkNumerics op (the rest of the family is covered by SessionTest). */
class StateOpsTest {
  @Test
  void checkNumerics_passesFiniteValuesThrough_float32AndFloat64() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1), "a");
    Output b = tf.placeholder(DType.FLOAT64, Shape.of(2, -1), "b");
    Output ca = tf.checkNumerics(a, "a is bad");
    Output cb = tf.checkNumerics(b, "b is bad");
    assertEquals(Shape.of(-1), ca.shape());
    assertEquals(Shape.of(2, -1), cb.shape());
    assertEquals("CheckNumerics", ca.op().type().typeName());
    try (Session s = new Session(g)) {
      assertArrayEquals(new float[] {1, -2, 3e30f}, s.runner()
          .feed(a, Tensor.of(new float[] {1, -2, 3e30f})).fetch(ca).run().get(0).floats());
      assertArrayEquals(new double[] {1, 2, 3, 4}, s.runner()
          .feed(b, Tensor.of(new double[][] {{1, 2}, {3, 4}})).fetch(cb).run().get(0).doubles());
    }
  }

  @Test
  void checkNumerics_nanOrInf_throwsWithMessageOpAndLine() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output a = tf.placeholder(DType.FLOAT32, Shape.of(-1), "a");
    Output b = tf.placeholder(DType.FLOAT64, Shape.of(-1), "b");
    Output ca = tf.checkNumerics(a, "a is bad");
    Output cb = tf.checkNumerics(b, "b is bad");
    try (Session s = new Session(g)) {
      NumericsException e = assertThrows(NumericsException.class, () -> s.runner()
          .feed(a, Tensor.of(new float[] {1, Float.NaN, Float.NaN})).fetch(ca).run());
      assertEquals(2, e.nanCount());
      assertTrue(e.getMessage().contains("CheckNumerics op 'CheckNumerics': a is bad: 2 NaN"
          + " values in output 0 (float32 (3,); the first at flat index 1 is NaN)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("StateOpsTest.java"), e.getMessage());
      NumericsException f = assertThrows(NumericsException.class, () -> s.runner()
          .feed(b, Tensor.of(new double[] {Double.NEGATIVE_INFINITY})).fetch(cb).run());
      assertEquals(1, f.infCount());
      assertTrue(f.getMessage().contains("b is bad: 1 infinite value in output 0"),
          f.getMessage());
    }
  }

  @Test
  void checkNumerics_intInput_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    OpException e = assertThrows(OpException.class,
        () -> tf.checkNumerics(tf.constant(new int[] {1}), "m"));
    assertTrue(e.getMessage().contains("needs a float32 or float64 tensor, got int32 (1,)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("StateOpsTest.java"), e.getMessage());
  }
}
