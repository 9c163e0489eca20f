package dev.skein.core.ops.rnncell;

import static dev.skein.core.testing.MathTestSupport.tensor;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Random;

/** Inputs of one step in double, and BasicLSTMCell's formula on them. */
record LstmStepInputs(int batch, int units, double[] gates, double[] bias, double[] c) {
  static LstmStepInputs random(int batch, int units, long seed) {
    Random r = new Random(seed);
    double[] gates = new double[batch * 4 * units];
    double[] bias = new double[4 * units];
    double[] c = new double[batch * units];
    for (int i = 0; i < gates.length; i++) {
      gates[i] = r.nextGaussian() * 2;
    }
    for (int i = 0; i < bias.length; i++) {
      bias[i] = r.nextGaussian() * 0.5;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = r.nextGaussian();
    }
    return new LstmStepInputs(batch, units, gates, bias, c);
  }

  Tensor gates(DType t) {
    return tensor(t, Shape.of(batch, 4 * units), gates);
  }

  Tensor bias(DType t) {
    return tensor(t, Shape.of(4 * units), bias);
  }

  Tensor c(DType t) {
    return tensor(t, Shape.of(batch, units), c);
  }

  /**
   * {c', h', activations} in double, from the inputs as dtype t holds them; the activations
   * [batch, 5 units] are i, j, f, o and tanh(c') row by row, as LSTMGates' third output.
   */
  double[][] forward(DType t, double fb) {
    double[] newC = new double[batch * units];
    double[] newH = new double[batch * units];
    double[] act = new double[batch * 5 * units];
    for (int b = 0; b < batch; b++) {
      for (int u = 0; u < units; u++) {
        double i = sig(round(t, gates[b * 4 * units + u]) + round(t, bias[u]));
        double j = Math.tanh(round(t, gates[b * 4 * units + units + u])
            + round(t, bias[units + u]));
        double f = sig(round(t, gates[b * 4 * units + 2 * units + u])
            + round(t, bias[2 * units + u]) + fb);
        double o = sig(round(t, gates[b * 4 * units + 3 * units + u])
            + round(t, bias[3 * units + u]));
        double cc = round(t, c[b * units + u]) * f + i * j;
        newC[b * units + u] = cc;
        newH[b * units + u] = Math.tanh(cc) * o;
        double[] a = {i, j, f, o, Math.tanh(cc)};
        for (int q = 0; q < 5; q++) {
          act[b * 5 * units + q * units + u] = a[q];
        }
      }
    }
    return new double[][] {newC, newH, act};
  }

  /** sum(dNewC * c' + dNewH * h') in double, for central differences. */
  double loss(double fb, double[] dNewC, double[] dNewH) {
    double[][] r = forward(DType.FLOAT64, fb);
    double s = 0;
    for (int i = 0; i < r[0].length; i++) {
      s += dNewC[i] * r[0][i] + dNewH[i] * r[1][i];
    }
    return s;
  }

  private static double round(DType t, double v) {
    return t == DType.FLOAT32 ? (float) v : v;
  }

  private static double sig(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** The central difference of f in x[k], with step h. */
  static double central(double[] x, int k, double h,
      java.util.function.DoubleSupplier f) {
    double keep = x[k];
    x[k] = keep + h;
    double up = f.getAsDouble();
    x[k] = keep - h;
    double down = f.getAsDouble();
    x[k] = keep;
    return (up - down) / (2 * h);
  }
}
