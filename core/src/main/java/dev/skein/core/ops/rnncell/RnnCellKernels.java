package dev.skein.core.ops.rnncell;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Activations;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.kernel.LstmLoops;
import dev.skein.core.kernel.Parallel;
import dev.skein.core.kernel.RowChunks;

/** Kernels of the fused recurrent-cell ops: run-time shape checks around LstmLoops. */
final class RnnCellKernels {
  private RnnCellKernels() {}

  /** [c', h', activations]; the activations [batch, 5 units] only when {@code saveAct}. */
  static Tensor[] lstmGates(Tensor gates, Tensor bias, Tensor c, double forgetBias,
      boolean saveAct) {
    int[] bu = check(gates, bias, c, "lstmGates");
    int batch = bu[0];
    int units = bu[1];
    Shape s = Shape.of(batch, units);
    Shape as = Shape.of(batch, 5 * units);
    if (gates.dtype() == DType.FLOAT32) {
      float[] newC = BufferPool.floats(batch * units);
      float[] newH = BufferPool.floats(batch * units);
      float[] act = saveAct ? BufferPool.floats(batch * 5 * units) : null;
      if (batch > 0) {
        // An empty batch has nothing to compute (the vector loop's scratch rows assume one).
        LstmLoops.forward(gates.floats(), bias.floats(), c.floats(), (float) forgetBias, batch,
            units, newC, newH, act);
      }
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, s, newC), Tensor.wrap(DType.FLOAT32, s,
          newH), act == null ? null : Tensor.wrap(DType.FLOAT32, as, act)};
    }
    double[] newC = new double[batch * units];
    double[] newH = new double[batch * units];
    double[] act = saveAct ? new double[batch * 5 * units] : null;
    LstmLoops.forward(gates.doubles(), bias.doubles(), c.doubles(), forgetBias, batch, units,
        newC, newH, act);
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, s, newC), Tensor.wrap(DType.FLOAT64, s,
        newH), act == null ? null : Tensor.wrap(DType.FLOAT64, as, act)};
  }

  /** [dGates, dC, dBias] from the saved activations [batch, 5 units] (LSTMGatesActGrad). */
  static Tensor[] lstmGatesActGrad(Tensor act, Tensor c, Tensor dNewC, Tensor dNewH) {
    Shape a = act.shape();
    Shape cs = c.shape();
    checkArgument(a.rank() == 2 && cs.rank() == 2 && a.dim(0) == cs.dim(0)
        && a.dim(1) == 5 * cs.dim(1) && dNewC.shape().equals(cs) && dNewH.shape().equals(cs),
        "lstmGatesActGrad: expected activations [batch, 5 * units] and c, dc', dh' [batch,"
        + " units], got %s, %s, %s and %s", a, cs, dNewC.shape(), dNewH.shape());
    int batch = cs.dim(0);
    int units = cs.dim(1);
    Shape gs = Shape.of(batch, 4 * units);
    Shape bs = Shape.of(4 * units);
    if (act.dtype() == DType.FLOAT32) {
      float[] dGates = BufferPool.floats(batch * 4 * units);
      float[] dC = BufferPool.floats(batch * units);
      float[] dBias = new float[4 * units];
      LstmLoops.backwardFromActivations(act.floats(), c.floats(), dNewC.floats(),
          dNewH.floats(), batch, units, dGates, dC, dBias);
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, gs, dGates),
          Tensor.wrap(DType.FLOAT32, cs, dC), Tensor.wrap(DType.FLOAT32, bs, dBias)};
    }
    double[] dGates = new double[batch * 4 * units];
    double[] dC = new double[batch * units];
    double[] dBias = new double[4 * units];
    LstmLoops.backwardFromActivations(act.doubles(), c.doubles(), dNewC.doubles(),
        dNewH.doubles(), batch, units, dGates, dC, dBias);
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, gs, dGates),
        Tensor.wrap(DType.FLOAT64, cs, dC), Tensor.wrap(DType.FLOAT64, bs, dBias)};
  }

  static Tensor[] lstmGatesGrad(Tensor gates, Tensor bias, Tensor c, Tensor dNewC,
      Tensor dNewH, double forgetBias) {
    int[] bu = check(gates, bias, c, "lstmGatesGrad");
    int batch = bu[0];
    int units = bu[1];
    checkArgument(dNewC.shape().equals(c.shape()) && dNewH.shape().equals(c.shape()),
        "lstmGatesGrad: the gradients of c' %s and h' %s must have c's shape %s",
        dNewC.shape(), dNewH.shape(), c.shape());
    Shape gs = gates.shape();
    Shape cs = c.shape();
    Shape bs = Shape.of(4 * units);
    if (gates.dtype() == DType.FLOAT32) {
      float[] dGates = BufferPool.floats(batch * 4 * units);
      float[] dC = BufferPool.floats(batch * units);
      float[] dBias = new float[4 * units];
      if (batch > 0) {
        LstmLoops.backward(gates.floats(), bias.floats(), c.floats(), (float) forgetBias,
            dNewC.floats(), dNewH.floats(), batch, units, dGates, dC, dBias);
      }
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, gs, dGates),
          Tensor.wrap(DType.FLOAT32, cs, dC), Tensor.wrap(DType.FLOAT32, bs, dBias)};
    }
    double[] dGates = new double[batch * 4 * units];
    double[] dC = new double[batch * units];
    double[] dBias = new double[4 * units];
    LstmLoops.backward(gates.doubles(), bias.doubles(), c.doubles(), forgetBias,
        dNewC.doubles(), dNewH.doubles(), batch, units, dGates, dC, dBias);
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, gs, dGates),
        Tensor.wrap(DType.FLOAT64, cs, dC), Tensor.wrap(DType.FLOAT64, bs, dBias)};
  }

  /** From this many elements on, the bias-activation loops run on several threads by rows. */
  private static final int PARALLEL_ELEMENTS = 1 << 14;

  /** With {@code reuse}, the result is written over the value's array (see canReuseInput). */
  static Tensor biasActivation(Tensor value, Tensor bias, boolean tanh, String op,
      boolean reuse) {
    int c = value.rank() >= 1 ? value.shape().dim(-1) : -1;
    checkArgument(value.rank() >= 2 && bias.rank() == 1 && bias.size() == c, "%s: value %s"
        + " must have rank 2 or more and bias %s its last dimension", op, value.shape(),
        bias.shape());
    int rows = c == 0 ? 0 : value.size() / c;
    if (value.dtype() == DType.FLOAT32) {
      float[] v = value.floats();
      float[] b = bias.floats();
      float[] out = reuse ? v : BufferPool.floats(v.length);
      forRows(rows, c, (r0, r1) -> {
        Activations.addBias(v, b, out, c, r0, r1);
        int from = r0 * c;
        int n = (r1 - r0) * c;
        if (tanh) {
          Activations.tanh(out, from, out, from, n);
        } else {
          Activations.sigmoid(out, from, out, from, n);
        }
      });
      return Tensor.wrap(DType.FLOAT32, value.shape(), out);
    }
    double[] v = value.doubles();
    double[] b = bias.doubles();
    double[] out = new double[v.length];
    for (int r = 0; r < rows; r++) {
      int o = r * c;
      for (int j = 0; j < c; j++) {
        double z = v[o + j] + b[j];
        out[o + j] = tanh ? Math.tanh(z) : sigmoid(z);
      }
    }
    return Tensor.wrap(DType.FLOAT64, value.shape(), out);
  }

  /** With {@code reuse}, dValue is written over dy's array. */
  static Tensor[] biasActivationGrad(Tensor y, Tensor dy, boolean tanh, boolean reuse) {
    int c = y.shape().dim(-1);
    int rows = c == 0 ? 0 : y.size() / c;
    Shape bs = Shape.of(c);
    if (y.dtype() == DType.FLOAT32) {
      float[] a = y.floats();
      float[] d = dy.floats();
      float[] dz = reuse ? d : BufferPool.floats(a.length);
      // Fixed row chunks, each summing its rows' bias gradient apart, added in chunk order:
      // the same bits whatever the thread count.
      float[] dBias = new float[c];
      RowChunks.sum(rows, c, (long) rows * c >= PARALLEL_ELEMENTS, dBias,
          (ch, r0, r1, sum) -> Activations.activationGrad(a, d, dz, sum, c, r0, r1, tanh));
      return new Tensor[] {Tensor.wrap(DType.FLOAT32, y.shape(), dz),
          Tensor.wrap(DType.FLOAT32, bs, dBias)};
    }
    double[] a = y.doubles();
    double[] d = dy.doubles();
    double[] dz = new double[a.length];
    double[] dBias = new double[c];
    for (int r = 0; r < rows; r++) {
      int o = r * c;
      for (int j = 0; j < c; j++) {
        double g = tanh ? d[o + j] * (1 - a[o + j] * a[o + j])
            : d[o + j] * (a[o + j] * (1 - a[o + j]));
        dz[o + j] = g;
        dBias[j] += g;
      }
    }
    return new Tensor[] {Tensor.wrap(DType.FLOAT64, y.shape(), dz),
        Tensor.wrap(DType.FLOAT64, bs, dBias)};
  }

  /** Rows [r0, r1) of one task. */
  private interface RowRange {
    void run(int r0, int r1);
  }

  /** Rows [r0, r1) of task t. */
  private interface TaskRows {
    void run(int t, int r0, int r1);
  }

  private static int tasks(int rows, int cols) {
    return (long) rows * cols >= PARALLEL_ELEMENTS ? Math.max(1, Math.min(rows,
        Parallel.threads())) : 1;
  }

  private static void forRows(int rows, int cols, RowRange body) {
    forRows(rows, cols, tasks(rows, cols), (t, r0, r1) -> body.run(r0, r1));
  }

  private static void forRows(int rows, int cols, int tasks, TaskRows body) {
    if (tasks == 1) {
      body.run(0, 0, rows);
      return;
    }
    Parallel.forEach(tasks, t -> body.run(t, rows * t / tasks, rows * (t + 1) / tasks));
  }

  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** {batch, units}, checked: gates [b, 4u], bias [4u], c [b, u]. */
  private static int[] check(Tensor gates, Tensor bias, Tensor c, String op) {
    Shape g = gates.shape();
    checkArgument(g.rank() == 2 && bias.rank() == 1 && c.rank() == 2 && g.dim(1) % 4 == 0
        && bias.shape().dim(0) == g.dim(1) && c.shape().dim(0) == g.dim(0)
        && 4 * c.shape().dim(1) == g.dim(1), "%s: expected gates [batch, 4 * units], bias"
        + " [4 * units] and c [batch, units], got %s, %s and %s", op, g, bias.shape(),
        c.shape());
    return new int[] {g.dim(0), c.shape().dim(1)};
  }
}
