package dev.skein.core.kernel;

import static dev.skein.core.kernel.FloatFunctions.E2;
import static dev.skein.core.kernel.FloatFunctions.E3;
import static dev.skein.core.kernel.FloatFunctions.E4;
import static dev.skein.core.kernel.FloatFunctions.E5;
import static dev.skein.core.kernel.FloatFunctions.E6;
import static dev.skein.core.kernel.FloatFunctions.LN2_HI;
import static dev.skein.core.kernel.FloatFunctions.LN2_LO;
import static dev.skein.core.kernel.FloatFunctions.LOG2E;
import static dev.skein.core.kernel.FloatFunctions.M1;
import static dev.skein.core.kernel.FloatFunctions.M2;
import static dev.skein.core.kernel.FloatFunctions.M3;
import static dev.skein.core.kernel.FloatFunctions.M4;
import static dev.skein.core.kernel.FloatFunctions.M5;
import static dev.skein.core.kernel.FloatFunctions.SHIFTER;
import static dev.skein.core.kernel.FloatFunctions.SIGN;
import static dev.skein.core.kernel.FloatFunctions.SIG_HI;
import static dev.skein.core.kernel.FloatFunctions.TANH_LO;
import static dev.skein.core.kernel.FloatFunctions.TANH_SMALL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API forward loop of {@link LstmLoops} (float32; the backward loop, which reads the
 * activations this one saves, is {@link VectorLstmActLoops}), written by
 * {@link VectorActivations}' rules: each pass is one method whose loop body makes its vectors (constants included), reads,
 * combines and stores them (measured: 2 ns per unit, against 5 ns with helper methods taking
 * vectors). Units past the last whole vector of each row are copied, for all rows at once, into
 * a padded scratch problem one vector wide and run through the same loop. The activations are
 * {@link FloatFunctions}' formulas written out inline (five per unit, the same operations as
 * VectorActivations' loops), so the forward results equal the unfused ops' and the scalar
 * loop's bit for bit. Loaded only when the Vector API module is present.
 */
final class VectorLstmLoops {
  private static final VectorSpecies<Float> S = VectorActivations.S;
  private static final int L = VectorActivations.L;
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() ->
      new float[6][0]);
  private static final ThreadLocal<float[]> SINK = ThreadLocal.withInitial(() -> new float[0]);

  private VectorLstmLoops() {}

  /**
   * Rows [b0, b1); with {@code act} non-null, also their activations [batch, 5 units]: i, j, f,
   * o and tanh(c') (else they go to a per-thread row that nobody reads: no branch in the loop).
   */
  static void forward(float[] g, float[] bias, float[] c, float forgetBias, int b0, int b1,
      int units, float[] newC, float[] newH, float[] act) {
    int full = units - units % L;
    if (full > 0) {
      forwardLoop(g, bias, c, forgetBias, b0, b1, units, full, newC, newH,
          act != null ? act : sink(5 * units), act != null ? 5 * units : 0);
    }
    int n = units - full;
    if (n == 0) {
      return;
    }
    int rows = b1 - b0;
    float[][] s = scratch(rows);
    float[] sg = s[0];
    float[] sb = s[1];
    float[] sc = s[2];
    float[] snc = s[3];
    float[] snh = s[4];
    for (int q = 0; q < 4; q++) {
      System.arraycopy(bias, q * units + full, sb, q * L, n);
    }
    for (int r = 0; r < rows; r++) {
      int gr = (b0 + r) * 4 * units;
      for (int q = 0; q < 4; q++) {
        System.arraycopy(g, gr + q * units + full, sg, (r * 4 + q) * L, n);
      }
      System.arraycopy(c, (b0 + r) * units + full, sc, r * L, n);
    }
    float[] sa = s[5];
    forwardLoop(sg, sb, sc, forgetBias, 0, rows, L, L, snc, snh, sa, 5 * L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(snc, r * L, newC, (b0 + r) * units + full, n);
      System.arraycopy(snh, r * L, newH, (b0 + r) * units + full, n);
      for (int q = 0; act != null && q < 5; q++) {
        System.arraycopy(sa, (r * 5 + q) * L, act, (b0 + r) * 5 * units + q * units + full, n);
      }
    }
  }

  /**
   * Rows [b0, b1), units [0, end) (a multiple of L) of rows {@code units} wide; row b's
   * activations go to {@code act} from {@code b * actStride}.
   */
  private static void forwardLoop(float[] g, float[] bias, float[] c, float forgetBias, int b0,
      int b1, int units, int end, float[] newC, float[] newH, float[] act, int actStride) {
    for (int b = b0; b < b1; b++) {
      int gr = b * 4 * units;
      int sr = b * units;
      int ar = b * actStride;
      for (int u = 0; u < end; u += L) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        FloatVector lnHi = FloatVector.broadcast(S, LN2_HI);
        FloatVector lnLo = FloatVector.broadcast(S, LN2_LO);
        FloatVector lnHiN = FloatVector.broadcast(S, -LN2_HI);
        FloatVector lnLoN = FloatVector.broadcast(S, -LN2_LO);
        FloatVector e4 = FloatVector.broadcast(S, E4);
        FloatVector e3n = FloatVector.broadcast(S, -E3);
        FloatVector e2 = FloatVector.broadcast(S, E2);
        FloatVector m3 = FloatVector.broadcast(S, M3);
        FloatVector m2 = FloatVector.broadcast(S, M2);
        FloatVector m1 = FloatVector.broadcast(S, M1);
        FloatVector fb = FloatVector.broadcast(S, forgetBias);
        FloatVector xi = FloatVector.fromArray(S, g, gr + u)
            .add(FloatVector.fromArray(S, bias, u));
        FloatVector xj = FloatVector.fromArray(S, g, gr + units + u)
            .add(FloatVector.fromArray(S, bias, units + u));
        FloatVector xf = FloatVector.fromArray(S, g, gr + 2 * units + u)
            .add(FloatVector.fromArray(S, bias, 2 * units + u)).add(fb);
        FloatVector xo = FloatVector.fromArray(S, g, gr + 3 * units + u)
            .add(FloatVector.fromArray(S, bias, 3 * units + u));
        FloatVector iy = xi.abs();
        iy = iy.blend(SIG_HI, iy.compare(VectorOperators.GT, SIG_HI));
        FloatVector it = iy.fma(-LOG2E, SHIFTER);
        FloatVector ik = it.sub(SHIFTER);
        FloatVector ir = ik.fma(lnHi, iy);
        ir = ik.fma(lnLo, ir);
        FloatVector ie = ir.fma(E6, -E5).fma(ir, e4).fma(ir, e3n).fma(ir, e2)
            .fma(ir, one.neg()).fma(ir, one).mul(it.reinterpretAsInts()
            .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        FloatVector i = one.blend(ie, xi.lt(0f)).div(one.add(ie));
        FloatVector jy = xj.abs();
        FloatVector ja = jy.mul(-2f);
        ja = ja.blend(TANH_LO, ja.lt(TANH_LO));
        FloatVector jt = ja.fma(LOG2E, SHIFTER);
        FloatVector jk = jt.sub(SHIFTER);
        FloatVector jr = jk.fma(lnHiN, ja);
        jr = jk.fma(lnLoN, jr);
        FloatVector jq = jr.mul(jr)
            .fma(jr.fma(M5, M4).fma(jr, m3).fma(jr, m2).fma(jr, m1), jr);
        FloatVector js = jt.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
            .reinterpretAsFloats();
        FloatVector je = js.fma(jq, js);
        VectorMask<Float> jsmall = jy.lt(TANH_SMALL);
        FloatVector jd = je.add(je).blend(zero.sub(js.fma(jq, js.sub(1f))),
            jsmall).div(one.add(je));
        FloatVector j = one.sub(jd).blend(jd, jsmall).reinterpretAsInts()
            .or(xj.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
        FloatVector fy = xf.abs();
        fy = fy.blend(SIG_HI, fy.compare(VectorOperators.GT, SIG_HI));
        FloatVector ft = fy.fma(-LOG2E, SHIFTER);
        FloatVector fk = ft.sub(SHIFTER);
        FloatVector fr = fk.fma(lnHi, fy);
        fr = fk.fma(lnLo, fr);
        FloatVector fe = fr.fma(E6, -E5).fma(fr, e4).fma(fr, e3n).fma(fr, e2)
            .fma(fr, one.neg()).fma(fr, one).mul(ft.reinterpretAsInts()
            .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        FloatVector f = one.blend(fe, xf.lt(0f)).div(one.add(fe));
        FloatVector oy = xo.abs();
        oy = oy.blend(SIG_HI, oy.compare(VectorOperators.GT, SIG_HI));
        FloatVector ot = oy.fma(-LOG2E, SHIFTER);
        FloatVector ok = ot.sub(SHIFTER);
        FloatVector or = ok.fma(lnHi, oy);
        or = ok.fma(lnLo, or);
        FloatVector oe = or.fma(E6, -E5).fma(or, e4).fma(or, e3n).fma(or, e2)
            .fma(or, one.neg()).fma(or, one).mul(ot.reinterpretAsInts()
            .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        FloatVector o = one.blend(oe, xo.lt(0f)).div(one.add(oe));
        FloatVector cc = FloatVector.fromArray(S, c, sr + u).mul(f).add(i.mul(j));
        cc.intoArray(newC, sr + u);
        FloatVector hy = cc.abs();
        FloatVector ha = hy.mul(-2f);
        ha = ha.blend(TANH_LO, ha.lt(TANH_LO));
        FloatVector ht = ha.fma(LOG2E, SHIFTER);
        FloatVector hk = ht.sub(SHIFTER);
        FloatVector hr = hk.fma(lnHiN, ha);
        hr = hk.fma(lnLoN, hr);
        FloatVector hq = hr.mul(hr)
            .fma(hr.fma(M5, M4).fma(hr, m3).fma(hr, m2).fma(hr, m1), hr);
        FloatVector hs = ht.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
            .reinterpretAsFloats();
        FloatVector he = hs.fma(hq, hs);
        VectorMask<Float> hsmall = hy.lt(TANH_SMALL);
        FloatVector hd = he.add(he).blend(zero.sub(hs.fma(hq, hs.sub(1f))),
            hsmall).div(one.add(he));
        FloatVector h = one.sub(hd).blend(hd, hsmall).reinterpretAsInts()
            .or(cc.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
        h.mul(o).intoArray(newH, sr + u);
        i.intoArray(act, ar + u);
        j.intoArray(act, ar + units + u);
        f.intoArray(act, ar + 2 * units + u);
        o.intoArray(act, ar + 3 * units + u);
        h.intoArray(act, ar + 4 * units + u);
      }
    }
  }

  /** Per-thread scratch arrays for {@code rows} rows of padded units. */
  private static float[][] scratch(int rows) {
    float[][] s = SCRATCH.get();
    int gates = rows * 4 * L;
    if (s[0].length < gates) {
      s = new float[][] {new float[gates], new float[4 * L], new float[rows * L],
          new float[rows * L], new float[rows * L], new float[rows * 5 * L]};
      SCRATCH.set(s);
    }
    return s;
  }

  /** A per-thread row of at least {@code n} floats for activations nobody reads. */
  private static float[] sink(int n) {
    float[] s = SINK.get();
    if (s.length < n) {
      s = new float[n];
      SINK.set(s);
    }
    return s;
  }
}
