package dev.skein.onnx;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.ops.array.SliceIndex.all;
import static dev.skein.core.ops.array.SliceIndex.at;
import static dev.skein.core.ops.array.SliceIndex.every;
import static dev.skein.core.ops.array.SliceIndex.from;
import static dev.skein.core.ops.array.SliceIndex.range;
import static dev.skein.core.ops.array.SliceIndex.upTo;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-recurrent ops an inference graph uses, each exported and compared with Skein on a
 * [batch, 6] float input and a [batch] int32 input (lengths in 0..6).
 */
class OpsExportTest {
  @TempDir
  Path dir;

  private void check(String name, BiFunction<Ops, Output[], List<Output>> build)
      throws Exception {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 6), "x");
    Output len = tf.placeholder(INT32, Shape.of(-1), "len");
    List<Output> fetches = build.apply(tf, new Output[] {x, len});
    Random r = new Random(name.hashCode());
    try (Session sess = new Session(g)) {
      sess.run(tf.globalVariablesInitializer());
      List<List<Tensor>> sets = List.of(
          List.of(OrtCheck.random(r, 2, 4, 6), Tensor.of(new int[] {6, 0, 3, 1})),
          List.of(OrtCheck.random(r, 2, 2, 6), Tensor.of(new int[] {2, 5})));
      OrtCheck.exportAndCompare(sess, List.of(x, len), fetches, dir, name, sets);
    }
  }

  @Test
  void elementwise() throws Exception {
    check("elementwise", (tf, in) -> {
      Output x = in[0];
      Output y = tf.constant(OrtCheck.random(new Random(1), 1, 6));
      Output pos = tf.add(tf.abs(x), tf.constant(0.5f));
      return List.of(tf.sub(x, y), tf.mul(x, y), tf.div(x, pos), tf.maximum(x, y),
          tf.minimum(x, y), tf.squaredDifference(x, y), tf.neg(x), tf.square(x), tf.sign(x),
          tf.relu(x), tf.sqrt(pos), tf.rsqrt(pos), tf.exp(x), tf.log(pos), tf.tanh(x),
          tf.sigmoid(x), tf.reciprocal(pos), tf.floor(x), tf.pow(pos, y),
          tf.floorDiv(x, pos), tf.addN(List.of(x, tf.add(x, y), x)),
          tf.clipByValue(x, tf.constant(-0.5f), tf.constant(0.7f)),
          tf.cast(tf.greater(x, y), FLOAT32), tf.cast(tf.lessEqual(x, y), FLOAT32),
          tf.cast(tf.logicalAnd(tf.notEqual(x, y), tf.greaterEqual(x, y)), FLOAT32),
          tf.floorMod(in[1], tf.constant(4)), tf.cast(x, INT32));
    });
  }

  @Test
  void reductionsSoftmaxArgmax() throws Exception {
    check("reductions", (tf, in) -> {
      Output x = in[0];
      return List.of(tf.reduceSum(x), tf.reduceSum(x, 1), tf.reduceMean(x, new int[] {0}, true),
          tf.reduceMax(x, 1), tf.reduceMin(x, new int[] {0, 1}), tf.reduceProd(x, 1),
          tf.softmax(x), tf.logSoftmax(x), tf.argMax(x, 1), tf.argMin(x, 0));
    });
  }

  @Test
  void products() throws Exception {
    check("products", (tf, in) -> {
      Output x = in[0];
      Output w = tf.constant(OrtCheck.random(new Random(3), 1, 6, 5));
      Output wt = tf.constant(OrtCheck.random(new Random(4), 1, 5, 6));
      Output b = tf.constant(OrtCheck.random(new Random(5), 1, 5));
      Output x3 = tf.reshape(x, new int[] {-1, 2, 3});
      return List.of(tf.biasAdd(tf.matmul(x, w), b), tf.matmul(x, wt, false, true),
          tf.matmul(x, x, true, false),
          tf.batchMatmul(x3, x3, false, true), tf.biasTanh(tf.matmul(x, w), b),
          tf.biasSigmoid(tf.matmul(x, w), b));
    });
  }

  @Test
  void int64_constantsIndicesAndArithmetic() throws Exception {
    check("int64", (tf, in) -> {
      Output x = in[0];
      Output big = tf.constant(new long[] {5_000_000_000L, -(1L << 40), 7, 1L << 53, -3, 11});
      Output len64 = tf.cast(in[1], DType.INT64);
      return List.of(tf.gather(x, tf.constant(new long[] {5, 0, 2}), 1),
          tf.add(tf.mul(len64, tf.constant(3_000_000_000L)), tf.constant(1L)),
          tf.cast(tf.reduceSum(len64), DType.FLOAT32),
          tf.add(big, tf.cast(x, DType.INT64)),
          tf.cast(tf.greater(tf.cast(x, DType.INT64), tf.constant(0L)), DType.FLOAT32),
          tf.argMax(x, 1, DType.INT64), tf.argMin(x, 0, DType.INT64),
          tf.shape(x, DType.INT64), tf.size(x, DType.INT64), tf.rank(x, DType.INT64),
          tf.reshape(x, tf.constant(new long[] {-1, 3})),
          tf.oneHot(tf.constant(new long[] {2, 0}), 3, (1L << 60) + 1, -5, -1, DType.INT64));
    });
  }

  @Test
  void shapesAndIndexing() throws Exception {
    check("shapes", (tf, in) -> {
      Output x = in[0];
      List<Output> halves = tf.split(x, 2, 1);
      List<Output> parts = tf.split(x, new int[] {1, -1, 2}, 1);
      Output x3 = tf.reshape(x, new int[] {-1, 3, 2});
      List<Output> rows = tf.unstack(x3, 1);
      return List.of(halves.get(1), parts.get(0), parts.get(1), parts.get(2),
          tf.concat(List.of(halves.get(1), halves.get(0)), 1), tf.stack(rows, 2),
          tf.stack(rows), tf.expandDims(x, -1), tf.squeeze(tf.expandDims(x, 1), new int[] {1}),
          tf.slice(x, new int[] {0, 1}, new int[] {-1, 3}),
          tf.stridedSlice(x, all(), at(-1)), tf.stridedSlice(x, range(0, 1), range(1, 6, 2)),
          tf.stridedSlice(x3, at(0), all(), at(1)), tf.stridedSlice(x, all(), every(-1)),
          tf.stridedSlice(x, from(1), range(5, 0, -2)), tf.stridedSlice(x, upTo(-1), at(-2)),
          tf.gather(x, tf.constant(new int[] {5, 0, 2}), 1),
          tf.tile(x, new int[] {2, 1}), tf.pad(x, new int[][] {{1, 0}, {0, 2}}, 0.25),
          tf.reverse(x, new int[] {1}), tf.cast(tf.shape(x), FLOAT32),
          tf.zerosLike(x), tf.onesLike(x), tf.cast(tf.size(x), FLOAT32),
          tf.fill(tf.shape(x), tf.constant(3f)),
          tf.broadcastTo(tf.constant(OrtCheck.random(new Random(6), 1, 1, 6)), tf.shape(x)),
          tf.cast(tf.range(tf.constant(1), tf.size(x), tf.constant(2)), FLOAT32));
    });
  }

  @Test
  void feedingOneOutputOfAMultiOutputOp() throws Exception {
    // x's halves: the first is fed (it becomes the input "Split"), the second computed.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(-1, 6), "x");
    List<Output> halves = tf.split(x, 2, 1);
    Output y = tf.sub(halves.get(0), halves.get(1));
    try (Session sess = new Session(g)) {
      Random r = new Random(8);
      OrtCheck.exportAndCompare(sess, List.of(x, halves.get(0)), List.of(y), dir, "fed_half",
          List.of(List.of(OrtCheck.random(r, 1, 2, 6), OrtCheck.random(r, 1, 2, 3))));
    }
  }

  @Test
  void masksAndSelects() throws Exception {
    check("masks", (tf, in) -> {
      Output x = in[0];
      Output len = in[1];
      Output mask = tf.sequenceMask(len, 6);
      Output x3 = tf.expandDims(x, -1);
      Output rowPick = tf.greater(tf.reduceSum(x, 1), tf.constant(0f));
      return List.of(tf.select(mask, x, tf.zerosLike(x)), tf.cast(tf.sequenceMask(len), FLOAT32),
          tf.sequenceMask(len, tf.constant(6), FLOAT32), tf.select(rowPick, x, tf.neg(x)),
          tf.where(tf.greater(x, tf.constant(0f)), x, tf.zerosLike(x)),
          tf.reverseSequence(x3, len, 1, 0),
          // indices -1..5 for depth 5: TensorFlow's all-off rows for -1 and 5
          tf.oneHot(tf.sub(len, tf.constant(1)), 5),
          tf.oneHot(tf.sub(len, tf.constant(1)), 5, 2.5, -1, 0));
    });
  }
}
