package dev.skein.core.ops.array;

import static dev.skein.core.testing.ArrayTesting.assertOpError;
import static dev.skein.core.testing.ArrayTesting.assertValues;
import static dev.skein.core.testing.ArrayTesting.dims;
import static dev.skein.core.testing.ArrayTesting.iota;
import static dev.skein.core.testing.ArrayTesting.of;
import static dev.skein.core.testing.ArrayTesting.run;
import static dev.skein.core.testing.ArrayTesting.runAll;
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

/** Structure ops: concat, split, stack, unstack, transpose, reshape, expandDims, squeeze. */
class ArrayOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void concat_alongEachAxis(DType dt) {
    Output a = tf.constant(of(dt, dims(2, 2), 1, 2, 3, 4));
    Output b = tf.constant(of(dt, dims(1, 2), 5, 6));
    Output c = tf.constant(of(dt, dims(2, 1), 7, 8));
    Output rows = tf.concat(List.of(a, b), 0);
    Output cols = tf.concat(List.of(a, c), -1);
    assertEquals(Shape.of(3, 2), rows.shape());
    assertEquals(Shape.of(2, 3), cols.shape());
    assertValues(run(rows), dt, dims(3, 2), 1, 2, 3, 4, 5, 6);
    assertValues(run(cols), dt, dims(2, 3), 1, 2, 7, 3, 4, 8);
  }

  @Test
  void concat_intAndBool() {
    Output a = tf.constant(new int[] {1, 2});
    Output b = tf.constant(new int[] {3});
    assertValues(run(tf.concat(List.of(a, b), 0)), DType.INT32, dims(3), 1, 2, 3);
    Output p = tf.constant(new boolean[] {true});
    Output q = tf.constant(new boolean[] {false, true});
    assertValues(run(tf.concat(List.of(p, q), 0)), DType.BOOL, dims(3), 1, 0, 1);
  }

  @Test
  void concat_unknownDims_partialShapeAndRunTimeValues() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
    Output y = tf.constant(new float[][] {{9, 9}});
    Output z = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "z");
    Output rows = tf.concat(List.of(x, y), 0);
    Output cols = tf.concat(List.of(x, z), 1);
    assertEquals(Shape.of(-1, 2), rows.shape());
    assertEquals(Shape.of(-1, 5), cols.shape());
    Tensor xv = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    Tensor zv = Tensor.of(new float[][] {{5, 6, 7}, {8, 9, 0}});
    List<Tensor> r = runAll(List.of(rows, cols), x, xv, z, zv);
    assertValues(r.get(0), DType.FLOAT32, dims(3, 2), 1, 2, 3, 4, 9, 9);
    assertValues(r.get(1), DType.FLOAT32, dims(2, 5), 1, 2, 5, 6, 7, 3, 4, 8, 9, 0);
  }

  @Test
  void concat_rankMismatch_throwsNamingTheInput() {
    Output a = tf.constant(new float[][] {{1, 2}});
    Output b = tf.constant(new float[] {3, 4}, "vec");
    assertOpError(() -> tf.concat(List.of(a, b), 0), "input 1 (vec:0)", "rank 1",
        "same rank", "ArrayOpsTest.java");
  }

  @Test
  void concat_otherDimMismatch_throws() {
    Output a = tf.constant(new float[][] {{1, 2}});
    Output b = tf.constant(new float[][] {{1, 2, 3}});
    assertOpError(() -> tf.concat(List.of(a, b), 0), "dimension 1 of input 1", "ArrayOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void split_intoEqualParts(DType dt) {
    Output x = tf.constant(iota(dt, 2, 6));
    List<Output> parts = tf.split(x, 3, 1);
    assertEquals(3, parts.size());
    assertEquals(Shape.of(2, 2), parts.get(1).shape());
    List<Tensor> r = runAll(parts);
    assertValues(r.get(0), dt, dims(2, 2), 0, 1, 6, 7);
    assertValues(r.get(1), dt, dims(2, 2), 2, 3, 8, 9);
    assertValues(r.get(2), dt, dims(2, 2), 4, 5, 10, 11);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void split_bySizesWithMinusOne(DType dt) {
    Output x = tf.constant(iota(dt, 6, 1));
    List<Output> parts = tf.split(x, new int[] {1, -1, 2}, 0);
    assertEquals(Shape.of(3, 1), parts.get(1).shape());
    List<Tensor> r = runAll(parts);
    assertValues(r.get(0), dt, dims(1, 1), 0);
    assertValues(r.get(1), dt, dims(3, 1), 1, 2, 3);
    assertValues(r.get(2), dt, dims(2, 1), 4, 5);
  }

  @Test
  void split_sizesKnownOnlyAtRunTime() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(2, -1), "x");
    Output sizes = tf.placeholder(DType.INT32, Shape.of(2), "sizes");
    List<Output> parts = tf.split(x, sizes, 1);
    assertEquals(Shape.of(2, -1), parts.get(0).shape());
    List<Tensor> r = runAll(parts, x, Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}), sizes,
        Tensor.of(new int[] {2, 1}));
    assertValues(r.get(0), DType.FLOAT32, dims(2, 2), 1, 2, 4, 5);
    assertValues(r.get(1), DType.FLOAT32, dims(2, 1), 3, 6);
  }

  @Test
  void split_notDivisible_throws() {
    Output x = tf.constant(new float[] {1, 2, 3, 4, 5});
    assertOpError(() -> tf.split(x, 2, 0), "size 5", "2 equal parts", "ArrayOpsTest.java");
    assertOpError(() -> tf.split(x, new int[] {2, 2}, 0), "add up to 4", "ArrayOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void stack_andUnstack(DType dt) {
    Output a = tf.constant(of(dt, dims(2), 1, 2));
    Output b = tf.constant(of(dt, dims(2), 3, 4));
    Output c = tf.constant(of(dt, dims(2), 5, 6));
    Output s0 = tf.stack(List.of(a, b, c));
    Output s1 = tf.stack(List.of(a, b, c), 1);
    assertEquals(Shape.of(3, 2), s0.shape());
    assertEquals(Shape.of(2, 3), s1.shape());
    assertValues(run(s0), dt, dims(3, 2), 1, 2, 3, 4, 5, 6);
    assertValues(run(s1), dt, dims(2, 3), 1, 3, 5, 2, 4, 6);
    List<Output> cols = tf.unstack(s1, 1);
    assertEquals(3, cols.size());
    assertEquals(Shape.of(2), cols.get(2).shape());
    assertValues(run(cols.get(2)), dt, dims(2), 5, 6);
    assertValues(run(tf.unstack(s1).get(1)), dt, dims(3), 2, 4, 6);
  }

  @Test
  void stack_shapeMismatch_throws() {
    Output a = tf.constant(new float[] {1, 2});
    Output b = tf.constant(new float[] {1, 2, 3});
    assertOpError(() -> tf.stack(List.of(a, b)), "same shape", "(3,)", "ArrayOpsTest.java");
  }

  @Test
  void unstack_unknownDimWithoutNum_throws_withNumWorks() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    assertOpError(() -> tf.unstack(x), "pass num", "(?, 3)");
    List<Output> rows = tf.unstack(x, 0, 2);
    assertEquals(Shape.of(3), rows.get(0).shape());
    List<Output> cols = tf.unstack(x, 1);
    assertEquals(Shape.of(-1), cols.get(0).shape());
    Tensor xv = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertValues(run(rows.get(1), x, xv), DType.FLOAT32, dims(3), 4, 5, 6);
    assertValues(run(cols.get(2), x, xv), DType.FLOAT32, dims(2), 3, 6);
    assertOpError(() -> run(tf.unstack(x, 0, 3).get(0), x, xv), "size 2", "into 3 values",
        "ArrayOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void transpose_defaultAndPerm(DType dt) {
    Output m = tf.constant(iota(dt, 2, 3));
    assertValues(run(tf.transpose(m)), dt, dims(3, 2), 0, 3, 1, 4, 2, 5);
    // out[k][i][j] = x[i][j][k] = 6i + 2j + k
    Output x = tf.constant(iota(dt, 2, 3, 2));
    Output t = tf.transpose(x, new int[] {2, 0, 1});
    assertEquals(Shape.of(2, 2, 3), t.shape());
    assertValues(run(t), dt, dims(2, 2, 3), 0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11);
    // The last axis kept (copied in runs): out[j][i][k] = x[i][j][k].
    Output u = tf.transpose(x, new int[] {1, 0, 2});
    assertValues(run(u), dt, dims(3, 2, 2), 0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11);
  }

  @Test
  void transpose_unknownDims_andBadPerm() {
    Output x = tf.placeholder(DType.INT32, Shape.of(-1, 3), "x");
    Output t = tf.transpose(x);
    assertEquals(Shape.of(3, -1), t.shape());
    assertValues(run(t, x, Tensor.of(new int[][] {{1, 2, 3}})), DType.INT32, dims(3, 1), 1, 2, 3);
    assertOpError(() -> tf.transpose(x, new int[] {0, 0}), "not a permutation",
        "ArrayOpsTest.java");
    assertOpError(() -> tf.transpose(x, new int[] {0, 1, 2}), "3 entries", "rank 2");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reshape_withMinusOne(DType dt) {
    Output x = tf.constant(iota(dt, 2, 3));
    Output y = tf.reshape(x, new int[] {3, -1});
    assertEquals(Shape.of(3, 2), y.shape());
    assertValues(run(y), dt, dims(3, 2), 0, 1, 2, 3, 4, 5);
    assertEquals("Reshape/shape", y.op().input(1).op().name());
  }

  @Test
  void reshape_sizeMismatch_throws() {
    Output x = tf.constant(iota(DType.FLOAT32, 2, 3));
    assertOpError(() -> tf.reshape(x, new int[] {4, -1}), "6 values", "into (4, ?)",
        "not a multiple of 4", "ArrayOpsTest.java");
    assertOpError(() -> tf.reshape(x, new int[] {4, 2}), "6 values", "into (4, 2)",
        "ArrayOpsTest.java");
    assertOpError(() -> tf.reshape(x, new int[] {-1, -1}), "more than one -1");
  }

  @Test
  void reshape_unknownDims_checkedAtRunTime() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1), "x");
    Output y = tf.reshape(x, new int[] {-1, 2});
    assertEquals(Shape.of(-1, 2), y.shape());
    assertValues(run(y, x, Tensor.of(new float[] {1, 2, 3, 4})), DType.FLOAT32, dims(2, 2), 1, 2,
        3, 4);
    Output z = tf.reshape(x, new int[] {4, -1});
    assertOpError(() -> run(z, x, Tensor.of(new float[] {1, 2, 3, 4, 5, 6})), "6 values",
        "into (4, ?)", "ArrayOpsTest.java");
  }

  @Test
  void reshape_byShapeTensor() {
    Output x = tf.constant(iota(DType.FLOAT64, 6));
    Output shape = tf.placeholder(DType.INT32, Shape.of(2), "shape");
    Output y = tf.reshape(x, shape);
    assertEquals(Shape.of(-1, -1), y.shape());
    assertValues(run(y, shape, Tensor.of(new int[] {3, 2})), DType.FLOAT64, dims(3, 2), 0, 1, 2,
        3, 4, 5);
    // The shape rule sees through shape(other): the static shape of other is kept.
    Output other = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "other");
    Output flat = tf.placeholder(DType.FLOAT32, Shape.of(-1), "flat");
    Output back = tf.reshape(flat, tf.shape(other));
    assertEquals(Shape.of(-1, 3), back.shape());
    Tensor r = run(back, flat, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}), other,
        Tensor.of(new float[2][3]));
    assertValues(r, DType.FLOAT32, dims(2, 3), 1, 2, 3, 4, 5, 6);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void expandDims_andSqueeze(DType dt) {
    Output x = tf.constant(of(dt, dims(2, 1), 1, 2));
    assertEquals(Shape.of(1, 2, 1), tf.expandDims(x, 0).shape());
    assertEquals(Shape.of(2, 1, 1), tf.expandDims(x, -1).shape());
    assertEquals(Shape.of(2, 1, 1), tf.expandDims(x, 2).shape());
    assertValues(run(tf.expandDims(x, 1)), dt, dims(2, 1, 1), 1, 2);
    assertValues(run(tf.squeeze(x)), dt, dims(2), 1, 2);
    assertValues(run(tf.squeeze(x, new int[] {-1})), dt, dims(2), 1, 2);
    assertOpError(() -> tf.expandDims(x, 3), "expandDims axis 3", "ArrayOpsTest.java");
    assertOpError(() -> tf.squeeze(x, new int[] {0}), "cannot squeeze dimension 0",
        "its size is 2", "ArrayOpsTest.java");
  }

  @Test
  void squeeze_unknownDims() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 1, 3), "x");
    assertEquals(Shape.unknown(), tf.squeeze(x).shape());
    Output y = tf.squeeze(x, new int[] {1});
    assertEquals(Shape.of(-1, 3), y.shape());
    assertValues(run(y, x, Tensor.of(new float[][][] {{{1, 2, 3}}})), DType.FLOAT32, dims(1, 3),
        1, 2, 3);
    assertValues(run(tf.squeeze(x), x, Tensor.of(new float[][][] {{{1, 2, 3}}})), DType.FLOAT32,
        dims(3), 1, 2, 3);
    Output z = tf.squeeze(tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "z"), new int[] {0});
    assertEquals(Shape.of(3), z.shape());
    assertOpError(() -> run(z, z.op().input(0), Tensor.of(new float[2][3])), "its size is 2",
        "ArrayOpsTest.java");
  }
}
