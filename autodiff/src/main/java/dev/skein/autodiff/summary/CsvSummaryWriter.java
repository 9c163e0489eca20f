package dev.skein.autodiff.summary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link SummaryWriter} to a CSV file with the header {@code step,tag,value} and one line per
 * scalar ({@code 12,loss,0.4817...}); the value is Java's shortest round-trip decimal form, so a
 * reader gets the double back exactly. The file is created (with its directories) and truncated,
 * or appended to with {@code append}. Tags are letters, digits and {@code _ . / -}, so no field
 * needs quoting. Not thread-safe.
 */
public final class CsvSummaryWriter implements SummaryWriter {
  /** The first line of every file. */
  public static final String HEADER = "step,tag,value";
  private final Path file;
  private final BufferedWriter out;

  public CsvSummaryWriter(Path file) {
    this(file, false);
  }

  public CsvSummaryWriter(Path file, boolean append) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
      out = append
          ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)
          : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      if (header) {
        out.write(HEADER);
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open summary file " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void addScalar(String tag, double value, long step) {
    Summaries.checkTag(tag);
    try {
      out.write(step + "," + tag + "," + value);
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write summary file " + file, e);
    }
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write summary file " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close summary file " + file, e);
    }
  }
}
