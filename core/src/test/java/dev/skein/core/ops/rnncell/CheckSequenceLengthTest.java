package dev.skein.core.ops.rnncell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;

/** checkSequenceLength: passes valid lengths through, names the row of a bad one. */
class CheckSequenceLengthTest {
  private static Tensor lengths(int... v) {
    return Tensor.create(Shape.of(v.length), v);
  }

  private static Tensor run(int steps, int batch, Tensor len) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output l = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    Output y = tf.checkSequenceLength(l, tf.constant(steps), tf.constant(batch));
    try (Session s = new Session(g)) {
      return s.runner().feed(l, len).fetch(y).run().get(0);
    }
  }

  @Test
  void validLengthsPassThrough() {
    assertArrayEquals(new int[] {0, 4, 2}, run(4, 3, lengths(0, 4, 2)).ints());
    assertArrayEquals(new int[] {}, run(4, 0, lengths()).ints());
  }

  @Test
  void negativeOrTooLongEntriesNameTheirRow() {
    OpException e = assertThrows(OpException.class, () -> run(4, 3, lengths(1, -2, 3)));
    assertTrue(e.getMessage().contains("sequence_length[1] = -2 is outside [0, 4]"),
        e.getMessage());
    assertEquals("CheckSequenceLength", e.opType());
    e = assertThrows(OpException.class, () -> run(4, 3, lengths(1, 2, 5)));
    assertTrue(e.getMessage().contains("sequence_length[2] = 5 is outside [0, 4]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("CheckSequenceLengthTest.java"), e.getMessage());
  }

  @Test
  void wrongNumberOfEntriesIsAnError() {
    OpException e = assertThrows(OpException.class, () -> run(4, 2, lengths(1, 2, 3)));
    assertTrue(e.getMessage().contains("sequence_length has 3 entries for a batch of 2"),
        e.getMessage());
  }

  @Test
  void staticMismatchFailsWhenBuilt() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output l = tf.placeholder(DType.INT32, Shape.of(3), "len");
    OpException e = assertThrows(OpException.class,
        () -> tf.checkSequenceLength(l, tf.constant(4), tf.constant(2)));
    assertTrue(e.getMessage().contains("sequence_length has 3 entries for a batch of 2"),
        e.getMessage());
    Output f = tf.placeholder(DType.FLOAT32, Shape.of(3), "f");
    e = assertThrows(OpException.class,
        () -> tf.checkSequenceLength(f, tf.constant(4), tf.constant(3)));
    assertTrue(e.getMessage().contains("must be an int32 vector, got float32 (3,)"),
        e.getMessage());
    // A known batch size gives the output its static length.
    Output u = tf.placeholder(DType.INT32, Shape.of(-1), "u");
    assertEquals(Shape.of(5), tf.checkSequenceLength(u, tf.constant(4), tf.constant(5)).shape());
  }
}
