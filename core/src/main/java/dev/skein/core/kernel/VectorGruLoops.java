package dev.skein.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link GruLoops}: whole vectors of each row's columns, the columns
 * past the last whole vector by {@link GruLoops}' scalar row code (the same operations, so the
 * same bits). One species, the preferred one, as everywhere in this package. Loaded only when
 * the Vector API module is present.
 */
final class VectorGruLoops {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorGruLoops() {}

  static void resetGate(float[] g, float[] h, float[] out, int u, int r0, int r1) {
    int full = u - u % L;
    for (int r = r0; r < r1; r++) {
      int gi = r * 2 * u;
      int i = r * u;
      for (int j = 0; j < full; j += L) {
        FloatVector.fromArray(S, g, gi + j).mul(FloatVector.fromArray(S, h, i + j))
            .intoArray(out, i + j);
      }
      GruLoops.resetRow(g, h, out, u, r, full);
    }
  }

  static void resetGateGrad(float[] g, float[] h, float[] d, float[] dg, float[] dh, int u,
      int r0, int r1) {
    int full = u - u % L;
    FloatVector zero = FloatVector.zero(S);
    for (int r = r0; r < r1; r++) {
      int gi = r * 2 * u;
      int i = r * u;
      for (int j = 0; j < full; j += L) {
        FloatVector dv = FloatVector.fromArray(S, d, i + j);
        dv.mul(FloatVector.fromArray(S, h, i + j)).intoArray(dg, gi + j);
        zero.intoArray(dg, gi + u + j);
        dv.mul(FloatVector.fromArray(S, g, gi + j)).intoArray(dh, i + j);
      }
      GruLoops.resetGradRow(g, h, d, dg, dh, u, r, full);
    }
  }

  static void update(float[] g, float[] h, float[] c, float[] out, int u, int r0, int r1) {
    int full = u - u % L;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int r = r0; r < r1; r++) {
      int gi = r * 2 * u + u;
      int i = r * u;
      for (int j = 0; j < full; j += L) {
        FloatVector z = FloatVector.fromArray(S, g, gi + j);
        FloatVector keep = z.mul(FloatVector.fromArray(S, h, i + j));
        FloatVector write = one.sub(z).mul(FloatVector.fromArray(S, c, i + j));
        keep.add(write).intoArray(out, i + j);
      }
      GruLoops.updateRow(g, h, c, out, u, r, full);
    }
  }

  static void updateGrad(float[] g, float[] h, float[] c, float[] d, float[] dg, float[] dh,
      float[] dc, int u, int r0, int r1) {
    int full = u - u % L;
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int r = r0; r < r1; r++) {
      int gi = r * 2 * u;
      int i = r * u;
      for (int j = 0; j < full; j += L) {
        FloatVector z = FloatVector.fromArray(S, g, gi + u + j);
        FloatVector dy = FloatVector.fromArray(S, d, i + j);
        zero.intoArray(dg, gi + j);
        dy.mul(FloatVector.fromArray(S, h, i + j)).sub(dy.mul(FloatVector.fromArray(S, c, i + j)))
            .intoArray(dg, gi + u + j);
        dy.mul(z).intoArray(dh, i + j);
        dy.mul(one.sub(z)).intoArray(dc, i + j);
      }
      GruLoops.updateGradRow(g, h, c, d, dg, dh, dc, u, r, full);
    }
  }
}
