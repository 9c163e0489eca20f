package dev.skein.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Sums one {@link GradientSum} per partition (keyed 0..n-1) along a fixed binary tree: keys
 * {@code 2j} and {@code 2j+1} make key {@code j} of the next level, until one is left. Each
 * addition adds exactly two values, and float addition is commutative, so the bits never depend
 * on which task finishes first (Spark's own {@code treeAggregate} and {@code reduce} merge
 * results in arrival order, which changes the last bits of a float sum run to run).
 *
 * <p>Levels with more than {@code driverLimit} values run on the executors ({@code reduceByKey}
 * into half as many partitions, one shuffle each); the rest is collected and summed by the driver
 * along the same tree, so where the tree is cut does not change the result.
 */
final class TreeSum {
  private TreeSum() {}

  static GradientSum sum(JavaPairRDD<Integer, GradientSum> perPartition, int n,
      int driverLimit) {
    JavaPairRDD<Integer, GradientSum> level = perPartition;
    int count = n;
    while (count > Math.max(1, driverLimit)) {
      count = (count + 1) / 2;
      level = level.mapToPair(t -> new Tuple2<>(t._1() / 2, t._2()))
          .reduceByKey(new HashPartitioner(count), GradientSum::add);
    }
    List<Tuple2<Integer, GradientSum>> collected = new ArrayList<>(level.collect());
    collected.sort(Comparator.comparing(Tuple2::_1));
    List<GradientSum> values = new ArrayList<>();
    for (int i = 0; i < collected.size(); i++) {
      if (collected.get(i)._1() != i) {
        throw new IllegalStateException("tree level is missing key " + i + " of " + count);
      }
      values.add(collected.get(i)._2());
    }
    return sumInOrder(values);
  }

  /** The same tree on a list: pairs (0,1), (2,3), ... level by level. */
  static GradientSum sumInOrder(List<GradientSum> values) {
    List<GradientSum> level = values;
    while (level.size() > 1) {
      List<GradientSum> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(i + 1 < level.size() ? GradientSum.add(level.get(i), level.get(i + 1))
            : level.get(i));
      }
      level = next;
    }
    return level.isEmpty() ? GradientSum.empty() : level.get(0);
  }
}
