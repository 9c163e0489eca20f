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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * shape, size and rank with an out_type of int32 (the default) or int64: the same values either
 * way, static where the input's shape is, and usable as shape arguments.
 */
class ShapeOutTypeTest {
  private static final String FILE = "ShapeOutTypeTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private static long[] values(DType out, Tensor t) {
    assertEquals(out, t.dtype());
    return t.toLongs();
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void shapeSizeRank_ofAStaticShape(DType out) {
    Output x = tf.zeros(Shape.of(2, 3, 4), DType.FLOAT64);
    Output s = tf.shape(x, out);
    Output n = tf.size(x, out);
    Output r = tf.rank(x, out);
    assertEquals(out, s.dtype());
    assertEquals(Shape.of(3), s.shape());
    assertEquals(Shape.scalar(), n.shape());
    assertEquals(Shape.scalar(), r.shape());
    assertArrayEquals(new long[] {2, 3, 4}, values(out, run(s)));
    assertArrayEquals(new long[] {24}, values(out, run(n)));
    assertArrayEquals(new long[] {3}, values(out, run(r)));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void shapeSizeRank_ofFedValues_includingAnEmptyOne(DType out) {
    Output x = tf.placeholder(DType.BOOL, Shape.unknown(), "x");
    Output s = tf.shape(x, out);
    assertEquals(Shape.of(-1), s.shape());
    try (Session sess = new Session(g)) {
      for (Tensor v : List.of(Tensor.create(Shape.of(5, 0), new boolean[0]),
          Tensor.scalar(true), Tensor.create(Shape.of(1, 2, 1), new boolean[2]))) {
        List<Tensor> got = sess.runner().feed(x, v).fetch(s).fetch(tf.size(x, out))
            .fetch(tf.rank(x, out)).run();
        long[] dims = new long[v.rank()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = v.shape().dim(i);
        }
        assertArrayEquals(dims, values(out, got.get(0)), v.shape().toString());
        assertArrayEquals(new long[] {v.size()}, values(out, got.get(1)));
        assertArrayEquals(new long[] {v.rank()}, values(out, got.get(2)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void shapeOfEitherType_givesShapeArguments_whoseKnownPartsStayStatic(DType out) {
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output y = tf.reshape(tf.placeholder(DType.FLOAT32, Shape.unknown(), "y"), tf.shape(x, out));
    assertEquals(Shape.of(-1, 3), y.shape());
    Output z = tf.zeros(tf.stack(List.of(tf.size(x, out), tf.rank(x, out))), DType.INT32);
    assertEquals(Shape.of(-1, 2), z.shape());
    Output fixed = tf.placeholder(DType.FLOAT32, Shape.of(4, 3), "fixed");
    Output w = tf.zeros(tf.stack(List.of(tf.size(fixed, out), tf.rank(fixed, out))),
        DType.INT32);
    assertEquals(Shape.of(12, 2), w.shape());
    try (Session sess = new Session(g)) {
      Tensor xv = Tensor.create(Shape.of(2, 3), new float[6]);
      Tensor yv = Tensor.create(Shape.of(6), new float[] {1, 2, 3, 4, 5, 6});
      Tensor got = sess.runner().feed(x, xv).feed(g.operation("y").output(0), yv).fetch(y)
          .run().get(0);
      assertEquals(Shape.of(2, 3), got.shape());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, got.floats());
    }
  }

  @Test
  void theDefaultIsInt32() {
    Output x = tf.constant(new float[] {1, 2});
    assertEquals(DType.INT32, tf.shape(x).dtype());
    assertEquals(DType.INT32, tf.size(x).dtype());
    assertEquals(DType.INT32, tf.rank(x).dtype());
    assertEquals(new ShapeOps.Shape(DType.INT32), tf.shape(x).op().type());
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "BOOL"})
  void otherOutTypes_areRefusedNamingTheOp(DType out) {
    Output x = tf.constant(new float[] {1, 2});
    assertOpError(FILE, () -> tf.shape(x, out), "Shape op",
        "out_type must be int32 or int64, got " + out);
    assertOpError(FILE, () -> tf.size(x, out), "Size op", "out_type must be int32 or int64");
    assertOpError(FILE, () -> tf.rank(x, out), "Rank op", "out_type must be int32 or int64");
  }
}
