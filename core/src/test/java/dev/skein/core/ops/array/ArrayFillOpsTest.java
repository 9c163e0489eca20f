package dev.skein.core.ops.array;

import static dev.skein.core.testing.ArrayTesting.assertOpError;
import static dev.skein.core.testing.ArrayTesting.assertValues;
import static dev.skein.core.testing.ArrayTesting.dims;
import static dev.skein.core.testing.ArrayTesting.iota;
import static dev.skein.core.testing.ArrayTesting.of;
import static dev.skein.core.testing.ArrayTesting.run;
import static dev.skein.core.testing.ArrayTesting.runAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** fill, zeros, ones, zerosLike, onesLike, shape, size, rank, range, tile, pad. */
class ArrayFillOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void fill_staticAndRunTimeDims(DType dt) {
    Output value = tf.constant(of(dt, dims(), 7));
    Output a = tf.fill(tf.constant(new int[] {2, 3}), value);
    assertEquals(Shape.of(2, 3), a.shape());
    assertValues(run(a), dt, dims(2, 3), 7, 7, 7, 7, 7, 7);
    Output d = tf.placeholder(DType.INT32, Shape.of(2), "d");
    Output b = tf.fill(d, value);
    assertEquals(Shape.of(-1, -1), b.shape());
    assertValues(run(b, d, Tensor.of(new int[] {1, 2})), dt, dims(1, 2), 7, 7);
    assertOpError(() -> run(b, d, Tensor.of(new int[] {1, -2})), "negative entry",
        "ArrayFillOpsTest.java");
    assertOpError(() -> tf.fill(tf.constant(new int[] {2, -1}), value), "negative entry",
        "ArrayFillOpsTest.java");
  }

  @Test
  void zerosAndOnes_everyDtype() {
    assertValues(run(tf.zeros(Shape.of(2, 2))), DType.FLOAT32, dims(2, 2), 0, 0, 0, 0);
    assertValues(run(tf.ones(Shape.of(3), DType.FLOAT64)), DType.FLOAT64, dims(3), 1, 1, 1);
    assertValues(run(tf.ones(Shape.of(2), DType.INT32)), DType.INT32, dims(2), 1, 1);
    assertValues(run(tf.ones(Shape.of(2), DType.BOOL)), DType.BOOL, dims(2), 1, 1);
    assertValues(run(tf.zeros(Shape.of(1), DType.BOOL)), DType.BOOL, dims(1), 0);
    assertOpError(() -> tf.zeros(Shape.of(-1, 3)), "must be fully defined", "(?, 3)",
        "ArrayFillOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void zerosOfShapeOf_keepsStaticShape_andWorksForUnknownDims(DType dt) {
    Output x = tf.placeholder(dt, Shape.of(-1, 3), "x");
    Output z = tf.zeros(tf.shape(x), dt);
    Output o = tf.ones(tf.shape(x), dt);
    assertEquals(Shape.of(-1, 3), z.shape());
    assertEquals(Shape.of(-1, 3), o.shape());
    List<Tensor> r = runAll(List.of(z, o), x, iota(dt, 2, 3));
    assertValues(r.get(0), dt, dims(2, 3), 0, 0, 0, 0, 0, 0);
    assertValues(r.get(1), dt, dims(2, 3), 1, 1, 1, 1, 1, 1);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void zerosLikeAndOnesLike_unknownDims(DType dt) {
    Output x = tf.placeholder(dt, Shape.of(-1, 2), "x");
    Output z = tf.zerosLike(x);
    Output o = tf.onesLike(x);
    assertEquals(Shape.of(-1, 2), z.shape());
    assertEquals(dt, o.dtype());
    List<Tensor> r = runAll(List.of(z, o), x, of(dt, dims(3, 2), 5, 6, 7, 8, 9, 1));
    assertValues(r.get(0), dt, dims(3, 2), 0, 0, 0, 0, 0, 0);
    assertValues(r.get(1), dt, dims(3, 2), 1, 1, 1, 1, 1, 1);
    assertValues(run(tf.onesLike(tf.constant(new int[] {4, 5}))), DType.INT32, dims(2), 1, 1);
  }

  @Test
  void shapeSizeRank_areDynamic() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output shape = tf.shape(x);
    Output size = tf.size(x);
    Output rank = tf.rank(x);
    assertEquals(Shape.of(2), shape.shape());
    assertEquals(DType.INT32, shape.dtype());
    assertEquals(Shape.scalar(), size.shape());
    assertEquals(Shape.scalar(), rank.shape());
    List<Tensor> r = runAll(List.of(shape, size, rank), x, Tensor.of(new float[4][3]));
    assertValues(r.get(0), DType.INT32, dims(2), 4, 3);
    assertValues(r.get(1), DType.INT32, dims(), 12);
    assertValues(r.get(2), DType.INT32, dims(), 2);
    Output u = tf.placeholder(DType.FLOAT32, Shape.unknown(), "u");
    assertEquals(Shape.of(-1), tf.shape(u).shape());
  }

  @Test
  void shapeRules_seeThroughShapeComputations() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3, 4), "x");
    Output tail = tf.stridedSlice(tf.shape(x), SliceIndex.from(1));
    assertEquals(Shape.of(3, 4), tf.zeros(tail, DType.FLOAT32).shape());
    Output dims = tf.stack(List.of(tf.constant(5), tf.stridedSlice(tf.shape(x),
        SliceIndex.at(2)), tf.size(tf.constant(new float[] {1, 2}))));
    assertEquals(Shape.of(5, 4, 2), tf.zeros(dims, DType.FLOAT32).shape());
    Output cat = tf.concat(List.of(tf.shape(x), tf.constant(new int[] {7})), 0);
    assertEquals(Shape.of(-1, 3, 4, 7), tf.zeros(cat, DType.FLOAT32).shape());
    assertEquals(Shape.of(-1, 12),
        tf.reshape(x, tf.stack(List.of(tf.constant(-1), tf.constant(12)))).shape());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void range_floats(DType dt) {
    Output r = tf.range(1, 2, 0.25, dt);
    assertEquals(Shape.of(4), r.shape());
    assertValues(run(r), dt, dims(4), 1, 1.25, 1.5, 1.75);
    Tensor down = run(tf.range(1, 0, -0.3, dt));
    assertEquals(Shape.of(4), down.shape());
    assertArrayEquals(new double[] {1, 0.7, 0.4, 0.1}, down.toDoubleArray(), 1e-6);
  }

  @Test
  void range_ints_andErrors() {
    assertValues(run(tf.range(4)), DType.INT32, dims(4), 0, 1, 2, 3);
    assertValues(run(tf.range(2, 9, 3)), DType.INT32, dims(3), 2, 5, 8);
    assertValues(run(tf.range(5, 1, -2)), DType.INT32, dims(2), 5, 3);
    assertValues(run(tf.range(3, 3, 1)), DType.INT32, dims(0));
    Output limit = tf.placeholder(DType.INT32, Shape.scalar(), "limit");
    Output r = tf.range(tf.constant(0), limit, tf.constant(2));
    assertEquals(Shape.of(-1), r.shape());
    assertValues(run(r, limit, Tensor.scalar(5)), DType.INT32, dims(3), 0, 2, 4);
    assertOpError(() -> tf.range(0, 5, 0), "delta must not be 0", "ArrayFillOpsTest.java");
    assertOpError(() -> tf.range(5, 0, 1), "start <= limit", "ArrayFillOpsTest.java");
    assertOpError(() -> run(r, limit, Tensor.scalar(-1)), "start <= limit",
        "ArrayFillOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void tile_repeatsEachDim(DType dt) {
    Output x = tf.constant(of(dt, dims(2, 2), 1, 2, 3, 4));
    Output y = tf.tile(x, new int[] {2, 3});
    assertEquals(Shape.of(4, 6), y.shape());
    assertValues(run(y), dt, dims(4, 6),
        1, 2, 1, 2, 1, 2,
        3, 4, 3, 4, 3, 4,
        1, 2, 1, 2, 1, 2,
        3, 4, 3, 4, 3, 4);
    Output p = tf.placeholder(dt, Shape.of(-1, 2), "p");
    Output t = tf.tile(p, new int[] {1, 2});
    assertEquals(Shape.of(-1, 4), t.shape());
    assertValues(run(t, p, of(dt, dims(1, 2), 5, 6)), dt, dims(1, 4), 5, 6, 5, 6);
    assertOpError(() -> tf.tile(x, new int[] {2}), "1 entries", "ArrayFillOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void pad_withConstant(DType dt) {
    Output x = tf.constant(of(dt, dims(2, 2), 1, 2, 3, 4));
    Output y = tf.pad(x, new int[][] {{1, 0}, {0, 2}}, 9);
    assertEquals(Shape.of(3, 4), y.shape());
    assertValues(run(y), dt, dims(3, 4), 9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9);
    Output p = tf.placeholder(dt, Shape.of(-1, 2), "p");
    Output z = tf.pad(p, new int[][] {{0, 1}, {1, 1}});
    assertEquals(Shape.of(-1, 4), z.shape());
    assertValues(run(z, p, of(dt, dims(1, 2), 5, 6)), dt, dims(2, 4), 0, 5, 6, 0, 0, 0, 0, 0);
    assertOpError(() -> tf.pad(x, new int[][] {{1, 0}}), "rank 2", "ArrayFillOpsTest.java");
    assertOpError(() -> tf.pad(x, new int[][] {{-1, 0}, {0, 0}}), "must be >= 0");
  }

  @Test
  void pad_paddingsTensor_forIntsAndBools() {
    Output paddings = tf.placeholder(DType.INT32, Shape.of(1, 2), "paddings");
    Output y = tf.pad(tf.constant(new int[] {7}), paddings, -1);
    assertEquals(Shape.of(-1), y.shape());
    assertValues(run(y, paddings, Tensor.of(new int[][] {{2, 1}})), DType.INT32, dims(4), -1, -1,
        7, -1);
    Output b = tf.pad(tf.constant(new boolean[] {false}), new int[][] {{1, 1}}, 1);
    assertValues(run(b), DType.BOOL, dims(3), 1, 0, 1);
  }
}
