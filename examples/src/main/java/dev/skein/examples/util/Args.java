package dev.skein.examples.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options an example program was given, parsed by picocli from the program's {@link
 * Command} ({@code --name value}, {@code --name=value}, bare {@code --flag}s, positional
 * arguments, {@code --help}). Only the options given are kept, so a program reading an option
 * another program's command parsed (the {@code Demo} hands its options to every stop) falls back
 * to its own default.
 *
 * <p>Common options: {@code --out DIR} (graphs and plots, default {@code target/graphs}),
 * {@code --seed N}, and where a program trains {@code --full} (the notebook's full-length
 * training instead of the tour's short one) and {@code --progress bar|lines|off}.
 */
public final class Args {
  final Map<String, String> values = new HashMap<>();
  final List<String> positional = new ArrayList<>();

  Args() {}

  /** A program's command line: its name, what it does, and its options. */
  public static Command command(String name, String... description) {
    return new Command(name, true, description);
  }

  /** The command line of a program that only prints: no {@code --out}. */
  public static Command printingCommand(String name, String... description) {
    return new Command(name, false, description);
  }

  public boolean flag(String name) {
    String v = values.get(name);
    return v != null && !v.equals("false");
  }

  public String value(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  public int intValue(String name, int defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
    }
  }

  public long longValue(String name, long defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs an integer, got '" + v + "'");
    }
  }

  /** Where graphs and plots go: {@code --out}, default {@code target/graphs}. */
  public Path outDir() {
    return Path.of(value("out", "target/graphs"));
  }

  /** True with {@code --full}: the notebook's full training. */
  public boolean full() {
    return flag("full");
  }

  /** A copy with {@code name} set to {@code value} unless it was given. */
  public Args withDefault(String name, String value) {
    Args a = copy();
    a.values.putIfAbsent(name, value);
    return a;
  }

  /** A copy with {@code name} set to {@code value}. */
  public Args with(String name, String value) {
    Args a = copy();
    a.values.put(name, value);
    return a;
  }

  private Args copy() {
    Args a = new Args();
    a.values.putAll(values);
    a.positional.addAll(positional);
    return a;
  }

  public List<String> positional() {
    return List.copyOf(positional);
  }
}
