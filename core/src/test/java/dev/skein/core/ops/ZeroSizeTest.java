package dev.skein.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.array.SliceIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op family with a zero-size dimension, fed at run time, in float32 and float64: outputs
 * have TensorFlow's shapes, and values where an empty input still gives some (a sum is 0, a max
 * -inf, a mean NaN, a product over an empty inner dimension zeros, padding its constant).
 */
class ZeroSizeTest {
  /** x is a placeholder fed [0, 3]; e is one fed [2, 0]. */
  record Case(String name, BiFunction<Ops, Output[], Output> build, Shape shape,
      double[] values) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, BiFunction<Ops, Output[], Output> build, Shape shape,
      double... values) {
    return new Case(name, build, shape, values);
  }

  static Stream<Arguments> cases() {
    double inf = Double.NEGATIVE_INFINITY;
    List<Case> cs = new ArrayList<>();
    // math
    cs.add(c("add broadcast", (tf, v) -> tf.add(v[0], tf.ones(Shape.scalar(), v[0].dtype())),
        Shape.of(0, 3)));
    cs.add(c("tanh", (tf, v) -> tf.tanh(v[0]), Shape.of(0, 3)));
    cs.add(c("sigmoid", (tf, v) -> tf.sigmoid(v[0]), Shape.of(0, 3)));
    cs.add(c("exp", (tf, v) -> tf.exp(v[1]), Shape.of(2, 0)));
    cs.add(c("select", (tf, v) -> tf.select(tf.less(v[0], v[0]), v[0], v[0]), Shape.of(0, 3)));
    cs.add(c("cast", (tf, v) -> tf.cast(tf.cast(v[0], DType.INT32), v[0].dtype()),
        Shape.of(0, 3)));
    cs.add(c("reduceSum axis 0", (tf, v) -> tf.reduceSum(v[0], 0), Shape.of(3), 0, 0, 0));
    cs.add(c("reduceSum all", (tf, v) -> tf.reduceSum(v[0]), Shape.scalar(), 0));
    cs.add(c("reduceSum axis 1", (tf, v) -> tf.reduceSum(v[0], 1), Shape.of(0)));
    cs.add(c("reduceMax axis 1", (tf, v) -> tf.reduceMax(v[1], 1), Shape.of(2), inf, inf));
    cs.add(c("reduceMean all", (tf, v) -> tf.reduceMean(v[1]), Shape.scalar(), Double.NaN));
    cs.add(c("reduceProd axis 1", (tf, v) -> tf.reduceProd(v[1], 1), Shape.of(2), 1, 1));
    cs.add(c("argMax axis 1", (tf, v) -> tf.cast(tf.argMax(v[0], 1), v[0].dtype()),
        Shape.of(0)));
    // linalg
    cs.add(c("matmul m=0", (tf, v) -> tf.matmul(v[0], tf.ones(Shape.of(3, 4), v[0].dtype())),
        Shape.of(0, 4)));
    cs.add(c("matmul k=0", (tf, v) -> tf.matmul(v[1], tf.zeros(Shape.of(0, 3), v[1].dtype())),
        Shape.of(2, 3), 0, 0, 0, 0, 0, 0));
    cs.add(c("matmul k=0 wide", (tf, v) -> tf.matmul(tf.tile(v[1], new int[] {40, 1}),
        tf.zeros(Shape.of(0, 70), v[1].dtype())), Shape.of(80, 70), new double[80 * 70]));
    cs.add(c("batchMatmul", (tf, v) -> tf.batchMatmul(tf.reshape(v[0], new int[] {0, 1, 3}),
        tf.ones(Shape.of(0, 3, 2), v[0].dtype())), Shape.of(0, 1, 2)));
    // nn
    cs.add(c("biasAdd", (tf, v) -> tf.biasAdd(v[0], tf.ones(Shape.of(3), v[0].dtype())),
        Shape.of(0, 3)));
    cs.add(c("softmax", (tf, v) -> tf.softmax(v[0]), Shape.of(0, 3)));
    cs.add(c("logSoftmax", (tf, v) -> tf.logSoftmax(v[0]), Shape.of(0, 3)));
    cs.add(c("sparse xent", (tf, v) -> tf.sparseSoftmaxCrossEntropyWithLogits(
        tf.zeros(tf.slice(tf.shape(v[0]), new int[] {0}, new int[] {1}), DType.INT32), v[0]),
        Shape.of(0)));
    cs.add(c("l2Loss", (tf, v) -> tf.l2Loss(v[1]), Shape.scalar(), 0));
    // array
    cs.add(c("concat", (tf, v) -> tf.concat(List.of(v[0], tf.ones(Shape.of(1, 3),
        v[0].dtype())), 0), Shape.of(1, 3), 1, 1, 1));
    cs.add(c("split", (tf, v) -> tf.split(v[1], 2, 0).get(1), Shape.of(1, 0)));
    cs.add(c("stack", (tf, v) -> tf.stack(List.of(v[0], v[0])), Shape.of(2, 0, 3)));
    cs.add(c("unstack", (tf, v) -> tf.unstack(v[0], 1).get(2), Shape.of(0)));
    cs.add(c("transpose", (tf, v) -> tf.transpose(v[0]), Shape.of(3, 0)));
    cs.add(c("reshape -1", (tf, v) -> tf.reshape(v[0], new int[] {-1, 3, 1}), Shape.of(0, 3, 1)));
    cs.add(c("expandDims", (tf, v) -> tf.expandDims(v[1], 1), Shape.of(2, 1, 0)));
    cs.add(c("gather empty", (tf, v) -> tf.gather(v[1], tf.zeros(Shape.of(0), DType.INT32)),
        Shape.of(0, 0)));
    cs.add(c("slice", (tf, v) -> tf.slice(v[0], new int[] {0, 1}, new int[] {0, 2}),
        Shape.of(0, 2)));
    cs.add(c("stridedSlice", (tf, v) -> tf.stridedSlice(v[0], SliceIndex.all(),
        SliceIndex.at(1)), Shape.of(0)));
    cs.add(c("tile", (tf, v) -> tf.tile(v[0], new int[] {5, 2}), Shape.of(0, 6)));
    cs.add(c("pad", (tf, v) -> tf.pad(v[1], new int[][] {{0, 0}, {1, 0}}, 7), Shape.of(2, 1),
        7, 7));
    cs.add(c("oneHot", (tf, v) -> tf.oneHot(tf.zeros(Shape.of(0), DType.INT32), 4),
        Shape.of(0, 4)));
    cs.add(c("sequenceMask", (tf, v) -> tf.cast(tf.sequenceMask(tf.zeros(Shape.of(0),
        DType.INT32), 5), v[0].dtype()), Shape.of(0, 5)));
    cs.add(c("range empty", (tf, v) -> tf.cast(tf.range(0), v[0].dtype()), Shape.of(0)));
    cs.add(c("reverse", (tf, v) -> tf.reverse(v[0], new int[] {0}), Shape.of(0, 3)));
    cs.add(c("reverseSequence", (tf, v) -> tf.reverseSequence(tf.reshape(v[0],
        new int[] {0, 3, 1}), tf.zeros(Shape.of(0), DType.INT32), 1, 0), Shape.of(0, 3, 1)));
    cs.add(c("zerosLike", (tf, v) -> tf.zerosLike(v[0]), Shape.of(0, 3)));
    // random, state, control, rnncell
    cs.add(c("randomNormal", (tf, v) -> tf.randomNormal(tf.shape(v[0]), 0, 1, v[0].dtype(),
        1L), Shape.of(0, 3)));
    cs.add(c("identity", (tf, v) -> tf.identity(v[0]), Shape.of(0, 3)));
    cs.add(c("whileLoop", (tf, v) -> tf.whileLoop(w -> tf.less(w.get(0), tf.constant(3)),
        w -> List.of(tf.add(w.get(0), tf.constant(1)), tf.tanh(w.get(1))),
        List.of(tf.constant(0), v[0])).get(1), Shape.of(0, 3)));
    cs.add(c("TensorArray of zero elements", (tf, v) -> tf.tensorArray(v[1].dtype(), 0,
        Shape.of(2, 0)).stack(), Shape.of(0, 2, 0)));
    cs.add(c("TensorArray unstack of rows", (tf, v) -> tf.tensorArray(v[0].dtype(), 0,
        Shape.of(3)).unstack(v[0]).stack(),
        Shape.of(0, 3)));
    cs.add(c("biasTanh", (tf, v) -> tf.biasTanh(v[0], tf.ones(Shape.of(3), v[0].dtype())),
        Shape.of(0, 3)));
    cs.add(c("lstmGates", (tf, v) -> tf.lstmGates(tf.tile(v[0], new int[] {1, 4}),
        tf.ones(Shape.of(12), v[0].dtype()), v[0], 1.0).get(1), Shape.of(0, 3)));
    List<Arguments> args = new ArrayList<>();
    for (Case k : cs) {
      args.add(Arguments.of(k, DType.FLOAT32));
      args.add(Arguments.of(k, DType.FLOAT64));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void zeroSizeDimension(Case k, DType t) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(t, Shape.of(-1, 3), "x");
    Output e = tf.placeholder(t, Shape.of(2, -1), "e");
    Output y = k.build().apply(tf, new Output[] {x, e});
    try (Session s = new Session(g)) {
      Tensor r = s.runner().feed(x, Tensor.zeros(t, Shape.of(0, 3)))
          .feed(e, Tensor.zeros(t, Shape.of(2, 0))).fetch(y).run().get(0);
      assertEquals(k.shape(), r.shape(), k.name());
      double[] got = new double[r.size()];
      for (int i = 0; i < got.length; i++) {
        got[i] = t == DType.FLOAT32 ? r.floats()[i] : r.doubles()[i];
      }
      assertArrayEquals(k.values(), got, k.name());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floatTypes")
  void argMaxAlongAnEmptyAxisIsAnError(DType t) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(t, Shape.of(-1, 3), "x");
    Output y = tf.argMax(x, 0);
    try (Session s = new Session(g)) {
      OpException err = assertThrows(OpException.class,
          () -> s.runner().feed(x, Tensor.zeros(t, Shape.of(0, 3))).fetch(y).run());
      assertTrue(err.getMessage().contains("ArgMax"), err.getMessage());
    }
  }

  static Stream<DType> floatTypes() {
    return Stream.of(DType.FLOAT32, DType.FLOAT64);
  }
}
