package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * A tensor larger than the heap fails as an OpException naming the op, its shapes, the bytes it
 * wanted and the user's line, not as a raw OutOfMemoryError; the session then runs on.
 */
class OutOfMemoryTest {
  @Test
  void aTensorLargerThanTheHeapIsAnOpException() {
    long heap = Runtime.getRuntime().maxMemory();
    // A square float32 fill of about twice the heap (at most Integer.MAX_VALUE - 8 elements).
    int side = (int) Math.min(Math.sqrt(Integer.MAX_VALUE - 8.0), Math.sqrt(heap / 2.0));
    assertTrue((long) side * side * 4 > heap, "the test needs a heap under 8 GB, got " + heap);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output v = tf.placeholder(DType.FLOAT32, Shape.scalar(), "v");
    Output big = tf.fill(tf.constant(new int[] {side, side}), v);
    Output small = tf.add(v, tf.constant(1f));
    try (Session s = new Session(g)) {
      OpException e = assertThrows(OpException.class,
          () -> s.runner().feed(v, Tensor.scalar(2f)).fetch(big).run());
      String m = e.getMessage();
      assertEquals("Fill", e.opType());
      for (String part : new String[] {"out of memory", String.format("need %,d bytes",
          (long) side * side * 4), "(" + side + ", " + side + ")", "-Xmx",
          "OutOfMemoryTest.java"}) {
        assertTrue(m.contains(part), "missing '" + part + "' in: " + m);
      }
      assertEquals(3f, s.runner().feed(v, Tensor.scalar(2f)).fetch(small).run().get(0)
          .floatValue());
    }
  }
}
