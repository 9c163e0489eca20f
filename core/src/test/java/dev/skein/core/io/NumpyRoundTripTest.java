package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round trip through real NumPy: Skein saves (stored and compressed), NumPy checks every name,
 * dtype, shape and element bit for bit, changes the values and writes them back in C order,
 * Fortran order and compressed, and Skein restores each file bit for bit. Skipped where python3
 * with numpy is not installed (CI installs python3-numpy).
 */
class NumpyRoundTripTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void needNumpy() {
    assumeTrue(NumpyInteropTest.python("import numpy").exit() == 0,
        "skipped: python3 with numpy is not installed (CI installs python3-numpy)");
  }

  /**
   * One variable per case: its dtype and NumPy's name for it, its values, and the change NumPy
   * makes with the same change computed here. The dtypes .npy files hold are these cases; a new
   * dtype is one more case.
   */
  record Case(String name, DType dtype, String numpy, Tensor values, String pyChange,
      UnaryOperator<Tensor> change) {}

  static List<Case> cases() {
    float[] f = {1.5f, -0f, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, 1e30f,
        (float) Math.PI, -2.75e-20f, 7, -1, 0.1f, 123456.78f};
    double[] d = new double[12];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.sin(i + 1) * Math.pow(10, i - 6);
    }
    d[3] = -0.0;
    d[7] = Double.MIN_VALUE;
    int[] n = {0, -1, 2147483647, -2147483648, 42, 7, -300, 12, 5, 1 << 20};
    // beyond int32 and beyond a double's 53 bits: a path through either would change them
    long[] big = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -5_000_000_001L};
    return List.of(
        new Case("layer/kernel", DType.FLOAT32, "float32", Tensor.create(Shape.of(3, 4), f),
            "a * 2 + 1", t -> {
              float[] v = t.floats().clone();
              for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * 2 + 1;
              }
              return Tensor.create(t.shape(), v);
            }),
        new Case("layer/bias", DType.FLOAT64, "float64", Tensor.create(Shape.of(2, 3, 2), d),
            "a / 3 - 0.5", t -> {
              double[] v = t.doubles().clone();
              for (int i = 0; i < v.length; i++) {
                v[i] = v[i] / 3 - 0.5;
              }
              return Tensor.create(t.shape(), v);
            }),
        new Case("counts", DType.INT32, "int32", Tensor.create(Shape.of(2, 5), n),
            "a // 2 - 3", t -> {
              int[] v = t.ints().clone();
              for (int i = 0; i < v.length; i++) {
                v[i] = Math.floorDiv(v[i], 2) - 3;
              }
              return Tensor.create(t.shape(), v);
            }),
        new Case("global_step", DType.INT64, "int64", Tensor.create(Shape.of(2, 3), big),
            "a // 2 - 3", t -> {
              long[] v = t.longs().clone();
              for (int i = 0; i < v.length; i++) {
                v[i] = Math.floorDiv(v[i], 2L) - 3;
              }
              return Tensor.create(t.shape(), v);
            }));
  }

  /** NumPy's view of an array's bits as a Python list literal, for the dtype. */
  static String bits(Tensor t) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    switch (t.dtype()) {
      case FLOAT32 -> {
        for (float x : t.floats()) {
          j.add(Integer.toUnsignedString(Float.floatToRawIntBits(x)));
        }
      }
      case FLOAT64 -> {
        for (double x : t.doubles()) {
          j.add(Long.toUnsignedString(Double.doubleToRawLongBits(x)));
        }
      }
      case INT32 -> {
        for (int x : t.ints()) {
          j.add(Integer.toString(x));
        }
      }
      case INT64 -> {
        for (long x : t.longs()) {
          j.add(Long.toString(x));
        }
      }
      default -> throw new AssertionError("no case for " + t.dtype());
    }
    return j.toString();
  }

  static String shape(Shape s) {
    StringJoiner j = new StringJoiner(", ", "(", s.rank() == 1 ? ",)" : ")");
    for (int x : s.dims()) {
      j.add(Integer.toString(x));
    }
    return j.toString();
  }

  @Test
  void skeinWrites_numpyChecksAndRewrites_skeinRestores_bitForBit() {
    List<Case> cases = cases();
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Map<String, Variable> vars = new LinkedHashMap<>();
    for (Case c : cases) {
      vars.put(c.name(), tf.variable(tf.zeros(c.values().shape(), c.dtype()), "v"
          + vars.size()));
    }
    try (Session s = new Session(g)) {
      for (Case c : cases) {
        s.state().setVariable(vars.get(c.name()).op(), c.values());
      }
      Saver saver = new Saver(vars);
      String plain = saver.save(s, dir.resolve("plain").toString());
      String packed = new Saver(vars).compressed(true).save(s, dir.resolve("packed").toString());
      List<String> py = new ArrayList<>(List.of("import numpy as np, zipfile",
          "view = {'float32': np.uint32, 'float64': np.uint64, 'int32': np.int32,"
              + " 'int64': np.int64}",
          "def check(path, method):",
          "  d = np.load(path)",
          "  assert sorted(d.files) == sorted(expected), (d.files, list(expected))",
          "  assert {i.compress_type for i in zipfile.ZipFile(path).infolist()} == {method}",
          "  for k, (dt, shape, bits) in expected.items():",
          "    a = d[k]",
          "    assert a.dtype == np.dtype(dt) and a.shape == shape, (k, a.dtype, a.shape)",
          "    assert a.view(view[dt]).ravel().tolist() == bits, (k, a)",
          "  return d",
          "expected = {}"));
      for (Case c : cases) {
        py.add("expected[" + NumpyInteropTest.pyString(c.name()) + "] = ('" + c.numpy() + "', "
            + shape(c.values().shape()) + ", " + bits(c.values()) + ")");
      }
      py.add("d = check(" + NumpyInteropTest.pyString(plain) + ", zipfile.ZIP_STORED)");
      py.add("check(" + NumpyInteropTest.pyString(packed) + ", zipfile.ZIP_DEFLATED)");
      py.add("out = {}");
      for (Case c : cases) {
        py.add("a = d[" + NumpyInteropTest.pyString(c.name()) + "]; out["
            + NumpyInteropTest.pyString(c.name()) + "] = (" + c.pyChange() + ").astype(a.dtype)");
      }
      py.add("np.savez(" + pyString("c_order.npz") + ", **out)");
      py.add("fo = {k: np.asfortranarray(v) for k, v in out.items()}");
      py.add("assert all(v.flags.f_contiguous and not v.flags.c_contiguous for v in fo.values())");
      py.add("np.savez(" + pyString("fortran.npz") + ", **fo)");
      py.add("np.savez_compressed(" + pyString("compressed.npz") + ", **out)");
      py.add("print('ok')");
      NumpyInteropTest.Result r = NumpyInteropTest.python(String.join("\n", py));
      assertEquals("ok", r.out().strip(), r.out());

      for (String file : List.of("c_order.npz", "fortran.npz", "compressed.npz")) {
        Path f = dir.resolve(file);
        try (NpzReader reader = NpzReader.open(f)) {
          for (Case c : cases) {
            assertEquals(file.equals("fortran.npz"), reader.header(c.name()).fortranOrder(),
                file + " " + c.name());
          }
        }
        for (Case c : cases) {
          s.state().setVariable(vars.get(c.name()).op(), c.values());
        }
        new Saver(vars).restore(s, f.toString());
        for (Case c : cases) {
          Tensor want = c.change().apply(c.values());
          Tensor got = s.run(vars.get(c.name()));
          assertEquals(want.shape(), got.shape());
          assertEquals(bits(want), bits(got), file + " " + c.name());
        }
      }
    }
  }

  private String pyString(String file) {
    return NumpyInteropTest.pyString(dir.resolve(file).toString());
  }

  @Test
  void theCasesCoverEveryDtypeButBool() {
    // bool has its own checks in NumpyInteropTest; the others are all here.
    List<DType> covered = cases().stream().map(Case::dtype).toList();
    for (DType t : DType.values()) {
      assertTrue(t == DType.BOOL || covered.contains(t), t + " has no NumPy round-trip case:"
          + " add one to NumpyRoundTripTest.cases() (its NumPy name, values, a change) and to"
          + " bits()");
    }
  }
}
