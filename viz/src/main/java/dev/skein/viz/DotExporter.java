package dev.skein.viz;

import dev.skein.core.Graph;
import dev.skein.viz.ScopeTree.Edge;
import dev.skein.viz.ScopeTree.EdgeKind;
import dev.skein.viz.ScopeTree.Group;
import dev.skein.viz.ScopeTree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph as Graphviz DOT text: ops as nodes styled by {@link OpKind}, name scopes as
 * nested clusters (or, when collapsed, as one box showing the op count), edges labelled with the
 * static shapes they carry and merged between boxes, gradient ops set apart in lighter colors.
 */
public final class DotExporter {
  private final ScopeTree tree;
  private final Expansion expansion;
  private final VizOptions options;
  private final StringBuilder out = new StringBuilder();
  private int visibleItems;

  private DotExporter(ScopeTree tree, Expansion expansion, VizOptions options) {
    this.tree = tree;
    this.expansion = expansion;
    this.options = options;
  }

  /** DOT text at the default collapse (see {@link VizOptions#defaults()}). */
  public static String toDot(Graph g) {
    return toDot(g, VizOptions.defaults());
  }

  public static String toDot(Graph g, VizOptions options) {
    return export(g, options).text();
  }

  /** DOT text and how many boxes and ops it draws. */
  record Dot(String text, int visibleItems) {}

  static Dot export(Graph g, VizOptions options) {
    ScopeTree tree = ScopeTree.of(g);
    DotExporter w = new DotExporter(tree, Expansion.of(tree, options), options);
    return new Dot(w.write(), w.visibleItems);
  }

  private String write() {
    out.append("digraph skein {\n");
    out.append("  graph [rankdir=BT, compound=true, newrank=true, nodesep=0.25, ranksep=0.35,"
        + " fontname=\"Helvetica,Arial,sans-serif\", fontsize=11, bgcolor=\"#ffffff\", labeljust=l];\n");
    out.append("  node [fontname=\"Helvetica,Arial,sans-serif\", fontsize=10, height=0.3, margin=\"0.1,0.03\","
        + " penwidth=1];\n");
    out.append("  edge [fontname=\"Helvetica,Arial,sans-serif\", fontsize=8, fontcolor=\"#475569\","
        + " color=\"#64748b\", arrowsize=0.6];\n");
    writeContents(tree.root, "  ");
    writeEdges();
    out.append("}\n");
    return out.toString();
  }

  private void writeContents(Group g, String indent) {
    // Children in creation order, so the layout starts from the order the model was written in.
    List<Object> items = new ArrayList<>(g.nodes);
    items.addAll(g.groups);
    items.sort((a, b) -> Integer.compare(first(a), first(b)));
    for (Object item : items) {
      if (item instanceof Node n) {
        writeNode(n, indent);
      } else {
        Group c = (Group) item;
        if (expansion.isOpen(c)) {
          writeCluster(c, indent);
        } else {
          writeBox(c, indent);
        }
      }
    }
  }

  private static int first(Object item) {
    return item instanceof Node n ? n.id : ((Group) item).first;
  }

  private void writeCluster(Group g, String indent) {
    out.append(indent).append("subgraph cluster_g").append(g.id).append(" {\n");
    String in = indent + "  ";
    out.append(in).append("label=").append(quote(g.label)).append("; tooltip=")
        .append(quote(g.path + " (" + g.opCount + " ops)")).append(";\n");
    out.append(in).append(DotStyles.cluster(g)).append('\n');
    writeContents(g, in);
    out.append(indent).append("}\n");
  }

  private void writeBox(Group g, String indent) {
    visibleItems++;
    String count = g.opCount == 1 ? "1 op" : g.opCount + " ops";
    if (g.series) {
      count = (g.groups.size() + g.nodes.size()) + " \u00d7 " + (g.groups.isEmpty()
          ? g.nodes.get(0).op.type().typeName() : "scope") + ", " + count;
    }
    out.append(indent).append("g").append(g.id).append(" [label=")
        .append(quote(g.label + "\n" + count)).append(", tooltip=")
        .append(quote(g.path + "\n" + count + (g.series ? " (series of " + (g.groups.size()
            + g.nodes.size()) + ", collapsed)" : " (collapsed scope)"))).append(", ")
        .append(g.series ? DotStyles.series(g.gradient) : DotStyles.box(g.boxKind(), g.gradient))
        .append("];\n");
  }

  private void writeNode(Node n, String indent) {
    visibleItems++;
    String label = OpText.label(n);
    out.append(indent).append('n').append(n.id).append(" [label=").append(quote(label))
        .append(", tooltip=").append(quote(OpText.details(n.op, n.name))).append(", ")
        .append(n.kind == OpKind.LOOP && n.parent.gradient ? DotStyles.GRADIENT_LOOP
            : DotStyles.node(n.kind)).append("];\n");
  }

  /**
   * Edges between drawn items, merged: one per (source, target, kind) with a count. Edges
   * between the forward graph and a gradient subgraph, and control edges, are drawn between
   * the outermost scopes that separate their ends (an edge from {@code rnn} into
   * {@code gradients} stands for every activation the gradients read), so a gradient subgraph
   * hangs beside the forward graph by a few edges instead of crossing it with hundreds. Edges
   * from a variable to the ops that assign it are drawn only between neighbours.
   */
  private void writeEdges() {
    Map<String, Merged> merged = new LinkedHashMap<>();
    for (Edge e : tree.edges) {
      Object src = visible(e.src());
      Object dst = visible(e.dst());
      if (src == dst) {
        continue;
      }
      boolean srcGrad = isGradient(src);
      boolean dstGrad = isGradient(dst);
      if (e.kind() == EdgeKind.CONTROL || srcGrad != dstGrad || e.kind() == EdgeKind.REF) {
        Group lca = commonAncestor(src, dst);
        Object liftedSrc = childOf(lca, src);
        Object liftedDst = childOf(lca, dst);
        if (e.kind() == EdgeKind.REF && (liftedSrc != src || liftedDst != dst)) {
          continue;
        }
        src = liftedSrc;
        dst = liftedDst;
      }
      Object s0 = src;
      Object d0 = dst;
      String key = endpoint(src) + " -> " + endpoint(dst) + " " + e.kind();
      Merged m = merged.computeIfAbsent(key, k -> new Merged(s0, d0, e.kind(),
          srcGrad, dstGrad));
      m.add(e.kind() == EdgeKind.DATA
          ? OpText.shape(e.src().op.outputSpec(e.output()).shape()) : null);
    }
    Map<Object, Integer> degree = new java.util.IdentityHashMap<>();
    for (Merged m : merged.values()) {
      degree.merge(m.src, 1, Integer::sum);
      degree.merge(m.dst, 1, Integer::sum);
    }
    for (Merged m : merged.values()) {
      out.append("  ").append(endpoint(m.src)).append(" -> ").append(endpoint(m.dst))
          .append(" [");
      out.append(DotStyles.edge(m.kind, m.srcGradient, m.dstGradient, m.count));
      if (auxiliary(m.src, degree) || auxiliary(m.dst, degree)) {
        out.append(", constraint=false, color=\"#cbd5e1\"");
      }
      if (m.src instanceof Group g && expansion.isOpen(g)) {
        out.append(", ltail=cluster_g").append(g.id);
      }
      if (m.dst instanceof Group g && expansion.isOpen(g)) {
        out.append(", lhead=cluster_g").append(g.id);
      }
      String label = options.edgeLabels() ? m.label() : null;
      if (label != null) {
        out.append(", label=").append(quote(label));
      }
      out.append("];\n");
    }
  }

  private static final java.util.regex.Pattern AUX_NAME = java.util.regex.Pattern.compile(
      "(init|save|restore|report_uninitialized_variables)(_\\d+)?");

  /**
   * Items set aside so they do not stretch the layout: a no-op driving three or more items
   * (like {@code init}), and save/restore scopes. Their edges do not constrain the ranks.
   */
  private static boolean auxiliary(Object item, Map<Object, Integer> degree) {
    String label = item instanceof Node n ? n.shortName() : ((Group) item).label;
    boolean noOp = item instanceof Node n && n.kind == OpKind.GROUP
        && degree.getOrDefault(item, 0) >= 3;
    return noOp || AUX_NAME.matcher(label).matches();
  }

  /** The drawn item standing for a node: the node, or the closed group it is inside. */
  private Object visible(Node n) {
    Group rep = expansion.representative(n);
    return rep == null ? n : rep;
  }

  private static Group parentOf(Object item) {
    return item instanceof Node n ? n.parent : ((Group) item).parent;
  }

  /** The deepest group holding both items. */
  private static Group commonAncestor(Object a, Object b) {
    Group x = parentOf(a);
    Group y = parentOf(b);
    while (x.depth > y.depth) {
      x = x.parent;
    }
    while (y.depth > x.depth) {
      y = y.parent;
    }
    while (x != y) {
      x = x.parent;
      y = y.parent;
    }
    return x;
  }

  /** The item itself or its ancestor that is a direct child of {@code g}. */
  private static Object childOf(Group g, Object item) {
    Object it = item;
    while (parentOf(it) != g) {
      it = parentOf(it);
    }
    return it;
  }

  /** The DOT node id an edge attaches to: the item, or for an open group, a node inside it. */
  private String endpoint(Object item) {
    if (item instanceof Node n) {
      return "n" + n.id;
    }
    Group g = (Group) item;
    if (!expansion.isOpen(g)) {
      return "g" + g.id;
    }
    String inside = firstDrawn(g);
    return inside != null ? inside : "g" + g.id;
  }

  private String firstDrawn(Group g) {
    if (!g.nodes.isEmpty()) {
      return "n" + g.nodes.get(0).id;
    }
    for (Group c : g.groups) {
      String r = expansion.isOpen(c) ? firstDrawn(c) : "g" + c.id;
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private boolean isGradient(Object item) {
    return item instanceof Node n ? n.kind == OpKind.GRADIENT : ((Group) item).gradient;
  }

  /** Edges merged between two drawn items. */
  private static final class Merged {
    final Object src;
    final Object dst;
    final EdgeKind kind;
    final boolean srcGradient;
    final boolean dstGradient;
    int count;
    String shape;
    boolean sameShape = true;

    Merged(Object src, Object dst, EdgeKind kind, boolean srcGradient, boolean dstGradient) {
      this.src = src;
      this.dst = dst;
      this.kind = kind;
      this.srcGradient = srcGradient;
      this.dstGradient = dstGradient;
    }

    void add(String s) {
      if (count == 0) {
        shape = s;
      } else if (s == null || !s.equals(shape)) {
        sameShape = false;
      }
      count++;
    }

    /** {@code ?x5}, {@code ?x5 ×3} (three tensors of that shape), {@code 3 tensors}, or null. */
    String label() {
      if (kind != EdgeKind.DATA) {
        return count > 1 ? "\u00d7" + count : null;
      }
      if (count == 1) {
        return shape;
      }
      return sameShape ? shape + " \u00d7" + count : count + " tensors";
    }
  }

  /**
   * A DOT quoted string: quotes and backslashes escaped, newlines as DOT line breaks, '&' as an
   * entity (Graphviz decodes entities in labels), other control characters dropped.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '&' -> sb.append("&amp;");
        default -> {
          if (c >= 0x20 && c != 0x7f) {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
