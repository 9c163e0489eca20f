package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaverTest {
  @TempDir
  Path dir;

  /** A small model: variables of every dtype, some in scopes. */
  static final class Model {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Variable kernel;
    final Variable bias;
    final Variable count;
    final Variable mask;

    Model(int units) {
      try (Graph.Scope s = tf.nameScope("rnn")) {
        kernel = tf.variable(tf.constant(Tensor.create(Shape.of(2, units),
            new float[2 * units])), "kernel");
        bias = tf.variable(tf.constant(new double[] {0.5, -0.5}), "bias");
      }
      count = tf.variable(tf.constant(7), "count");
      mask = tf.variable(tf.constant(new boolean[] {true, false, true}), "mask");
    }

    void set(Session s, float k) {
      float[] kv = new float[kernel.shape().numElements()];
      for (int i = 0; i < kv.length; i++) {
        kv[i] = k + i * 0.25f;
      }
      s.state().setVariable(kernel.op(), Tensor.create(kernel.shape(), kv));
      s.state().setVariable(bias.op(), Tensor.of(new double[] {k, Math.PI}));
      s.state().setVariable(count.op(), Tensor.scalar((int) k));
      s.state().setVariable(mask.op(), Tensor.of(new boolean[] {k > 0, true, false}));
    }

    void assertValues(Session s, float k) {
      float[] kv = s.run(kernel).floats();
      for (int i = 0; i < kv.length; i++) {
        assertEquals(k + i * 0.25f, kv[i]);
      }
      assertArrayEquals(new double[] {k, Math.PI}, s.run(bias).doubles());
      assertEquals((int) k, s.run(count).intValue());
      assertArrayEquals(new boolean[] {k > 0, true, false}, s.run(mask).bools());
    }
  }

  @Test
  void saveAndRestore_everyDtype_scopedNames() {
    Model m = new Model(3);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 1.5f);
      Saver saver = new Saver(m.g);
      assertEquals(List.of("rnn/kernel", "rnn/bias", "count", "mask"),
          List.copyOf(saver.variables().keySet()));
      String p = saver.save(s, dir.resolve("model").toString(), 1000);
      assertEquals(dir.resolve("model-1000.npz").toString(), p);
      m.set(s, -4f);
      saver.restore(s, p);
      m.assertValues(s, 1.5f);
      // A fresh session restores without running the initializers.
      try (Session t = new Session(m.g)) {
        saver.restore(t, Saver.latestCheckpoint(dir.toString()));
        m.assertValues(t, 1.5f);
      }
      // The same values give the same bytes.
      String q = saver.save(s, dir.resolve("again").toString(), 1000);
      saver.restore(s, q);
      m.assertValues(s, 1.5f);
    }
  }

  @Test
  void stateFile_latestCheckpoint_andMaxToKeep() throws IOException {
    Model m = new Model(2);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      assertNull(Saver.latestCheckpoint(dir.toString()));
      Saver saver = new Saver(m.g).maxToKeep(3);
      String prefix = dir.resolve("model.ckpt").toString();
      for (int step = 1; step <= 7; step++) {
        m.set(s, step);
        saver.save(s, prefix, step * 100);
      }
      assertEquals(dir.resolve("model.ckpt-700.npz").toString(),
          Saver.latestCheckpoint(dir.toString()));
      assertEquals(List.of("model.ckpt-500.npz", "model.ckpt-600.npz", "model.ckpt-700.npz"),
          fileNames(".npz"));
      assertEquals("model_checkpoint_path: \"model.ckpt-700.npz\"\n"
          + "all_model_checkpoint_paths: \"model.ckpt-500.npz\"\n"
          + "all_model_checkpoint_paths: \"model.ckpt-600.npz\"\n"
          + "all_model_checkpoint_paths: \"model.ckpt-700.npz\"\n",
          Files.readString(dir.resolve("checkpoint")));
      assertEquals(3, Saver.allCheckpoints(dir.toString()).size());
      saver.restore(s, dir.resolve("model.ckpt-600.npz").toString());
      m.assertValues(s, 6);
      // A new saver (a restarted program) adopts the directory's list and keeps pruning it.
      Saver next = new Saver(m.g).maxToKeep(3);
      next.save(s, prefix, 800);
      assertEquals(List.of("model.ckpt-600.npz", "model.ckpt-700.npz", "model.ckpt-800.npz"),
          fileNames(".npz"));
      // The default keeps 5; 0 keeps all.
      assertEquals(5, new Saver(m.g).maxToKeep());
      assertThrows(IllegalArgumentException.class, () -> new Saver(m.g).maxToKeep(-1));
      // Restoring by prefix without the extension works too.
      next.restore(s, dir.resolve("model.ckpt-700").toString());
      m.assertValues(s, 7);
    }
  }

  @Test
  void chosenListAndNameMap() {
    Model m = new Model(2);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 3);
      Saver some = new Saver(List.of(m.count, m.bias));
      String p = some.save(s, dir.resolve("some").toString());
      assertEquals(dir.resolve("some.npz").toString(), p);
      assertEquals(List.of("count", "rnn/bias"), List.copyOf(Npz.read(Path.of(p)).keySet()));
      Saver renamed = new Saver(Map.of("step", m.count));
      String q = renamed.save(s, dir.resolve("renamed").toString(), 3);
      assertEquals(Tensor.scalar(3), Npz.read(Path.of(q)).get("step"));
      m.set(s, 9);
      renamed.restore(s, q);
      assertEquals(3, s.run(m.count).intValue());
      assertEquals(9.0, s.run(m.bias).doubles()[0]);
      // The global step may come from a variable.
      String r = renamed.save(s, dir.resolve("bystep").toString(), m.count);
      assertTrue(r.endsWith("bystep-3.npz"), r);
      assertThrows(IllegalArgumentException.class, () -> new Saver(List.of(m.count, m.count)));
      assertThrows(CheckpointException.class, () -> new Saver(Map.of("", m.count)));
    }
  }

  @Test
  void uninitializedVariables_refusedByName() {
    Model m = new Model(2);
    try (Session s = new Session(m.g)) {
      s.run(m.count.initializer());
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> new Saver(m.g).save(s, dir.resolve("m").toString(), 1));
      assertTrue(e.getMessage().contains("not initialized in this session: rnn/kernel,"
          + " rnn/bias, mask"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("m-1.npz")));
    }
  }

  /** A stream that fails once {@code limit} bytes have gone through it, like a crash would. */
  static OutputStream failingAt(OutputStream out, long limit) {
    return new FilterOutputStream(out) {
      long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (written + len > limit) {
          int part = (int) Math.max(0, limit - written);
          out.write(b, off, part);
          written += part;
          throw new IOException("simulated crash at byte " + limit);
        }
        out.write(b, off, len);
        written += len;
      }
    };
  }

  @Test
  void writeFailsMidway_previousCheckpointStaysIntact() throws IOException {
    Model m = new Model(40);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      Saver saver = new Saver(m.g);
      String prefix = dir.resolve("model").toString();
      m.set(s, 1);
      String first = saver.save(s, prefix, 1);
      byte[] firstBytes = Files.readAllBytes(Path.of(first));
      String state = Files.readString(dir.resolve("checkpoint"));
      long size = firstBytes.length;
      for (long cut : new long[] {0, 1, 30, 100, size / 2, size - 22, size - 1}) {
        m.set(s, 2);
        saver.wrapStreams(out -> failingAt(out, cut));
        CheckpointException e = assertThrows(CheckpointException.class,
            () -> saver.save(s, prefix, 2));
        assertTrue(e.getMessage().contains("simulated crash at byte " + cut), e.getMessage());
        assertTrue(e.getMessage().contains("model-2.npz"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model-2.npz")), "partial file at " + cut);
        assertArrayEquals(firstBytes, Files.readAllBytes(Path.of(first)));
        assertEquals(state, Files.readString(dir.resolve("checkpoint")));
        assertEquals(List.of("checkpoint", "model-1.npz"), fileNames(""), "leftovers at " + cut);
        m.set(s, 5);
        saver.restore(s, Saver.latestCheckpoint(dir.toString()));
        m.assertValues(s, 1);
      }
      // Failing while the state file is written (after the checkpoint is complete): the state
      // still names the previous checkpoint, which is intact; the new one is complete too.
      m.set(s, 3);
      java.util.concurrent.atomic.AtomicInteger streams = new java.util.concurrent.atomic
          .AtomicInteger();
      saver.wrapStreams(out -> streams.incrementAndGet() == 2 ? failingAt(out, 10) : out);
      assertThrows(CheckpointException.class, () -> saver.save(s, prefix, 3));
      assertEquals(state, Files.readString(dir.resolve("checkpoint")));
      saver.restore(s, Saver.latestCheckpoint(dir.toString()));
      m.assertValues(s, 1);
      saver.restore(s, dir.resolve("model-3.npz").toString());
      m.assertValues(s, 3);
      // Once writes work again, saving goes on normally.
      saver.wrapStreams(out -> out);
      m.set(s, 4);
      saver.save(s, prefix, 4);
      m.set(s, 0);
      saver.restore(s, Saver.latestCheckpoint(dir.toString()));
      m.assertValues(s, 4);
    }
  }

  @Test
  void restoreAfterGraphChange_namesEveryMismatch_assignsNothing() {
    Model m = new Model(3);
    String p;
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 2);
      p = new Saver(m.g).save(s, dir.resolve("model").toString(), 1);
    }
    // The same model with 4 units, and "count" renamed.
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable kernel;
    try (Graph.Scope sc = tf.nameScope("rnn")) {
      kernel = tf.variable(tf.zeros(Shape.of(2, 4)), "kernel");
      tf.variable(tf.constant(new double[] {0, 0}), "bias");
    }
    tf.variable(tf.constant(0), "steps");
    Variable mask = tf.variable(tf.constant(new float[] {1, 2, 3}), "mask");
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> new Saver(g).restore(s, p));
      String msg = e.getMessage();
      assertTrue(msg.contains("cannot restore from " + p + ": 3 variables differ"), msg);
      assertTrue(msg.contains("variable 'rnn/kernel' is float32 (2, 4) in the graph but float32"
          + " (2, 3) in the checkpoint"), msg);
      assertTrue(msg.contains("variable 'steps' (int32 ()) is not in the checkpoint"), msg);
      assertTrue(msg.contains("variable 'mask' is float32 (3,) in the graph but bool (3,) in the"
          + " checkpoint"), msg);
      assertTrue(msg.contains("the checkpoint also holds, unused: count"), msg);
      assertFalse(msg.contains("'rnn/bias'"), msg);
      // Nothing was assigned, not even the variable that matched.
      assertArrayEquals(new float[8], s.run(kernel).floats());
      assertArrayEquals(new float[] {1, 2, 3}, s.run(mask).floats());
    }
  }

  @Test
  void truncatedOrCorruptedCheckpoint_isNamed() throws IOException {
    Model m = new Model(3);
    try (Session s = new Session(m.g)) {
      s.run(m.tf.globalVariablesInitializer());
      m.set(s, 2);
      Saver saver = new Saver(m.g);
      Path p = Path.of(saver.save(s, dir.resolve("model").toString(), 1));
      byte[] good = Files.readAllBytes(p);

      Path cut = dir.resolve("cut.npz");
      Files.write(cut, java.util.Arrays.copyOf(good, good.length - 30));
      CheckpointException t = assertThrows(CheckpointException.class,
          () -> saver.restore(s, cut.toString()));
      assertTrue(t.getMessage().contains("checkpoint " + cut + " is truncated or not a .npz"),
          t.getMessage());

      // Flip a bit inside the kernel's data (the first entry, after its 64-byte header).
      int data = indexOf(good, "rnn/kernel.npy".getBytes()) + "rnn/kernel.npy".length() + 64 + 4;
      byte[] bad = good.clone();
      bad[data] ^= 0x10;
      Path flipped = dir.resolve("flipped.npz");
      Files.write(flipped, bad);
      CheckpointException c = assertThrows(CheckpointException.class,
          () -> saver.restore(s, flipped.toString()));
      assertTrue(c.getMessage().contains("checkpoint " + flipped + " entry 'rnn/kernel.npy': it"
          + " is corrupted: its CRC-32 is"), c.getMessage());

      // A flipped digit in a header reads as damage, not as a shape mismatch.
      int shape = indexOf(good, "(2, 3)".getBytes());
      byte[] bad2 = good.clone();
      bad2[shape + 1] = '4';
      Path hdr = dir.resolve("header.npz");
      Files.write(hdr, bad2);
      CheckpointException h = assertThrows(CheckpointException.class,
          () -> saver.restore(s, hdr.toString()));
      assertTrue(h.getMessage().contains("corrupted") || h.getMessage().contains("holds"),
          h.getMessage());

      CheckpointException none = assertThrows(CheckpointException.class,
          () -> saver.restore(s, dir.resolve("nothing.npz").toString()));
      assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
      m.set(s, 0);
      saver.restore(s, p.toString());
      m.assertValues(s, 2);
    }
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private List<String> fileNames(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted()
          .toList();
    }
  }

  @Test
  void shapesOfEveryRank_andEmptyTensors_roundTrip() {
    Path f = dir.resolve("ranks.npz");
    Map<String, Tensor> in = new java.util.LinkedHashMap<>();
    in.put("scalar", Tensor.scalar(2.5f));
    in.put("empty", Tensor.zeros(DType.FLOAT64, Shape.of(0, 3)));
    in.put("r4", Tensor.create(Shape.of(1, 2, 1, 2), new int[] {1, -2, 3, Integer.MIN_VALUE}));
    in.put("big", Tensor.create(Shape.of(70_000), new float[70_000]));
    Npz.write(f, in);
    assertEquals(in, Npz.read(f));
    assertThrows(CheckpointException.class, () -> Npz.read(f, 1000));
  }
}
