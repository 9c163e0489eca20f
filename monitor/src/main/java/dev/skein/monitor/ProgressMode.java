package dev.skein.monitor;

import java.util.Locale;

/**
 * How progress is shown: a bar redrawn in place (a terminal), a line every 10% (logs, CI,
 * {@code > file}), or nothing.
 */
public enum ProgressMode {
  /** A one-line bar redrawn with carriage returns (me.tongfei:progressbar). */
  BAR,
  /** Plain lines, one at each tenth of the work and one at the end: for logs and CI. */
  LINES,
  /** Nothing. */
  OFF;

  /** The system property that forces a mode: {@code -Dskein.progress=bar|lines|off}. */
  public static final String PROPERTY = "skein.progress";

  /**
   * The mode for standard output: {@link #PROPERTY} if set, else {@link #BAR} when the JVM has
   * a console (standard input and output are a terminal) and {@link #LINES} when it has not
   * (output redirected to a file or a pipe, as in CI).
   */
  public static ProgressMode auto() {
    return choose(System.getProperty(PROPERTY), System.console() != null);
  }

  /** {@link #auto}'s rule, for a given property value (may be null) and terminal answer. */
  static ProgressMode choose(String property, boolean terminal) {
    if (property != null && !property.isBlank()) {
      return parse(property);
    }
    return terminal ? BAR : LINES;
  }

  /** {@code bar}, {@code lines} or {@code off}, any case; anything else is a clear error. */
  public static ProgressMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("progress mode must be bar, lines or off, got '"
          + text + "'");
    }
  }
}
