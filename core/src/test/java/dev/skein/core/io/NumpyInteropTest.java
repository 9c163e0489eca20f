package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by Skein open in Python's NumPy with the right names, dtypes, shapes and
 * values, and arrays NumPy writes (np.savez, np.savez_compressed) restore into Skein. Skipped
 * where {@code python3} with numpy is not installed (CI installs python3-numpy).
 */
class NumpyInteropTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void needNumpy() {
    assumeTrue(python("import numpy").exit == 0, "python3 with numpy is not installed");
  }

  record Result(int exit, String out) {}

  static Result python(String script) {
    try {
      Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        p.destroyForcibly();
        return new Result(-1, out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }

  @Test
  void skeinCheckpoint_loadsInNumpy() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable kernel;
    try (Graph.Scope s = tf.nameScope("rnn")) {
      kernel = tf.variable(tf.constant(new float[][] {{1.5f, -2.25f, 3e-8f}, {4, 5, 6}}),
          "kernel");
    }
    Variable bias = tf.variable(tf.constant(new double[] {Math.PI, -1e300, 0.1}), "bias");
    Variable step = tf.variable(tf.constant(123456), "global_step");
    Variable mask = tf.variable(tf.constant(new boolean[][] {{true}, {false}}), "mask");
    Variable empty = tf.variable(tf.constant(Tensor.zeros(DType.FLOAT32, Shape.of(0, 2))),
        "empty");
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      String path = new Saver(g).save(s, dir.resolve("model").toString(), 1000);
      String script = String.join("\n",
          "import numpy as np",
          "d = np.load(" + pyString(path) + ")",
          "assert sorted(d.files) == ['bias', 'empty', 'global_step', 'mask', 'rnn/kernel'],"
              + " d.files",
          "k = d['rnn/kernel']",
          "assert k.dtype == np.float32 and k.shape == (2, 3), (k.dtype, k.shape)",
          "assert np.array_equal(k, np.array([[1.5, -2.25, 3e-8], [4, 5, 6]], np.float32)), k",
          "b = d['bias']",
          "assert b.dtype == np.float64 and b.shape == (3,)",
          "assert b.tolist() == [3.141592653589793, -1e300, 0.1], b.tolist()",
          "st = d['global_step']",
          "assert st.dtype == np.int32 and st.shape == () and int(st) == 123456, st",
          "m = d['mask']",
          "assert m.dtype == np.bool_ and m.tolist() == [[True], [False]], m",
          "e = d['empty']",
          "assert e.dtype == np.float32 and e.shape == (0, 2), e.shape",
          "print('ok')");
      Result r = python(script);
      assertEquals("ok", r.out.strip(), r.out);
      assertEquals(0, r.exit);
    }
    assertEquals("rnn/kernel", kernel.varName());
    assertEquals("global_step", step.varName());
    assertEquals(DType.BOOL, mask.dtype());
    assertEquals(Shape.of(0, 2), empty.shape());
    assertEquals(DType.FLOAT64, bias.dtype());
  }

  @Test
  void npyHeaders_areByteForByteNumpys() throws IOException {
    Path out = dir.resolve("h.bin");
    String script = String.join("\n",
        "import numpy as np, io",
        "cases = [np.zeros((2, 3), np.float32), np.zeros((5,), np.float64),",
        "         np.zeros((), np.int32), np.zeros((1, 0, 7), np.bool_)]",
        "with open(" + pyString(out.toString()) + ", 'wb') as f:",
        "  for c in cases:",
        "    b = io.BytesIO(); np.lib.format.write_array(b, c, version=(1, 0))",
        "    raw = b.getvalue(); n = len(raw) - c.nbytes",
        "    f.write(n.to_bytes(4, 'little')); f.write(raw[:n])",
        "print('ok')");
    Result r = python(script);
    assertEquals("ok", r.out.strip(), r.out);
    byte[] all = Files.readAllBytes(out);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    List<Tensor> mine = List.of(Tensor.zeros(DType.FLOAT32, Shape.of(2, 3)),
        Tensor.zeros(DType.FLOAT64, Shape.of(5)), Tensor.zeros(DType.INT32, Shape.scalar()),
        Tensor.zeros(DType.BOOL, Shape.of(1, 0, 7)));
    for (Tensor t : mine) {
      byte[] theirs = new byte[buf.getInt()];
      buf.get(theirs);
      assertEquals(new String(theirs, StandardCharsets.ISO_8859_1),
          new String(NpyFormat.header(t.dtype(), t.shape()), StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void numpyArchives_restoreIntoSkein_storedAndCompressed() {
    for (String fn : new String[] {"savez", "savez_compressed"}) {
      Path f = dir.resolve(fn + ".npz");
      String script = String.join("\n",
          "import numpy as np",
          "np." + fn + "(" + pyString(f.toString()) + ", **{",
          "  'layer/w': np.arange(6, dtype=np.float32).reshape(2, 3) / 4,",
          "  'layer/b': np.array([1e-3, -7.5]),",
          "  'n': np.int32(-9), 'flags': np.array([True, False, True])})",
          "print('ok')");
      Result r = python(script);
      assertEquals("ok", r.out.strip(), r.out);
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Variable w = tf.variable(tf.zeros(Shape.of(2, 3)), "w");
      Variable b = tf.variable(tf.constant(new double[2]), "b");
      Variable n = tf.variable(tf.constant(0), "n");
      Variable flags = tf.variable(tf.constant(new boolean[3]), "flags");
      try (Session s = new Session(g)) {
        new Saver(Map.of("layer/w", w, "layer/b", b, "n", n, "flags", flags)).restore(s,
            f.toString());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, s.run(w).floats());
        assertArrayEquals(new double[] {1e-3, -7.5}, s.run(b).doubles());
        assertEquals(-9, s.run(n).intValue());
        assertArrayEquals(new boolean[] {true, false, true}, s.run(flags).bools());
      }
    }
  }

  static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
