package dev.skein.core.io;

import dev.skein.core.SkeinException;

/**
 * A graph file that cannot be read (malformed text, an unknown op type, a value out of range, an
 * op whose recorded inputs its shape rule refuses, a size over a limit) or a graph that cannot be
 * written (an op type or attribute the format has no notation for). The message starts with
 * {@code graph file line N:} when a line is at fault ({@code graph file PATH line N:} when read
 * from a file); {@link #line()} returns N (0 when none).
 */
public class GraphFormatException extends SkeinException {
  private final int line;
  private final String detail;

  public GraphFormatException(int line, String message, Throwable cause) {
    super(line > 0 ? "graph file line " + line + ": " + message : message, cause);
    this.line = line;
    this.detail = message;
  }

  private GraphFormatException(java.nio.file.Path file, int line, String detail,
      GraphFormatException cause) {
    super("graph file " + file + (line > 0 ? " line " + line : "") + ": " + detail, cause);
    this.line = line;
    this.detail = detail;
  }

  /** The same error, its message naming the file it was read from. */
  GraphFormatException inFile(java.nio.file.Path file) {
    return new GraphFormatException(file, line, detail, this);
  }

  public GraphFormatException(int line, String message) {
    this(line, message, null);
  }

  /** The 1-based line at fault, or 0. */
  public int line() {
    return line;
  }
}
