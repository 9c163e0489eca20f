package dev.skein.core.ops.rnncell;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.kernel.GruLoops;
import dev.skein.core.kernel.Parallel;

/**
 * Kernels of {@link GruOps}: one pass over the rows (float32 in {@link GruLoops}, vectorized),
 * each value computed by the operations of the separate ops they replace, in their order, each
 * rounded to the dtype (so float32 results are those ops' bits). Elementwise, so splitting rows
 * over threads changes nothing.
 */
final class GruKernels {
  /** From this many elements on, the loops run on several threads by rows. */
  private static final int PARALLEL_ELEMENTS = 1 << 14;

  private GruKernels() {}

  /** Rows [r0, r1) of one task. */
  private interface Rows {
    void run(int r0, int r1);
  }

  private static void forRows(int rows, int units, Rows body) {
    int tasks = (long) rows * units >= PARALLEL_ELEMENTS ? Math.min(rows, Parallel.threads()) : 1;
    if (tasks <= 1) {
      body.run(0, rows);
      return;
    }
    Parallel.forEach(tasks, t -> body.run(rows * t / tasks, rows * (t + 1) / tasks));
  }

  /** {batch, units}, checked: gates [b, 2u] and every other input [b, u], all one dtype. */
  private static int[] check(String op, Tensor gates, Tensor... others) {
    Shape g = gates.shape();
    checkArgument(g.rank() == 2 && g.dim(1) % 2 == 0, "%s: gates must be [batch, 2 * units],"
        + " got %s", op, g);
    Shape s = Shape.of(g.dim(0), g.dim(1) / 2);
    for (Tensor t : others) {
      checkArgument(t.shape().equals(s) && t.dtype() == gates.dtype(), "%s: expected %s %s"
          + " beside gates %s, got %s %s", op, gates.dtype(), s, g, t.dtype(), t.shape());
    }
    return new int[] {g.dim(0), g.dim(1) / 2};
  }

  /** {@code r * h}. */
  static Tensor resetGate(Tensor gates, Tensor h) {
    int[] bu = check("gruResetGate", gates, h);
    int b = bu[0];
    int u = bu[1];
    Shape s = h.shape();
    if (gates.dtype() == DType.FLOAT32) {
      float[] g = gates.floats();
      float[] hv = h.floats();
      float[] out = BufferPool.floats(b * u);
      forRows(b, u, (r0, r1) -> GruLoops.resetGate(g, hv, out, u, r0, r1));
      return Tensor.wrap(DType.FLOAT32, s, out);
    }
    double[] g = gates.doubles();
    double[] hv = h.doubles();
    double[] out = new double[b * u];
    forRows(b, u, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        for (int j = 0, gi = r * 2 * u, i = r * u; j < u; j++) {
          out[i + j] = g[gi + j] * hv[i + j];
        }
      }
    });
    return Tensor.wrap(DType.FLOAT64, s, out);
  }

  /** [dGates (update half 0), dH]: {@code dr = d h}, {@code dh = d r}. */
  static Tensor[] resetGateGrad(Tensor gates, Tensor h, Tensor dRh) {
    int[] bu = check("gruResetGateGrad", gates, h, dRh);
    int b = bu[0];
    int u = bu[1];
    if (gates.dtype() == DType.FLOAT32) {
      float[] g = gates.floats();
      float[] hv = h.floats();
      float[] d = dRh.floats();
      float[] dg = BufferPool.floats(b * 2 * u);
      float[] dh = BufferPool.floats(b * u);
      forRows(b, u, (r0, r1) -> GruLoops.resetGateGrad(g, hv, d, dg, dh, u, r0, r1));
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, gates.shape(), dg),
          Tensor.wrap(DType.FLOAT32, h.shape(), dh)};
    }
    double[] g = gates.doubles();
    double[] hv = h.doubles();
    double[] d = dRh.doubles();
    double[] dg = new double[b * 2 * u];
    double[] dh = new double[b * u];
    forRows(b, u, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        for (int j = 0, gi = r * 2 * u, i = r * u; j < u; j++) {
          dg[gi + j] = d[i + j] * hv[i + j];
          dh[i + j] = d[i + j] * g[gi + j];
        }
      }
    });
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, gates.shape(), dg),
        Tensor.wrap(DType.FLOAT64, h.shape(), dh)};
  }

  /** {@code u * h + (1 - u) * c}, rounded as Mul, Sub, Mul, Add. */
  static Tensor update(Tensor gates, Tensor h, Tensor c) {
    int[] bu = check("gruUpdate", gates, h, c);
    int b = bu[0];
    int u = bu[1];
    Shape s = h.shape();
    if (gates.dtype() == DType.FLOAT32) {
      float[] g = gates.floats();
      float[] hv = h.floats();
      float[] cv = c.floats();
      float[] out = BufferPool.floats(b * u);
      forRows(b, u, (r0, r1) -> GruLoops.update(g, hv, cv, out, u, r0, r1));
      return Tensor.wrap(DType.FLOAT32, s, out);
    }
    double[] g = gates.doubles();
    double[] hv = h.doubles();
    double[] cv = c.doubles();
    double[] out = new double[b * u];
    forRows(b, u, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        for (int j = 0, gi = r * 2 * u + u, i = r * u; j < u; j++) {
          double z = g[gi + j];
          double keep = z * hv[i + j];
          double write = (1 - z) * cv[i + j];
          out[i + j] = keep + write;
        }
      }
    });
    return Tensor.wrap(DType.FLOAT64, s, out);
  }

  /**
   * [dGates (reset half 0), dH, dC] from dh': {@code du = dh' h - dh' c} (the two Muls' and
   * the Sub's gradients summed), {@code dh = dh' u}, {@code dc = dh' (1 - u)}.
   */
  static Tensor[] updateGrad(Tensor gates, Tensor h, Tensor c, Tensor dNewH) {
    int[] bu = check("gruUpdateGrad", gates, h, c, dNewH);
    int b = bu[0];
    int u = bu[1];
    if (gates.dtype() == DType.FLOAT32) {
      float[] g = gates.floats();
      float[] hv = h.floats();
      float[] cv = c.floats();
      float[] d = dNewH.floats();
      float[] dg = BufferPool.floats(b * 2 * u);
      float[] dh = BufferPool.floats(b * u);
      float[] dc = BufferPool.floats(b * u);
      forRows(b, u, (r0, r1) -> GruLoops.updateGrad(g, hv, cv, d, dg, dh, dc, u, r0, r1));
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, gates.shape(), dg),
          Tensor.wrap(DType.FLOAT32, h.shape(), dh), Tensor.wrap(DType.FLOAT32, c.shape(), dc)};
    }
    double[] g = gates.doubles();
    double[] hv = h.doubles();
    double[] cv = c.doubles();
    double[] d = dNewH.doubles();
    double[] dg = new double[b * 2 * u];
    double[] dh = new double[b * u];
    double[] dc = new double[b * u];
    forRows(b, u, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        for (int j = 0, gi = r * 2 * u, i = r * u; j < u; j++) {
          double z = g[gi + u + j];
          double dy = d[i + j];
          dg[gi + u + j] = dy * hv[i + j] - dy * cv[i + j];
          dh[i + j] = dy * z;
          dc[i + j] = dy * (1 - z);
        }
      }
    });
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, gates.shape(), dg),
        Tensor.wrap(DType.FLOAT64, h.shape(), dh), Tensor.wrap(DType.FLOAT64, c.shape(), dc)};
  }
}
