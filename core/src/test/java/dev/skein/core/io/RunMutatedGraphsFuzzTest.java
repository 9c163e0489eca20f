package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Session;
import dev.skein.core.SkeinException;
import dev.skein.core.Tensor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 20,000 mutated graph files that load are also RUN: a graph file either fails to load with a
 * GraphFormatException, or runs, or its run fails with a SkeinException naming the op. Never a
 * NullPointerException, an ArrayIndexOutOfBoundsException or any other raw error.
 */
class RunMutatedGraphsFuzzTest {
  private static final int CASES = 20_000;
  private static final Duration LIMIT = Duration.ofMillis(500);

  @Test
  void loadedMutantsRunOrFailWithSkeinException() {
    GraphSamples sample = new GraphSamples();
    String text = GraphFormat.standard().toText(sample.g);
    String[] lines = text.split("\n");
    List<String> tokens = HostileInputFuzzTest.tokenPoolOf(text);
    List<String> fetchNames = sample.fetchNames();
    Random rnd = new Random(20261207);
    int[] outcome = new int[3];
    Map<String, String> failures = new LinkedHashMap<>();
    assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
      for (int i = 0; i < CASES; i++) {
        String mutant = switch (i % 4) {
          case 0, 2 -> HostileInputFuzzTest.mutate(text, lines, tokens, rnd);
          case 1 -> mutateAttribute(lines, rnd);
          default -> mutateFunction(lines, rnd);
        };
        Graph g;
        try {
          g = GraphFormat.standard().fromText(mutant);
        } catch (GraphFormatException e) {
          outcome[0]++;
          continue;
        } catch (Throwable t) {
          fail("case " + i + " failed to load with " + t + "\n"
              + HostileInputFuzzTest.diff(text, mutant), t);
          return;
        }
        try {
          run(g, fetchNames, sample.train.name());
          outcome[1]++;
        } catch (SkeinException e) {
          outcome[2]++;
        } catch (Throwable t) {
          // Collect one case per kind of failure, to report them all at the end.
          StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
          failures.putIfAbsent(t.getClass().getName() + " at " + top, "case " + i + ": " + t
              + "\n" + HostileInputFuzzTest.diff(text, mutant));
        }
      }
    });
    assertTrue(failures.isEmpty(), failures.size() + " kinds of raw errors at run time:\n"
        + String.join("\n\n", failures.values()));
    System.out.printf("run mutants: %d refused, %d ran, %d run errors%n", outcome[0],
        outcome[1], outcome[2]);
    assertTrue(outcome[1] + outcome[2] > CASES / 20, "few mutants loaded: " + outcome[1]
        + " ran, " + outcome[2] + " failed at run time");
  }

  @Test
  void theCasesFoundByHandAreRefusedWhenRead() {
    String text = GraphFormat.standard().toText(new GraphSamples().g);
    // An attribute whose null means nothing: the op would fail at run time.
    String nullMode = text.replaceFirst("attr mode SET", "attr mode null");
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().fromText(nullMode));
    assertTrue(e.getMessage().contains("Assign's attribute 'mode' may not be null"),
        e.getMessage());
    // A loop condition's own argument listed as an extra feed that the loop never feeds.
    String fedCond = text.replaceFirst("(args \"rnn/loop/cond/arg0:0\"[^\n]*\n[^\n]*\n\\s*"
        + "extra-feeds)", "$1 \"rnn/loop/cond/arg1:0\"");
    assertTrue(!fedCond.equals(text), "the sample's loop condition has moved");
    e = assertThrows(GraphFormatException.class, () -> GraphFormat.standard().fromText(fedCond));
    assertTrue(e.getMessage().contains("the condition takes no extra feeds"), e.getMessage());
  }

  private static final String[] ATTR_VALUES = {"null", "-1", "0", "1", "5", "2147483647",
      "-2147483648", "[]", "[0]", "[-1]", "[99]", "[1, 2, 3]", "()", "(?,)", "(0, 4)", "SET",
      "ADD", "SUB", "true", "false", "NaN", "-0.0", "1e308", "\"x:0\"", "@body", "@cond",
      "float64", "bool", "int32 () [7]", "float32 (2,) [1.0, 2.0]", "[{dtype: bool, shape: ()}]"};

  /** One or two attributes of the sample given another value, often of the wrong kind. */
  private static String mutateAttribute(String[] lines, Random rnd) {
    String[] l = lines.clone();
    for (int e = 0; e < 1 + rnd.nextInt(2); e++) {
      int i = rnd.nextInt(l.length);
      while (!l[i].trim().startsWith("attr ")) {
        i = (i + 1) % l.length;
      }
      String[] w = l[i].trim().split(" ", 3);
      String indent = l[i].substring(0, l[i].indexOf("attr"));
      l[i] = indent + "attr " + w[1] + " " + ATTR_VALUES[rnd.nextInt(ATTR_VALUES.length)];
    }
    return String.join("\n", l) + "\n";
  }

  /**
   * A function's args, results, extra-feeds or targets line given one more or one other value
   * of the same function (its own condition result as an extra feed, an arg as a result, ...).
   */
  private static String mutateFunction(String[] lines, Random rnd) {
    String[] l = lines.clone();
    int i = rnd.nextInt(l.length);
    while (!l[i].trim().matches("(args|results|extra-feeds|targets)( .*)?")) {
      i = (i + 1) % l.length;
    }
    // Names quoted within the next or previous few lines belong to the same function.
    List<String> names = new java.util.ArrayList<>();
    for (int j = Math.max(0, i - 40); j < Math.min(l.length, i + 5); j++) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[^\"]+:\\d+\"")
          .matcher(l[j]);
      while (m.find()) {
        names.add(m.group());
      }
    }
    if (!names.isEmpty()) {
      String name = names.get(rnd.nextInt(names.size()));
      l[i] = rnd.nextBoolean() ? l[i] + " " + name
          : l[i].replaceFirst("\"[^\"]+\"", java.util.regex.Matcher.quoteReplacement(name));
    }
    return String.join("\n", l) + "\n";
  }

  /** Initializes, feeds the sample's placeholders where they still fit, fetches and trains. */
  private static void run(Graph g, List<String> fetchNames, String trainName) {
    try (Session s = new Session(g)) {
      Operation init = g.operation("init");
      if (init != null) {
        s.runner().timeout(LIMIT).addTarget(init).run();
      }
      // A mutant may loop for long (a condition made always true): the run is cancelled then.
      Session.Runner r = s.runner().timeout(LIMIT);
      feed(r, g, "x", DType.FLOAT32, Tensor.of(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}}));
      feed(r, g, "steps", DType.INT32, Tensor.scalar(3));
      feed(r, g, "pred", DType.BOOL, Tensor.scalar(true));
      boolean any = false;
      for (String f : fetchNames) {
        Operation op = g.operation(f.substring(0, f.lastIndexOf(':')));
        int k = Integer.parseInt(f.substring(f.lastIndexOf(':') + 1));
        if (op != null && k < op.numOutputs()) {
          r.fetch(op.output(k));
          any = true;
        }
      }
      Operation train = g.operation(trainName);
      if (train != null) {
        r.addTarget(train);
        any = true;
      }
      if (any) {
        r.run();
      }
    }
  }

  private static void feed(Session.Runner r, Graph g, String name, DType dtype, Tensor v) {
    Operation op = g.operation(name);
    if (op != null && op.type() instanceof Placeholder p && p.dtype() == dtype
        && p.shape().isCompatibleWith(v.shape())) {
      Output o = op.output(0);
      r.feed(o, v);
    }
  }
}
