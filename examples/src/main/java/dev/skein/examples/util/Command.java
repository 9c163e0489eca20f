package dev.skein.examples.util;

import dev.skein.monitor.ProgressMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * An example program's command line, declared with picocli's programmatic model: every program
 * gets {@code -h/--help} and {@code --seed N}, those that write files {@code --out DIR};
 * {@link #training} adds
 * {@code --full} and {@code --progress}. Unknown options and values of the wrong type are
 * errors that name the option, followed by the usage.
 */
public final class Command {
  private final CommandSpec spec;
  private final List<String> names = new ArrayList<>();

  Command(String name, boolean writesFiles, String... description) {
    spec = CommandSpec.create().name(name);
    spec.usageMessage().description(description).sortOptions(false);
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help and exit.").build());
    if (writesFiles) {
      option("out", "DIR", String.class, "Where graphs and plots go (default: target/graphs).");
    }
    option("seed", "N", long.class, "The graph seed (default: the notebook's).");
  }

  /** A value option {@code --name LABEL} of type {@code type} (String, int or long). */
  public Command option(String name, String label, Class<?> type, String description) {
    spec.addOption(OptionSpec.builder("--" + name).paramLabel(label).type(type)
        .description(description).build());
    names.add("--" + name);
    return this;
  }

  /** A flag {@code --name}, true when given. */
  public Command flag(String name, String description) {
    spec.addOption(OptionSpec.builder("--" + name).arity("0").type(boolean.class)
        .description(description).build());
    names.add("--" + name);
    return this;
  }

  /** {@code --full} and {@code --progress}, for programs that train. */
  public Command training(String fullDescription) {
    flag("full", fullDescription);
    return progress();
  }

  /** {@code --progress MODE}: how a training shows its progress. */
  public Command progress() {
    return option("progress", "MODE", String.class, "bar (a terminal), lines (one per epoch or"
        + " every 10%%, for logs) or off; default: bar on a terminal, else lines.");
  }

  /** An optional positional argument. */
  public Command positional(String label, String description) {
    spec.addPositional(PositionalParamSpec.builder().paramLabel(label).arity("0..1")
        .type(String.class).description(description).build());
    return this;
  }

  /** The long names of the options this command declares besides --help ({@code --out}, ...). */
  public List<String> optionNames() {
    return List.copyOf(names);
  }

  /** The usage text {@code --help} prints. */
  public String usage() {
    return new CommandLine(spec).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /**
   * Parses {@code argv}; returns null after printing the usage to {@code out} if {@code --help}
   * was asked for. Bad input throws an IllegalArgumentException naming what is wrong, followed
   * by the usage.
   */
  public Args parse(PrintStream out, String... argv) {
    CommandLine cl = new CommandLine(spec);
    ParseResult pr;
    try {
      pr = cl.parseArgs(argv);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage() + System.lineSeparator() + usage(), e);
    }
    if (cl.isUsageHelpRequested()) {
      out.print(usage());
      out.flush();
      return null;
    }
    Args a = new Args();
    for (OptionSpec o : pr.matchedOptions()) {
      a.values.put(o.longestName().substring(2), String.valueOf((Object) o.getValue()));
    }
    String progress = a.values.get("progress");
    if (progress != null) {
      try {
        a.values.put("progress", ProgressMode.parse(progress).name());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--progress: " + e.getMessage()
            + System.lineSeparator() + usage(), e);
      }
    }
    for (PositionalParamSpec p : pr.matchedPositionals()) {
      Object v = p.getValue();
      if (v != null) {
        a.positional.add(v.toString());
      }
    }
    return a;
  }

  /** What a program's {@code main} does: help, or the program, or an error and exit code 2. */
  public void main(String[] argv, Program program) throws Exception {
    Args a;
    try {
      a = parse(System.out, argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (a != null) {
      String progress = a.value("progress", null);
      if (progress != null) {
        System.setProperty(ProgressMode.PROPERTY, progress); // what Progress.create reads
      }
      program.run(a);
    }
  }

  /** A program run with its parsed options. */
  @FunctionalInterface
  public interface Program {
    void run(Args args) throws Exception;
  }
}
