package dev.skein.core.ops.array;

import static dev.skein.core.testing.ArrayTesting.assertOpError;
import static dev.skein.core.testing.ArrayTesting.assertValues;
import static dev.skein.core.testing.ArrayTesting.dims;
import static dev.skein.core.testing.ArrayTesting.iota;
import static dev.skein.core.testing.ArrayTesting.of;
import static dev.skein.core.testing.ArrayTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** gather, scatterNd, oneHot, sequenceMask. */
class ArrayGatherOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void gather_axis0WithMatrixOfIndices(DType dt) {
    Output params = tf.constant(iota(dt, 3, 2));
    Output idx = tf.constant(new int[][] {{2, 0}, {1, 1}});
    Output y = tf.gather(params, idx);
    assertEquals(Shape.of(2, 2, 2), y.shape());
    assertValues(run(y), dt, dims(2, 2, 2), 4, 5, 0, 1, 2, 3, 2, 3);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void gather_innerAxis(DType dt) {
    Output params = tf.constant(iota(dt, 2, 3));
    Output y = tf.gather(params, tf.constant(new int[] {2, 2, 0}), 1);
    assertEquals(Shape.of(2, 3), y.shape());
    assertValues(run(y), dt, dims(2, 3), 2, 2, 0, 5, 5, 3);
    Output s = tf.gather(params, tf.constant(1), -1);
    assertEquals(Shape.of(2), s.shape());
    assertValues(run(s), dt, dims(2), 1, 4);
  }

  @Test
  void gather_intAndBoolParams_unknownDims() {
    Output params = tf.placeholder(DType.INT32, Shape.of(-1, 2), "p");
    Output idx = tf.placeholder(DType.INT32, Shape.of(-1), "i");
    Output y = tf.gather(params, idx);
    assertEquals(Shape.of(-1, 2), y.shape());
    assertValues(run(y, params, Tensor.of(new int[][] {{1, 2}, {3, 4}}), idx,
        Tensor.of(new int[] {1, 1, 0})), DType.INT32, dims(3, 2), 3, 4, 3, 4, 1, 2);
    Output b = tf.gather(tf.constant(new boolean[] {true, false}), tf.constant(new int[] {1, 0}));
    assertValues(run(b), DType.BOOL, dims(2), 0, 1);
  }

  @Test
  void gather_indexOutOfRange_namesIndexAndRange() {
    Output params = tf.constant(iota(DType.FLOAT32, 3, 2));
    Output y = tf.gather(params, tf.constant(new int[][] {{0, 1}, {5, 2}}));
    assertOpError(() -> run(y), "gather index 5 at position [1, 0]", "out of range [0, 3)",
        "ArrayGatherOpsTest.java");
    Output n = tf.gather(params, tf.constant(new int[] {-1}));
    assertOpError(() -> run(n), "gather index -1", "[0, 3)");
    assertOpError(() -> tf.gather(params, tf.constant(new float[] {0})), "must be int32");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void scatterNd_sumsDuplicates(DType dt) {
    Output idx = tf.constant(new int[][] {{1}, {0}, {1}});
    Output upd = tf.constant(of(dt, dims(3, 2), 1, 2, 3, 4, 5, 6));
    Output y = tf.scatterNd(idx, upd, new int[] {3, 2});
    assertEquals(Shape.of(3, 2), y.shape());
    assertValues(run(y), dt, dims(3, 2), 3, 4, 6, 8, 0, 0);
    // full index tuples address single elements
    Output e = tf.scatterNd(tf.constant(new int[][] {{0, 1}, {1, 0}}),
        tf.constant(of(dt, dims(2), 7, 9)), new int[] {2, 2});
    assertValues(run(e), dt, dims(2, 2), 0, 7, 9, 0);
  }

  @Test
  void scatterNd_badShapes_throw() {
    Output idx = tf.constant(new int[][] {{1}, {0}});
    Output upd = tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertOpError(() -> tf.scatterNd(idx, upd, new int[] {3, 2}), "need (2, 2)",
        "ArrayGatherOpsTest.java");
    Output y = tf.scatterNd(tf.constant(new int[][] {{3}, {0}}), upd, new int[] {3, 3});
    assertOpError(() -> run(y), "scatterNd index 3", "[0, 3)");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void oneHot_lastAndFirstAxis(DType dt) {
    Output idx = tf.constant(new int[] {0, 2, -1, 5});
    Output y = tf.oneHot(idx, 3, 1, 0, -1, dt);
    assertEquals(Shape.of(4, 3), y.shape());
    assertValues(run(y), dt, dims(4, 3), 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
    Output z = tf.oneHot(idx, 3, 5, -1, 0, dt);
    assertEquals(Shape.of(3, 4), z.shape());
    assertValues(run(z), dt, dims(3, 4), 5, -1, -1, -1, -1, -1, -1, -1, -1, 5, -1, -1);
  }

  @Test
  void oneHot_unknownDimsAndMatrixIndices() {
    Output idx = tf.placeholder(DType.INT32, Shape.of(-1, 2), "idx");
    Output y = tf.oneHot(idx, 2);
    assertEquals(Shape.of(-1, 2, 2), y.shape());
    assertValues(run(y, idx, Tensor.of(new int[][] {{1, 0}})), DType.FLOAT32, dims(1, 2, 2),
        0, 1, 1, 0);
    Output m = tf.oneHot(idx, 3, 1, 0, 1, DType.INT32);
    assertEquals(Shape.of(-1, 3, 2), m.shape());
    assertValues(run(m, idx, Tensor.of(new int[][] {{1, 2}})), DType.INT32, dims(1, 3, 2),
        0, 0, 1, 0, 0, 1);
  }

  @Test
  void oneHot_badDepthOrAxis_throws() {
    Output idx = tf.constant(new int[] {0, 1});
    assertOpError(() -> tf.oneHot(idx, -2), "depth must be >= 0, got -2",
        "ArrayGatherOpsTest.java");
    assertOpError(() -> tf.oneHot(idx, 2, 1, 0, 2), "axis 2 is out of range");
    assertOpError(() -> tf.oneHot(tf.constant(new float[] {0}), 2), "must be int32");
  }

  @Test
  void sequenceMask_withAndWithoutMaxlen() {
    Output lens = tf.constant(new int[] {1, 3, 2});
    Output m = tf.sequenceMask(lens, 4);
    assertEquals(Shape.of(3, 4), m.shape());
    assertValues(run(m), DType.BOOL, dims(3, 4), 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0);
    Output d = tf.sequenceMask(lens);
    assertEquals(Shape.of(3, -1), d.shape());
    assertValues(run(d), DType.BOOL, dims(3, 3), 1, 0, 0, 1, 1, 1, 1, 1, 0);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void sequenceMask_inFloatDtype_withRunTimeMaxlen(DType dt) {
    Output lens = tf.placeholder(DType.INT32, Shape.of(-1), "lens");
    Output maxlen = tf.placeholder(DType.INT32, Shape.scalar(), "maxlen");
    Output m = tf.sequenceMask(lens, maxlen, dt);
    assertEquals(Shape.of(-1, -1), m.shape());
    assertValues(run(m, lens, Tensor.of(new int[] {2, 0}), maxlen, Tensor.scalar(3)), dt,
        dims(2, 3), 1, 1, 0, 0, 0, 0);
    assertOpError(() -> tf.sequenceMask(lens, -1), "maxlen must be >= 0",
        "ArrayGatherOpsTest.java");
  }
}
