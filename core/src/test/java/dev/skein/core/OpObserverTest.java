package dev.skein.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Observers see every op of a run, loop bodies nested inside their While op, with the plan's
 * live values after each op; OpProfile counts ops per type and keeps a While's own time apart
 * from its body's.
 */
class OpObserverTest {
  /** Records "before name" / "after name live=n" lines. */
  private static final class Recorder implements OpObserver {
    final List<String> log = new ArrayList<>();
    int depth;
    int maxDepth;

    @Override
    public void beforeOp(Operation op) {
      log.add("  ".repeat(depth) + "before " + op.type().typeName());
      maxDepth = Math.max(maxDepth, ++depth);
    }

    @Override
    public void afterOp(Operation op, Tensor[] live) {
      depth--;
      int n = 0;
      for (Tensor t : live) {
        n += t == null ? 0 : 1;
      }
      log.add("  ".repeat(depth) + "after " + op.type().typeName() + " live=" + n);
    }
  }

  private static Graph loopGraph(Ops tf, Output[] result) {
    Output x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)),
        v -> List.of(tf.add(v.get(0), tf.constant(1)), tf.tanh(v.get(1))),
        List.of(tf.constant(0), x));
    result[0] = x;
    result[1] = tf.neg(r.get(1));
    return tf.graph();
  }

  @Test
  void observer_seesBodyOpsNestedInTheWhile_andLiveValues() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output[] xy = new Output[2];
    loopGraph(tf, xy);
    Recorder rec = new Recorder();
    try (Session s = new Session(g)) {
      s.setObserver(rec);
      Tensor y = s.runner().feed(xy[0], Tensor.scalar(0.5f)).fetch(xy[1]).run().get(0);
      assertEquals(-Math.tanh(Math.tanh(Math.tanh(0.5))), y.floatValue(), 1e-6);
      s.setObserver(null);
      s.runner().feed(xy[0], Tensor.scalar(0.5f)).fetch(xy[1]).run();
    }
    String log = String.join("\n", rec.log);
    assertEquals(2, rec.maxDepth, log);
    assertEquals(0, rec.depth, log);
    // Three iterations of the body (Tanh), nested between the While's before and after.
    int before = rec.log.indexOf("before While");
    // After the While only its result is live: the feed's last use was the While.
    int after = rec.log.indexOf("after While live=1");
    assertTrue(before >= 0 && after > before, log);
    assertEquals(3, rec.log.subList(before, after).stream()
        .filter(l -> l.equals("  before Tanh")).count(), log);
    // The fetched Neg is the only live value at the end.
    assertEquals("after Neg live=1", rec.log.get(rec.log.size() - 1), log);
  }

  @Test
  void opProfile_countsPerType_whileSelfTimeExcludesBody() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output[] xy = new Output[2];
    loopGraph(tf, xy);
    OpProfile p = new OpProfile();
    try (Session s = new Session(g)) {
      s.setObserver(p);
      for (int i = 0; i < 2; i++) {
        s.runner().feed(xy[0], Tensor.scalar(0.5f)).fetch(xy[1]).run();
      }
    }
    Map<String, OpProfile.Row> rows = p.rows().stream()
        .collect(Collectors.toMap(OpProfile.Row::opType, r -> r));
    assertEquals(6, rows.get("Tanh").count());
    assertEquals(2, rows.get("Neg").count());
    OpProfile.Row loop = rows.keySet().stream().filter(k -> k.startsWith("While("))
        .map(rows::get).findFirst().orElseThrow();
    assertEquals(2, loop.count());
    for (OpProfile.Row r : p.rows()) {
      assertTrue(r.selfNanos() >= 0, r.toString());
    }
    String table = p.format(2);
    assertTrue(table.contains("Tanh") && table.contains("total"), table);
    p.reset();
    assertTrue(p.rows().isEmpty());
  }

  @Test
  void observer_afterOpRunsWhenAKernelFails() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output idx = tf.placeholder(DType.INT32, Shape.scalar(), "i");
    Output y = tf.gather(tf.constant(new float[] {1, 2}), idx);
    Recorder rec = new Recorder();
    try (Session s = new Session(g)) {
      s.setObserver(rec);
      assertThrows(OpException.class,
          () -> s.runner().feed(idx, Tensor.scalar(5)).fetch(y).run());
    }
    assertEquals(0, rec.depth, String.join("\n", rec.log));
  }
}
