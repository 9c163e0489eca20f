package dev.skein.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  @TempDir
  Path dir;

  @Test
  void writePng_decodes_sizeAsAsked_curveFallsLeftToRight() throws IOException {
    double[] ys = new double[100];
    for (int i = 0; i < ys.length; i++) {
      ys[i] = 0.7 * Math.exp(-i / 30.0) + 0.45;
    }
    Path file = dir.resolve("sub/loss.png");
    new LinePlot("loss", "step", "cross-entropy").add("training loss", ys)
        .reference("learns both (0.45)", 0.4544).writePng(file, 640, 400);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(640, img.getWidth());
    assertEquals(400, img.getHeight());
    assertTrue(Pixels.count(img, LinePlot.PALETTE[0]) > 200);
    int[] low = Pixels.lowest(img, LinePlot.PALETTE[0]);
    // the curve spans most of the width (the plot area is about 85% of it)
    assertTrue(Pixels.columns(low) > 0.6 * 640, "columns: " + Pixels.columns(low));
    // a falling loss: its left end is drawn higher (smaller y) than its right end, by most of
    // the plot's height (0.7 of a range of about 0.72)
    double left = Pixels.meanOfEnd(low, 20, true);
    double right = Pixels.meanOfEnd(low, 20, false);
    assertTrue(right - left > 0.5 * 400 * 0.7, "left " + left + ", right " + right);
  }

  @Test
  void nonFiniteAndEmptySeries_stillDraw() throws IOException {
    Path file = dir.resolve("gaps.png");
    new LinePlot("t", "x", "y").add("gappy", new double[] {1, Double.NaN, 3, 2})
        .add("empty", new double[0]).yRange(0, 4).writePng(file, 320, 200);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(320, img.getWidth());
    assertEquals(200, img.getHeight());
    assertTrue(Pixels.count(img, LinePlot.PALETTE[0]) > 20);
  }

  @Test
  void badInput_isAClearError() {
    assertThrows(IllegalArgumentException.class,
        () -> new LinePlot("t", "x", "y").add("s", new double[2], new double[3]));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new LinePlot("t", "x", "y").add("s", new double[2]).add("s", new double[2]));
    assertTrue(twice.getMessage().contains("'s'"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LinePlot("t", "x", "y").yRange(1, 1));
  }

  /** Every y tick gets the same decimals, as many as ticks an eighth of the range apart need. */
  @Test
  void yTicks_haveTheDecimalsTheirSpacingNeeds() {
    // a loss from 0.23 to 3.47: ticks 0.2 apart, one decimal ("3.0", not "3")
    LinePlot loss = new LinePlot("t", "epoch", "loss").add("loss", new double[] {1.67, 0.30, 0.23})
        .reference("chance", 5 * Math.log(2));
    assertEquals("0.0", loss.yDecimalPattern());
    // range 0.004: (0.004 / 8) = 0.0005 -> four decimals; range 800: none
    assertEquals("0.0000", LinePlot.decimalPattern(0.001, 0.005));
    assertEquals("#,##0", LinePlot.decimalPattern(100, 900));
    // accuracy pinned to [0, 1] by yRange: ticks 0.1 apart -> 0.125 -> one decimal
    assertEquals("0.0", new LinePlot("t", "x", "y").add("a", new double[] {0.5, 0.6})
        .yRange(0, 1).yDecimalPattern());
    // one flat value: its own magnitude decides; nothing finite: no decimals, no failure
    assertEquals("0.0", LinePlot.decimalPattern(2, 2));
    assertEquals("#,##0", LinePlot.decimalPattern(Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY));
  }
}
