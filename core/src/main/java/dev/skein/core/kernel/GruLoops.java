package dev.skein.core.kernel;

/**
 * float32 loops of the GRU step's fused parts ({@code GRUResetGate}, {@code GRUUpdate} and
 * their gradients) over rows [r0, r1) of gates [rows, 2u] (reset half, then update half) and
 * [rows, u] states: Vector API loops with {@code --add-modules jdk.incubator.vector}, else scalar
 * loops. Only lanewise multiplies, adds and subtracts, each rounded as the scalar code rounds
 * it, so both give the same bits, and those of the separate Mul, Sub and Add ops.
 */
public final class GruLoops {
  private static final boolean VECTOR = Kernels.vectorApiAvailable();

  private GruLoops() {}

  /** {@code out = r * h}. */
  public static void resetGate(float[] g, float[] h, float[] out, int u, int r0, int r1) {
    if (VECTOR) {
      VectorGruLoops.resetGate(g, h, out, u, r0, r1);
      return;
    }
    for (int r = r0; r < r1; r++) {
      resetRow(g, h, out, u, r, 0);
    }
  }

  static void resetRow(float[] g, float[] h, float[] out, int u, int r, int j0) {
    for (int j = j0, gi = r * 2 * u, i = r * u; j < u; j++) {
      out[i + j] = g[gi + j] * h[i + j];
    }
  }

  /** {@code dg = [d h, 0]}, {@code dh = d r}. */
  public static void resetGateGrad(float[] g, float[] h, float[] d, float[] dg, float[] dh,
      int u, int r0, int r1) {
    if (VECTOR) {
      VectorGruLoops.resetGateGrad(g, h, d, dg, dh, u, r0, r1);
      return;
    }
    for (int r = r0; r < r1; r++) {
      resetGradRow(g, h, d, dg, dh, u, r, 0);
    }
  }

  static void resetGradRow(float[] g, float[] h, float[] d, float[] dg, float[] dh, int u,
      int r, int j0) {
    for (int j = j0, gi = r * 2 * u, i = r * u; j < u; j++) {
      dg[gi + j] = d[i + j] * h[i + j];
      dg[gi + u + j] = 0f;
      dh[i + j] = d[i + j] * g[gi + j];
    }
  }

  /** {@code out = z * h + (1 - z) * c}, z the update gate. */
  public static void update(float[] g, float[] h, float[] c, float[] out, int u, int r0,
      int r1) {
    if (VECTOR) {
      VectorGruLoops.update(g, h, c, out, u, r0, r1);
      return;
    }
    for (int r = r0; r < r1; r++) {
      updateRow(g, h, c, out, u, r, 0);
    }
  }

  static void updateRow(float[] g, float[] h, float[] c, float[] out, int u, int r, int j0) {
    for (int j = j0, gi = r * 2 * u + u, i = r * u; j < u; j++) {
      float z = g[gi + j];
      float keep = z * h[i + j];
      float write = (1f - z) * c[i + j];
      out[i + j] = keep + write;
    }
  }

  /** {@code dg = [0, d h - d c]}, {@code dh = d z}, {@code dc = d (1 - z)}. */
  public static void updateGrad(float[] g, float[] h, float[] c, float[] d, float[] dg,
      float[] dh, float[] dc, int u, int r0, int r1) {
    if (VECTOR) {
      VectorGruLoops.updateGrad(g, h, c, d, dg, dh, dc, u, r0, r1);
      return;
    }
    for (int r = r0; r < r1; r++) {
      updateGradRow(g, h, c, d, dg, dh, dc, u, r, 0);
    }
  }

  static void updateGradRow(float[] g, float[] h, float[] c, float[] d, float[] dg, float[] dh,
      float[] dc, int u, int r, int j0) {
    for (int j = j0, gi = r * 2 * u, i = r * u; j < u; j++) {
      float z = g[gi + u + j];
      float dy = d[i + j];
      dg[gi + j] = 0f;
      dg[gi + u + j] = dy * h[i + j] - dy * c[i + j];
      dh[i + j] = dy * z;
      dc[i + j] = dy * (1f - z);
    }
  }
}
