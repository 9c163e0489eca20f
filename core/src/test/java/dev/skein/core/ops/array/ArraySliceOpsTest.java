package dev.skein.core.ops.array;

import static dev.skein.core.ops.array.SliceIndex.all;
import static dev.skein.core.ops.array.SliceIndex.at;
import static dev.skein.core.ops.array.SliceIndex.ellipsis;
import static dev.skein.core.ops.array.SliceIndex.every;
import static dev.skein.core.ops.array.SliceIndex.from;
import static dev.skein.core.ops.array.SliceIndex.newAxis;
import static dev.skein.core.ops.array.SliceIndex.range;
import static dev.skein.core.ops.array.SliceIndex.upTo;
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

/** slice, stridedSlice (and its gradient), reverse, reverseSequence. */
class ArraySliceOpsTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void slice_withSizeToTheEnd(DType dt) {
    Output x = tf.constant(iota(dt, 3, 4));
    Output y = tf.slice(x, new int[] {1, 1}, new int[] {2, -1});
    assertEquals(Shape.of(2, 3), y.shape());
    assertValues(run(y), dt, dims(2, 3), 5, 6, 7, 9, 10, 11);
    assertValues(run(tf.slice(x, new int[] {0, 2}, new int[] {3, 1})), dt, dims(3, 1), 2, 6, 10);
    // rank 3, runs of the last axis from an inner offset: x3[i][j][k] = 12i + 4j + k
    Output x3 = tf.constant(iota(dt, 2, 3, 4));
    assertValues(run(tf.slice(x3, new int[] {1, 1, 1}, new int[] {1, 2, -1})), dt, dims(1, 2, 3),
        17, 18, 19, 21, 22, 23);
    assertValues(run(tf.slice(x3, new int[] {0, 2, 0}, new int[] {-1, 1, 4})), dt, dims(2, 1, 4),
        8, 9, 10, 11, 20, 21, 22, 23);
  }

  @Test
  void slice_outOfRange_throwsAtBuildTime() {
    Output x = tf.constant(iota(DType.FLOAT32, 3, 4));
    assertOpError(() -> tf.slice(x, new int[] {2, 0}, new int[] {2, 4}),
        "slice out of range in dimension 0", "begin 2 + size 2 = 4 > 3", "ArraySliceOpsTest.java");
    assertOpError(() -> tf.slice(x, new int[] {0, 0}, new int[] {1}), "1 entries", "rank 2");
  }

  @Test
  void slice_unknownDims_checkedAtRunTime() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 4), "x");
    Output y = tf.slice(x, new int[] {1, 2}, new int[] {-1, 2});
    assertEquals(Shape.of(-1, 2), y.shape());
    Tensor xv = iota(DType.FLOAT32, 3, 4);
    assertValues(run(y, x, xv), DType.FLOAT32, dims(2, 2), 6, 7, 10, 11);
    Output bad = tf.slice(x, new int[] {2, 0}, new int[] {2, 4});
    assertOpError(() -> run(bad, x, xv), "slice out of range in dimension 0",
        "input shape (3, 4)", "ArraySliceOpsTest.java");
  }

  @Test
  void slice_beginAndSizeAsTensors() {
    Output x = tf.constant(iota(DType.INT32, 4));
    Output b = tf.placeholder(DType.INT32, Shape.of(1), "b");
    Output y = tf.slice(x, b, tf.constant(new int[] {2}));
    assertEquals(Shape.of(2), y.shape());
    assertValues(run(y, b, Tensor.of(new int[] {1})), DType.INT32, dims(2), 1, 2);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void stridedSlice_lastTimeStep(DType dt) {
    // x[i][j][k] = 6i + 2j + k; x[:, -1, :] = x[i][2][k]
    Output x = tf.constant(iota(dt, 2, 3, 2));
    Output last = tf.stridedSlice(x, all(), at(-1), all());
    assertEquals(Shape.of(2, 2), last.shape());
    assertValues(run(last), dt, dims(2, 2), 4, 5, 10, 11);
    Output same = tf.stridedSlice(x, new int[] {0, -1, 0}, new int[] {0, 0, 0},
        new int[] {1, 1, 1}, 0b101, 0b101, 0, 0, 0b010);
    assertValues(run(same), dt, dims(2, 2), 4, 5, 10, 11);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void stridedSlice_rangesNegativeIndicesAndSteps(DType dt) {
    Output x = tf.constant(of(dt, dims(5), 10, 11, 12, 13, 14));
    assertValues(run(tf.stridedSlice(x, range(1, 3))), dt, dims(2), 11, 12);
    assertValues(run(tf.stridedSlice(x, range(-3, -1))), dt, dims(2), 12, 13);
    assertValues(run(tf.stridedSlice(x, every(2))), dt, dims(3), 10, 12, 14);
    assertValues(run(tf.stridedSlice(x, every(-1))), dt, dims(5), 14, 13, 12, 11, 10);
    assertValues(run(tf.stridedSlice(x, range(3, 0, -2))), dt, dims(2), 13, 11);
    assertValues(run(tf.stridedSlice(x, from(3))), dt, dims(2), 13, 14);
    assertValues(run(tf.stridedSlice(x, upTo(-4))), dt, dims(1), 10);
    assertValues(run(tf.stridedSlice(x, range(2, 100))), dt, dims(3), 12, 13, 14);
    assertValues(run(tf.stridedSlice(x, range(4, 1))), dt, dims(0));
    assertValues(run(tf.stridedSlice(x, at(-5))), dt, dims(), 10);
  }

  @Test
  void stridedSlice_ellipsisAndNewAxis() {
    Output x = tf.constant(iota(DType.FLOAT32, 2, 3, 2));
    Output a = tf.stridedSlice(x, ellipsis(), at(1));
    assertEquals(Shape.of(2, 3), a.shape());
    assertValues(run(a), DType.FLOAT32, dims(2, 3), 1, 3, 5, 7, 9, 11);
    Output b = tf.stridedSlice(x, at(1), newAxis(), ellipsis(), range(0, 1));
    assertEquals(Shape.of(1, 3, 1), b.shape());
    assertValues(run(b), DType.FLOAT32, dims(1, 3, 1), 6, 8, 10);
  }

  @Test
  void stridedSlice_unknownDims() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3, 2), "x");
    Output last = tf.stridedSlice(x, all(), at(-1), all());
    assertEquals(Shape.of(-1, 2), last.shape());
    assertEquals(Shape.of(-1, 2, 2), tf.stridedSlice(x, all(), from(1)).shape());
    assertEquals(Shape.of(-1, 3), tf.stridedSlice(x, ellipsis(), at(0)).shape());
    assertEquals(Shape.of(-1, 1, 3, 2), tf.stridedSlice(x, all(), newAxis()).shape());
    Output first = tf.stridedSlice(x, at(0));
    assertEquals(Shape.of(3, 2), first.shape());
    Tensor xv = iota(DType.FLOAT32, 2, 3, 2);
    assertValues(run(last, x, xv), DType.FLOAT32, dims(2, 2), 4, 5, 10, 11);
    Output beyond = tf.stridedSlice(x, at(2));
    assertOpError(() -> run(beyond, x, xv), "index 2 is out of range for dimension 0 of size 2",
        "ArraySliceOpsTest.java");
  }

  @Test
  void stridedSlice_indexOutOfRange_throwsAtBuildTime() {
    Output x = tf.constant(iota(DType.FLOAT32, 2, 3));
    assertOpError(() -> tf.stridedSlice(x, all(), at(5)),
        "index 5 is out of range for dimension 1 of size 3", "ArraySliceOpsTest.java");
    assertOpError(() -> tf.stridedSlice(x, at(0), at(0), at(0)), "too many indices");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void stridedSliceGrad_placesTheGradientWhereTheSliceRead(DType dt) {
    Output x = tf.placeholder(dt, Shape.of(-1, 3), "x");
    IndexOps.StridedSlice spec = SliceIndex.toSpec(java.util.List.of(all(), every(-2)));
    Output y = IndexOps.stridedSlice(g, x, spec, null);
    assertEquals(Shape.of(-1, 2), y.shape());
    Output dy = tf.placeholder(dt, Shape.of(-1, 2), "dy");
    Output dx = tf.stridedSliceGrad(tf.shape(x), dy, spec);
    assertEquals(Shape.of(-1, 3), dx.shape());
    // x[:, ::-2] reads columns 2 and 0.
    Tensor r = run(dx, x, Tensor.zeros(dt, Shape.of(2, 3)), dy, of(dt, dims(2, 2), 1, 2, 3, 4));
    assertValues(r, dt, dims(2, 3), 2, 0, 1, 4, 0, 3);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reverse_alongAxes(DType dt) {
    Output x = tf.constant(iota(dt, 2, 3));
    assertValues(run(tf.reverse(x, new int[] {1})), dt, dims(2, 3), 2, 1, 0, 5, 4, 3);
    assertValues(run(tf.reverse(x, new int[] {0, -1})), dt, dims(2, 3), 5, 4, 3, 2, 1, 0);
    assertOpError(() -> tf.reverse(x, new int[] {1, -1}), "twice", "ArraySliceOpsTest.java");
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reverseSequence_batchMajorAndTimeMajor(DType dt) {
    Output x = tf.constant(iota(dt, 2, 4));
    Output lens = tf.constant(new int[] {3, 1});
    assertValues(run(tf.reverseSequence(x, lens, 1, 0)), dt, dims(2, 4), 2, 1, 0, 3, 4, 5, 6, 7);
    // time-major [time=3, batch=2, depth=1]: x[t][b] = 2t + b
    Output tm = tf.placeholder(dt, Shape.of(-1, 2, 1), "tm");
    Output rev = tf.reverseSequence(tm, tf.constant(new int[] {2, 3}), 0, 1);
    assertEquals(Shape.of(-1, 2, 1), rev.shape());
    assertValues(run(rev, tm, iota(dt, 3, 2, 1)), dt, dims(3, 2, 1), 2, 5, 0, 3, 4, 1);
  }

  @Test
  void reverseSequence_badLengths_throw() {
    Output x = tf.constant(iota(DType.FLOAT32, 2, 4));
    assertOpError(() -> tf.reverseSequence(x, tf.constant(new int[] {1, 2, 3}), 1, 0),
        "batch dimension 0", "ArraySliceOpsTest.java");
    Output y = tf.reverseSequence(x, tf.constant(new int[] {5, 1}), 1, 0);
    assertOpError(() -> run(y), "seq length 5 of batch entry 0 is out of range [0, 4]",
        "ArraySliceOpsTest.java");
  }
}
