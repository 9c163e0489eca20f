package dev.skein.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loop of {@link LstmLoops#backwardFromActivations} (float32): the LSTM step's
 * gradient from the activations its forward pass saved (i, j, f, o, tanh(c'), 5 units per row),
 * so no exp or tanh is evaluated. Units past the last whole vector of a row run in the scalar
 * loop, whose float operations are these lane by lane: the same bits. Loaded only when the Vector API module is present.
 */
final class VectorLstmActLoops {
  private static final VectorSpecies<Float> S = VectorActivations.S;
  private static final int L = VectorActivations.L;

  private VectorLstmActLoops() {}

  /** Rows [b0, b1); adds their dGates to dBias row by row. */
  static void backward(float[] act, float[] c, float[] dNewC, float[] dNewH, int b0, int b1,
      int units, float[] dGates, float[] dC, float[] dBias) {
    int full = units - units % L;
    if (full > 0) {
      loop(act, c, dNewC, dNewH, b0, b1, units, full, dGates, dC, dBias);
    }
    if (full < units) {
      LstmLoops.backwardFromActivationsScalar(act, c, dNewC, dNewH, b0, b1, units, full, dGates,
          dC, dBias);
    }
  }

  private static void loop(float[] act, float[] c, float[] dNewC, float[] dNewH, int b0,
      int b1, int units, int end, float[] dGates, float[] dC, float[] dBias) {
    for (int b = b0; b < b1; b++) {
      int ar = b * 5 * units;
      int gr = b * 4 * units;
      int sr = b * units;
      for (int u = 0; u < end; u += L) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector i = FloatVector.fromArray(S, act, ar + u);
        FloatVector j = FloatVector.fromArray(S, act, ar + units + u);
        FloatVector f = FloatVector.fromArray(S, act, ar + 2 * units + u);
        FloatVector o = FloatVector.fromArray(S, act, ar + 3 * units + u);
        FloatVector tc = FloatVector.fromArray(S, act, ar + 4 * units + u);
        FloatVector cp = FloatVector.fromArray(S, c, sr + u);
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
}
