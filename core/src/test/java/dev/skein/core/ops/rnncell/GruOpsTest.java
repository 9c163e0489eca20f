package dev.skein.core.ops.rnncell;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.assertValues;
import static dev.skein.core.testing.MathTestSupport.run;
import static dev.skein.core.testing.MathTestSupport.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GRU step's fused parts: values worked out by hand, the same values as the separate ops
 * GRUCell used before (Split, Mul, Sub, Add, and their gradients: float32 bit for bit), sizes on
 * one thread and on several (rows split), an empty batch, and errors.
 */
class GruOpsTest {
  private static final String FILE = "GruOpsTest.java";

  /** gates [1, 4]: r = (0.5, 0.25), u = (0.75, 0.1); h = (2, -4); c = (1, 3). */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void values_byHand(DType t) {
    Ops tf = Ops.create(new Graph());
    Output gates = tf.constant(tensor(t, Shape.of(1, 4), 0.5, 0.25, 0.75, 0.1));
    Output h = tf.constant(tensor(t, Shape.of(1, 2), 2, -4));
    Output c = tf.constant(tensor(t, Shape.of(1, 2), 1, 3));
    // r * h = (1, -1); u h + (1 - u) c = (1.5 + 0.25, -0.4 + 2.7) = (1.75, 2.3)
    assertValues(t, Shape.of(1, 2), new double[] {1, -1}, run(tf.gruResetGate(gates, h)));
    assertValues(t, Shape.of(1, 2), new double[] {1.75, 2.3},
        run(tf.gruUpdate(gates, h, c)));
    // dh' = (1, -2): du = dh' (h - c) = (1, 14); dh = dh' u = (0.75, -0.2);
    // dc = dh' (1 - u) = (0.25, -1.8)
    Output dNewH = tf.constant(tensor(t, Shape.of(1, 2), 1, -2));
    List<Tensor> u = run(tf.gruUpdateGrad(gates, h, c, dNewH));
    assertValues(t, Shape.of(1, 4), new double[] {0, 0, 1, 14}, u.get(0));
    assertValues(t, Shape.of(1, 2), new double[] {0.75, -0.2}, u.get(1));
    assertValues(t, Shape.of(1, 2), new double[] {0.25, -1.8}, u.get(2));
    // d(r h) = (1, -2): dr = d h = (2, 8); dh = d r = (0.5, -0.5)
    List<Tensor> r = run(tf.gruResetGateGrad(gates, h, dNewH));
    assertValues(t, Shape.of(1, 4), new double[] {2, 8, 0, 0}, r.get(0));
    assertValues(t, Shape.of(1, 2), new double[] {0.5, -0.5}, r.get(1));
  }

  /**
   * Against the ops GRUCell used before, float32 bit for bit: batch 3 (one thread) and 150 x 150
   * (rows split over the threads).
   */
  @ParameterizedTest(name = "batch={0} units={1}")
  @CsvSource({"3, 5", "150, 150", "7, 37"})
  void equalsTheSeparateOps_bitForBit(int batch, int units) {
    Random rnd = new Random(batch * 31 + units);
    Ops tf = Ops.create(new Graph());
    Output gates = tf.constant(random(rnd, batch, 2 * units, 0, 1));
    Output h = tf.constant(random(rnd, batch, units, -1, 1));
    Output c = tf.constant(random(rnd, batch, units, -1, 1));
    Output d = tf.constant(random(rnd, batch, units, -1, 1));
    List<Output> ru = tf.split(gates, 2, 1);
    Output one = tf.constant(1f);
    Output refRh = tf.mul(ru.get(0), h);
    Output refNewH = tf.add(tf.mul(ru.get(1), h), tf.mul(tf.sub(one, ru.get(1)), c));
    Output refDu = tf.sub(tf.mul(d, h), tf.mul(d, c));
    Output refDh = tf.mul(d, ru.get(1));
    Output refDc = tf.mul(d, tf.sub(one, ru.get(1)));
    Output refDr = tf.mul(d, h);
    Output refDhReset = tf.mul(d, ru.get(0));
    List<Output> upd = tf.gruUpdateGrad(gates, h, c, d);
    List<Output> rst = tf.gruResetGateGrad(gates, h, d);
    List<Tensor> v = run(List.of(tf.gruResetGate(gates, h), refRh, tf.gruUpdate(gates, h, c),
        refNewH, upd.get(0), tf.concat(List.of(tf.zerosLike(refDu), refDu), 1), upd.get(1),
        refDh, upd.get(2), refDc, rst.get(0), tf.concat(List.of(refDr, tf.zerosLike(refDr)), 1),
        rst.get(1), refDhReset));
    for (int i = 0; i < v.size(); i += 2) {
      assertEquals(v.get(i + 1).shape(), v.get(i).shape(), "pair " + i / 2);
      assertArrayEquals(v.get(i + 1).floats(), v.get(i).floats(), "pair " + i / 2);
    }
  }

  @Test
  void emptyBatch_givesEmptyResults() {
    Ops tf = Ops.create(new Graph());
    Output gates = tf.constant(Tensor.create(Shape.of(0, 4), new float[0]));
    Output h = tf.constant(Tensor.create(Shape.of(0, 2), new float[0]));
    assertEquals(Shape.of(0, 2), run(tf.gruUpdate(gates, h, h)).shape());
    assertEquals(Shape.of(0, 4), run(tf.gruUpdateGrad(gates, h, h, h)).get(0).shape());
    assertEquals(Shape.of(0, 2), run(tf.gruResetGate(gates, h)).shape());
  }

  @Test
  void badShapesAndDtypes_nameTheOp() {
    Ops tf = Ops.create(new Graph());
    Output g5 = tf.placeholder(DType.FLOAT32, Shape.of(2, 5), "g5");
    Output g6 = tf.placeholder(DType.FLOAT32, Shape.of(2, 6), "g6");
    Output h2 = tf.placeholder(DType.FLOAT32, Shape.of(2, 2), "h2");
    Output h3b = tf.placeholder(DType.FLOAT32, Shape.of(3, 3), "h3b");
    Output h64 = tf.placeholder(DType.FLOAT64, Shape.of(2, 3), "h64");
    assertOpError(FILE, () -> tf.gruResetGate(g5, h2), "GRUResetGate",
        "gates must have 2 * units columns, got (2, 5)");
    assertOpError(FILE, () -> tf.gruUpdate(g6, h2, h2), "GRUUpdate",
        "gates (2, 6) must have twice the columns of input 1 (2, 2)");
    assertOpError(FILE, () -> tf.gruUpdate(g6, h3b, h3b), "GRUUpdate",
        "inputs disagree on the batch size");
    assertOpError(FILE, () -> tf.gruResetGate(g6, h64), "GRUResetGate", "float64");
  }

  private static Tensor random(Random rnd, int rows, int cols, double lo, double hi) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
    }
    return Tensor.create(Shape.of(rows, cols), v);
  }
}
