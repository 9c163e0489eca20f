package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state abstraction: flatten, unflatten, map; state sizes. */
class StateTest {
  private final Ops tf = Ops.create(new Graph());
  private final Output a = tf.constant(new float[][] {{1}});
  private final Output b = tf.constant(new float[][] {{2}});
  private final Output c = tf.constant(new float[][] {{3}});

  @Test
  void flatten_isDepthFirst_andUnflattenRebuildsTheStructure() {
    StateTuple s = StateTuple.of(new LstmStateTuple(a, b), c);
    assertEquals(List.of(a, b, c), State.flatten(s));
    StateTuple t = State.unflatten(s, List.of(c, a, b));
    LstmStateTuple first = t.get(0);
    assertSame(c, first.c());
    assertSame(a, first.h());
    assertSame(b, t.<Output>get(1));
    assertSame(a, State.unflatten(b, List.of(a)));
    assertEquals(List.of(a), State.flatten(a));
  }

  @Test
  void map_andMap2_keepStructure() {
    LstmStateTuple s = new LstmStateTuple(a, b);
    LstmStateTuple m = State.map(s, x -> x == a ? c : x);
    assertSame(c, m.c());
    assertSame(b, m.h());
    LstmStateTuple z = State.map2(s, new LstmStateTuple(b, a), (x, y) -> y);
    assertEquals(List.of(b, a), z.flatten());
  }

  @Test
  void wrongCountsAndNonStates_throw() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> State.unflatten(new LstmStateTuple(a, b), List.of(a)));
    assertTrue(e.getMessage().contains("cannot unflatten 1 tensors into a state of 2"),
        e.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
        () -> State.flatten("h"));
    assertTrue(n.getMessage().contains("must be an Output or a State"), n.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StateTuple.of(a, 3));
    assertThrows(IllegalArgumentException.class,
        () -> State.map2(a, new LstmStateTuple(a, b), (x, y) -> x));
  }

  @Test
  void stateSize_printsLikeTensorFlow_andFlattens() {
    StateSize s = StateSize.tuple(List.of(StateSize.lstm(3, 2), StateSize.of(4)));
    assertEquals("(LSTMStateTuple(c=3, h=2), 4)", s.toString());
    assertEquals(List.of(3, 2, 4), s.flat());
    assertEquals(9, s.total());
    assertEquals("(5,)", StateSize.tuple(List.of(StateSize.of(5))).toString());
  }
}
