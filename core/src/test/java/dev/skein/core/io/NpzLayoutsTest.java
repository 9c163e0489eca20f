package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Files NumPy itself wrote (src/test/resources/npz, made by make_fixtures.py there) in its own
 * layouts: Fortran order, big-endian data, and archives with entries that are not arrays. Every
 * element is checked bit for bit against the formulas the script used, recomputed here from
 * each element's row-major position k.
 */
class NpzLayoutsTest {
  static Path fixture(String name) {
    try {
      return Path.of(NpzLayoutsTest.class.getResource("/npz/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** The script's float formula, k * 0.37 - 5 in float64. */
  static double real(int k) {
    return k * 0.37 - 5;
  }

  static float[] floats(int n) {
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      v[k] = (float) real(k);
    }
    return v;
  }

  static double[] doubles(int n) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = real(k);
    }
    return v;
  }

  static int[] ints(int n) {
    int[] v = new int[n];
    for (int k = 0; k < n; k++) {
      v[k] = k * 7 - 20;
    }
    return v;
  }

  static void assertBits(float[] expected, Tensor t) {
    assertEquals(DType.FLOAT32, t.dtype());
    float[] got = t.floats();
    assertEquals(expected.length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
          "element " + i + ": " + expected[i] + " vs " + got[i]);
    }
  }

  static void assertBits(double[] expected, Tensor t) {
    assertEquals(DType.FLOAT64, t.dtype());
    double[] got = t.doubles();
    assertEquals(expected.length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
          "element " + i);
    }
  }

  @Test
  void fortranOrder_isConvertedToRowMajor() {
    Map<String, Tensor> a = Npz.read(fixture("fortran.npz"));
    assertEquals(List.of("w_t", "f32", "f64", "i32", "b"), List.copyOf(a.keySet()));
    // w_t is W.T for W (3, 4) = floats(12) row-major: w_t[i][j] = W[j][i].
    float[] w = floats(12);
    float[] wt = new float[12];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        wt[i * 3 + j] = w[j * 4 + i];
      }
    }
    assertEquals(Shape.of(4, 3), a.get("w_t").shape());
    assertBits(wt, a.get("w_t"));
    assertEquals(Shape.of(2, 3, 4), a.get("f32").shape());
    assertBits(floats(24), a.get("f32"));
    assertEquals(Shape.of(4, 5), a.get("f64").shape());
    assertBits(doubles(20), a.get("f64"));
    assertEquals(Shape.of(3, 2), a.get("i32").shape());
    assertArrayEquals(ints(6), a.get("i32").ints());
    boolean[] b = new boolean[10];
    for (int k = 0; k < 10; k++) {
      b[k] = k % 3 == 0;
    }
    assertEquals(Shape.of(2, 5), a.get("b").shape());
    assertArrayEquals(b, a.get("b").bools());
  }

  @Test
  void bigEndian_isConverted_everyBitKept() {
    Map<String, Tensor> a = Npz.read(fixture("bigendian.npz"));
    assertEquals(Shape.of(2, 3), a.get("f32").shape());
    assertBits(floats(6), a.get("f32"));
    assertBits(doubles(5), a.get("f64"));
    assertArrayEquals(ints(4), a.get("i32").ints());
    assertEquals(Shape.of(3, 2), a.get("f64_fortran").shape());
    assertBits(doubles(6), a.get("f64_fortran"));
    // -0.0, inf, -inf, NumPy's NaN (0x7fc00000), the smallest subnormal, (float) 3.4e38.
    assertBits(new float[] {-0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc00000), Float.intBitsToFloat(1), 3.4e38f}, a.get("special"));
    assertEquals(Shape.scalar(), a.get("scalar").shape());
    assertEquals(-123456789, a.get("scalar").intValue());
  }

  @Test
  void transposedWeights_restoreIntoAVariable() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable wt = tf.variable(tf.zeros(Shape.of(4, 3)), "w_t");
    Variable be = tf.variable(tf.zeros(Shape.of(3, 2), DType.FLOAT64), "f64_fortran");
    try (Session s = new Session(g)) {
      new Saver(List.of(wt)).restore(s, fixture("fortran.npz").toString());
      new Saver(List.of(be)).restore(s, fixture("bigendian.npz").toString());
      float[] w = floats(12);
      assertEquals(w[1 * 4 + 2], s.run(wt).floats()[2 * 3 + 1]); // w_t[2][1] = W[1][2]
      assertBits(doubles(6), s.run(be));
    }
  }

  @Test
  void entriesThatAreNotArrays_areSkippedWithAWarningNamingThem() {
    Logger log = Logger.getLogger("dev.skein.core.io");
    List<LogRecord> records = new ArrayList<>();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(h);
    try {
      Path f = fixture("extra_entries.npz");
      Map<String, Tensor> a = Npz.read(f);
      assertEquals(List.of("w"), List.copyOf(a.keySet()));
      assertBits(floats(4), a.get("w"));
      assertEquals(1, records.size(), records.toString());
      String m = records.get(0).getMessage();
      assertEquals(java.util.logging.Level.WARNING, records.get(0).getLevel());
      assertTrue(m.contains(f.toString()) && m.contains("README.txt")
          && m.contains("meta/info.json"), m);
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Variable w = tf.variable(tf.zeros(Shape.of(2, 2)), "w");
      try (Session s = new Session(g)) {
        new Saver(g).restore(s, f.toString());
        assertBits(floats(4), s.run(w));
      }
    } finally {
      log.removeHandler(h);
    }
  }

  @Test
  void unsupportedDescr_namesTheDtypesRead() {
    for (String d : new String[] {"<u2", ">c8", "|f4", "<U3", "f4", "<f4 ", "<f2"}) {
      byte[] npy = npy("{'descr': '" + d + "', 'fortran_order': False, 'shape': (1,), }");
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> NpyFormat.readHeader(new ByteArrayInputStream(npy)));
      assertTrue(e.getMessage().contains("'" + d + "' is not supported")
          && e.getMessage().contains("float32 '<f4'"), e.getMessage());
    }
  }

  @Test
  void rowMajorConversion_matchesAnIndependentIndexFormula() {
    int[] dims = {2, 3, 1, 4};
    int n = 24;
    int[] col = new int[n];
    for (int i = 0; i < n; i++) {
      col[i] = i;
    }
    int[] rows = (int[]) NpyFormat.toRowMajor(col, dims, DType.INT32);
    int k = 0;
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 3; b++) {
        for (int c = 0; c < 1; c++) {
          for (int d = 0; d < 4; d++) {
            assertEquals(a + 2 * (b + 3 * (c + 1 * d)), rows[k++]);
          }
        }
      }
    }
  }

  @Test
  void rowMajorConversion_ofMatrices_inTiles_everyDtype() {
    int rows = 70;
    int cols = 131; // neither a multiple of the tile
    int n = rows * cols;
    int[] ci = new int[n];
    float[] cf = new float[n];
    double[] cd = new double[n];
    boolean[] cb = new boolean[n];
    for (int k = 0; k < n; k++) {
      ci[k] = k;
      cf[k] = k + 0.5f;
      cd[k] = -k;
      cb[k] = k % 7 == 0;
    }
    int[] ri = (int[]) NpyFormat.toRowMajor(ci, new int[] {rows, cols}, DType.INT32);
    float[] rf = (float[]) NpyFormat.toRowMajor(cf, new int[] {rows, cols}, DType.FLOAT32);
    double[] rd = (double[]) NpyFormat.toRowMajor(cd, new int[] {rows, cols}, DType.FLOAT64);
    boolean[] rb = (boolean[]) NpyFormat.toRowMajor(cb, new int[] {rows, cols}, DType.BOOL);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int src = i + rows * j;
        assertEquals(src, ri[i * cols + j]);
        assertEquals(src + 0.5f, rf[i * cols + j]);
        assertEquals(-src, rd[i * cols + j]);
        assertEquals(src % 7 == 0, rb[i * cols + j]);
      }
    }
  }

  /** A version 1.0 .npy file with this header and 64 bytes of data. */
  static byte[] npy(String dict) {
    String text = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[10 + t.length + 64];
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    System.arraycopy(magic, 0, out, 0, 8);
    out[8] = (byte) t.length;
    out[9] = (byte) (t.length >>> 8);
    System.arraycopy(t, 0, out, 10, t.length);
    return out;
  }
}
