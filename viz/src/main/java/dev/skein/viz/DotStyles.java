package dev.skein.viz;

import dev.skein.viz.ScopeTree.EdgeKind;
import dev.skein.viz.ScopeTree.Group;
import java.util.Locale;

/**
 * Colors and shapes of the DOT picture, in one place. The palette follows the roles a reader
 * looks for: inputs amber, variables green, computations blue, updates red, gradients pale
 * violet so the forward graph stands out.
 */
final class DotStyles {
  /** A While op of the gradients (the reverse loop): a loop, in the gradients' colors. */
  static final String GRADIENT_LOOP = "shape=doubleoctagon, style=\"filled,dashed\","
      + " fillcolor=\"#faf5ff\", color=\"#c084fc\", fontcolor=\"#7e22ce\"";

  private DotStyles() {}

  static String node(OpKind kind) {
    return switch (kind) {
      case PLACEHOLDER -> "shape=box, style=\"rounded,filled\", fillcolor=\"#fde68a\","
          + " color=\"#b45309\"";
      case VARIABLE -> "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#bbf7d0\","
          + " color=\"#15803d\"";
      case CONSTANT -> "shape=box, style=filled, fillcolor=\"#f3f4f6\", color=\"#9ca3af\","
          + " fontsize=8, height=0.2, margin=\"0.04,0.02\"";
      case COMPUTE -> "shape=ellipse, style=filled, fillcolor=\"#dbeafe\", color=\"#1d4ed8\"";
      case GRADIENT -> "shape=ellipse, style=filled, fillcolor=\"#faf5ff\", color=\"#d8b4fe\","
          + " fontcolor=\"#7e22ce\", fontsize=9";
      case UPDATE -> "shape=box, style=\"filled,diagonals\", fillcolor=\"#fecaca\","
          + " color=\"#b91c1c\"";
      case GROUP -> "shape=octagon, style=filled, fillcolor=\"#ffffff\", color=\"#6b7280\","
          + " fontsize=9";
      case LOOP -> "shape=doubleoctagon, style=filled, fillcolor=\"#ede9fe\","
          + " color=\"#6d28d9\"";
    };
  }

  /** A collapsed scope drawn as one box. */
  static String box(OpKind kind, boolean gradient) {
    if (kind == OpKind.LOOP && gradient) {
      return "shape=box, style=\"rounded,filled,dashed\", peripheries=2,"
          + " fillcolor=\"#faf5ff\", color=\"#c084fc\", fontcolor=\"#7e22ce\"";
    }
    return switch (kind) {
      case VARIABLE -> "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#bbf7d0\","
          + " color=\"#15803d\"";
      case LOOP -> "shape=box, style=\"rounded,filled,bold\", peripheries=2,"
          + " fillcolor=\"#ede9fe\", color=\"#6d28d9\"";
      case GRADIENT -> "shape=box, style=\"rounded,filled,dashed\", fillcolor=\"#faf5ff\","
          + " color=\"#c084fc\", fontcolor=\"#7e22ce\"";
      default -> "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#e0e7ff\","
          + " color=\"#4338ca\"";
    };
  }

  /** A collapsed series of numbered siblings: a stacked box. */
  static String series(boolean gradient) {
    return gradient ? "shape=box3d, style=filled, fillcolor=\"#faf5ff\", color=\"#c084fc\","
        + " fontcolor=\"#7e22ce\"" : "shape=box3d, style=\"filled,bold\","
        + " fillcolor=\"#e0e7ff\", color=\"#4338ca\"";
  }

  static String cluster(Group g) {
    if (g.subgraph) {
      return "style=\"rounded,dashed\"; color=\"#8b5cf6\"; fontcolor=\"#5b21b6\";";
    }
    if (g.isLoop() && g.gradient) {
      return "style=\"rounded,filled,bold,dashed\"; fillcolor=\"#fdfaff\"; color=\"#c084fc\";"
          + " fontcolor=\"#7e22ce\";";
    }
    if (g.isLoop()) {
      return "style=\"rounded,filled,bold\"; fillcolor=\"#f5f3ff\"; color=\"#6d28d9\";"
          + " fontcolor=\"#4c1d95\";";
    }
    if (g.gradient) {
      return "style=\"rounded,filled,dashed\"; fillcolor=\"" + (g.depth % 2 == 1 ? "#fdfaff"
          : "#f7f0fe") + "\"; color=\"#d8b4fe\"; fontcolor=\"#7e22ce\";";
    }
    return "style=\"rounded,filled\"; fillcolor=\"" + (g.depth % 2 == 1 ? "#f8fafc" : "#eef2f7")
        + "\"; color=\"#94a3b8\"; fontcolor=\"#334155\";";
  }

  /**
   * An edge. Edges from the forward graph into gradients do not constrain the layout, so the
   * gradient subgraph is ranked on its own, beside the forward graph rather than through it.
   */
  static String edge(EdgeKind kind, boolean srcGradient, boolean dstGradient, int count) {
    StringBuilder sb = new StringBuilder();
    switch (kind) {
      case DATA -> {
        if (dstGradient && !srcGradient) {
          sb.append("color=\"#e2d5f0\", fontcolor=\"#c4b5d4\", constraint=false");
        } else if (srcGradient) {
          sb.append("color=\"#c084fc\", fontcolor=\"#a78bfa\"");
        } else {
          sb.append("color=\"#475569\"");
        }
      }
      case CONTROL -> sb.append("style=dashed, color=\"#9ca3af\"")
          .append(dstGradient && !srcGradient ? ", constraint=false" : "");
      case REF -> sb.append("style=bold, color=\"#f97316\", arrowhead=none");
    }
    if (count > 1) {
      sb.append(String.format(Locale.ROOT, ", penwidth=%.1f",
          Math.min(4.0, 1 + Math.log(count) / Math.log(2) * 0.5)));
    }
    return sb.toString();
  }
}
