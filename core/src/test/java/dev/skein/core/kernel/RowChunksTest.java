package dev.skein.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Column sums by fixed row chunks: the chunk-order formula, whatever the threads. */
class RowChunksTest {
  @Test
  void columnSums_areTheChunkOrderFormula_withAnyThreadCount_inParallelOrNot() {
    int threads = Parallel.threads();
    try {
      for (int[] shape : new int[][] {{1, 5}, {16, 7}, {17, 7}, {150, 600}, {5000, 3},
          {40, 100_000}}) {
        int rows = shape[0];
        int width = shape[1];
        Random rnd = new Random(rows + width);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        int chunks = RowChunks.count(rows, width);
        assertTrue(chunks >= 1 && chunks <= RowChunks.MAX_CHUNKS
            && (long) (chunks - 1) * width <= RowChunks.MAX_PARTIAL_FLOATS, "chunks " + chunks);
        // By hand: each chunk's rows summed in order from 0, the chunks' sums added in order.
        float[] want = new float[width];
        for (int ch = 0; ch < chunks; ch++) {
          for (int j = 0; j < width; j++) {
            float s = 0f;
            for (int r = RowChunks.start(rows, chunks, ch); r < RowChunks.start(rows, chunks,
                ch + 1); r++) {
              s += x[r * width + j];
            }
            want[j] = ch == 0 ? s : want[j] + s;
          }
        }
        for (int t : new int[] {1, 2, 3}) {
          Parallel.setThreads(t);
          for (boolean parallel : new boolean[] {false, true}) {
            float[] got = new float[width + 1];
            got[width] = 7f;
            RowChunks.sum(rows, width, parallel, got, (ch, r0, r1, sum) -> {
              for (int r = r0; r < r1; r++) {
                for (int j = 0; j < width; j++) {
                  sum[j] += x[r * width + j];
                }
              }
            });
            for (int j = 0; j < width; j++) {
              assertEquals(Float.floatToIntBits(want[j]), Float.floatToIntBits(got[j]),
                  rows + "x" + width + " column " + j + ", " + t + " threads");
            }
            assertEquals(7f, got[width], 0f, "wrote past the width");
          }
        }
      }
    } finally {
      Parallel.setThreads(threads);
    }
  }
}
