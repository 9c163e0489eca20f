package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.ops.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Sizes past what a Java array holds fail with a clear error, at build time when the shape is
 * static and before any allocation at run time, never with NegativeArraySizeException,
 * OutOfMemoryError or a silently wrapped size.
 */
class SizeLimitsTest {
  private static final int BIG = 100_000;

  @Test
  void tensorsAndShapes_refuseCountsOverIntMax() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(DType.FLOAT32, Shape.of(BIG, BIG)));
    assertTrue(e.getMessage().contains("shape (100000, 100000) has more than 2147483647"
        + " elements"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Tensor.wrap(DType.FLOAT32, Shape.of(65536, 65536), new float[0]));
  }

  @Test
  void staticShapesTooLarge_failAtBuildTime_atTheUsersLine() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(BIG, 0), "x");
    Output y = tf.placeholder(DType.FLOAT32, Shape.of(0, BIG), "y");
    OpException e = assertThrows(OpException.class, () -> tf.matmul(x, y));
    assertTrue(e.getMessage().contains("more than 2147483647 elements"), e.getMessage());
    assertTrue(e.getMessage().contains("SizeLimitsTest.java"), e.getMessage());
    OpException f = assertThrows(OpException.class,
        () -> tf.placeholder(DType.FLOAT32, Shape.of(BIG, BIG), "p"));
    assertTrue(f.getMessage().contains("output 0 (float32 (100000, 100000)) would have more than"
        + " 2147483647 elements"), f.getMessage());
  }

  @Test
  void runTimeShapesTooLarge_failBeforeAllocating() {
    Map<String, Function<Ops, Output>> cases = new LinkedHashMap<>();
    cases.put("Fill", tf -> tf.fill(feedInts(tf, "d", BIG, BIG), tf.constant(1f)));
    cases.put("Tile", tf -> tf.tile(tf.constant(new float[][] {{1}}), feedInts(tf, "m", BIG,
        BIG)));
    cases.put("BroadcastTo", tf -> tf.broadcastTo(tf.constant(1f), feedInts(tf, "s", BIG,
        BIG)));
    cases.put("RandomNormal", tf -> tf.randomNormal(feedInts(tf, "s", BIG, BIG), 0, 1,
        DType.FLOAT32, null));
    cases.put("OneHot", tf -> tf.oneHot(feedInts(tf, "i", new int[BIG]), BIG));
    cases.put("SequenceMask", tf -> tf.sequenceMask(feedInts(tf, "l", new int[BIG]),
        scalar(tf, BIG), DType.FLOAT32));
    cases.put("MatMul", tf -> tf.matmul(zeros(tf, "a", BIG, 0), zeros(tf, "b", 0, BIG)));
    cases.put("ScatterNd", tf -> tf.scatterNd(tf.constant(new int[][] {{0, 0}}),
        tf.constant(new float[] {1}), feedInts(tf, "s", BIG, BIG)));
    cases.put("Range", tf -> tf.range(scalar(tf, -2_000_000_000), scalar(tf, 2_000_000_000),
        tf.constant(1)));
    cases.put("Pad", tf -> tf.pad(tf.constant(new float[][] {{1}}), feedInts2(tf), 0));
    java.util.List<String> bad = new java.util.ArrayList<>();
    cases.forEach((name, build) -> {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output out = build.apply(tf);
      try (Session s = new Session(g)) {
        Session.Runner r = s.runner().fetch(out);
        feeds.forEach(r::feed);
        try {
          r.run();
          bad.add(name + ": ran");
        } catch (OpException e) {
          if (!e.getMessage().contains("more than 2147483647 elements")
              && !e.getMessage().contains("range of 4.0E9 values is too long")) {
            bad.add(name + ": " + e.getMessage());
          }
        } catch (Throwable t) {
          bad.add(name + ": " + t);
        }
      } finally {
        feeds.clear();
      }
    });
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }

  private final Map<Output, Tensor> feeds = new LinkedHashMap<>();

  private Output feedInts(Ops tf, String name, int... values) {
    Output p = tf.placeholder(DType.INT32, Shape.of(-1), name + feeds.size());
    feeds.put(p, Tensor.of(values));
    return p;
  }

  private Output feedInts2(Ops tf) {
    Output p = tf.placeholder(DType.INT32, Shape.of(2, 2), "pad");
    feeds.put(p, Tensor.of(new int[][] {{BIG, BIG}, {BIG, BIG}}));
    return p;
  }

  private Output scalar(Ops tf, int v) {
    Output p = tf.placeholder(DType.INT32, Shape.scalar(), "n" + feeds.size());
    feeds.put(p, Tensor.scalar(v));
    return p;
  }

  private Output zeros(Ops tf, String name, int rows, int cols) {
    Output p = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1), name);
    feeds.put(p, Tensor.zeros(DType.FLOAT32, Shape.of(rows, cols)));
    return p;
  }

  @Test
  void feedLargerThanThePlaceholderAllows_isRefusedBeforeTheRun() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(10), "x");
    Output y = tf.mul(x, x);
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class, () -> s.runner()
          .feed(x, Tensor.zeros(DType.FLOAT32, Shape.of(10_000_000))).fetch(y).run());
      assertTrue(e.getMessage().contains("cannot feed a tensor of shape (10000000,) to x:0,"
          + " which has shape (10,)"), e.getMessage());
      assertTrue(s.numCachedPlans() == 0);
    }
  }
}
