package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes: 20 times, a child JVM saves 1 MB checkpoints into one directory in a loop and is
 * killed with SIGKILL at a random moment, mid-write or not. After each kill the latest
 * checkpoint, and every checkpoint the state file lists, restores completely with one step's
 * values; each new child's first save removes the temporary files the previous kill left; and a
 * last save leaves exactly maxToKeep checkpoints and no temporary file.
 */
class KillDuringSaveTest {
  private static final int ELEMENTS = 250_000;
  private static final int KEEP = 3;
  private static final int KILLS = 20;

  @TempDir
  Path dir;

  /** The child: saves steps first, first + 1, ... with every element equal to the step. */
  public static void main(String[] args) {
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      Saver saver = new Saver(m.g).maxToKeep(KEEP);
      float[] v = new float[ELEMENTS];
      for (int step = Integer.parseInt(args[1]); ; step++) {
        Arrays.fill(v, step);
        s.state().setVariable(m.w.op(), Tensor.create(Shape.of(ELEMENTS), v));
        s.state().setVariable(m.step.op(), Tensor.scalar(step));
        saver.save(s, Path.of(args[0], "model").toString(), step);
        System.out.println("saved " + step);
        System.out.flush();
      }
    }
  }

  static final class Model {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Variable w = tf.variable(tf.zeros(Shape.of(ELEMENTS)), "w");
    final Variable step = tf.variable(tf.constant(0), "step");
  }

  @Test
  void sigkillDuringSaves_leavesCompleteCheckpoints_andTheNextSaverCleansUp() throws Exception {
    Random rnd = new Random(5);
    Path d = dir.resolve("ckpt");
    int midWrite = 0;
    for (int round = 0; round < KILLS; round++) {
      List<String> stale = temporaries(d);
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
          "-cp", System.getProperty("java.class.path"), KillDuringSaveTest.class.getName(),
          d.toString(), Integer.toString(round * 1000 + 1)).redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        // Log lines (the JVM's or Skein's warnings on stderr) may come first.
        StringBuilder seen = new StringBuilder();
        String line = out.readLine();
        while (line != null && !line.startsWith("saved ")) {
          seen.append(line).append('\n');
          line = out.readLine();
        }
        assertTrue(line != null, "the child did not save; it printed:\n" + seen);
        // Its first save removed what the previous kill left.
        for (String t : stale) {
          assertFalse(Files.exists(d.resolve(t)), t + " is still there after the next save");
        }
        Thread.sleep(rnd.nextInt(40));
      } finally {
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      }
      if (!temporaries(d).isEmpty()) {
        midWrite++; // killed while writing: a temporary file is left behind
      }
      checkCheckpoints(d);
    }
    System.out.println("killed mid-write in " + midWrite + " of " + KILLS + " rounds");
    // One more save, as a restarted program makes: no temporary file, exactly KEEP checkpoints.
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      float[] v = new float[ELEMENTS];
      Arrays.fill(v, 99_999);
      s.state().setVariable(m.w.op(), Tensor.create(Shape.of(ELEMENTS), v));
      s.state().setVariable(m.step.op(), Tensor.scalar(99_999));
      new Saver(m.g).maxToKeep(KEEP).save(s, d.resolve("model").toString(), 99_999);
    }
    assertEquals(List.of(), temporaries(d));
    try (Stream<Path> files = Files.list(d)) {
      assertEquals(KEEP, files.filter(f -> f.getFileName().toString().endsWith(".npz")).count());
    }
    assertEquals(KEEP, Saver.allCheckpoints(d.toString()).size());
    checkCheckpoints(d);
  }

  /** Every listed checkpoint restores with one step's values; the latest is the last listed. */
  private static void checkCheckpoints(Path d) {
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      Saver saver = new Saver(m.g);
      String latest = Saver.latestCheckpoint(d.toString());
      assertNotNull(latest);
      List<String> all = Saver.allCheckpoints(d.toString());
      assertTrue(all.size() <= KEEP, all.toString());
      assertEquals(latest, all.get(all.size() - 1));
      for (String c : all) {
        saver.restore(s, c);
        int step = s.run(m.step).intValue();
        assertTrue(c.endsWith("model-" + step + ".npz"), c + " holds step " + step);
        for (float x : s.run(m.w).floats()) {
          if (x != step) {
            throw new AssertionError(c + " mixes steps: " + x + " and " + step);
          }
        }
      }
    }
  }

  private static List<String> temporaries(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".tmp-"))
          .sorted().toList();
    }
  }
}
