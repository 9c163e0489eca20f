package dev.skein.viz;

import dev.skein.core.Graph;
import dev.skein.viz.ScopeTree.Edge;
import dev.skein.viz.ScopeTree.Group;
import dev.skein.viz.ScopeTree.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The interactive view, like the TensorFlow notebooks' {@code show_graph}: one self-contained
 * HTML file (no network: the graph is embedded as JSON and laid out by a small script inlined in
 * the page). Scopes start collapsed; a click opens or closes one; hovering an op shows its type,
 * shapes, inputs and the line of user code that created it; a search box finds an op by name.
 */
public final class GraphView {
  /** While the picture has at most this many items, the first view opens one more level. */
  private static final int INITIAL_TINY = 3;
  private static final int INITIAL_BUDGET = 60;

  private GraphView() {}

  /** Writes the view of a graph to an HTML file. */
  public static void writeHtml(Graph g, Path file) throws IOException {
    Files.writeString(file, html(g, file.getFileName().toString()), StandardCharsets.UTF_8);
  }

  /** The view as HTML text, with a page title. */
  public static String html(Graph g, String title) {
    ScopeTree tree = ScopeTree.of(g);
    String template = resource("view.html");
    StringBuilder sb = new StringBuilder(template.length() + 256 * tree.nodes.size());
    int style = template.indexOf("{{STYLE}}");
    int script = template.indexOf("{{SCRIPT}}");
    int data = template.indexOf("{{DATA}}");
    int titleAt = template.indexOf("{{TITLE}}");
    if (!(titleAt < style && style < data && data < script)) {
      throw new IllegalStateException("view.html placeholders out of order");
    }
    sb.append(template, 0, titleAt).append(escapeHtml(title));
    sb.append(template, titleAt + "{{TITLE}}".length(), style).append(resource("view.css"));
    sb.append(template, style + "{{STYLE}}".length(), data);
    Json json = new Json();
    writeData(tree, json);
    sb.append(json.text());
    sb.append(template, data + "{{DATA}}".length(), script).append(resource("layout.js"))
        .append(resource("edges.js")).append(resource("edgedraw.js"))
        .append(resource("nav.js")).append(resource("card.js"))
        .append(resource("view.js"));
    sb.append(template, script + "{{SCRIPT}}".length(), template.length());
    return sb.toString();
  }

  private static void writeData(ScopeTree tree, Json j) {
    j.beginObject();
    j.key("groups").beginArray();
    for (Group gr : tree.groups) {
      j.beginObject().key("path").value(gr.path).key("label").value(gr.label)
          .key("parent").value(gr.parent == null ? -1 : gr.parent.id)
          .key("kind").value(gr.subgraph ? "subgraph" : gr.isLoop() ? "loop"
              : gr.series ? "series" : "scope")
          .key("box").value(gr.boxKind().name().toLowerCase(Locale.ROOT))
          .key("grad").value(gr.gradient).key("count").value(gr.opCount)
          .key("first").value(gr.first)
          .key("own").value(gr.ownOp == null ? -1 : gr.ownOp.id);
      j.key("groups").beginArray();
      for (Group c : gr.groups) {
        j.value(c.id);
      }
      j.endArray().key("nodes").beginArray();
      for (Node n : gr.nodes) {
        j.value(n.id);
      }
      j.endArray().endObject();
    }
    j.endArray();
    j.key("nodes").beginArray();
    for (Node n : tree.nodes) {
      j.beginObject().key("name").value(n.name)
          .key("op").value(n.op.name().equals(n.name) ? null : n.op.name())
          .key("label").value(OpText.label(n))
          .key("type").value(n.op.type().typeName())
          .key("kind").value(n.kind.name().toLowerCase(Locale.ROOT))
          .key("group").value(n.parent.id);
      j.key("shapes").beginArray();
      for (int i = 0; i < n.op.numOutputs(); i++) {
        j.value(OpText.shape(n.op.outputSpec(i).shape()));
      }
      j.endArray();
      j.key("outs").strings(OpText.outputs(n.op)).key("ins").strings(OpText.inputs(n.op));
      String attrs = n.op.type().describeAttributes();
      String value = OpText.smallConstant(n.op);
      j.key("attrs").value(attrs.isEmpty() ? null : attrs).key("value").value(value)
          .key("device").value(n.op.device().isEmpty() ? null : n.op.device())
          .key("site").value(OpText.site(n.op))
          .key("from").value(n.capturedFrom == null ? -1 : n.capturedFrom.id).endObject();
    }
    j.endArray();
    j.key("edges").beginArray();
    for (Edge e : tree.edges) {
      j.beginArray().value(e.src().id).value(e.output()).value(e.dst().id)
          .value(e.kind().ordinal()).endArray();
    }
    j.endArray();
    int depth = initialDepth(tree);
    j.key("open").beginArray();
    for (Group gr : tree.groups) {
      if (Expansion.openDepth(gr) <= depth) {
        j.value(gr.id);
      }
    }
    j.endArray().endObject();
  }

  /**
   * Scopes start collapsed; only when that shows almost nothing (a model entirely inside one
   * scope) does the first view open levels while it stays small.
   */
  static int initialDepth(ScopeTree tree) {
    int d = 0;
    while (Expansion.visibleAtDepth(tree, d) <= INITIAL_TINY
        && Expansion.visibleAtDepth(tree, d + 1) > Expansion.visibleAtDepth(tree, d)
        && Expansion.visibleAtDepth(tree, d + 1) <= INITIAL_BUDGET) {
      d++;
    }
    return d;
  }

  static String escapeHtml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String resource(String name) {
    try (InputStream in = GraphView.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/skein/viz/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
