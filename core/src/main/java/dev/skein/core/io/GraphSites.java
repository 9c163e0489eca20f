package dev.skein.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sites section of a format 2 graph file: the ops' creation sites (the user's source lines),
 * kept apart from the op blocks so that editing user code changes only this section.
 * <pre>
 * sites
 *   site "x" "dev.skein.Demo" "main" "Demo.java" 12
 *   graph "rnn/while/body"
 *   site "rnn/while/body/MatMul" "dev.skein.Demo" "lambda$main$0" "Demo.java" 20
 * end-sites
 * </pre>
 * Lines before the first {@code graph} line are the top-level graph's; each {@code graph "SCOPE"}
 * line switches to a function body. The section is read before the ops (they need their sites
 * when they are built); each site must name an op the file defines.
 */
final class GraphSites {
  static final GraphSites NONE = new GraphSites();

  /** By graph ("" for the top level, else a function's scope), then by op name. */
  private final Map<String, Map<String, StackTraceElement>> byGraph = new HashMap<>();
  private int start = -1;
  private int end = -1;

  private GraphSites() {}

  /** The line number of the {@code sites} line, -1 if there is none. */
  int start() {
    return start;
  }

  /** The index of the first line after {@code end-sites}. */
  int end() {
    return end;
  }

  /** Finds and reads the section in {@code lines}; NONE if there is none. */
  static GraphSites read(List<String> lines) {
    int i = 0;
    GraphTokens t = null;
    for (; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      // Only a line that starts with the keyword is tokenized (not every constant's data).
      if (s.startsWith("sites") && (s.length() == 5 || s.charAt(5) == ' ' || s.charAt(5) == '\t')) {
        GraphTokens l = GraphTokens.of(s, i + 1);
        if (l.peekIs("sites")) {
          t = l;
          break;
        }
      }
    }
    if (t == null) {
      return NONE;
    }
    GraphSites r = new GraphSites();
    r.start = t.line();
    t.next();
    t.end();
    Map<String, StackTraceElement> current = new HashMap<>();
    r.byGraph.put("", current);
    for (i++; ; i++) {
      if (i >= lines.size()) {
        throw new GraphFormatException(r.start, "the sites section has no end-sites line");
      }
      String s = lines.get(i).strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      GraphTokens l = GraphTokens.of(s, i + 1);
      String kw = l.word("a keyword");
      if (kw.equals("end-sites")) {
        l.end();
        r.end = i + 1;
        return r;
      } else if (kw.equals("graph")) {
        String scope = l.string("a function's scope");
        l.end();
        if (scope.isEmpty() || r.byGraph.containsKey(scope)) {
          throw l.error("graph '" + scope + "' appears twice in the sites section");
        }
        current = new HashMap<>();
        r.byGraph.put(scope, current);
      } else if (kw.equals("site")) {
        String op = l.string("the op name");
        if (current.put(op, site(l)) != null) {
          throw l.error("op '" + op + "' has two sites");
        }
      } else {
        throw l.error("unexpected '" + kw + "' in the sites section (expected site, graph or"
            + " end-sites)");
      }
    }
  }

  /** "class" "method" "file"-or-null LINE: the rest of a site line. */
  static StackTraceElement site(GraphTokens t) {
    String cls = t.string("the class name");
    String method = t.string("the method name");
    String file = t.peekIs("null") ? null : t.string("the file name");
    if (file == null) {
      t.next();
    }
    int ln = AttrCodec.readInt(t);
    t.end();
    return new StackTraceElement(cls, method, file, ln);
  }

  /** The site of op {@code name} of graph {@code graph} (null if none), taken out. */
  StackTraceElement take(String graph, String name) {
    Map<String, StackTraceElement> m = byGraph.get(graph);
    return m == null ? null : m.remove(name);
  }

  /** Throws if a site names an op the file did not define. */
  void checkAllTaken() {
    List<String> left = new ArrayList<>();
    byGraph.forEach((g, m) -> m.keySet().forEach(op -> left.add((g.isEmpty() ? "" : g + ": ")
        + op)));
    if (!left.isEmpty()) {
      Collections.sort(left);
      throw new GraphFormatException(start, "the sites section names ops the file does not"
          + " define: " + String.join(", ", left.size() > 10 ? left.subList(0, 10) : left)
          + (left.size() > 10 ? ", ..." : ""));
    }
  }
}
