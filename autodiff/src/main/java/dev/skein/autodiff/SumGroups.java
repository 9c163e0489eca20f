package dev.skein.autodiff;

import dev.skein.core.Graph;
import dev.skein.core.Operation;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the gradient builder groups the contributions to one value's gradient before summing
 * them: the ops of one group (one time step of a loop unrolled by hand or by
 * {@code Rnn.staticRnn}) send their contributions, which are summed first, and the group sums
 * are then added. A while loop's gradient has exactly this grouping (its body's contributions
 * are summed inside one iteration, then added to what flows in from the other iterations), so an
 * unrolled loop marked step by step gives the same bits as the loop. Ops in no group each count
 * as a group of their own, which is the flat sum of an unmarked graph.
 *
 * <p>Groups are kept per graph, in memory only: a graph read from a file has none, and its
 * gradients sum flat, which can differ from the marked graph's in the last bit.
 */
public final class SumGroups {
  private final Map<Operation, Integer> groups = new IdentityHashMap<>();
  private int next;

  private SumGroups() {}

  /** The groups of a graph (created empty on first use). */
  public static SumGroups of(Graph g) {
    return g.extension(SumGroups.class, x -> new SumGroups());
  }

  /**
   * Puts the ops of {@code g} with ids from {@code fromId} (inclusive) to its current number of
   * operations into one new group: call it after building one step.
   *
   * @return the new group's number
   */
  public synchronized int markSince(Graph g, int fromId) {
    int group = next++;
    List<Operation> ops = g.operations();
    for (int id = Math.max(0, fromId); id < ops.size(); id++) {
      groups.putIfAbsent(ops.get(id), group);
    }
    return group;
  }

  /** The group of an op, or -1 when it is in none. */
  public synchronized int groupOf(Operation op) {
    Integer g = groups.get(op);
    return g == null ? -1 : g;
  }
}
