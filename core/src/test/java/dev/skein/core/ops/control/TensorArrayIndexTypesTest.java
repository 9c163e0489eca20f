package dev.skein.core.ops.control;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
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
 * TensorArray sizes, indices and a while loop's maximum iteration count in int32 and in int64
 * (TF1 takes either): the same static shapes and values, and clear errors for int64 values
 * outside the int32 range and for other dtypes.
 */
class TensorArrayIndexTypesTest {
  private static final String FILE = "TensorArrayIndexTypesTest.java";
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  /** An int32 or int64 tensor of these values, of the given shape. */
  private static Tensor ints(DType dt, Shape shape, int... v) {
    if (dt == DType.INT32) {
      return Tensor.create(shape, v);
    }
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return Tensor.create(shape, l);
  }

  private Output scalar(DType dt, int v) {
    return tf.constant(ints(dt, Shape.scalar(), v));
  }

  private Output vector(DType dt, int... v) {
    return tf.constant(ints(dt, Shape.of(v.length), v));
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void sizeWriteReadGatherScatter_takeEitherIntType(DType dt) {
    TensorArray ta = tf.tensorArray(DType.FLOAT32, scalar(dt, 3), false, Shape.of(2));
    assertEquals(Shape.of(3, 2), ta.value().shape());
    TensorArray w = ta.write(scalar(dt, 2), tf.constant(new float[] {5, 6}))
        .scatter(vector(dt, 0, 1), tf.constant(new float[][] {{1, 2}, {3, 4}}));
    Output read = w.read(scalar(dt, 1));
    Output gathered = w.gather(vector(dt, 2, 0, 2));
    assertEquals(Shape.of(3, 2), gathered.shape());
    try (Session s = new Session(g)) {
      assertArrayEquals(new float[] {3, 4}, s.run(read).floats());
      assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, s.run(gathered).floats());
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, s.run(w.stack()).floats());
      // TensorArraySizeV3 gives an int32, as TF's
      Tensor size = s.run(w.size());
      assertEquals(DType.INT32, size.dtype());
      assertEquals(3, size.intValue());
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void fedSize_andReadsOfADenseValue_takeEitherIntType(DType dt) {
    Output n = tf.placeholder(dt, Shape.scalar(), "n");
    TensorArray ta = tf.tensorArray(DType.INT64, n, false, Shape.scalar())
        .unstack(tf.constant(new long[] {1L << 40, 7, -(1L << 41)}));
    Output read = ta.read(scalar(dt, 2));
    // a plain dense tensor read as a fully written array (the form gradients take)
    TensorArray dense = new TensorArray(tf.constant(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
    Output row = dense.read(scalar(dt, 1));
    Output rows = dense.gather(vector(dt, 2, 1));
    try (Session s = new Session(g)) {
      List<Tensor> out = s.runner().feed(n, ints(dt, Shape.scalar(), 3)).fetch(read)
          .fetch(ta.size()).run();
      assertEquals(-(1L << 41), out.get(0).longValue());
      assertEquals(3, out.get(1).intValue());
      assertArrayEquals(new double[] {3, 4}, s.run(row).doubles());
      assertArrayEquals(new double[] {5, 6, 3, 4}, s.run(rows).doubles());
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"INT32", "INT64"})
  void loopWithACounterAndMaximumIterationsOfEitherIntType(DType dt) {
    // squares of 0..3 written at the loop counter; the bound (10) is cut to 4 iterations
    TensorArray acc = tf.tensorArray(DType.FLOAT64, 4);
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), scalar(dt, 10)), v -> {
      Output t = v.get(0);
      Output sq = tf.cast(tf.mul(t, t), DType.FLOAT64);
      return List.of(tf.add(t, scalar(dt, 1)), new TensorArray(v.get(1)).write(t, sq).value());
    }, List.of(scalar(dt, 0), acc.value()),
        WhileOptions.defaults().withMaximumIterations(scalar(dt, 4)));
    try (Session s = new Session(g)) {
      assertArrayEquals(new double[] {0, 1, 4, 9}, s.run(new TensorArray(r.get(1)).stack())
          .doubles());
      assertEquals(ints(dt, Shape.scalar(), 4), s.run(r.get(0)));
    }
  }

  @Test
  void int64ValuesOutsideTheInt32Range_failNamingTheOp() {
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 2).unstack(tf.constant(new float[] {1, 2}));
    Output far = ta.read(tf.constant(1L << 32));
    assertOpError(FILE, () -> run(far), "TensorArrayReadV3 op",
        "the index value 4294967296 (entry 0 of the int64 tensor) is outside the int32 range");
    Output gathered = ta.gather(tf.constant(new long[] {0, -(1L << 33)}));
    assertOpError(FILE, () -> run(gathered), "TensorArrayGatherV3 op",
        "TensorArray indices value -8589934592 (entry 1");
    assertOpError(FILE, () -> tf.tensorArray(DType.FLOAT32, tf.constant(1L << 31), false,
        Shape.unknown()), "TensorArrayV3 op", "the TensorArray size value 2147483648");
    Output n = tf.placeholder(DType.INT64, Shape.scalar(), "n");
    Output fed = tf.tensorArray(DType.FLOAT32, n, false, Shape.of(1)).stack();
    assertOpError(FILE, () -> {
      try (Session s = new Session(g)) {
        s.runner().feed(n, Tensor.scalar(-(1L << 40))).fetch(fed).run();
      }
    }, "TensorArrayV3 op", "the TensorArray size value -1099511627776");
  }

  @Test
  void otherDtypes_areRefusedNamingTheOp() {
    TensorArray ta = tf.tensorArray(DType.FLOAT32, 2);
    assertOpError(FILE, () -> ta.read(tf.constant(1f)), "TensorArrayReadV3 op",
        "the index must be an int32 or int64 scalar, got float32 ()");
    assertOpError(FILE, () -> ta.gather(tf.constant(new boolean[] {true})),
        "TensorArrayGatherV3 op", "TensorArray indices must be an int32 or int64 vector, got bool");
    assertOpError(FILE, () -> tf.tensorArray(DType.FLOAT32, tf.constant(2.0), false,
        Shape.unknown()), "TensorArrayV3 op", "the size must be an int32 or int64 scalar");
  }

  private Tensor run(Output y) {
    try (Session s = new Session(g)) {
      return s.run(y);
    }
  }
}
