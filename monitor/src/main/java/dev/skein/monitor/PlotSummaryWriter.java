package dev.skein.monitor;

import dev.skein.autodiff.summary.SummaryWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SummaryWriter} that draws scalar summaries as PNG line plots (XChart), the picture
 * half of TensorBoard's scalars tab: each tag is a curve of its value against the step, in
 * {@code DIR/TAG.png} ({@code /} in a tag becomes {@code _}: {@code val/accuracy} goes to
 * {@code val_accuracy.png}). {@link #group} draws several tags in one picture instead (a
 * training and a validation loss). The pictures are redrawn at each {@link #flush} (a
 * {@link dev.skein.autodiff.train.SummaryListener} flushes after every epoch) and at
 * {@link #close}. Use it beside a {@link dev.skein.autodiff.summary.CsvSummaryWriter}
 * ({@link SummaryWriter#tee}) to keep the numbers too. Not thread-safe.
 */
public final class PlotSummaryWriter implements SummaryWriter {
  private final Path dir;
  private final int width;
  private final int height;
  private final Map<String, List<double[]>> points = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private final Map<String, String> groupOf = new LinkedHashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();

  /** Pictures of 800 x 450 pixels in {@code dir}. */
  public PlotSummaryWriter(Path dir) {
    this(dir, 800, 450);
  }

  public PlotSummaryWriter(Path dir, int width, int height) {
    this.dir = dir;
    this.width = width;
    this.height = height;
  }

  /**
   * Draws {@code tags} together in {@code DIR/NAME.png}; a tag belongs to one group at most.
   * Call before the first value of any of them.
   */
  public PlotSummaryWriter group(String name, String... tags) {
    if (tags.length == 0 || groups.containsKey(name)) {
      throw new IllegalArgumentException("group '" + name + "' needs tags and a new name");
    }
    for (String t : tags) {
      if (groupOf.containsKey(t)) {
        throw new IllegalArgumentException("tag '" + t + "' is already in group '"
            + groupOf.get(t) + "'");
      }
      groupOf.put(t, name);
    }
    groups.put(name, List.of(tags));
    return this;
  }

  /** The picture a tag is drawn in. */
  public Path fileOf(String tag) {
    return dir.resolve(groupOf.getOrDefault(tag, tag).replace('/', '_') + ".png");
  }

  @Override
  public void addScalar(String tag, double value, long step) {
    if (tag == null || tag.isEmpty()) {
      throw new IllegalArgumentException("a summary tag must not be empty");
    }
    points.computeIfAbsent(tag, k -> new ArrayList<>()).add(new double[] {step, value});
    dirty.add(groupOf.getOrDefault(tag, tag));
  }

  @Override
  public void flush() {
    for (String picture : dirty) {
      List<String> tags = groups.getOrDefault(picture, List.of(picture));
      LinePlot plot = new LinePlot(picture, "step", tags.size() == 1 ? tags.get(0) : "value");
      for (String t : tags) {
        List<double[]> p = points.getOrDefault(t, List.of());
        double[] xs = new double[p.size()];
        double[] ys = new double[p.size()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = p.get(i)[0];
          ys[i] = p.get(i)[1];
        }
        plot.add(t, xs, ys, xs.length <= 50);
      }
      Path file = dir.resolve(picture.replace('/', '_') + ".png");
      try {
        plot.writePng(file, width, height);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write summary plot " + file, e);
      }
    }
    dirty.clear();
  }

  @Override
  public void close() {
    flush();
  }
}
