package dev.skein.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skein.autodiff.train.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  /** Drives the listener as a Trainer does: losses 1, 2, 3, ... batch after batch. */
  private List<String> run(ProgressMode mode, int epochs, int perEpoch) {
    return run(new ProgressListener(out, mode, () -> now), epochs, perEpoch);
  }

  private List<String> run(ProgressListener l, int epochs, int perEpoch) {
    l.onFitStart(epochs, perEpoch);
    List<Double> epochLosses = new ArrayList<>();
    int k = 0;
    for (int e = 0; e < epochs; e++) {
      now = 0;
      l.onEpochStart(e);
      double sum = 0;
      for (int b = 0; b < perEpoch; b++) {
        k++;
        sum += k;
        now += 500_000_000L;
        l.onBatchEnd(e, b, k);
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("accuracy", 0.5 + e / 10.0);
      epochLosses.add(sum / perEpoch);
      l.onEpochEnd(e, sum / perEpoch, metrics);
    }
    l.onFitEnd(new History(List.of(), epochLosses, Map.of(), epochs, false, -1, List.of()));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void lines_onePerEpoch_whenTenthsFallOnEpochEnds() {
    List<String> lines = run(ProgressMode.LINES, 10, 4);
    // 10 epochs: every tenth of the training is an epoch's end, so one line per epoch
    assertEquals(10, lines.size(), String.join("\n", lines));
    // epoch 1: losses 1..4, mean 2.5; 4 batches of 0.5 s
    assertEquals("epoch 1/10  loss 2.5000  accuracy 0.5000  2.0 s", lines.get(0));
    // epoch 10: losses 37..40, mean 38.5
    assertEquals("epoch 10/10  loss 38.5000  accuracy 1.4000  2.0 s", lines.get(9));
    assertFalse(String.join("\n", lines).contains("\r"));
  }

  @Test
  void lines_oneLongEpoch_showsEachTenthInside() {
    List<String> lines = run(ProgressMode.LINES, 1, 20);
    // tenths at batches 2, 4, ..., 18 inside the epoch, then the epoch's line
    assertEquals(10, lines.size(), String.join("\n", lines));
    // after batch 2: losses 1, 2 -> running mean 1.5, at 1 s
    assertEquals("epoch 1/1   10%  2/20  loss 1.5000  0:01", lines.get(0));
    assertEquals("epoch 1/1   90%  18/20  loss 9.5000  0:09", lines.get(8));
    assertEquals("epoch 1/1  loss 10.5000  accuracy 0.5000  10.0 s", lines.get(9));
  }

  @Test
  void off_printsNothing() {
    assertEquals(List.of(), run(ProgressMode.OFF, 3, 5));
  }

  @Test
  void epochMetrics_followTheValidationMetrics_onTheEpochsLine() {
    ProgressListener l = new ProgressListener(out, ProgressMode.LINES, () -> now)
        .withEpochMetrics(e -> Map.of("last batch accuracy", 0.25 * (e + 1)));
    List<String> lines = run(l, 2, 10);
    // 2 epochs of 10: tenths at batches 2, 4, ..., 8 of each epoch's 10, then its line
    assertEquals("epoch 1/2  loss 5.5000  accuracy 0.5000  last batch accuracy 0.2500  5.0 s",
        lines.get(4));
    assertEquals("epoch 2/2  loss 15.5000  accuracy 0.6000  last batch accuracy 0.5000  5.0 s",
        lines.get(9));
    assertEquals(10, lines.size(), String.join("\n", lines));
  }
}
