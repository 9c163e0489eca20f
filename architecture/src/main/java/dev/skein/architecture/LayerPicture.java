package dev.skein.architecture;

import guru.nidi.graphviz.engine.Format;
import dev.skein.viz.GraphRenderer;
import guru.nidi.graphviz.engine.Graphviz;
import guru.nidi.graphviz.engine.Rasterizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws the layers of docs/ARCHITECTURE.md from the compiled code: one box per package, one
 * cluster per module, an arrow for each package dependency that no other path implies, lower
 * layers at the bottom. {@code main} writes {@code layers.dot}, {@code layers.svg} and
 * {@code layers.png} to the folder it is given; LayerPictureTest fails when the committed DOT no
 * longer matches the code.
 */
public final class LayerPicture {
  private LayerPicture() {}

  /** The DOT text of the reduced package graph. */
  public static String dot(PackageGraph graph) {
    PackageGraph g = graph.reduced();
    SortedMap<String, SortedSet<String>> byModule = new TreeMap<>();
    for (String p : g.edges().keySet()) {
      byModule.computeIfAbsent(PackageGraph.moduleOf(p), k -> new TreeSet<>()).add(p);
    }
    StringBuilder b = new StringBuilder();
    b.append("digraph layers {\n");
    b.append("  rankdir=TB; newrank=true; nodesep=0.25; ranksep=0.45;\n");
    b.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6fb\", color=\"#5b6b8c\","
        + " fontname=\"DejaVu Sans\", fontsize=11];\n");
    b.append("  edge [color=\"#7a869a\", arrowsize=0.6];\n");
    for (Map.Entry<String, SortedSet<String>> m : byModule.entrySet()) {
      b.append("  subgraph \"cluster_").append(m.getKey()).append("\" {\n");
      b.append("    label=\"").append(m.getKey()).append(" module\"; fontname=\"DejaVu Sans\";"
          + " fontsize=12; color=\"#b8c2d6\"; style=rounded;\n");
      for (String p : m.getValue()) {
        b.append("    \"").append(p).append("\" [label=\"").append(label(p)).append("\"");
        if (isFamily(p)) {
          b.append(", fillcolor=\"#e3f0e3\"");
        }
        b.append("];\n");
      }
      b.append("  }\n");
    }
    for (Map.Entry<String, SortedSet<String>> e : g.edges().entrySet()) {
      for (String q : e.getValue()) {
        b.append("  \"").append(e.getKey()).append("\" -> \"").append(q).append("\";\n");
      }
    }
    b.append("}\n");
    return b.toString();
  }

  /** The package name without the root: {@code core.ops.math}. */
  static String label(String pkg) {
    return pkg.substring(PackageGraph.ROOT.length() + 1);
  }

  /** Core's op families; autodiff has a gradient package of each name. */
  static final java.util.Set<String> FAMILIES = java.util.Set.of("state", "math", "nn", "linalg",
      "array", "random", "control", "rnncell", "training");

  /** An op family's package: core.ops.X or autodiff.X for a family X of core. */
  static boolean isFamily(String pkg) {
    for (String prefix : new String[] {".core.ops.", ".autodiff."}) {
      String p = PackageGraph.ROOT + prefix;
      if (pkg.startsWith(p) && FAMILIES.contains(pkg.substring(p.length()))) {
        return true;
      }
    }
    return false;
  }


  /** Writes layers.dot, layers.svg and layers.png to {@code args[0]} (default docs/images). */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
    Files.createDirectories(out);
    String dot = dot(PackageGraph.of(PackageGraph.importMainClasses()));
    Files.writeString(out.resolve("layers.dot"), dot, StandardCharsets.UTF_8);
    Graphviz.fromString(dot).render(Format.SVG).toFile(out.resolve("layers.svg").toFile());
    // dot's own PNG output when it is installed; else graphviz-java rasterizes the SVG.
    Graphviz png = Graphviz.fromString(dot).scale(1.5);
    if (GraphRenderer.dotInstalled()) {
      png.rasterize(Rasterizer.builtIn("png")).toFile(out.resolve("layers.png").toFile());
    } else {
      png.render(Format.PNG).toFile(out.resolve("layers.png").toFile());
    }
    System.out.println("wrote " + out.resolve("layers.dot") + ", layers.svg, layers.png");
  }
}
