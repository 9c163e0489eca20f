package dev.skein.viz;

import dev.skein.viz.ScopeTree.Group;
import dev.skein.viz.ScopeTree.Node;

/**
 * Which groups of a scope tree are open. A node is drawn as itself when all its enclosing groups
 * are open, else as the outermost closed one (its representative box).
 */
final class Expansion {
  private final ScopeTree tree;
  private final boolean[] open;
  private final Group[] rep;

  private Expansion(ScopeTree tree, boolean[] open) {
    this.tree = tree;
    this.open = open;
    open[tree.root.id] = true;
    this.rep = new Group[tree.groups.size()];
    fillRep(tree.root, null);
  }

  private void fillRep(Group g, Group closedAncestor) {
    Group r = closedAncestor != null ? closedAncestor : (open[g.id] ? null : g);
    rep[g.id] = r;
    for (Group c : g.groups) {
      fillRep(c, r);
    }
  }

  /** Groups opened by the options: depth (or automatic depth), then expand and collapse lists. */
  static Expansion of(ScopeTree tree, VizOptions options) {
    int depth = options.depth() == VizOptions.AUTO
        ? autoDepth(tree, options.nodeBudget()) : options.depth();
    boolean[] open = new boolean[tree.groups.size()];
    for (Group g : tree.groups) {
      open[g.id] = openDepth(g) <= depth;
    }
    for (String path : options.expand()) {
      for (Group g = tree.group(stripSlash(path)); g != null; g = g.parent) {
        open[g.id] = true;
      }
    }
    for (String path : options.collapse()) {
      Group g = tree.group(stripSlash(path));
      if (g != null) {
        open[g.id] = false;
      }
    }
    return new Expansion(tree, open);
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The deepest depth at which at most {@code budget} items are visible (at least 0). */
  static int autoDepth(ScopeTree tree, int budget) {
    int max = 0;
    for (Group g : tree.groups) {
      if (!g.series) {
        max = Math.max(max, openDepth(g));
      }
    }
    int best = 0;
    for (int d = 0; d <= max; d++) {
      if (visibleAtDepth(tree, d) > budget) {
        break;
      }
      best = d;
    }
    if (best == max) {
      return visibleAtDepth(tree, Integer.MAX_VALUE) <= budget ? Integer.MAX_VALUE : max;
    }
    return best;
  }

  /** Boxes plus ops visible when groups opening at depth <= d (and their parents) are open. */
  static int visibleAtDepth(ScopeTree tree, int d) {
    return visibleIn(tree.root, d);
  }

  private static int visibleIn(Group g, int d) {
    int n = g.nodes.size();
    for (Group c : g.groups) {
      n += openDepth(c) <= d ? visibleIn(c, d) : 1;
    }
    return n;
  }

  /**
   * The depth from which a group is open: its nesting depth, one more for gradient scopes, so
   * at any depth the forward graph shows one level more detail than its gradients; for a series,
   * {@link #SERIES_DEPTH}.
   */
  static int openDepth(Group g) {
    if (g.series) {
      return SERIES_DEPTH;
    }
    return g.parent == null ? 0 : g.depth + (g.gradient ? 1 : 0);
  }

  /**
   * Series (numbered siblings stacked into one box) open only when asked for by name or when
   * everything is opened: an automatic depth keeps them closed, as TensorBoard does.
   */
  static final int SERIES_DEPTH = Integer.MAX_VALUE - 1;

  boolean isOpen(Group g) {
    return open[g.id];
  }

  /** True if this group is drawn (as a cluster when open, as a box when closed). */
  boolean isShown(Group g) {
    return g.parent == null || rep[g.parent.id] == null;
  }

  /** The closed group a node is drawn as, or null if the node is drawn itself. */
  Group representative(Node n) {
    return rep[n.parent.id];
  }

  /** Number of items drawn: ops not inside a closed group, and closed groups. */
  int visibleCount() {
    int n = 0;
    for (Group g : tree.groups) {
      if (isShown(g)) {
        n += open[g.id] ? g.nodes.size() : 1;
      }
    }
    return n;
  }
}
