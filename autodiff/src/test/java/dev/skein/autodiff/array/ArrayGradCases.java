package dev.skein.autodiff.array;

import static dev.skein.autodiff.GradCase.of;
import static dev.skein.core.ops.array.SliceIndex.all;
import static dev.skein.core.ops.array.SliceIndex.at;
import static dev.skein.core.ops.array.SliceIndex.ellipsis;
import static dev.skein.core.ops.array.SliceIndex.every;
import static dev.skein.core.ops.array.SliceIndex.newAxis;
import static dev.skein.core.ops.array.SliceIndex.range;

import dev.skein.autodiff.GradCase;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.array.IndexOps;
import dev.skein.core.ops.array.SliceIndex;
import java.util.ArrayList;
import java.util.List;

/** Gradient-check cases of the array family. */
public final class ArrayGradCases {
  private ArrayGradCases() {}

  public static List<GradCase> cases() {
    List<GradCase> c = new ArrayList<>();
    c.add(of("Concat axis 0", (tf, x) -> tf.concat(x, 0), Shape.of(2, 3), Shape.of(1, 3)));
    c.add(of("Concat axis -1 of three", (tf, x) -> tf.concat(x, -1), Shape.of(2, 1),
        Shape.of(2, 3), Shape.of(2, 2)));
    c.add(of("Split in two, both used", (tf, x) -> {
      List<Output> s = tf.split(x.get(0), 2, 1);
      return tf.mul(s.get(0), s.get(1));
    }, Shape.of(2, 4)));
    c.add(of("Split in three, one used", (tf, x) -> tf.split(x.get(0), 3, 0).get(1),
        Shape.of(3, 2)));
    c.add(of("SplitV sizes [1, 3]", (tf, x) -> {
      List<Output> s = tf.split(x.get(0), new int[] {1, 3}, 1);
      return tf.mul(s.get(0), s.get(1));
    }, Shape.of(2, 4)));
    c.add(of("Pack axis 0", (tf, x) -> tf.stack(x, 0), Shape.of(2, 3), Shape.of(2, 3)));
    c.add(of("Pack axis -1", (tf, x) -> tf.stack(x, -1), Shape.of(2), Shape.of(2),
        Shape.of(2)));
    c.add(of("Unpack axis 0, one unused", (tf, x) -> {
      List<Output> u = tf.unstack(x.get(0), 0, 3);
      return tf.mul(u.get(0), u.get(2));
    }, Shape.of(3, 2)));
    c.add(of("Unpack axis 1", (tf, x) -> {
      List<Output> u = tf.unstack(x.get(0), 1, 2);
      return tf.sub(tf.square(u.get(0)), u.get(1));
    }, Shape.of(3, 2)));
    c.add(of("Transpose perm [1, 2, 0]", (tf, x) -> tf.transpose(x.get(0), new int[] {1, 2, 0}),
        Shape.of(2, 3, 4)));
    c.add(of("Transpose reversed", (tf, x) -> tf.transpose(x.get(0)), Shape.of(2, 3)));
    c.add(of("Reshape [2,3] to [3,2]", (tf, x) -> tf.reshape(x.get(0), new int[] {3, 2}),
        Shape.of(2, 3)));
    c.add(of("Reshape to run-time shape", (tf, x) -> tf.reshape(x.get(0),
        tf.shape(x.get(1))), Shape.of(2, 3), Shape.of(6)));
    c.add(of("ExpandDims axis 1", (tf, x) -> tf.expandDims(x.get(0), 1), Shape.of(2, 3)));
    c.add(of("ExpandDims axis -1", (tf, x) -> tf.expandDims(x.get(0), -1), Shape.of(3)));
    c.add(of("Squeeze axis 1", (tf, x) -> tf.squeeze(x.get(0), new int[] {1}),
        Shape.of(2, 1, 3)));
    c.add(of("Squeeze all", (tf, x) -> tf.squeeze(x.get(0)), Shape.of(1, 3, 1))
        .staticOnly());
    c.add(of("Slice [3,4] at [1,1] size [2,2]", (tf, x) -> tf.slice(x.get(0),
        new int[] {1, 1}, new int[] {2, 2}), Shape.of(3, 4)));
    c.add(of("Slice to the end", (tf, x) -> tf.slice(x.get(0), new int[] {0, 2},
        new int[] {-1, -1}), Shape.of(3, 4)));
    c.add(of("StridedSlice x[:, 1:3]", (tf, x) -> tf.stridedSlice(x.get(0), all(),
        range(1, 3)), Shape.of(2, 4)));
    c.add(of("StridedSlice x[::2, -1]", (tf, x) -> tf.stridedSlice(x.get(0), every(2),
        at(-1)), Shape.of(3, 4)));
    c.add(of("StridedSlice x[1, ::-1]", (tf, x) -> tf.stridedSlice(x.get(0), at(1),
        every(-1)), Shape.of(3, 4)));
    c.add(of("StridedSlice x[..., newaxis, 0]", (tf, x) -> tf.stridedSlice(x.get(0),
        ellipsis(), newAxis(), at(0)), Shape.of(2, 3, 2)));
    IndexOps.StridedSlice spec = SliceIndex.toSpec(List.of(all(), range(1, 4, 2)));
    c.add(of("StridedSliceGrad of x[:, 1:4:2]", (tf, x) -> tf.stridedSliceGrad(
        tf.constant(new int[] {2, 5}), x.get(0), spec), Shape.of(2, 2)));
    c.add(of("Gather axis 0, repeated indices", (tf, x) -> tf.gather(x.get(0),
        tf.constant(new int[] {2, 0, 2})), Shape.of(3, 2)));
    c.add(of("Gather axis 1, matrix of indices", (tf, x) -> tf.gather(x.get(0),
        tf.constant(new int[][] {{1, 0}, {3, 3}}), 1), Shape.of(2, 4, 2)));
    c.add(of("Gather axis -1", (tf, x) -> tf.gather(x.get(0), tf.constant(new int[] {0, 0, 2}),
        -1), Shape.of(2, 3)));
    c.add(of("ScatterNd depth 1", (tf, x) -> tf.scatterNd(
        tf.constant(new int[][] {{0}, {2}, {0}}), x.get(0), new int[] {4, 2}), Shape.of(3, 2)));
    c.add(of("ScatterNd depth 2", (tf, x) -> tf.scatterNd(
        tf.constant(new int[][] {{0, 1}, {2, 0}, {0, 1}}), x.get(0), new int[] {3, 2, 2}),
        Shape.of(3, 2)));
    c.add(of("Fill [2,3] with x", (tf, x) -> tf.fill(tf.constant(new int[] {2, 3}), x.get(0)),
        Shape.of()));
    c.add(of("Tile [2,3] by [2,1]", (tf, x) -> tf.tile(x.get(0), new int[] {2, 1}),
        Shape.of(2, 3)));
    c.add(of("Tile [1,3] by [3,2]", (tf, x) -> tf.tile(x.get(0), new int[] {3, 2}),
        Shape.of(1, 3)));
    c.add(of("Pad [2,3] by [[1,0],[2,1]]", (tf, x) -> tf.pad(x.get(0),
        new int[][] {{1, 0}, {2, 1}}), Shape.of(2, 3)));
    c.add(of("Pad with a constant 5", (tf, x) -> tf.pad(x.get(0), new int[][] {{0, 2}}, 5),
        Shape.of(3)));
    c.add(of("ReverseSequence seqAxis 1 batchAxis 0", (tf, x) -> tf.reverseSequence(x.get(0),
        tf.constant(new int[] {2, 4, 1}), 1, 0), Shape.of(3, 4, 2)));
    c.add(of("ReverseSequence seqAxis 0 batchAxis 1", (tf, x) -> tf.reverseSequence(x.get(0),
        tf.constant(new int[] {3, 0}), 0, 1), Shape.of(3, 2)));
    c.add(of("Reverse axis 1", (tf, x) -> tf.reverse(x.get(0), new int[] {1}),
        Shape.of(2, 3)));
    c.add(of("Reverse axes 0, 1", (tf, x) -> tf.reverse(x.get(0), new int[] {0, -1}),
        Shape.of(2, 3)));
    return c;
  }
}
