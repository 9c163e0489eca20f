package dev.skein.viz;

import dev.skein.viz.ScopeTree.Group;
import dev.skein.viz.ScopeTree.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reshapes a freshly built scope tree so big graphs read like TensorBoard's: a scope holding
 * a single op becomes that op; numbered siblings ({@code basic_lstm_cell_1 ... _27},
 * {@code AddN_1 ... AddN_60} of one op type) are stacked into one <em>series</em> group; and a
 * chain of scopes each holding only the next one ({@code grad/gradients/rnn}) becomes one group
 * labelled with the joined path. Paths of merged groups still find the group they became.
 */
final class TreeShaping {
  /** The fewest numbered siblings that make a series (TensorBoard's threshold too). */
  static final int SERIES_MIN = 5;
  private static final Pattern NUMBERED = Pattern.compile("(.+)_(0|[1-9][0-9]{0,8})");

  private final ScopeTree tree;
  private final Set<Group> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private TreeShaping(ScopeTree tree) {
    this.tree = tree;
  }

  static void shape(ScopeTree tree) {
    TreeShaping s = new TreeShaping(tree);
    s.flattenSingleOps(tree.root);
    for (Group g : new ArrayList<>(tree.groups)) {
      if (!s.removed.contains(g)) {
        s.makeSeries(g);
      }
    }
    s.mergeChains(tree.root);
    tree.groups.removeIf(s.removed::contains);
    for (int i = 0; i < tree.groups.size(); i++) {
      tree.groups.get(i).id = i;
    }
  }

  /** A plain scope with one op and nothing else is replaced by the op (children first). */
  private void flattenSingleOps(Group g) {
    for (Group c : new ArrayList<>(g.groups)) {
      flattenSingleOps(c);
    }
    if (g.parent != null && !g.subgraph && g.ownOp == null && g.groups.isEmpty()
        && g.nodes.size() == 1) {
      Node n = g.nodes.get(0);
      n.parent = g.parent;
      g.parent.nodes.add(n);
      g.parent.groups.remove(g);
      tree.byPath.remove(g.path);
      removed.add(g);
    }
  }

  /** Stacks this group's numbered children into series groups. */
  private void makeSeries(Group g) {
    Map<String, TreeMap<Integer, Object>> buckets = new LinkedHashMap<>();
    for (Group c : g.groups) {
      if (!c.subgraph && !c.series) {
        add(buckets, "g", c.label, c);
      }
    }
    for (Node n : g.nodes) {
      if (n != g.ownOp) {
        add(buckets, "n:" + n.op.type().typeName(), n.shortName(), n);
      }
    }
    for (Map.Entry<String, TreeMap<Integer, Object>> b : buckets.entrySet()) {
      TreeMap<Integer, Object> members = b.getValue();
      if (members.size() < SERIES_MIN) {
        continue;
      }
      String base = b.getKey().substring(b.getKey().indexOf(' ') + 1);
      String label = base + "_[" + ranges(members.keySet()) + "]";
      String path = g.path.isEmpty() ? label : g.path + "/" + label;
      while (tree.byPath.containsKey(path)) {
        path = path + "'";
      }
      Group s = tree.newGroup(path, label, g, false);
      s.series = true;
      boolean allGradient = true;
      for (Object m : members.values()) {
        if (m instanceof Group c) {
          g.groups.remove(c);
          c.parent = s;
          s.groups.add(c);
          allGradient &= c.gradient;
        } else {
          Node n = (Node) m;
          g.nodes.remove(n);
          n.parent = s;
          s.nodes.add(n);
          allGradient &= n.kind == OpKind.GRADIENT;
        }
      }
      s.gradient = g.gradient || allGradient;
    }
  }

  private static void add(Map<String, TreeMap<Integer, Object>> buckets, String kind,
      String label, Object item) {
    Matcher m = NUMBERED.matcher(label);
    if (m.matches()) {
      buckets.computeIfAbsent(kind + " " + m.group(1), k -> new TreeMap<>())
          .put(Integer.parseInt(m.group(2)), item);
    }
  }

  /** {@code 1-27}, or {@code 1-3,5,7-60}; long lists are cut after four runs. */
  static String ranges(Set<Integer> sorted) {
    List<int[]> runs = new ArrayList<>();
    for (int k : sorted) {
      int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[1] == k - 1) {
        last[1] = k;
      } else {
        runs.add(new int[] {k, k});
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      if (i == 4) {
        sb.append(",\u2026,").append(runs.get(runs.size() - 1)[1]);
        break;
      }
      int[] r = runs.get(i);
      sb.append(i > 0 ? "," : "").append(r[0]).append(r[0] == r[1] ? "" : "-" + r[1]);
    }
    return sb.toString();
  }

  /** Each child that holds only one plain scope takes that scope's place, labels joined. */
  private void mergeChains(Group g) {
    for (int i = 0; i < g.groups.size(); i++) {
      Group c = g.groups.get(i);
      List<String> paths = new ArrayList<>();
      while (chainLink(c)) {
        Group only = c.groups.get(0);
        only.label = c.label + "/" + only.label;
        only.parent = g;
        paths.add(c.path);
        removed.add(c);
        c = only;
      }
      for (String p : paths) {
        tree.byPath.put(p, c);
      }
      g.groups.set(i, c);
      mergeChains(c);
    }
  }

  private static boolean chainLink(Group c) {
    if (c.subgraph || c.series || c.ownOp != null || !c.nodes.isEmpty()
        || c.groups.size() != 1) {
      return false;
    }
    Group only = c.groups.get(0);
    return !only.subgraph && !only.series;
  }
}
