package dev.skein.monitor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line plot written as a PNG, drawn by XChart: titled axes, one coloured line per series,
 * dashed horizontal reference lines, and a legend. Loss curves and time series.
 */
public final class LinePlot {
  /** The series colours, in order (matplotlib's first ones). */
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};
  private static final Color[] GRAYS = {new Color(0x555555), new Color(0x888888),
      new Color(0xaaaaaa)};

  private record Series(String name, double[] xs, double[] ys, boolean markers) {}

  private record Reference(String name, double y) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private Double yMin;
  private Double yMax;

  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a line through (xs[i], ys[i]); points that are not finite are skipped. */
  public LinePlot add(String name, double[] xs, double[] ys) {
    return add(name, xs, ys, false);
  }

  /** Adds a line, with a dot at each point if {@code markers}. */
  public LinePlot add(String name, double[] xs, double[] ys, boolean markers) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("series '" + name + "' has " + xs.length + " x values"
          + " and " + ys.length + " y values");
    }
    for (Series s : series) {
      if (s.name().equals(name)) {
        throw new IllegalArgumentException("the plot already has a series '" + name + "'");
      }
    }
    series.add(new Series(name, xs.clone(), ys.clone(), markers));
    return this;
  }

  /** Adds a line through (i, ys[i]). */
  public LinePlot add(String name, double[] ys) {
    double[] xs = new double[ys.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i;
    }
    return add(name, xs, ys);
  }

  /** A dashed horizontal line at {@code y}, named in the legend. */
  public LinePlot reference(String name, double y) {
    references.add(new Reference(name, y));
    return this;
  }

  /** Fixes the y range instead of fitting it to the data. */
  public LinePlot yRange(double min, double max) {
    if (!(min < max)) {
      throw new IllegalArgumentException("yRange needs min < max, got " + min + ", " + max);
    }
    this.yMin = min;
    this.yMax = max;
    return this;
  }

  /** Draws the plot at 900x540 and writes it as a PNG. */
  public void writePng(Path file) throws IOException {
    writePng(file, 900, 540);
  }

  public void writePng(Path file, int width, int height) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (var out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart(width, height), out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  /** Draws the plot. */
  public BufferedImage render(int width, int height) {
    return BitmapEncoder.getBufferedImage(chart(width, height));
  }

  /**
   * The y axis's number format: as many decimals as ticks about an eighth of the range apart
   * need, the same for every tick (XChart's default drops trailing zeros, so ticks read "2.8,
   * 3, 3.2", and pads short labels, so they do not line up).
   */
  String yDecimalPattern() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double y : s.ys()) {
        if (Double.isFinite(y)) {
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
    }
    for (Reference r : references) {
      lo = Math.min(lo, r.y());
      hi = Math.max(hi, r.y());
    }
    if (yMin != null) {
      lo = yMin;
      hi = yMax;
    }
    return decimalPattern(lo, hi);
  }

  /** A pattern with the decimals ticks about (hi - lo) / 8 apart need (0 to 8). */
  static String decimalPattern(double lo, double hi) {
    double range = hi - lo;
    if (!(range > 0) || !Double.isFinite(range)) {
      range = Math.max(Math.abs(hi), 1e-300);
    }
    int decimals = (int) Math.ceil(-Math.log10(range / 8));
    decimals = Math.max(0, Math.min(8, decimals));
    return decimals == 0 ? "#,##0" : "0." + "0".repeat(decimals);
  }

  private XYChart chart(int width, int height) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    var st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xeeeeee));
    st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setLegendVisible(!series.isEmpty() || !references.isEmpty());
    st.setAntiAlias(true);
    if (yMin != null) {
      st.setYAxisMin(yMin);
      st.setYAxisMax(yMax);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int j = 0; j < s.xs().length; j++) {
        if (Double.isFinite(s.xs()[j]) && Double.isFinite(s.ys()[j])) {
          xs.add(s.xs()[j]);
          ys.add(s.ys()[j]);
          lo = Math.min(lo, s.xs()[j]);
          hi = Math.max(hi, s.xs()[j]);
        }
      }
      if (xs.isEmpty()) {
        continue; // XChart refuses an empty series; a series with no finite point draws nothing
      }
      XYSeries xy = c.addSeries(s.name(), xs, ys);
      xy.setLineColor(PALETTE[i % PALETTE.length]);
      xy.setMarkerColor(PALETTE[i % PALETTE.length]);
      xy.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      xy.setMarker(s.markers() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    st.setYAxisDecimalPattern(yDecimalPattern());
    for (int i = 0; i < references.size(); i++) {
      Reference r = references.get(i);
      XYSeries xy = c.addSeries(r.name(), new double[] {lo, hi}, new double[] {r.y(), r.y()});
      xy.setLineColor(GRAYS[i % GRAYS.length]);
      xy.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {7f, 5f}, 0f));
      xy.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }
}
