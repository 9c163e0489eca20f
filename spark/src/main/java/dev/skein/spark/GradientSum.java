package dev.skein.spark;

import java.io.Serializable;

/**
 * A sum of weighted shard gradients (one float array per trained variable), the weighted loss
 * and the number of examples. {@link #add} is elementwise float addition, which is commutative
 * bit for bit, so adding two partial sums gives the same bits in either order; the order of a
 * sum of more is fixed by {@link TreeSum}.
 */
final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Null when no example contributed. */
  final float[][] gradients;
  final double loss;
  final int count;

  GradientSum(float[][] gradients, double loss, int count) {
    this.gradients = gradients;
    this.loss = loss;
    this.count = count;
  }

  static GradientSum empty() {
    return new GradientSum(null, 0, 0);
  }

  static GradientSum add(GradientSum a, GradientSum b) {
    if (a.gradients == null) {
      return b;
    }
    if (b.gradients == null) {
      return a;
    }
    float[][] s = new float[a.gradients.length][];
    for (int i = 0; i < s.length; i++) {
      float[] x = a.gradients[i];
      float[] y = b.gradients[i];
      float[] z = new float[x.length];
      for (int j = 0; j < z.length; j++) {
        z[j] = x[j] + y[j];
      }
      s[i] = z;
    }
    return new GradientSum(s, a.loss + b.loss, a.count + b.count);
  }

  /** Bytes of gradient values this sum carries (4 per float). */
  long payloadBytes() {
    long n = 0;
    if (gradients != null) {
      for (float[] g : gradients) {
        n += 4L * g.length;
      }
    }
    return n;
  }
}
