package dev.skein.core.ops.array;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static dev.skein.core.testing.MathTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shape-like arguments (reshape's shape, fill's dims, tile's multiples, paddings, slice begin and
 * size, split sizes, scatterNd's shape, sequence lengths, broadcastTo's shape, a random op's
 * shape) given as int32 and as int64 tensors: the same static shapes and values either way, as
 * constants (seen by the shape rules) and as fed placeholders (read by the kernels). Expected
 * values are worked out by hand.
 */
class Int64ShapeArgsTest {
  private static final String FILE = "Int64ShapeArgsTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  /** A vector of dtype dt (INT32 or INT64). */
  private static Tensor vec(DType dt, int... v) {
    if (dt == DType.INT32) {
      return Tensor.create(Shape.of(v.length), v);
    }
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return Tensor.create(Shape.of(v.length), l);
  }

  private Output c(DType dt, int... v) {
    return tf.constant(vec(dt, v));
  }

  private Output p(DType dt) {
    return tf.placeholder(dt, Shape.of(-1));
  }

  private static Tensor feed(Output y, Output ph, Tensor v) {
    try (Session s = new Session(y.graph())) {
      return s.runner().feed(ph, v).fetch(y).run().get(0);
    }
  }

  private Output m23() {
    return tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void reshape_shapeOfEitherIntType(DType dt) {
    Output r = tf.reshape(m23(), c(dt, 3, -1));
    assertEquals(Shape.of(3, 2), r.shape());
    Tensor t = run(r);
    assertEquals(Shape.of(3, 2), t.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.floats());
    Output ph = p(dt);
    Output fed = tf.reshape(m23(), ph);
    assertEquals(Shape.unknown(), fed.shape());
    assertEquals(Shape.of(6, 1), feed(fed, ph, vec(dt, 6, 1)).shape());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void fillZerosOnes_dimsOfEitherIntType(DType dt) {
    Output f = tf.fill(c(dt, 2, 2), tf.constant(7f));
    assertEquals(Shape.of(2, 2), f.shape());
    assertArrayEquals(new float[] {7, 7, 7, 7}, run(f).floats());
    Output z = tf.zeros(c(dt, 3), DType.FLOAT64);
    assertEquals(Shape.of(3), z.shape());
    assertArrayEquals(new double[] {0, 0, 0}, run(z).doubles());
    Output ph = p(dt);
    Tensor o = feed(tf.ones(ph, DType.INT64), ph, vec(dt, 2, 1));
    assertEquals(Shape.of(2, 1), o.shape());
    assertArrayEquals(new long[] {1, 1}, o.longs());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void tileAndPad_ofEitherIntType(DType dt) {
    Output x = tf.constant(new float[][] {{1, 2}});
    Output t = tf.tile(x, c(dt, 2, 2));
    assertEquals(Shape.of(2, 4), t.shape());
    assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 1, 2}, run(t).floats());
    Output ph = p(dt);
    assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2},
        feed(tf.tile(x, ph), ph, vec(dt, 1, 3)).floats());
    Tensor pads = vec(dt, 1, 0, 0, 1).reshape(Shape.of(2, 2));
    Output padded = tf.pad(x, tf.constant(pads), 9);
    assertEquals(Shape.of(2, 3), padded.shape());
    assertArrayEquals(new float[] {9, 9, 9, 1, 2, 9}, run(padded).floats());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void sliceAndSplit_ofEitherIntType(DType dt) {
    Output s = tf.slice(m23(), c(dt, 0, 1), c(dt, 2, -1));
    assertEquals(Shape.of(2, 2), s.shape());
    assertArrayEquals(new float[] {2, 3, 5, 6}, run(s).floats());
    Output b = p(dt);
    Output fed = tf.slice(m23(), b, c(dt, 1, 2));
    assertArrayEquals(new float[] {5, 6}, feed(fed, b, vec(dt, 1, 1)).floats());
    List<Output> parts = tf.split(m23(), c(dt, 1, -1), 1);
    assertEquals(Shape.of(2, 1), parts.get(0).shape());
    assertEquals(Shape.of(2, 2), parts.get(1).shape());
    assertArrayEquals(new float[] {2, 3, 5, 6}, run(parts.get(1)).floats());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void scatterNdAndStridedSliceGrad_shapeOfEitherIntType(DType dt) {
    Output sc = tf.scatterNd(tf.constant(new int[][] {{2}, {0}}), tf.constant(new float[] {5, 6}),
        c(dt, 4));
    assertEquals(Shape.of(4), sc.shape());
    assertArrayEquals(new float[] {6, 0, 5, 0}, run(sc).floats());
    IndexOps.StridedSlice spec = SliceIndex.toSpec(List.of(SliceIndex.range(1, 3)));
    Output gr = tf.stridedSliceGrad(c(dt, 4), tf.constant(new float[] {7, 8}), spec);
    assertEquals(Shape.of(4), gr.shape());
    assertArrayEquals(new float[] {0, 7, 8, 0}, run(gr).floats());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void sequenceMaskAndReverseSequence_lengthsOfEitherIntType(DType dt) {
    Output mask = tf.sequenceMask(c(dt, 1, 3), tf.constant(vec(dt, 4).reshape(Shape.scalar())),
        DType.INT32);
    assertEquals(Shape.of(2, 4), mask.shape());
    assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 1, 0}, run(mask).ints());
    assertArrayEquals(new boolean[] {true, false, true, true},
        run(tf.sequenceMask(c(dt, 1, 2))).bools());
    Output rev = tf.reverseSequence(m23(), c(dt, 2, 3), 1, 0);
    assertArrayEquals(new float[] {2, 1, 3, 6, 5, 4}, run(rev).floats());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void broadcastToSumToShapeAndRandom_shapeOfEitherIntType(DType dt) {
    Output b = tf.broadcastTo(tf.constant(new float[] {1, 2}), c(dt, 2, 2));
    assertEquals(Shape.of(2, 2), b.shape());
    assertArrayEquals(new float[] {1, 2, 1, 2}, run(b).floats());
    Output s = tf.sumToShape(m23(), c(dt, 1, 3));
    assertArrayEquals(new float[] {5, 7, 9}, run(s).floats());
    Output r = tf.randomNormal(c(dt, 3, 2), 0, 1, DType.FLOAT64, 5L);
    assertEquals(Shape.of(3, 2), r.shape());
    Tensor v = run(r);
    assertEquals(Shape.of(3, 2), v.shape());
    // a fixed seed gives the same values whichever integer type held the shape
    Graph other = new Graph();
    Ops o = Ops.create(other);
    Tensor same = run(o.randomNormal(o.constant(new int[] {3, 2}), 0, 1, DType.FLOAT64, 5L));
    assertArrayEquals(same.doubles(), v.doubles());
  }

  @org.junit.jupiter.api.Test
  void castShapes_keepTheirStaticValues() {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3));
    Output s64 = tf.cast(tf.shape(x), DType.INT64);
    // the batch size is unknown, the 3 is seen through the cast
    assertEquals(Shape.of(-1, 3), tf.reshape(tf.identity(x), s64).shape());
    Output back = tf.cast(tf.constant(new long[] {3, 2}), DType.INT32);
    assertEquals(Shape.of(3, 2), tf.reshape(m23(), back).shape());
    // through a float the values are not followed: only the length is known
    Output viaFloat = tf.cast(tf.cast(tf.constant(new int[] {3, 2}), DType.FLOAT32),
        DType.INT64);
    assertEquals(Shape.of(-1, -1), tf.reshape(m23(), viaFloat).shape());
    assertEquals(Shape.of(3, 2), run(tf.reshape(m23(), viaFloat)).shape());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "BOOL"})
  void nonIntegerShapes_areRefusedNamingTheOp(DType dt) {
    Output shape = tf.placeholder(dt, Shape.of(2));
    assertOpError(FILE, () -> tf.reshape(m23(), shape), "Reshape op",
        "reshape's shape must be int32 or int64, got " + dt);
    assertOpError(FILE, () -> tf.fill(shape, tf.constant(1f)), "Fill op",
        "fill dims must be int32 or int64, got " + dt);
    assertOpError(FILE, () -> tf.tile(m23(), shape), "Tile op",
        "tile multiples must be int32 or int64, got " + dt);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void negativeSizes_areRefusedInEitherIntType(DType dt) {
    assertOpError(FILE, () -> tf.fill(c(dt, 2, -3), tf.constant(1f)), "Fill op",
        "fill dims [2, -3] has a negative entry");
    Output ph = p(dt);
    Output t = tf.tile(m23(), ph);
    assertOpError(FILE, () -> feed(t, ph, vec(dt, 1, -1)), "Tile op",
        "tile multiples [1, -1] have a negative entry");
  }

  @org.junit.jupiter.api.Test
  void int64ValuesOutsideTheInt32Range_failNamingTheOpAndTheArgument() {
    long big = 1L << 32;
    // a constant: the shape rule refuses it when the op is built
    assertOpError(FILE, () -> tf.reshape(m23(), tf.constant(new long[] {big, -1})),
        "Reshape op", "reshape's shape value 4294967296 (entry 0 of the int64 tensor) is outside"
            + " the int32 range");
    assertOpError(FILE, () -> tf.slice(m23(), tf.constant(new long[] {0, 0}),
        tf.constant(new long[] {1, -big})), "Slice op", "slice size value -4294967296 (entry 1");
    // a fed value: the kernel refuses it when the op runs
    Output ph = p(DType.INT64);
    Output f = tf.fill(ph, tf.constant(1f));
    assertOpError(FILE, () -> feed(f, ph, Tensor.create(Shape.of(2), new long[] {2, big + 3})),
        "Fill op", "fill dims value 4294967299 (entry 1 of the int64 tensor) is outside the"
            + " int32 range");
    Output t = tf.tile(m23(), ph);
    assertOpError(FILE, () -> feed(t, ph, Tensor.create(Shape.of(2), new long[] {1, big})),
        "Tile op", "tile multiples value 4294967296");
    Output r = tf.randomNormal(ph, 0, 1, DType.FLOAT32, 1L);
    assertOpError(FILE, () -> feed(r, ph, Tensor.create(Shape.of(1), new long[] {-big})),
        "RandomStandardNormal op", "the shape value -4294967296");
  }
}
