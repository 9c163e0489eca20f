package dev.skein.monitor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a loop of known length, shown as {@link ProgressMode} says: a bar redrawn in
 * place by me.tongfei:progressbar on a terminal, or, in logs, one line at each tenth of the
 * work and one at the end ({@code echo task  40%  400/1000  loss 0.3121  0:12}), so a
 * redirected run prints a dozen lines instead of thousands of carriage-return redraws.
 * {@link #log} prints a line of its own (above the bar on a terminal). A total of -1 means
 * unknown: the bar shows no percentage, and lines mode prints only the end. Not thread-safe.
 */
public abstract class Progress implements AutoCloseable {
  final String label;
  final long total;
  long done;
  String status = "";
  boolean finished;

  Progress(String label, long total) {
    if (total < -1) {
      throw new IllegalArgumentException("progress total must be >= 0 (or -1: unknown), got "
          + total);
    }
    this.label = label == null ? "" : label;
    this.total = total;
  }

  /** Progress on {@code out} in the mode {@link ProgressMode#auto()} picks. */
  public static Progress create(String label, long total, PrintStream out) {
    return create(label, total, out, ProgressMode.auto());
  }

  /** Progress on {@code out} in {@code mode}. */
  public static Progress create(String label, long total, PrintStream out, ProgressMode mode) {
    switch (mode) {
      case BAR:
        return new Bar(label, total, out);
      case LINES:
        return new Lines(label, total, out, System::nanoTime);
      default:
        return silent(total);
    }
  }

  /** Line mode with an explicit clock (nanoseconds), for tests. */
  static Progress lines(String label, long total, PrintStream out, LongSupplier nanoClock) {
    return new Lines(label, total, out, nanoClock);
  }

  /** Progress that prints nothing. */
  public static Progress silent(long total) {
    return new Lines("", total, null, System::nanoTime);
  }

  /** One more step done. */
  public void step() {
    step(1, null);
  }

  /** {@code n} more steps done; {@code newStatus} (null keeps the old) follows the count. */
  public void step(long n, String newStatus) {
    if (n < 0) {
      throw new IllegalArgumentException("progress steps must be >= 0, got " + n);
    }
    long before = done;
    done = total < 0 ? done + n : Math.min(total, done + n);
    if (newStatus != null) {
      status = newStatus;
    }
    advanced(before);
  }

  /** Steps done so far. */
  public long done() {
    return done;
  }

  /** Prints {@code line} on a line of its own (above the bar on a terminal). */
  public abstract void log(String line);

  /** Ends the progress, replacing the status with {@code summary} unless it is null. */
  public void finish(String summary) {
    if (finished) {
      return;
    }
    finished = true;
    if (summary != null) {
      status = summary;
    }
    ended();
  }

  /** {@link #finish} without a summary. */
  @Override
  public void close() {
    finish(null);
  }

  abstract void advanced(long before);

  abstract void ended();

  /** m:ss, or h:mm:ss from an hour on. */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** A bar redrawn in place, by me.tongfei:progressbar (its redraw thread, 5 times a second). */
  private static final class Bar extends Progress {
    private final PrintStream out;
    private final ConsoleProgressBarConsumer consumer;
    private final ProgressBar bar;

    Bar(String label, long total, PrintStream out) {
      super(label, total);
      this.out = out;
      this.consumer = new ConsoleProgressBarConsumer(out);
      this.bar = new ProgressBarBuilder().setTaskName(this.label).setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setConsumer(consumer)
          .build();
    }

    @Override
    void advanced(long before) {
      bar.stepTo(done);
      bar.setExtraMessage(status);
    }

    @Override
    public void log(String line) {
      // wipe the bar's line, print ours; the bar redraws below it at its next refresh
      out.print("\r" + " ".repeat(Math.max(0, consumer.getMaxRenderedLength())) + "\r");
      out.println(line);
      out.flush();
      bar.refresh();
    }

    @Override
    void ended() {
      bar.setExtraMessage(status);
      bar.close();
      out.flush();
    }
  }

  /** A line at each tenth of the total and at the end; nothing if {@code out} is null. */
  private static final class Lines extends Progress {
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long lastPrinted = -1;

    Lines(String label, long total, PrintStream out, LongSupplier clock) {
      super(label, total);
      this.out = out;
      this.clock = clock;
      this.start = clock.getAsLong();
    }

    @Override
    void advanced(long before) {
      // print when a tenth boundary (10%, 20%, ..., 90%) was crossed by this step
      if (total > 0 && done < total && done * 10 / total > before * 10 / total) {
        print();
      }
    }

    @Override
    public void log(String line) {
      if (out != null) {
        out.println(line);
        out.flush();
      }
    }

    @Override
    void ended() {
      if (lastPrinted != done || done == 0) {
        print();
      }
    }

    private void print() {
      lastPrinted = done;
      if (out == null) {
        return;
      }
      out.println(line(label, done, total, status,
          Duration.ofNanos(clock.getAsLong() - start).toMillis() / 1e3));
      out.flush();
    }
  }

  /** The text of one progress line: {@code label  40%  400/1000  status  0:12}. */
  static String line(String label, long done, long total, String status, double seconds) {
    StringBuilder b = new StringBuilder();
    if (!label.isEmpty()) {
      b.append(label).append("  ");
    }
    if (total < 0) {
      b.append(done);
    } else {
      int percent = total == 0 ? 100 : (int) (done * 100 / total);
      b.append(String.format(Locale.ROOT, "%3d%%  %d/%d", percent, done, total));
    }
    if (status != null && !status.isEmpty()) {
      b.append("  ").append(status);
    }
    return b.append("  ").append(clock(seconds)).toString();
  }
}
