package dev.skein.autodiff.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);
  private final Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 2), "x");
  private final Output y = tf.placeholder(DType.INT32, Shape.of(-1), "y");

  /** 10 rows: x row i is (i, 100 + i), y row i is i. */
  private Map<Output, Tensor> data() {
    float[] xs = new float[20];
    int[] ys = new int[10];
    for (int i = 0; i < 10; i++) {
      xs[2 * i] = i;
      xs[2 * i + 1] = 100 + i;
      ys[i] = i;
    }
    return Map.of(x, Tensor.wrap(DType.FLOAT32, Shape.of(10, 2), xs),
        y, Tensor.wrap(DType.INT32, Shape.of(10), ys));
  }

  private static List<Map<Output, Tensor>> list(Iterable<Map<Output, Tensor>> it) {
    List<Map<Output, Tensor>> l = new ArrayList<>();
    it.forEach(l::add);
    return l;
  }

  @Test
  void shuffled_isArraySplitOfAPermutation_rowsStayTogether() {
    DataSource s = Batches.shuffled(data(), 3, 7);
    assertEquals(3, s.batchesPerEpoch()); // 10 // 3
    List<Map<Output, Tensor>> b = list(s.batches(0));
    // np.array_split of 10 into 3: sizes 4, 3, 3
    assertEquals(List.of(4, 3, 3), b.stream().map(m -> m.get(y).shape().dim(0)).toList());
    boolean[] seen = new boolean[10];
    for (Map<Output, Tensor> m : b) {
      int[] ys = m.get(y).ints();
      float[] xs = m.get(x).floats();
      assertEquals(2, m.get(x).shape().dim(1));
      for (int i = 0; i < ys.length; i++) {
        assertEquals(ys[i], xs[2 * i], 0f);           // x's row goes with y's row
        assertEquals(100 + ys[i], xs[2 * i + 1], 0f);
        assertTrue(!seen[ys[i]], "row " + ys[i] + " twice");
        seen[ys[i]] = true;
      }
    }
    for (boolean v : seen) {
      assertTrue(v);
    }
  }

  @Test
  void shuffled_sameSeedAndEpochSameBatches_otherEpochAnotherOrder() {
    DataSource a = Batches.shuffled(data(), 3, 7);
    DataSource b = Batches.shuffled(data(), 3, 7);
    int[] a1 = list(a.batches(1)).get(0).get(y).ints();
    list(b.batches(0)); // what ran before does not matter
    assertArrayEquals(a1, list(b.batches(1)).get(0).get(y).ints());
    int[] order0 = concat(list(a.batches(0)));
    int[] order1 = concat(list(a.batches(1)));
    assertNotEquals(java.util.Arrays.toString(order0), java.util.Arrays.toString(order1));
    // the permutation is the Fisher-Yates shuffle of 0..9 with Random(7 * 1000003 + epoch)
    int[] expected = Batches.permutation(10, new java.util.Random(7 * 1_000_003L));
    assertArrayEquals(expected, order0);
  }

  private int[] concat(List<Map<Output, Tensor>> batches) {
    return batches.stream().flatMapToInt(m -> java.util.Arrays.stream(m.get(y).ints())).toArray();
  }

  @Test
  void inOrder_chunksInOrder() {
    List<Map<Output, Tensor>> c = list(Batches.inOrder(data(), 4).batches(0));
    assertEquals(3, c.size());
    assertArrayEquals(new int[] {0, 1, 2, 3}, c.get(0).get(y).ints());
    assertArrayEquals(new int[] {8, 9}, c.get(2).get(y).ints());
    assertArrayEquals(new float[] {8, 108, 9, 109}, c.get(2).get(x).floats(), 0f);
  }

  @Test
  void generated_drawsEachBatchWhenReached() {
    int[] drawn = {0};
    DataSource s = DataSource.generated(3, () -> Map.of(y, Tensor.wrap(DType.INT32, Shape.of(1),
        new int[] {drawn[0]++})));
    assertEquals(3, s.batchesPerEpoch());
    java.util.Iterator<Map<Output, Tensor>> it = s.batches(0).iterator();
    assertEquals(0, drawn[0]); // nothing drawn before it is asked for
    assertEquals(0, it.next().get(y).ints()[0]);
    assertEquals(1, drawn[0]);
    it.next();
    it.next();
    assertTrue(!it.hasNext());
    assertEquals(3, list(s.batches(1)).get(0).get(y).ints()[0]); // epoch 1 goes on: 3, 4, 5
    assertThrows(IllegalArgumentException.class, () -> DataSource.generated(0, Map::of));
  }

  @Test
  void badData_isAClearError() {
    Exception e = assertThrows(IllegalArgumentException.class, () -> Batches.shuffled(
        Map.of(x, Tensor.wrap(DType.FLOAT32, Shape.of(3, 2), new float[6]),
            y, Tensor.wrap(DType.INT32, Shape.of(2), new int[2])), 2, 0));
    assertTrue(e.getMessage().contains("different row counts"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Batches.shuffled(data(), 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Batches.inOrder(Map.of(y, Tensor.scalar(1)), 2));
  }
}
