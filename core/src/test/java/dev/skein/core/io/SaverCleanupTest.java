package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a saver finds in its directory and leaves there: crash leftovers deleted, orphaned
 * checkpoints trimmed, compressed checkpoints.
 */
class SaverCleanupTest {
  @TempDir
  Path dir;

  @Test
  void crashLeavesATemporaryFile_ignoredAndCleanedUp() throws IOException {
    SaverTest.Model m = new SaverTest.Model(2);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 1);
      new Saver(m.g).save(s, dir.resolve("model").toString(), 1);
      // What kill -9 during the next saves leaves: temporary files with part of the data, of a
      // checkpoint and of the state file; and a temporary file of a graph (not the saver's).
      FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
      for (String t : new String[] {".model-2.npz.tmp-1234", ".other-7.npz.tmp-abc",
          ".checkpoint.tmp-5f", ".model.graph.tmp-99"}) {
        Files.write(dir.resolve(t), new byte[] {80, 75, 3, 4, 1, 2});
        Files.setLastModifiedTime(dir.resolve(t), past);
      }
      assertEquals(dir.resolve("model-1.npz").toString(), Saver.latestCheckpoint(dir.toString()));
      // A restarted program's saver deletes them, but not a temporary file another writer
      // touched after this saver started.
      Saver next = new Saver(m.g);
      Path live = dir.resolve(".model-9.npz.tmp-77");
      Files.write(live, new byte[] {1});
      Files.setLastModifiedTime(live, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      next.save(s, dir.resolve("model").toString(), 2);
      assertEquals(List.of(".model-9.npz.tmp-77", ".model.graph.tmp-99", "checkpoint",
          "model-1.npz", "model-2.npz"), fileNames(""));
    }
  }

  @Test
  void orphanedCheckpoints_areTrimmedByTheNextSaver() throws IOException {
    SaverTest.Model m = new SaverTest.Model(2);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      String prefix = dir.resolve("model").toString();
      Saver first = new Saver(m.g).maxToKeep(2);
      for (int step = 1; step <= 3; step++) {
        m.set(s, step);
        first.save(s, prefix, step);
      }
      // A crash after writing model-4..6 but before the state file named them: orphans.
      for (int step = 4; step <= 6; step++) {
        m.set(s, step);
        new Saver(m.g).save(s, dir.resolve("tmp").resolve("model").toString(), step);
        Files.move(dir.resolve("tmp").resolve("model-" + step + ".npz"),
            dir.resolve("model-" + step + ".npz"));
      }
      assertEquals(List.of("model-2.npz", "model-3.npz", "model-4.npz", "model-5.npz",
          "model-6.npz"), fileNames(".npz"));
      // Another prefix in the same directory is not this saver's.
      Files.copy(dir.resolve("model-2.npz"), dir.resolve("other-1.npz"));
      m.set(s, 7);
      new Saver(m.g).maxToKeep(2).save(s, prefix, 7);
      assertEquals(List.of("model-6.npz", "model-7.npz", "other-1.npz"), fileNames(".npz"));
      assertEquals("model_checkpoint_path: \"model-7.npz\"\n"
          + "all_model_checkpoint_paths: \"model-6.npz\"\n"
          + "all_model_checkpoint_paths: \"model-7.npz\"\n",
          Files.readString(dir.resolve("checkpoint")));
      new Saver(m.g).restore(s, dir.resolve("model-6.npz").toString());
      m.assertValues(s, 6);
    }
  }

  @Test
  void compressedCheckpoints_restoreExactly_andAreSmallerForRepeatedValues() throws IOException {
    SaverTest.Model m = new SaverTest.Model(2000);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 2.5f);
      s.state().setVariable(m.kernel.op(), Tensor.zeros(DType.FLOAT32, m.kernel.shape()));
      String plain = new Saver(m.g).save(s, dir.resolve("plain").toString(), 1);
      Saver z = new Saver(m.g).compressed(true);
      assertTrue(z.compressed());
      String packed = z.save(s, dir.resolve("packed").toString(), 1);
      try (var zip = new java.util.zip.ZipFile(packed)) {
        zip.stream().forEach(e -> assertEquals(java.util.zip.ZipEntry.DEFLATED, e.getMethod(),
            e.getName()));
      }
      assertTrue(Files.size(Path.of(packed)) < Files.size(Path.of(plain)) / 4,
          Files.size(Path.of(packed)) + " vs " + Files.size(Path.of(plain)));
      m.set(s, 1);
      z.restore(s, packed);
      assertArrayEquals(new float[4000], s.run(m.kernel).floats());
      assertArrayEquals(new double[] {2.5, Math.PI}, s.run(m.bias).doubles());
      assertEquals(2, s.run(m.count).intValue());
      // The same values give the same bytes.
      String again = z.save(s, dir.resolve("again").toString(), 1);
      assertArrayEquals(Files.readAllBytes(Path.of(packed)), Files.readAllBytes(Path.of(again)));
    }
  }

  private List<String> fileNames(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
          .toList();
    }
  }
}
