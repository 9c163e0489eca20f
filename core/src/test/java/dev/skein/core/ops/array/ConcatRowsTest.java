package dev.skein.core.ops.array;

import static dev.skein.core.testing.ArrayTesting.iota;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Parallel;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concatenations large enough to copy their rows on several threads (ArrayCopies.concatRows):
 * every element where the index arithmetic puts it, with 1, 2 and 3 threads, including rows
 * that do not split evenly and a single outer row that cannot be split.
 */
class ConcatRowsTest {
  /** Element (r, col) of concat([a, b, c], axis 1) over [rows, wa], [rows, wb], [rows, wc]. */
  private static double expected(int r, int col, int wa, int wb, int wc) {
    if (col < wa) {
      return r * wa + col;
    } else if (col < wa + wb) {
      return 100_000 + r * wb + (col - wa);
    }
    return 200_000 + r * wc + (col - wa - wb);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64", "INT32"})
  void concatAlongColumns_everyElementWithAnyThreadCount(DType dt) {
    int rows = 151;
    int wa = 28;
    int wb = 150;
    int wc = 3;
    int previous = Parallel.threads();
    try {
      for (int threads = 1; threads <= 3; threads++) {
        Parallel.setThreads(threads);
        Graph g = new Graph();
        Ops tf = Ops.create(g);
        Output a = tf.constant(iota(dt, rows, wa));
        Output b = tf.add(tf.constant(iota(dt, rows, wb)), scalar(tf, dt, 100_000));
        Output c = tf.add(tf.constant(iota(dt, rows, wc)), scalar(tf, dt, 200_000));
        Tensor out;
        try (Session s = new Session(g)) {
          out = s.run(tf.concat(List.of(a, b, c), 1));
        }
        int w = wa + wb + wc;
        assertEquals(Shape.of(rows, w), out.shape());
        double[] want = new double[rows * w];
        for (int r = 0; r < rows; r++) {
          for (int col = 0; col < w; col++) {
            want[r * w + col] = expected(r, col, wa, wb, wc);
          }
        }
        assertArrayEquals(want, out.toDoubleArray(), 0, dt + ", " + threads + " threads");
      }
    } finally {
      Parallel.setThreads(previous);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void concatOfInnerBlocksAndOfOneOuterRow(DType dt) {
    int previous = Parallel.threads();
    try {
      Parallel.setThreads(2);
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      // [5, 2, 2000] and [5, 1, 2000] along axis 1: 5 outer rows of 4,000 and 2,000 elements.
      Output a = tf.constant(iota(dt, 5, 2, 2000));
      Output b = tf.add(tf.constant(iota(dt, 5, 1, 2000)), scalar(tf, dt, -50_000));
      // One outer row: rank-1 inputs along axis 0.
      Output p = tf.constant(iota(dt, 20_000));
      Output q = tf.add(tf.constant(iota(dt, 9_000)), scalar(tf, dt, 0.5));
      List<Tensor> out;
      try (Session s = new Session(g)) {
        out = s.runner().fetch(tf.concat(List.of(a, b), 1)).fetch(tf.concat(List.of(p, q), 0))
            .run();
      }
      double[] blocks = out.get(0).toDoubleArray();
      assertEquals(Shape.of(5, 3, 2000), out.get(0).shape());
      for (int o = 0; o < 5; o++) {
        for (int i = 0; i < 3; i++) {
          for (int k = 0; k < 2000; k++) {
            double want = i < 2 ? (o * 2 + i) * 2000 + k : o * 2000 + k - 50_000;
            assertEquals(want, blocks[(o * 3 + i) * 2000 + k], 0, dt + " at " + o + "," + i
                + "," + k);
          }
        }
      }
      double[] row = out.get(1).toDoubleArray();
      assertEquals(29_000, row.length);
      for (int i = 0; i < row.length; i++) {
        assertEquals(i < 20_000 ? i : i - 20_000 + 0.5, row[i], 0, dt + " at " + i);
      }
    } finally {
      Parallel.setThreads(previous);
    }
  }

  private static Output scalar(Ops tf, DType dt, double v) {
    return switch (dt) {
      case FLOAT32 -> tf.constant((float) v);
      case FLOAT64 -> tf.constant(v);
      default -> tf.constant((int) v);
    };
  }
}
