package dev.skein.core.kernel;

import static dev.skein.core.kernel.FloatFunctions.E2;
import static dev.skein.core.kernel.FloatFunctions.E3;
import static dev.skein.core.kernel.FloatFunctions.E4;
import static dev.skein.core.kernel.FloatFunctions.E5;
import static dev.skein.core.kernel.FloatFunctions.E6;
import static dev.skein.core.kernel.FloatFunctions.EXP_HI;
import static dev.skein.core.kernel.FloatFunctions.EXP_LO;
import static dev.skein.core.kernel.FloatFunctions.LN2_HI;
import static dev.skein.core.kernel.FloatFunctions.LN2_LO;
import static dev.skein.core.kernel.FloatFunctions.LOG2E;
import static dev.skein.core.kernel.FloatFunctions.M1;
import static dev.skein.core.kernel.FloatFunctions.M2;
import static dev.skein.core.kernel.FloatFunctions.M3;
import static dev.skein.core.kernel.FloatFunctions.M4;
import static dev.skein.core.kernel.FloatFunctions.M5;
import static dev.skein.core.kernel.FloatFunctions.SHIFTER;
import static dev.skein.core.kernel.FloatFunctions.SHIFTER0;
import static dev.skein.core.kernel.FloatFunctions.SIGN;
import static dev.skein.core.kernel.FloatFunctions.SIG_HI;
import static dev.skein.core.kernel.FloatFunctions.TANH_LO;
import static dev.skein.core.kernel.FloatFunctions.TANH_SMALL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link Activations}, in float: exp, tanh and sigmoid computed lane by
 * lane with {@link FloatFunctions}' formulas, operation for operation (its accuracy, and the same
 * bits as the scalar code, interpreted or compiled). A last partial vector is computed in a
 * padded scratch vector, so every element goes through the same code whatever its position.
 * Loaded only when the Vector API module is present. The JDK's {@code lanewise(EXP)} and
 * {@code lanewise(TANH)} are not used: C2 compiles them to SVML routines whose results differ
 * in the last bit from the interpreter's per-lane {@code Math.exp}/{@code Math.tanh}; these
 * formulas ran as fast (sigmoid 0.33, tanh 0.49 ns per value, docs/PERFORMANCE.md).
 *
 * <p>How these loops are written matters to C2, which compiles a vector operation to machine
 * vectors only when it can prove the vector's exact class:
 * <ul>
 *   <li>one float species everywhere (the preferred one, as in {@link VectorGemm}): with a
 *       second shape running through the same library methods, their type profiles turned
 *       polymorphic and the matmul kernel's vectors were boxed (6 instead of 170 GFLOP/s);
 *   <li>every vector is made inside the loop body, constants included: a vector created before
 *       the loop reaches an on-stack-replacement compile of the loop as a value of unknown class;
 *   <li>no vector is passed to or returned from a helper method, or merged by a branch.
 * </ul>
 * The int vectors that build 2^n are reinterpretations of the float species' bits (same shape).
 * Double lanes (for a one-ulp sigmoid) were tried: JDK 17 did not intrinsify the shape-changing
 * conversions, and they ran slower than float.
 */
final class VectorActivations {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  private static final ThreadLocal<float[]> PAD = ThreadLocal.withInitial(() -> new float[L]);

  private VectorActivations() {}

  static void exp(float[] x, int xo, float[] r, int ro, int n) {
    int full = n - n % L;
    expLoop(x, xo, r, ro, full);
    if (full < n) {
      float[] pad = padded(x, xo + full, n - full);
      expLoop(pad, 0, pad, 0, L);
      System.arraycopy(pad, 0, r, ro + full, n - full);
    }
  }

  /** {@link FloatFunctions#exp} for a whole number of vectors. */
  private static void expLoop(float[] xa, int xo, float[] ra, int ro, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector x = FloatVector.fromArray(S, xa, xo + i);
      FloatVector a = x.blend(EXP_LO, x.lt(EXP_LO));
      a = a.blend(EXP_HI, a.compare(VectorOperators.GT, EXP_HI));
      FloatVector t = a.fma(LOG2E, SHIFTER0);
      FloatVector k = t.sub(SHIFTER0);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), a);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = r.fma(E6, E5);
      p = p.fma(r, FloatVector.broadcast(S, E4));
      p = p.fma(r, FloatVector.broadcast(S, E3));
      p = p.fma(r, FloatVector.broadcast(S, E2));
      p = p.fma(r, FloatVector.broadcast(S, 1f));
      p = p.fma(r, FloatVector.broadcast(S, 1f));
      IntVector tb = t.reinterpretAsInts();
      IntVector half = tb.lanewise(VectorOperators.ASHR, 1);
      FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
      FloatVector s2 = tb.sub(half).add(127).lanewise(VectorOperators.LSHL, 23)
          .reinterpretAsFloats();
      p.mul(s1).mul(s2).intoArray(ra, ro + i);
    }
  }

  static void tanh(float[] x, int xo, float[] r, int ro, int n) {
    int full = n - n % L;
    tanhLoop(x, xo, r, ro, full);
    if (full < n) {
      float[] pad = padded(x, xo + full, n - full);
      tanhLoop(pad, 0, pad, 0, L);
      System.arraycopy(pad, 0, r, ro + full, n - full);
    }
  }

  /** {@link FloatFunctions#tanh} for a whole number of vectors. */
  private static void tanhLoop(float[] xa, int xo, float[] ra, int ro, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector x = FloatVector.fromArray(S, xa, xo + i);
      FloatVector y = x.abs();
      FloatVector a = y.mul(-2f);
      a = a.blend(TANH_LO, a.lt(TANH_LO));
      FloatVector t = a.fma(LOG2E, SHIFTER);
      FloatVector k = t.sub(SHIFTER);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), a);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector q = r.fma(M5, M4);
      q = q.fma(r, FloatVector.broadcast(S, M3));
      q = q.fma(r, FloatVector.broadcast(S, M2));
      q = q.fma(r, FloatVector.broadcast(S, M1));
      q = r.mul(r).fma(q, r);
      FloatVector s = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
          .reinterpretAsFloats();
      FloatVector e = s.fma(q, s);
      FloatVector m = s.fma(q, s.sub(1f));
      VectorMask<Float> small = y.lt(TANH_SMALL);
      FloatVector quot = e.add(e).blend(FloatVector.zero(S).sub(m), small).div(one.add(e));
      one.sub(quot).blend(quot, small).reinterpretAsInts()
          .or(x.reinterpretAsInts().and(SIGN)).reinterpretAsFloats().intoArray(ra, ro + i);
    }
  }

  static void sigmoid(float[] x, int xo, float[] r, int ro, int n) {
    int full = n - n % L;
    sigmoidLoop(x, xo, r, ro, full);
    if (full < n) {
      float[] pad = padded(x, xo + full, n - full);
      sigmoidLoop(pad, 0, pad, 0, L);
      System.arraycopy(pad, 0, r, ro + full, n - full);
    }
  }

  /** {@link FloatFunctions#sigmoid} for a whole number of vectors. */
  private static void sigmoidLoop(float[] xa, int xo, float[] ra, int ro, int n) {
    for (int i = 0; i < n; i += L) {
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector x = FloatVector.fromArray(S, xa, xo + i);
      FloatVector y = x.abs();
      y = y.blend(SIG_HI, y.compare(VectorOperators.GT, SIG_HI));
      FloatVector t = y.fma(-LOG2E, SHIFTER);
      FloatVector k = t.sub(SHIFTER);
      FloatVector r = k.fma(FloatVector.broadcast(S, LN2_HI), y);
      r = k.fma(FloatVector.broadcast(S, LN2_LO), r);
      FloatVector p = r.fma(E6, -E5);
      p = p.fma(r, FloatVector.broadcast(S, E4));
      p = p.fma(r, FloatVector.broadcast(S, -E3));
      p = p.fma(r, FloatVector.broadcast(S, E2));
      p = p.fma(r, FloatVector.broadcast(S, -1f));
      p = p.fma(r, one);
      FloatVector e = p.mul(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
          .reinterpretAsFloats());
      one.blend(e, x.lt(0f)).div(one.add(e)).intoArray(ra, ro + i);
    }
  }

  /** The whole vectors of {@link Activations#addOrMul}; returns how many elements it did. */
  static int addOrMul(boolean mul, float[] a, int ao, float[] b, int bo, float[] r, int ro,
      int n) {
    int full = n - n % L;
    if (mul) {
      for (int i = 0; i < full; i += L) {
        FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i))
            .intoArray(r, ro + i);
      }
    } else {
      for (int i = 0; i < full; i += L) {
        FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i))
            .intoArray(r, ro + i);
      }
    }
    return full;
  }

  /** See {@link Activations#addBias}. */
  static void addBias(float[] x, float[] bias, float[] r, int c, int r0, int r1) {
    int full = c - c % L;
    for (int i = r0; i < r1; i++) {
      int o = i * c;
      for (int j = 0; j < full; j += L) {
        FloatVector.fromArray(S, x, o + j).add(FloatVector.fromArray(S, bias, j))
            .intoArray(r, o + j);
      }
      for (int j = full; j < c; j++) {
        r[o + j] = x[o + j] + bias[j];
      }
    }
  }

  /** See {@link Activations#activationGrad}; the columns past the last whole vector, scalar. */
  static void activationGrad(float[] y, float[] dy, float[] dz, float[] db, int c, int r0,
      int r1, boolean tanh) {
    int full = c - c % L;
    if (tanh) {
      for (int i = r0; i < r1; i++) {
        int o = i * c;
        for (int j = 0; j < full; j += L) {
          FloatVector one = FloatVector.broadcast(S, 1f);
          FloatVector a = FloatVector.fromArray(S, y, o + j);
          FloatVector g = FloatVector.fromArray(S, dy, o + j).mul(one.sub(a.mul(a)));
          g.intoArray(dz, o + j);
          FloatVector.fromArray(S, db, j).add(g).intoArray(db, j);
        }
      }
    } else {
      for (int i = r0; i < r1; i++) {
        int o = i * c;
        for (int j = 0; j < full; j += L) {
          FloatVector one = FloatVector.broadcast(S, 1f);
          FloatVector a = FloatVector.fromArray(S, y, o + j);
          FloatVector g = FloatVector.fromArray(S, dy, o + j).mul(a.mul(one.sub(a)));
          g.intoArray(dz, o + j);
          FloatVector.fromArray(S, db, j).add(g).intoArray(db, j);
        }
      }
    }
    if (full < c) {
      Activations.activationGradScalar(y, dy, dz, db, c, r0, r1, full, tanh);
    }
  }

  private static float[] padded(float[] x, int from, int count) {
    float[] pad = PAD.get();
    java.util.Arrays.fill(pad, 0f);
    System.arraycopy(x, from, pad, 0, count);
    return pad;
  }
}
