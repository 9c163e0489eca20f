package dev.skein.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link LstmLoops} (float32), written by {@link VectorActivations}'
 * rules: each pass is one method whose loop body makes its vectors (constants included), reads,
 * combines and stores them (measured: 2 ns per unit, against 5 ns with helper methods taking
 * vectors). Units past the last whole vector of each row are copied, for all rows at once, into
 * a padded scratch problem one vector wide and run through the same loop. The activations are
 * VectorActivations' (the same float formulas), so the forward results equal the unfused ops'.
 * Loaded only when the Vector API module is present.
 */
final class VectorLstmLoops {
  private static final VectorSpecies<Float> S = VectorActivations.S;
  private static final int L = VectorActivations.L;
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() ->
      new float[8][0]);

  private VectorLstmLoops() {}

  /** Rows [b0, b1). */
  static void forward(float[] g, float[] bias, float[] c, float forgetBias, int b0, int b1,
      int units, float[] newC, float[] newH) {
    int full = units - units % L;
    if (full > 0) {
      forwardLoop(g, bias, c, forgetBias, b0, b1, units, full, newC, newH);
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
    forwardLoop(sg, sb, sc, forgetBias, 0, rows, L, L, snc, snh);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(snc, r * L, newC, (b0 + r) * units + full, n);
      System.arraycopy(snh, r * L, newH, (b0 + r) * units + full, n);
    }
  }

  /** Rows [b0, b1), units [0, end) (a multiple of L) of rows {@code units} wide. */
  private static void forwardLoop(float[] g, float[] bias, float[] c, float forgetBias, int b0,
      int b1, int units, int end, float[] newC, float[] newH) {
    for (int b = b0; b < b1; b++) {
      int gr = b * 4 * units;
      int sr = b * units;
      for (int u = 0; u < end; u += L) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector fb = FloatVector.broadcast(S, forgetBias);
        FloatVector xi = FloatVector.fromArray(S, g, gr + u)
            .add(FloatVector.fromArray(S, bias, u));
        FloatVector xj = FloatVector.fromArray(S, g, gr + units + u)
            .add(FloatVector.fromArray(S, bias, units + u));
        FloatVector xf = FloatVector.fromArray(S, g, gr + 2 * units + u)
            .add(FloatVector.fromArray(S, bias, 2 * units + u)).add(fb);
        FloatVector xo = FloatVector.fromArray(S, g, gr + 3 * units + u)
            .add(FloatVector.fromArray(S, bias, 3 * units + u));
        FloatVector i = one.div(one.add(xi.neg().lanewise(VectorOperators.EXP)));
        FloatVector j = xj.lanewise(VectorOperators.TANH);
        FloatVector f = one.div(one.add(xf.neg().lanewise(VectorOperators.EXP)));
        FloatVector o = one.div(one.add(xo.neg().lanewise(VectorOperators.EXP)));
        FloatVector cc = FloatVector.fromArray(S, c, sr + u).mul(f).add(i.mul(j));
        cc.intoArray(newC, sr + u);
        cc.lanewise(VectorOperators.TANH).mul(o).intoArray(newH, sr + u);
      }
    }
  }

  /** Rows [b0, b1); adds their dGates column sums to dBias. */
  static void backward(float[] g, float[] bias, float[] c, float forgetBias, float[] dNewC,
      float[] dNewH, int b0, int b1, int units, float[] dGates, float[] dC, float[] dBias) {
    int full = units - units % L;
    if (full > 0) {
      backwardLoop(g, bias, c, forgetBias, dNewC, dNewH, b0, b1, units, full, dGates, dC,
          dBias);
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
    float[] sdc = s[3];
    float[] sdh = s[4];
    float[] sdg = s[5];
    float[] sdcOut = s[6];
    float[] sdb = s[7];
    java.util.Arrays.fill(sdb, 0, 4 * L, 0f);
    for (int q = 0; q < 4; q++) {
      System.arraycopy(bias, q * units + full, sb, q * L, n);
    }
    for (int r = 0; r < rows; r++) {
      int gr = (b0 + r) * 4 * units;
      int sr = (b0 + r) * units + full;
      for (int q = 0; q < 4; q++) {
        System.arraycopy(g, gr + q * units + full, sg, (r * 4 + q) * L, n);
      }
      System.arraycopy(c, sr, sc, r * L, n);
      System.arraycopy(dNewC, sr, sdc, r * L, n);
      System.arraycopy(dNewH, sr, sdh, r * L, n);
    }
    backwardLoop(sg, sb, sc, forgetBias, sdc, sdh, 0, rows, L, L, sdg, sdcOut, sdb);
    for (int r = 0; r < rows; r++) {
      int gr = (b0 + r) * 4 * units;
      for (int q = 0; q < 4; q++) {
        System.arraycopy(sdg, (r * 4 + q) * L, dGates, gr + q * units + full, n);
      }
      System.arraycopy(sdcOut, r * L, dC, (b0 + r) * units + full, n);
    }
    for (int q = 0; q < 4; q++) {
      for (int k = 0; k < n; k++) {
        dBias[q * units + full + k] += sdb[q * L + k];
      }
    }
  }

  private static void backwardLoop(float[] g, float[] bias, float[] c, float forgetBias,
      float[] dNewC, float[] dNewH, int b0, int b1, int units, int end, float[] dGates,
      float[] dC, float[] dBias) {
    for (int b = b0; b < b1; b++) {
      int gr = b * 4 * units;
      int sr = b * units;
      for (int u = 0; u < end; u += L) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector fb = FloatVector.broadcast(S, forgetBias);
        FloatVector xi = FloatVector.fromArray(S, g, gr + u)
            .add(FloatVector.fromArray(S, bias, u));
        FloatVector xj = FloatVector.fromArray(S, g, gr + units + u)
            .add(FloatVector.fromArray(S, bias, units + u));
        FloatVector xf = FloatVector.fromArray(S, g, gr + 2 * units + u)
            .add(FloatVector.fromArray(S, bias, 2 * units + u)).add(fb);
        FloatVector xo = FloatVector.fromArray(S, g, gr + 3 * units + u)
            .add(FloatVector.fromArray(S, bias, 3 * units + u));
        FloatVector i = one.div(one.add(xi.neg().lanewise(VectorOperators.EXP)));
        FloatVector j = xj.lanewise(VectorOperators.TANH);
        FloatVector f = one.div(one.add(xf.neg().lanewise(VectorOperators.EXP)));
        FloatVector o = one.div(one.add(xo.neg().lanewise(VectorOperators.EXP)));
        FloatVector cp = FloatVector.fromArray(S, c, sr + u);
        FloatVector tc = cp.mul(f).add(i.mul(j)).lanewise(VectorOperators.TANH);
        FloatVector dh = FloatVector.fromArray(S, dNewH, sr + u);
        FloatVector dcT = FloatVector.fromArray(S, dNewC, sr + u)
            .add(dh.mul(o).mul(one.sub(tc.mul(tc))));
        FloatVector dgi = dcT.mul(j).mul(i.mul(one.sub(i)));
        FloatVector dgj = dcT.mul(i).mul(one.sub(j.mul(j)));
        FloatVector dgf = dcT.mul(cp).mul(f.mul(one.sub(f)));
        FloatVector dgo = dh.mul(tc).mul(o.mul(one.sub(o)));
        dgi.intoArray(dGates, gr + u);
        dgj.intoArray(dGates, gr + units + u);
        dgf.intoArray(dGates, gr + 2 * units + u);
        dgo.intoArray(dGates, gr + 3 * units + u);
        dcT.mul(f).intoArray(dC, sr + u);
        FloatVector.fromArray(S, dBias, u).add(dgi).intoArray(dBias, u);
        FloatVector.fromArray(S, dBias, units + u).add(dgj).intoArray(dBias, units + u);
        FloatVector.fromArray(S, dBias, 2 * units + u).add(dgf).intoArray(dBias, 2 * units + u);
        FloatVector.fromArray(S, dBias, 3 * units + u).add(dgo).intoArray(dBias, 3 * units + u);
      }
    }
  }

  /** Per-thread scratch arrays for {@code rows} rows of padded units. */
  private static float[][] scratch(int rows) {
    float[][] s = SCRATCH.get();
    int gates = rows * 4 * L;
    if (s[0].length < gates) {
      s = new float[][] {new float[gates], new float[4 * L], new float[rows * L],
          new float[rows * L], new float[rows * L], new float[gates], new float[rows * L],
          new float[4 * L]};
      SCRATCH.set(s);
    }
    return s;
  }
}
