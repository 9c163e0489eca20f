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
 * backward pass recomputes the activations from the inputs instead of saving them. Batches of {@link #PARALLEL_UNITS} units or more are
 * split over {@link Parallel}'s threads by rows.
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
    if (Activations.VECTOR) {
      int tasks = tasks(batch, units);
      if (tasks == 1) {
        VectorLstmLoops.forward(g, bias, c, forgetBias, 0, batch, units, newC, newH);
      } else {
        Parallel.forEach(tasks, t -> VectorLstmLoops.forward(g, bias, c, forgetBias,
            batch * t / tasks, batch * (t + 1) / tasks, units, newC, newH));
      }
    } else {
      forwardScalar(g, bias, c, forgetBias, batch, units, newC, newH);
    }
  }

  /** The scalar loop of the float32 forward pass, used without the Vector API. */
  static void forwardScalar(float[] g, float[] bias, float[] c, float forgetBias, int batch,
      int units, float[] newC, float[] newH) {
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
        newC[sr + u] = cc;
        newH[sr + u] = Activations.tanh(cc) * o;
      }
    }
  }

  /**
   * Backward, float32: from the forward inputs and the gradients of c' and h', fills
   * {@code dGates} [batch, 4 units] (the gradient of the pre-activations, so of the matmul),
   * {@code dC} [batch, units] and {@code dBias} [4 units] (dGates summed over the batch in
   * {@link RowChunks}' fixed chunks: the same bits whatever the thread count). The scalar loop
   * sums in the same order as the vector loops and agrees with them bit for bit.
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
    boolean parallel = (long) batch * units >= PARALLEL_UNITS;
    if (vector) {
      RowChunks.sum(batch, 4 * units, parallel, dBias, (ch, r0, r1, sum) ->
          VectorLstmLoops.backward(g, bias, c, forgetBias, dNewC, dNewH, r0, r1, units, dGates,
              dC, sum));
    } else {
      RowChunks.sum(batch, 4 * units, parallel, dBias, (ch, r0, r1, sum) ->
          backwardScalar(g, bias, c, forgetBias, dNewC, dNewH, r0, r1, units, dGates, dC, sum));
    }
  }

  /**
   * The scalar loop of the float32 backward pass over rows [b0, b1), adding their dGates to
   * {@code dBias} row by row; used without the Vector API.
   */
  static void backwardScalar(float[] g, float[] bias, float[] c, float forgetBias,
      float[] dNewC, float[] dNewH, int b0, int b1, int units, float[] dGates, float[] dC,
      float[] dBias) {
    int u4 = 4 * units;
    for (int b = b0; b < b1; b++) {
      int gr = b * u4;
      int sr = b * units;
      for (int u = 0; u < units; u++) {
        float i = Activations.sigmoid(g[gr + u] + bias[u]);
        float j = Activations.tanh(g[gr + units + u] + bias[units + u]);
        float f = Activations.sigmoid((g[gr + 2 * units + u] + bias[2 * units + u]) + forgetBias);
        float o = Activations.sigmoid(g[gr + 3 * units + u] + bias[3 * units + u]);
        float cp = c[sr + u];
        float tc = Activations.tanh(cp * f + i * j);
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
        newC[sr + u] = cc;
        newH[sr + u] = Math.tanh(cc) * o;
      }
    }
  }

  /** Backward, float64. */
  public static void backward(double[] g, double[] bias, double[] c, double forgetBias,
      double[] dNewC, double[] dNewH, int batch, int units, double[] dGates, double[] dC,
      double[] dBias) {
    int u4 = 4 * units;
    java.util.Arrays.fill(dBias, 0);
    for (int b = 0; b < batch; b++) {
      int gr = b * u4;
      int sr = b * units;
      for (int u = 0; u < units; u++) {
        double i = sigmoid(g[gr + u] + bias[u]);
        double j = Math.tanh(g[gr + units + u] + bias[units + u]);
        double f = sigmoid((g[gr + 2 * units + u] + bias[2 * units + u]) + forgetBias);
        double o = sigmoid(g[gr + 3 * units + u] + bias[3 * units + u]);
        double cp = c[sr + u];
        double tc = Math.tanh(cp * f + i * j);
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

  /** Logistic function for float64, accurate far out: exp is only taken of -|x|. */
  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
