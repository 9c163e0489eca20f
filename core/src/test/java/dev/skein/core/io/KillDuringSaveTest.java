package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM saves 8 MB checkpoints in a loop and is killed with SIGKILL at a
 * random moment, mid-write or not. Afterwards the latest checkpoint, and every checkpoint the
 * state file lists, restores completely with one step's values.
 */
class KillDuringSaveTest {
  private static final int ELEMENTS = 2_000_000;

  @TempDir
  Path dir;

  /** The child: saves step 1, 2, 3, ... with every element equal to the step. */
  public static void main(String[] args) {
    Model m = new Model();
    try (Session s = new Session(m.g)) {
      Saver saver = new Saver(m.g).maxToKeep(3);
      float[] v = new float[ELEMENTS];
      for (int step = 1; ; step++) {
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
  void sigkillDuringSaves_leavesCompleteCheckpoints() throws Exception {
    Random rnd = new Random(5);
    int midWrite = 0;
    for (int round = 0; round < 5; round++) {
      Path d = dir.resolve("round" + round);
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          KillDuringSaveTest.class.getName(), d.toString()).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      int saved = 0;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("saved ")) {
          saved = Integer.parseInt(line.substring(6));
          if (saved >= 2) {
            break;
          }
        }
      }
      assertTrue(saved >= 2, "the child did not save: " + line);
      Thread.sleep(rnd.nextInt(60));
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));

      try (var files = java.nio.file.Files.list(d)) {
        if (files.anyMatch(f -> f.getFileName().toString().contains(".tmp-"))) {
          midWrite++; // killed while writing: the temporary file is left behind
        }
      }
      Model m = new Model();
      try (Session s = new Session(m.g)) {
        Saver saver = new Saver(m.g);
        String latest = Saver.latestCheckpoint(d.toString());
        assertNotNull(latest);
        List<String> all = Saver.allCheckpoints(d.toString());
        assertTrue(all.contains(latest), all + " / " + latest);
        for (String c : all) {
          saver.restore(s, c);
          int step = s.run(m.step).intValue();
          assertTrue(c.endsWith("model-" + step + ".npz"), c + " holds step " + step);
          float[] w = s.run(m.w).floats();
          for (float x : w) {
            if (x != step) {
              throw new AssertionError(c + " mixes steps: " + x + " and " + step);
            }
          }
        }
        assertEquals(latest, all.get(all.size() - 1));
      }
    }
    System.out.println("killed mid-write in " + midWrite + " of 5 rounds");
  }
}
