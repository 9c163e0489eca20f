package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient builder sums the contributions of one marked group before adding them to the
 * rest. x feeds four products; three are marked as one group. The contributions arrive in reverse
 * creation order (d, c, b, a), so the flat sum is ((d + c) + b) + a and the grouped one
 * d + ((c + b) + a). With d = 1 and a = b = 1e-16 the two differ in the last bit.
 */
class SumGroupsTest {
  private static final double A = 1e-16;
  private static final double B = 1e-16;
  private static final double C = 0.0;
  private static final double D = 1.0;

  @Test
  void contributionsOfOneGroupAreSummedFirst() {
    double grouped = D + ((C + B) + A);
    double flat = ((D + C) + B) + A;
    assertNotEquals(grouped, flat, "the fixture must tell the two orders apart");
    assertEquals(grouped, gradient(true));
    assertEquals(flat, gradient(false));
  }

  private static double gradient(boolean mark) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.scalar(), "x");
    int first = g.numOperations();
    Output ma = tf.mul(x, tf.constant(A));
    Output mb = tf.mul(x, tf.constant(B));
    Output mc = tf.mul(x, tf.constant(C));
    if (mark) {
      SumGroups.of(g).markSince(g, first);
    }
    Output md = tf.mul(x, tf.constant(D));
    Output y = tf.addN(List.of(ma, mb, mc, md));
    Output dx = Gradients.gradient(y, x);
    try (Session s = new Session(g)) {
      return s.runner().feed(x, Tensor.scalar(2.0)).fetch(dx).run().get(0).toDoubleArray()[0];
    }
  }
}
