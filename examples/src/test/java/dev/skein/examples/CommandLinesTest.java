package dev.skein.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every example's command line: --help lists its options, bad input names what is wrong. */
class CommandLinesTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** Every program with a main, and its command line. */
  private static final Map<Class<?>, Command> PROGRAMS = Map.ofEntries(
      Map.entry(Demo.class, Demo.CLI), Map.entry(DeepRnn.class, DeepRnn.CLI),
      Map.entry(DynamicUnrolling.class, DynamicUnrolling.CLI),
      Map.entry(EchoTask.class, EchoTask.CLI),
      Map.entry(HandmadeLstmCell.class, HandmadeLstmCell.CLI),
      Map.entry(HandmadeRnnCell.class, HandmadeRnnCell.CLI),
      Map.entry(LstmBackprop.class, LstmBackprop.CLI),
      Map.entry(LstmInternals.class, LstmInternals.CLI), Map.entry(LstmLayer.class, LstmLayer.CLI),
      Map.entry(ManualRnn.class, ManualRnn.CLI),
      Map.entry(PackingSequences.class, PackingSequences.CLI),
      Map.entry(ReadmePictures.class, ReadmePictures.CLI),
      Map.entry(SequenceClassifier.class, SequenceClassifier.CLI),
      Map.entry(SparkSequenceClassifier.class, SparkSequenceClassifier.CLI),
      Map.entry(StaticRnnTwoSteps.class, StaticRnnTwoSteps.CLI),
      Map.entry(TimeSeriesPrediction.class, TimeSeriesPrediction.CLI),
      Map.entry(TruncatedBackprop.class, TruncatedBackprop.CLI));

  @Test
  void everyProgramWithAMainIsListed() throws Exception {
    // the examples' classes with a public static main: a new program must get a command line
    String[] names = {"DeepRnn", "Demo", "DynamicUnrolling", "EchoTask", "HandmadeLstmCell",
        "HandmadeRnnCell", "LstmBackprop", "LstmInternals", "LstmLayer", "ManualRnn",
        "PackingSequences", "ReadmePictures", "SequenceClassifier", "SparkSequenceClassifier",
        "StaticRnnTwoSteps", "TimeSeriesPrediction", "TruncatedBackprop"};
    for (String n : names) {
      Class<?> c = Class.forName("dev.skein.examples." + n);
      c.getMethod("main", String[].class);
      assertTrue(PROGRAMS.containsKey(c), n);
    }
    assertEquals(names.length, PROGRAMS.size());
  }

  @Test
  void help_onEveryProgram_listsItsOptions_andRunsNothing() throws Exception {
    PrintStream saved = System.out;
    for (Map.Entry<Class<?>, Command> e : PROGRAMS.entrySet()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Method main = e.getKey().getMethod("main", String[].class);
      try {
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        main.invoke(null, (Object) new String[] {"--help"});
      } finally {
        System.setOut(saved);
      }
      String help = bytes.toString(StandardCharsets.UTF_8);
      String name = e.getKey().getSimpleName();
      assertTrue(help.startsWith("Usage: " + name), name + ":\n" + help);
      assertTrue(help.contains("-h, --help"), name);
      assertTrue(help.contains("--seed=N"), name);
      for (String option : e.getValue().optionNames()) {
        assertTrue(help.contains(option), name + " lists " + option + ":\n" + help);
      }
      // nothing ran: the help is all that was printed
      assertEquals(e.getValue().usage(), help, name);
    }
    assertTrue(SequenceClassifier.CLI.optionNames().containsAll(List.of("--out", "--seed",
        "--full", "--progress", "--lstm", "--static", "--epochs", "--train", "--test",
        "--data")));
    assertFalse(ManualRnn.CLI.optionNames().contains("--out"), "ManualRnn writes no file");
  }

  /** picocli formats descriptions with String.format: a bare % made it warn and print "%n". */
  @Test
  void help_ofProgress_showsPercentSign_withoutPicocliWarning() {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String help;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      help = SequenceClassifier.CLI.usage();
    } finally {
      System.setErr(savedErr);
    }
    assertTrue(help.contains("every 10%,"), help);
    assertFalse(help.contains("%n") || help.contains("%%"), help);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The example commands the README and docs/PERFORMANCE.md give parse with their program's
   * command line: the demo's (no mainClass) options, each {@code -Dexec.mainClass=...examples.X}
   * with its {@code -Dexec.args}, and the spark-submit line's arguments after the jar.
   */
  @Test
  void theDocsCommands_parse() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String readme = Files.readString(root.resolve("README.md"));
    String perf = Files.readString(root.resolve("docs/PERFORMANCE.md")).replace("\\\n", " ");
    Pattern mainClass = Pattern.compile("-Dexec\\.mainClass=dev\\.skein\\.examples\\.(\\w+)");
    Pattern exec = Pattern.compile("-Dexec\\.args=\"([^\"]*)\"");
    Pattern submit = Pattern.compile("--class dev\\.skein\\.examples\\.(\\w+).*?\\.jar ([^`]*)");
    int parsed = 0;
    for (String text : List.of(readme, perf)) {
      for (String line : text.split("\n")) {
        if (line.contains("-pl bench") || line.contains("rnn BASIC_RNN")
            || line.contains("exec:java -Dexec.args=matmul")) {
          continue; // the bench module's commands
        }
        Matcher main = mainClass.matcher(line);
        String program = main.find() ? main.group(1) : "Demo";
        Matcher m = exec.matcher(line);
        while (m.find()) {
          Command cli = PROGRAMS.get(Class.forName("dev.skein.examples." + program));
          String[] argv = m.group(1).trim().split("\\s+");
          if (argv[0].equals("--help")) {
            assertNull(cli.parse(QUIET, argv), line);
          } else {
            assertTrue(cli.parse(QUIET, argv) != null, line);
          }
          parsed++;
        }
        Matcher sm = submit.matcher(line);
        if (sm.find()) {
          Command cli = PROGRAMS.get(Class.forName("dev.skein.examples." + sm.group(1)));
          assertTrue(cli.parse(QUIET, sm.group(2).trim().split("\\s+")) != null, line);
          parsed++;
        }
      }
    }
    // README: --full, --only 003, --help, --train 6000, the spark-submit line, EchoTask's --full;
    // PERFORMANCE: --full --lstm --epochs 3
    assertEquals(7, parsed);
  }

  @Test
  void parse_valuesFlagsAndPositionals() {
    Args a = SequenceClassifier.CLI.parse(QUIET, "--lstm", "--epochs=3", "--train", "500",
        "--progress", "lines", "/data/fmnist");
    assertTrue(a.flag("lstm"));
    assertFalse(a.full());
    assertEquals(3, a.intValue("epochs", 1));
    assertEquals(500, a.intValue("train", 10000));
    assertEquals(2000, a.intValue("test", 2000)); // not given: the program's default
    assertEquals("LINES", a.value("progress", null));
    assertEquals(List.of("/data/fmnist"), a.positional());
    assertEquals(java.nio.file.Path.of("target/graphs"), a.outDir());
    assertNull(SequenceClassifier.CLI.parse(QUIET, "-h"));
  }

  @Test
  void badInput_namesTheOptionAndShowsTheUsage() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> EchoTask.CLI.parse(QUIET, "--bogus"));
    assertTrue(unknown.getMessage().contains("--bogus"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("Usage: EchoTask"), unknown.getMessage());
    IllegalArgumentException notInt = assertThrows(IllegalArgumentException.class,
        () -> EchoTask.CLI.parse(QUIET, "--epochs", "many"));
    assertTrue(notInt.getMessage().contains("'many'"), notInt.getMessage());
    assertTrue(notInt.getMessage().contains("--epochs"), notInt.getMessage());
    IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
        () -> EchoTask.CLI.parse(QUIET, "--progress", "fancy"));
    assertTrue(mode.getMessage().contains("bar, lines or off"), mode.getMessage());
  }
}
