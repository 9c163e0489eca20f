package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Sequence lengths are checked at run time by every builder: a negative entry, one above the
 * number of time steps, or a vector of the wrong length fails naming the row; valid lengths
 * (0 and T included) run as before.
 */
class SequenceLengthCheckTest {
  private static final int BATCH = 3;
  private static final int T = 4;
  private static final int DEPTH = 2;

  /** Builds a model on x [batch, T, depth] and len, returns the output to fetch. */
  private static Tensor run(BiFunction<Ops, Output[], Output> model, int... lengths) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, T, DEPTH), "x");
    Output len = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    Output y = model.apply(tf, new Output[] {x, len});
    float[] xs = new float[BATCH * T * DEPTH];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (i % 7) * 0.1f - 0.3f;
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      return s.runner().feed(x, Tensor.create(Shape.of(BATCH, T, DEPTH), xs))
          .feed(len, Tensor.create(Shape.of(lengths.length), lengths)).fetch(y).run().get(0);
    }
  }

  private static List<BiFunction<Ops, Output[], Output>> models() {
    return List.of(
        (tf, in) -> Rnn.dynamicRnn(tf, new BasicRnnCell(tf, 3), in[0], in[1]).outputs(),
        (tf, in) -> tf.stack(Rnn.staticRnn(tf, new BasicRnnCell(tf, 3), tf.unstack(in[0], 1),
            null, in[1]).outputs(), 1),
        (tf, in) -> Rnn.bidirectionalDynamicRnn(tf, new BasicRnnCell(tf, 3),
            new BasicRnnCell(tf, 3), in[0], in[1]).outputBw());
  }

  @Test
  void badLengthsFailNamingTheRow() {
    for (BiFunction<Ops, Output[], Output> m : models()) {
      OpException e = assertThrows(OpException.class, () -> run(m, 2, -1, 4));
      assertTrue(e.getMessage().contains("sequence_length[1] = -1 is outside [0, 4]"),
          e.getMessage());
      assertTrue(e.getMessage().contains("CheckSequenceLength"), e.getMessage());
      assertTrue(e.getMessage().contains("SequenceLengthCheckTest.java"), e.getMessage());
      e = assertThrows(OpException.class, () -> run(m, 2, 5, 4));
      assertTrue(e.getMessage().contains("sequence_length[1] = 5 is outside [0, 4]"),
          e.getMessage());
      e = assertThrows(OpException.class, () -> run(m, 2, 3));
      assertTrue(e.getMessage().contains("sequence_length has 2 entries for a batch of 3"),
          e.getMessage());
    }
  }

  @Test
  void boundaryLengthsRun() {
    for (BiFunction<Ops, Output[], Output> m : models()) {
      float[] out = run(m, 0, 4, 1).floats();
      // Row 0 has length 0: every output is zero. Row 2 has length 1: steps 1.. are zero.
      float[] row0 = java.util.Arrays.copyOfRange(out, 0, T * 3);
      assertArrayEquals(new float[T * 3], row0);
      float[] row2Tail = java.util.Arrays.copyOfRange(out, 2 * T * 3 + 3, 3 * T * 3);
      assertArrayEquals(new float[(T - 1) * 3], row2Tail);
      boolean anyNonZero = false;
      for (int i = T * 3; i < 2 * T * 3; i++) {
        anyNonZero |= out[i] != 0;
      }
      assertTrue(anyNonZero, "row 1 (full length) computed something");
    }
  }
}
