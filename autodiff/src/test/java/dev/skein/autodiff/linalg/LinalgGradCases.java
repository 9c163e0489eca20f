package dev.skein.autodiff.linalg;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.Shape;
import java.util.ArrayList;
import java.util.List;

/** Gradient-check cases of the linalg family. */
public final class LinalgGradCases {
  private LinalgGradCases() {}

  public static List<GradCase> cases() {
    List<GradCase> c = new ArrayList<>();
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        Shape a = ta ? Shape.of(3, 2) : Shape.of(2, 3);
        Shape b = tb ? Shape.of(4, 3) : Shape.of(3, 4);
        c.add(of("MatMul transposeA=" + ta + " transposeB=" + tb,
            (tf, x) -> tf.matmul(x.get(0), x.get(1), ta, tb), a, b));
        Shape bx = ta ? Shape.of(2, 3, 2) : Shape.of(2, 2, 3);
        Shape by = tb ? Shape.of(2, 4, 3) : Shape.of(2, 3, 4);
        c.add(of("BatchMatMul adjX=" + ta + " adjY=" + tb,
            (tf, x) -> tf.batchMatmul(x.get(0), x.get(1), ta, tb), bx, by));
      }
    }
    c.add(of("MatMulSum of two products, transposeA", (tf, x) -> tf.matmulSum(
        List.of(x.get(0), x.get(1)), List.of(x.get(2), x.get(3)), true, false),
        Shape.of(3, 2), Shape.of(1, 2), Shape.of(3, 4), Shape.of(1, 4)));
    c.add(of("MatMulSum of two products, transposeB", (tf, x) -> tf.matmulSum(
        List.of(x.get(0), x.get(1)), List.of(x.get(2), x.get(3)), false, true),
        Shape.of(2, 3), Shape.of(2, 2), Shape.of(4, 3), Shape.of(4, 2)));
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        // b's rows [1, 4) of 5: op(b rows) is [3, 4]; op(a) [2, 3].
        Shape a = ta ? Shape.of(3, 2) : Shape.of(2, 3);
        Shape b = tb ? Shape.of(5, 3) : Shape.of(5, 4);
        int size = tb ? 4 : 3;
        c.add(of("MatMulBRows rows [1, 1 + " + size + ") transposeA=" + ta + " transposeB="
            + tb, (tf, x) -> tf.matmulBRows(x.get(0), x.get(1), ta, tb, 1, size), a, b));
      }
    }
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        Shape a = ta ? Shape.of(3, 2) : Shape.of(2, 3);
        Shape b = tb ? Shape.of(4, 3) : Shape.of(3, 4);
        c.add(of("MatMulAdd d + op(a) op(b) transposeA=" + ta + " transposeB=" + tb,
            (tf, x) -> tf.matmulAdd(x.get(0), x.get(1), x.get(2), ta, tb), Shape.of(2, 4), a,
            b));
      }
    }
    // The gradient reaching h through concat([x, h]) w with x constant: w's rows of h.
    c.add(of("concat([constant, h]) w, the h piece by w's rows", (tf, x) -> tf.matmul(
        tf.concat(List.of(tf.constant(new double[][] {{0.5, -1}, {2, 0.25}}), x.get(0)), 1),
        x.get(1)), Shape.of(2, 3), Shape.of(5, 4)));
    c.add(of("MatMul of a vector row by itself", (tf, x) -> tf.matmul(x.get(0), x.get(0),
        false, true), Shape.of(1, 3)));
    c.add(of("BatchMatMul rank 4", (tf, x) -> tf.batchMatmul(x.get(0), x.get(1)),
        Shape.of(2, 1, 2, 3), Shape.of(2, 1, 3, 2)));
    return c;
  }
}
