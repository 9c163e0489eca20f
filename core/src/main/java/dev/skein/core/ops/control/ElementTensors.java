package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;

/**
 * Tensor helpers of TensorArray values: rows of a dense value as elements, one row of it, the
 * sum of two gradient contributions, and the dense stand-in for a partial element shape.
 */
final class ElementTensors {
  private ElementTensors() {}



  /** A fully defined stand-in for a partial shape: unknown dims become 0, unknown rank (0). */
  public static Shape placeholderShape(Shape s) {
    if (!s.hasKnownRank()) {
      return Shape.of(0);
    }
    int[] d = s.dims();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(d[i], 0);
    }
    return Shape.of(d);
  }

  /** Elementwise sum of two same-shaped float tensors (gradient accumulation). */
  public static Tensor addTensors(Tensor a, Tensor b) {
    checkArgument(a.dtype() == b.dtype() && a.shape().equals(b.shape()),
        "cannot add %s %s and %s %s", a.dtype(), a.shape(), b.dtype(), b.shape());
    int n = a.size();
    return switch (a.dtype()) {
      case FLOAT32 -> {
        float[] x = a.floats();
        float[] y = b.floats();
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
          r[i] = x[i] + y[i];
        }
        yield Tensor.wrap(DType.FLOAT32, a.shape(), r);
      }
      case FLOAT64 -> {
        double[] x = a.doubles();
        double[] y = b.doubles();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = x[i] + y[i];
        }
        yield Tensor.wrap(DType.FLOAT64, a.shape(), r);
      }
      case INT32, INT64, BOOL -> throw new IllegalArgumentException("gradients are float32 or float64,"
          + " got " + a.dtype());
    };
  }

  static Tensor[] rows(Tensor value) {
    int k = value.shape().dim(0);
    Shape e = value.shape().subShape(1, value.rank());
    int n = e.numElements();
    Object data = value.data();
    Tensor[] r = new Tensor[k];
    for (int i = 0; i < k; i++) {
      Object row = Tensor.newArray(value.dtype(), n);
      System.arraycopy(data, i * n, row, 0, n);
      r[i] = Tensor.wrap(value.dtype(), e, row);
    }
    return r;
  }

  static Tensor row(Tensor dense, int i, Shape element) {
    int n = element.numElements();
    Object r = Tensor.newArray(dense.dtype(), n);
    System.arraycopy(dense.data(), i * n, r, 0, n);
    return Tensor.wrap(dense.dtype(), element, r);
  }
}
