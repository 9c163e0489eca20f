package dev.skein.examples.util;

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
  void writePng_readableImageWithTheSeriesColour() throws IOException {
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
    int series = LinePlot.PALETTE[0].getRGB() & 0xFFFFFF;
    int hits = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == series) {
          hits++;
        }
      }
    }
    assertTrue(hits > 200, "pixels of the series colour: " + hits);
  }

  @Test
  void nonFiniteAndEmptySeries_stillDraw() throws IOException {
    Path file = dir.resolve("gaps.png");
    new LinePlot("t", "x", "y").add("gappy", new double[] {1, Double.NaN, 3, 2})
        .add("empty", new double[0]).yRange(0, 4).writePng(file, 320, 200);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(320, img.getWidth());
  }

  @Test
  void add_mismatchedLengths_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> new LinePlot("t", "x", "y").add("s", new double[2], new double[3]));
  }
}
