package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged graph files and checkpoints fed to the readers. Each read must either
 * succeed (a graph that writes back without error; a restore with exactly the saved values) or
 * fail with the documented exception type (GraphFormatException, CheckpointException): never
 * another exception, an OutOfMemoryError or a hang.
 */
class HostileInputFuzzTest {
  private static final int GRAPH_CASES = 3_000;
  private static final int CHECKPOINT_CASES = 2_000;

  @TempDir
  Path dir;

  @Test
  void mutatedGraphFiles_failOnlyWithGraphFormatException() {
    String text = GraphFormat.standard().toText(new GraphSamples().g);
    String[] lines = text.split("\n");
    List<String> tokens = tokenPoolOf(text);
    Random rnd = new Random(20240607);
    int[] outcome = new int[2];
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < GRAPH_CASES; i++) {
        String mutant = mutate(text, lines, tokens, rnd);
        try {
          Graph g = GraphFormat.standard().fromText(mutant);
          GraphFormat.standard().toText(g);
          outcome[0]++;
        } catch (GraphFormatException e) {
          outcome[1]++;
        } catch (Throwable t) {
          fail("case " + i + " threw " + t + "\n" + diff(text, mutant), t);
        }
      }
    });
    System.out.printf("graph mutants: %d read, %d refused%n", outcome[0], outcome[1]);
    assertTrue(outcome[1] > GRAPH_CASES / 2, "few mutants were refused: " + outcome[1]);
  }

  @Test
  void mutatedGraphBytes_failOnlyWithGraphFormatException() {
    byte[] bytes = GraphFormat.standard().toText(new GraphSamples().g)
        .getBytes(StandardCharsets.UTF_8);
    Random rnd = new Random(7);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < GRAPH_CASES / 3; i++) {
        byte[] b = bytes.clone();
        int flips = 1 + rnd.nextInt(4);
        for (int k = 0; k < flips; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        if (rnd.nextBoolean()) {
          b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
        }
        try {
          GraphFormat.standard().fromText(GraphFormat.decode(b));
        } catch (GraphFormatException e) {
          // expected for most
        } catch (Throwable t) {
          fail("byte case " + i + " threw " + t, t);
        }
      }
    });
  }

  static List<String> tokenPoolOf(String text) {
    List<String> pool = new ArrayList<>(List.of("-1", "0", "2147483647", "2147483648",
        "-2147483648", "99999999999999999999", "1e308", "NaN", "?", "()", "(,)", "[", "]", "{",
        "}", ",", ":", "\"", "\"\\u0000\"", "null", "@body", "@cond", "@nothing", "unknown",
        "(1000000000, 1000000000)", "(65536, 65536)", "base64", "\"////\"", "true", "end",
        "op", "function", "capture", "\"x:0\"", "\"x:9\"", "SET", "While", "If", "Const",
        "float32", "bool", "int32"));
    for (String t : text.split("[\\s]+")) {
      if (!t.isEmpty() && t.length() < 80) {
        pool.add(t);
      }
    }
    return pool;
  }

  /** One to three random edits of the text: tokens, lines, characters, truncation. */
  static String mutate(String text, String[] lines, List<String> tokens, Random rnd) {
    String s = text;
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      if (s.length() < 2) {
        return s;
      }
      switch (rnd.nextInt(8)) {
        case 0 -> { // replace a token
          String[] parts = s.split(" ", -1);
          parts[rnd.nextInt(parts.length)] = tokens.get(rnd.nextInt(tokens.size()));
          s = String.join(" ", parts);
        }
        case 1 -> { // delete a line
          List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
          l.remove(rnd.nextInt(l.size()));
          s = String.join("\n", l);
        }
        case 2 -> { // duplicate or move a line
          List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
          String line = lines[rnd.nextInt(lines.length)];
          l.add(rnd.nextInt(l.size() + 1), line);
          s = String.join("\n", l);
        }
        case 3 -> { // change a character
          char[] c = s.toCharArray();
          c[rnd.nextInt(c.length)] = (char) (32 + rnd.nextInt(95));
          s = new String(c);
        }
        case 4 -> s = s.substring(0, rnd.nextInt(s.length())); // truncate
        case 5 -> { // change a number
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9]+").matcher(s);
          List<int[]> spans = new ArrayList<>();
          while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
          }
          if (spans.isEmpty()) {
            continue;
          }
          int[] sp = spans.get(rnd.nextInt(spans.size()));
          String[] repl = {"0", "-1", "1", "3", "7", "65536", "2147483647", "-2147483648",
              "4294967296", "1000000"};
          s = s.substring(0, sp[0]) + repl[rnd.nextInt(repl.length)] + s.substring(sp[1]);
        }
        case 6 -> { // swap two lines
          String[] l = s.split("\n", -1);
          int a = rnd.nextInt(l.length);
          int b = rnd.nextInt(l.length);
          String t = l[a];
          l[a] = l[b];
          l[b] = t;
          s = String.join("\n", l);
        }
        default -> { // swap two quoted names
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[^\"]*\"").matcher(s);
          List<String> names = new ArrayList<>();
          while (m.find()) {
            names.add(m.group());
          }
          if (names.isEmpty()) {
            continue;
          }
          String a = names.get(rnd.nextInt(names.size()));
          String b = names.get(rnd.nextInt(names.size()));
          s = s.replaceFirst(java.util.regex.Pattern.quote(a),
              java.util.regex.Matcher.quoteReplacement(b));
        }
      }
      if (s.isEmpty()) {
        return s;
      }
    }
    return s;
  }

  static String diff(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return "first difference at line " + (i + 1) + ":\n- " + x[i] + "\n+ " + y[i];
      }
    }
    return "lengths " + x.length + " / " + y.length;
  }

  @Test
  void damagedCheckpoints_failOnlyWithCheckpointException_orRestoreExactly() throws IOException {
    SaverTest.Model m = new SaverTest.Model(5);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 3);
      Saver saver = new Saver(m.g);
      Path good = Path.of(saver.save(s, dir.resolve("model").toString(), 1));
      byte[] bytes = Files.readAllBytes(good);
      Random rnd = new Random(99);
      int[] outcome = new int[2];
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < CHECKPOINT_CASES; i++) {
          byte[] b = damage(bytes, rnd);
          Path f = dir.resolve("case" + (i % 8) + ".npz");
          Files.write(f, b);
          m.set(s, -1);
          try {
            saver.restore(s, f.toString());
            m.assertValues(s, 3);
            outcome[0]++;
          } catch (CheckpointException e) {
            m.assertValues(s, -1); // a failed restore assigns nothing
            outcome[1]++;
          } catch (Throwable t) {
            fail("checkpoint case " + i + " threw " + t, t);
          }
        }
      });
      System.out.printf("damaged checkpoints: %d restored exactly, %d refused%n", outcome[0],
          outcome[1]);
      assertTrue(outcome[1] > CHECKPOINT_CASES / 2, "few damaged files were refused: "
          + outcome[1] + " of " + CHECKPOINT_CASES);
      // Every damage inside the data of an entry is caught (the CRC covers it).
      int data = SaverTest.indexOf(bytes, "rnn/kernel.npy".getBytes()) + 14 + 64;
      for (int i = 0; i < 40; i++) {
        byte[] b = bytes.clone();
        b[data + i] ^= 1;
        Path f = dir.resolve("data.npz");
        Files.write(f, b);
        assertTrue(assertThrowsCheckpoint(saver, s, f).contains("CRC"));
      }
    }
  }

  private static String assertThrowsCheckpoint(Saver saver, Session s, Path f) {
    try {
      saver.restore(s, f.toString());
    } catch (CheckpointException e) {
      return e.getMessage();
    }
    throw new AssertionError("restored a damaged file");
  }

  private static byte[] damage(byte[] good, Random rnd) {
    byte[] b = good.clone();
    switch (rnd.nextInt(5)) {
      case 0 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length)); // truncated
      case 1 -> { // a few bit flips
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 2 -> { // a run of random bytes
        int at = rnd.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
        for (int k = 0; k < len; k++) {
          b[at + k] = (byte) rnd.nextInt(256);
        }
      }
      case 3 -> { // a zeroed block, as after a crash of the disk cache
        int at = rnd.nextInt(b.length);
        java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + rnd.nextInt(512)), (byte) 0);
      }
      default -> { // a huge size or count planted in a header field
        int at = rnd.nextInt(b.length - 4);
        b[at] = (byte) 0xff;
        b[at + 1] = (byte) 0xff;
        b[at + 2] = (byte) 0xff;
        b[at + 3] = (byte) 0x7f;
      }
    }
    return b;
  }
}
