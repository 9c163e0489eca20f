package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitializersTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private double[] values(Variable v) {
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      if (v.dtype() == DType.FLOAT64) {
        return s.run(v).doubles();
      }
      float[] f = s.run(v).floats();
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s / a.length;
  }

  private static double std(double[] a) {
    double m = mean(a);
    double s = 0;
    for (double x : a) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / a.length);
  }

  @Test
  void fans_likeTensorFlow() {
    assertArrayEquals(new int[] {1, 1}, Initializers.fans(Shape.scalar()));
    assertArrayEquals(new int[] {5, 5}, Initializers.fans(Shape.of(5)));
    assertArrayEquals(new int[] {3, 7}, Initializers.fans(Shape.of(3, 7)));
    assertArrayEquals(new int[] {2 * 3 * 4, 2 * 3 * 5}, Initializers.fans(Shape.of(2, 3, 4, 5)));
  }

  @Test
  void constantAndZeros_bothDtypes() {
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Variable c = Variables.getVariable(tf, "c" + dt, Shape.of(2, 2), dt,
          Initializers.constant(-1.5));
      Variable z = Variables.getVariable(tf, "z" + dt, Shape.of(3), dt, Initializers.zeros());
      assertArrayEquals(new double[] {-1.5, -1.5, -1.5, -1.5}, values(c));
      assertArrayEquals(new double[3], values(z));
    }
  }

  @Test
  void randomNormal_hasMeanAndStd_bothDtypes() {
    g.setSeed(11);
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Variable v = Variables.getVariable(tf, "n" + dt, Shape.of(100, 100), dt,
          Initializers.randomNormal(2.0, 0.5, null));
      double[] a = values(v);
      assertEquals(2.0, mean(a), 0.02, dt.toString());
      assertEquals(0.5, std(a), 0.02, dt.toString());
    }
  }

  @Test
  void truncatedNormal_staysWithinTwoStd_bothDtypes() {
    g.setSeed(12);
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Variable v = Variables.getVariable(tf, "t" + dt, Shape.of(100, 100), dt,
          Initializers.truncatedNormal(-1.0, 0.1, null));
      double[] a = values(v);
      for (double x : a) {
        assertTrue(Math.abs(x + 1.0) <= 0.2 + 1e-6, "value " + x);
      }
      assertEquals(-1.0, mean(a), 0.005, dt.toString());
      // A standard normal truncated to [-2, 2] has standard deviation about 0.88.
      assertEquals(0.088, std(a), 0.005, dt.toString());
    }
  }

  @Test
  void glorotUniform_boundsAndVariance_bothDtypes() {
    g.setSeed(13);
    for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Variable v = Variables.getVariable(tf, "gl" + dt, Shape.of(60, 40), dt,
          Initializers.glorotUniform());
      double limit = Math.sqrt(6.0 / 100);
      double[] a = values(v);
      for (double x : a) {
        assertTrue(x >= -limit && x < limit, "value " + x);
      }
      assertEquals(0, mean(a), 0.01);
      assertEquals(limit / Math.sqrt(3), std(a), 0.01);
    }
  }

  @Test
  void seededInitializers_areReproducibleAcrossGraphs() {
    double[][] runs = new double[2][];
    for (int r = 0; r < 2; r++) {
      Graph h = new Graph();
      h.setSeed(5);
      Ops t = Ops.create(h);
      Variable v = Variables.getVariable(t, "w", Shape.of(4, 3), DType.FLOAT64,
          Initializers.glorotUniform(17L));
      try (Session s = new Session(h)) {
        s.run(t.globalVariablesInitializer());
        runs[r] = s.run(v).doubles();
      }
    }
    assertArrayEquals(runs[0], runs[1]);
  }
}
