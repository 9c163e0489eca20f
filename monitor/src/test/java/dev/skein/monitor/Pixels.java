package dev.skein.monitor;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** What a test reads from a drawn plot: where a colour is. */
final class Pixels {
  private Pixels() {}

  /** Pixels of exactly {@code c}. */
  static int count(BufferedImage img, Color c) {
    int rgb = c.getRGB() & 0xFFFFFF;
    int n = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * For each column, the lowest row (largest y) holding {@code c}, or -1: the curve's height in
   * that column when nothing else of that colour is below it (a legend sits at the top).
   */
  static int[] lowest(BufferedImage img, Color c) {
    int rgb = c.getRGB() & 0xFFFFFF;
    int[] low = new int[img.getWidth()];
    for (int x = 0; x < img.getWidth(); x++) {
      low[x] = -1;
      for (int y = img.getHeight() - 1; y >= 0; y--) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          low[x] = y;
          break;
        }
      }
    }
    return low;
  }

  /** Columns where {@link #lowest} found the colour. */
  static int columns(int[] low) {
    int n = 0;
    for (int v : low) {
      if (v >= 0) {
        n++;
      }
    }
    return n;
  }

  /** The mean of {@link #lowest} over the first (or last) {@code k} columns holding the colour. */
  static double meanOfEnd(int[] low, int k, boolean first) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < low.length && n < k; i++) {
      int x = first ? i : low.length - 1 - i;
      if (low[x] >= 0) {
        sum += low[x];
        n++;
      }
    }
    return sum / n;
  }
}
