package dev.skein.core.kernel;

/**
 * The elementwise part of an LSTM step, fused: from the gate pre-activations (the step's
 * matmul, without its bias) to the new cell and hidden state, and back. Rows are batch entries;
 * gate columns are TensorFlow's order i, j, f, o, {@code units} each:
 *
 * <pre>
 * i = sigmoid(g_i + b_i)   j = tanh(g_j + b_j)   f = sigmoid(g_f + b_f + forgetBias)
 * o = sigmoid(g_o + b_o)   c' = c * f + i * j     h' = tanh(c') * o
 * </pre>
 *
 * The float32 loops do the same float operations in the same order as the unfused ops (BiasAdd,
 * Add, Sigmoid, Tanh, Mul, Add), with the same activation functions as the Sigmoid and Tanh ops
 * ({@link Activations}, vector or scalar), so the forward results equal the unfused ops'. The
 * forward pass can save its activations (i, j, f, o, tanh(c')) for the backward pass, which
 * then evaluates none; without them the backward pass computes them again first. Batches of
 * {@link #PARALLEL_UNITS} units or more are split over {@link Parallel}'s threads by rows.
 */
public final class LstmLoops {
  /** From this many batch rows times units on, the vector loops run on several threads. */
  static final int PARALLEL_UNITS = 1 << 13;

  private LstmLoops() {}

  private static int tasks(int batch, int units) {
    return (long) batch * units >= PARALLEL_UNITS ? Math.min(batch, Parallel.threads()) : 1;
  }

  /** Forward, float32: fills {@code newC} and {@code newH} [batch, units]. */
  public static void forward(float[] g, float[] bias, float[] c, float forgetBias, int batch,
      int units, float[] newC, float[] newH) {
    forward(g, bias, c, forgetBias, batch, units, newC, newH, null);
  }

  /**
   * Forward, float32: fills {@code newC} and {@code newH} [batch, units] and, unless it is
   * null, {@code act} [batch, 5 units] with the activations i, j, f, o and tanh(c') that
   * {@link #backwardFromActivations} reads.
   */
  public static void forward(float[] g, float[] bias, float[] c, float forgetBias, int batch,
      int units, float[] newC, float[] newH, float[] act) {
    if (Activations.VECTOR) {
      int tasks = tasks(batch, units);
      if (tasks == 1) {
        VectorLstmLoops.forward(g, bias, c, forgetBias, 0, batch, units, newC, newH, act);
      } else {
        Parallel.forEach(tasks, t -> VectorLstmLoops.forward(g, bias, c, forgetBias,
            batch * t / tasks, batch * (t + 1) / tasks, units, newC, newH, act));
      }
    } else {
      forwardScalar(g, bias, c, forgetBias, batch, units, newC, newH, act);
    }
  }

  /** The scalar loop of the float32 forward pass, used without the Vector API. */
  static void forwardScalar(float[] g, float[] bias, float[] c, float forgetBias, int batch,
      int units, float[] newC, float[] newH, float[] act) {
    int u4 = 4 * units;
    for (int b = 0; b < batch; b++) {
      int gr = b * u4;
      int sr = b * units;
      for (int u = 0; u < units; u++) {
        float i = Activations.sigmoid(g[gr + u] + bias[u]);
        float j = Activations.tanh(g[gr + units + u] + bias[units + u]);
        float f = Activations.sigmoid((g[gr + 2 * units + u] + bias[2 * units + u]) + forgetBias);
        float o = Activations.sigmoid(g[gr + 3 * units + u] + bias[3 * units + u]);
        float cc = c[sr + u] * f + i * j;
        float tc = Activations.tanh(cc);
        newC[sr + u] = cc;
        newH[sr + u] = tc * o;
        if (act != null) {
          int ar = b * 5 * units + u;
          act[ar] = i;
          act[ar + units] = j;
          act[ar + 2 * units] = f;
          act[ar + 3 * units] = o;
          act[ar + 4 * units] = tc;
        }
      }
    }
  }

  /**
   * Backward, float32: from the forward inputs and the gradients of c' and h', fills
   * {@code dGates} [batch, 4 units] (the gradient of the pre-activations, so of the matmul),
   * {@code dC} [batch, units] and {@code dBias} [4 units] (dGates summed over the batch in
   * {@link RowChunks}' fixed chunks: the same bits whatever the thread count). The activations
   * are computed again by the forward loop, then {@link #backwardFromActivations} runs: the
   * same bits as a backward pass from the activations the forward pass saved.
   */
  public static void backward(float[] g, float[] bias, float[] c, float forgetBias,
      float[] dNewC, float[] dNewH, int batch, int units, float[] dGates, float[] dC,
      float[] dBias) {
    backward(Activations.VECTOR, g, bias, c, forgetBias, dNewC, dNewH, batch, units, dGates, dC,
        dBias);
  }

  /** {@link #backward}, by the vector loops or the scalar ones. */
  static void backward(boolean vector, float[] g, float[] bias, float[] c, float forgetBias,
      float[] dNewC, float[] dNewH, int batch, int units, float[] dGates, float[] dC,
      float[] dBias) {
    float[] act = new float[batch * 5 * units];
    float[] newC = new float[batch * units];
    float[] newH = new float[batch * units];
    if (vector) {
      forward(g, bias, c, forgetBias, batch, units, newC, newH, act);
    } else {
      forwardScalar(g, bias, c, forgetBias, batch, units, newC, newH, act);
    }
    backwardFromActivations(vector, act, c, dNewC, dNewH, batch, units, dGates, dC, dBias);
  }

  /**
   * Backward, float32, from the activations {@code act} [batch, 5 units] that {@link #forward}
   * saved: the same outputs, and the same bits, as {@link #backward} from the forward inputs,
   * without evaluating an activation again.
   */
  public static void backwardFromActivations(float[] act, float[] c, float[] dNewC,
      float[] dNewH, int batch, int units, float[] dGates, float[] dC, float[] dBias) {
    backwardFromActivations(Activations.VECTOR, act, c, dNewC, dNewH, batch, units, dGates, dC,
        dBias);
  }

  /** {@link #backwardFromActivations}, by the vector loop or the scalar one. */
  static void backwardFromActivations(boolean vector, float[] act, float[] c, float[] dNewC,
      float[] dNewH, int batch, int units, float[] dGates, float[] dC, float[] dBias) {
    boolean parallel = (long) batch * units >= PARALLEL_UNITS;
    RowChunks.sum(batch, 4 * units, parallel, dBias, (ch, r0, r1, sum) -> {
      if (vector) {
        VectorLstmActLoops.backward(act, c, dNewC, dNewH, r0, r1, units, dGates, dC, sum);
      } else {
        backwardFromActivationsScalar(act, c, dNewC, dNewH, r0, r1, units, 0, dGates, dC, sum);
      }
    });
  }

  /**
   * The scalar loop of {@link #backwardFromActivations} over rows [b0, b1) and units
   * [u0, units), adding their dGates to {@code dBias} row by row.
   */
  static void backwardFromActivationsScalar(float[] act, float[] c, float[] dNewC,
      float[] dNewH, int b0, int b1, int units, int u0, float[] dGates, float[] dC,
      float[] dBias) {
    for (int b = b0; b < b1; b++) {
      int ar = b * 5 * units;
      int gr = b * 4 * units;
      int sr = b * units;
      for (int u = u0; u < units; u++) {
        float i = act[ar + u];
        float j = act[ar + units + u];
        float f = act[ar + 2 * units + u];
        float o = act[ar + 3 * units + u];
        float tc = act[ar + 4 * units + u];
        float cp = c[sr + u];
        float dh = dNewH[sr + u];
        float dcT = dNewC[sr + u] + dh * o * (1 - tc * tc);
        float dgi = dcT * j * (i * (1 - i));
        float dgj = dcT * i * (1 - j * j);
        float dgf = dcT * cp * (f * (1 - f));
        float dgo = dh * tc * (o * (1 - o));
        dGates[gr + u] = dgi;
        dGates[gr + units + u] = dgj;
        dGates[gr + 2 * units + u] = dgf;
        dGates[gr + 3 * units + u] = dgo;
        dC[sr + u] = dcT * f;
        dBias[u] += dgi;
        dBias[units + u] += dgj;
        dBias[2 * units + u] += dgf;
        dBias[3 * units + u] += dgo;
      }
    }
  }

  /** Forward, float64, with exact activations. */
  public static void forward(double[] g, double[] bias, double[] c, double forgetBias, int batch,
      int units, double[] newC, double[] newH) {
    forward(g, bias, c, forgetBias, batch, units, newC, newH, null);
  }

  /** Forward, float64; fills {@code act} [batch, 5 units] too unless it is null. */
  public static void forward(double[] g, double[] bias, double[] c, double forgetBias, int batch,
      int units, double[] newC, double[] newH, double[] act) {
    int u4 = 4 * units;
    for (int b = 0; b < batch; b++) {
      int gr = b * u4;
      int sr = b * units;
      for (int u = 0; u < units; u++) {
        double i = sigmoid(g[gr + u] + bias[u]);
        double j = Math.tanh(g[gr + units + u] + bias[units + u]);
        double f = sigmoid((g[gr + 2 * units + u] + bias[2 * units + u]) + forgetBias);
        double o = sigmoid(g[gr + 3 * units + u] + bias[3 * units + u]);
        double cc = c[sr + u] * f + i * j;
        double tc = Math.tanh(cc);
        newC[sr + u] = cc;
        newH[sr + u] = tc * o;
        if (act != null) {
          int ar = b * 5 * units + u;
          act[ar] = i;
          act[ar + units] = j;
          act[ar + 2 * units] = f;
          act[ar + 3 * units] = o;
          act[ar + 4 * units] = tc;
        }
      }
    }
  }

  /** Backward, float64, from the activations {@link #forward} saved. */
  public static void backwardFromActivations(double[] act, double[] c, double[] dNewC,
      double[] dNewH, int batch, int units, double[] dGates, double[] dC, double[] dBias) {
    java.util.Arrays.fill(dBias, 0);
    for (int b = 0; b < batch; b++) {
      int ar = b * 5 * units;
      int gr = b * 4 * units;
      int sr = b * units;
      for (int u = 0; u < units; u++) {
        double i = act[ar + u];
        double j = act[ar + units + u];
        double f = act[ar + 2 * units + u];
        double o = act[ar + 3 * units + u];
        double tc = act[ar + 4 * units + u];
        double cp = c[sr + u];
        double dh = dNewH[sr + u];
        double dcT = dNewC[sr + u] + dh * o * (1 - tc * tc);
        double dgi = dcT * j * (i * (1 - i));
        double dgj = dcT * i * (1 - j * j);
        double dgf = dcT * cp * (f * (1 - f));
        double dgo = dh * tc * (o * (1 - o));
        dGates[gr + u] = dgi;
        dGates[gr + units + u] = dgj;
        dGates[gr + 2 * units + u] = dgf;
        dGates[gr + 3 * units + u] = dgo;
        dC[sr + u] = dcT * f;
        dBias[u] += dgi;
        dBias[units + u] += dgj;
        dBias[2 * units + u] += dgf;
        dBias[3 * units + u] += dgo;
      }
    }
  }

  /** Backward, float64: the forward pass's activations again, then {@link #backwardFromActivations}. */
  public static void backward(double[] g, double[] bias, double[] c, double forgetBias,
      double[] dNewC, double[] dNewH, int batch, int units, double[] dGates, double[] dC,
      double[] dBias) {
    double[] act = new double[batch * 5 * units];
    forward(g, bias, c, forgetBias, batch, units, new double[batch * units],
        new double[batch * units], act);
    backwardFromActivations(act, c, dNewC, dNewH, batch, units, dGates, dC, dBias);
  }

  /** Logistic function for float64, accurate far out: exp is only taken of -|x|. */
  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
