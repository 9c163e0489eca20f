package dev.skein.viz;

import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What viz draws: a graph's ops arranged in the tree of their name scopes, with the edges
 * between them. An op named like a scope (a variable {@code W} beside {@code W/Assign}) is that
 * scope's own op and lives inside it, as TensorBoard does. An op carrying subgraphs (a While
 * loop) gets a group holding the op and one child group per subgraph ("cond", "body").
 */
final class ScopeTree {
  /** How an edge connects two ops. */
  enum EdgeKind {
    /** An op reads another's output. */
    DATA,
    /** An op runs only after another (control dependency). */
    CONTROL,
    /** An op names another as an attribute, as an assign names its variable. */
    REF
  }

  /** A name scope (or a loop, or a loop's subgraph) holding ops and smaller scopes. */
  static final class Group {
    int id;
    final String path;
    String label;
    Group parent;
    int depth;
    final boolean subgraph;
    /** A series: numbered siblings ({@code cell_1 ... cell_27}) stacked into one box. */
    boolean series;
    final List<Group> groups = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    Node ownOp;
    int opCount;
    int first = Integer.MAX_VALUE;
    boolean gradient;

    Group(int id, String path, String label, Group parent, boolean subgraph) {
      this.id = id;
      this.path = path;
      this.label = label;
      this.parent = parent;
      this.depth = parent == null ? 0 : parent.depth + 1;
      this.subgraph = subgraph;
    }

    boolean isLoop() {
      return ownOp != null && ownOp.kind == OpKind.LOOP;
    }

    /** The kind a collapsed box of this group is drawn as. */
    OpKind boxKind() {
      if (ownOp != null && (ownOp.kind == OpKind.VARIABLE || ownOp.kind == OpKind.LOOP)) {
        return ownOp.kind;
      }
      return gradient ? OpKind.GRADIENT : OpKind.COMPUTE;
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /** One op. */
  static final class Node {
    final int id;
    final Operation op;
    final String name;
    final OpKind kind;
    Group parent;

    /** For a placeholder standing in a loop body for an outer value: that value's op. */
    Node capturedFrom;

    Node(int id, Operation op, String name, Group parent) {
      this.id = id;
      this.op = op;
      this.name = name;
      this.kind = OpKind.of(op);
      this.parent = parent;
    }

    /** The last segment of the displayed name. */
    String shortName() {
      return name.substring(name.lastIndexOf('/') + 1);
    }
  }

  /** An edge from output {@code output} of {@code src} (-1 for control and ref edges). */
  record Edge(Node src, int output, Node dst, EdgeKind kind) {}

  private static final Map<Class<?>, List<RecordComponent>> OP_REFS = new ConcurrentHashMap<>();

  final Group root;
  final List<Group> groups = new ArrayList<>();
  final List<Node> nodes = new ArrayList<>();
  final List<Edge> edges = new ArrayList<>();
  final Map<String, Group> byPath = new HashMap<>();
  private final Map<Operation, Node> byOp = new IdentityHashMap<>();

  private ScopeTree() {
    root = newGroup("", "", null, false);
  }

  static ScopeTree of(Graph g) {
    ScopeTree t = new ScopeTree();
    t.addGraph(g, t.root, "");
    for (Node n : t.nodes) {
      t.addEdges(n);
    }
    TreeShaping.shape(t);
    t.finish(t.root);
    return t;
  }

  /** The group with this path ("" is the root), or null. */
  Group group(String path) {
    return byPath.get(path);
  }

  Group newGroup(String path, String label, Group parent, boolean subgraph) {
    Group gr = new Group(groups.size(), path, label, parent, subgraph);
    groups.add(gr);
    byPath.put(path, gr);
    if (parent != null) {
      parent.groups.add(gr);
      gr.gradient = parent.gradient || OpKind.isGradientSegment(label, 0, label.length());
    }
    return gr;
  }

  /** Adds a graph's ops under {@code base}; prefix is base's path plus '/' (or "" at the top). */
  private void addGraph(Graph g, Group base, String prefix) {
    List<Node> added = new ArrayList<>();
    // A body graph names its ops inside its own scope (rnn/while/body/...): drop that part.
    String bodyScope = g.rootScope().isEmpty() ? "" : g.rootScope() + "/";
    Map<Operation, Output> captured = new IdentityHashMap<>();
    for (Map.Entry<Output, Output> c : g.captures().entrySet()) {
      captured.put(c.getValue().op(), c.getKey());
    }
    for (Operation op : g.operations()) {
      String local = op.name().startsWith(bodyScope) ? op.name().substring(bodyScope.length())
          : op.name();
      // A gradient loop's body repeats the loop's whole path after its own "grad" scope
      // (.../while/body/grad/gradients/rnn/while_grad/while/body/cell): drop the repeat.
      int again = prefix.isEmpty() ? -1 : local.indexOf(prefix);
      if (again > 0 && local.charAt(again - 1) == '/') {
        local = local.substring(0, again) + local.substring(again + prefix.length());
      }
      String name = prefix + local;
      Group parent = base;
      int start = prefix.length();
      int slash;
      while ((slash = name.indexOf('/', start)) >= 0) {
        String path = name.substring(0, slash);
        Group child = byPath.get(path);
        if (child == null) {
          child = newGroup(path, name.substring(start, slash), parent, false);
        }
        parent = child;
        start = slash + 1;
      }
      Node n = new Node(nodes.size(), op, name, parent);
      nodes.add(n);
      byOp.put(op, n);
      Output outer = captured.get(op);
      if (outer != null) {
        n.capturedFrom = byOp.get(outer.op());
      }
      parent.nodes.add(n);
      added.add(n);
    }
    for (Node n : added) {
      Group own = byPath.get(n.name);
      if (n.op.type().subgraphs().isEmpty()) {
        if (own != null && own.ownOp == null) {
          moveInto(n, own);
        }
        continue;
      }
      if (own == null) {
        own = newGroup(n.name, n.shortName(), n.parent, false);
      }
      if (own.ownOp == null) {
        moveInto(n, own);
      }
      for (Map.Entry<String, Graph> sub : n.op.type().subgraphs().entrySet()) {
        String path = n.name + "/" + sub.getKey();
        String unique = path;
        for (int i = 1; byPath.containsKey(unique); i++) {
          unique = path + "_" + i;
        }
        Group sg = newGroup(unique, sub.getKey(), own, true);
        addGraph(sub.getValue(), sg, unique + "/");
      }
    }
  }

  private static void moveInto(Node n, Group own) {
    n.parent.nodes.remove(n);
    n.parent = own;
    own.ownOp = n;
    own.nodes.add(0, n);
  }

  private void addEdges(Node n) {
    Operation op = n.op;
    for (Output in : op.inputs()) {
      Node src = byOp.get(in.op());
      if (src != null) {
        edges.add(new Edge(src, in.index(), n, EdgeKind.DATA));
      }
    }
    for (Operation c : op.controlInputs()) {
      Node src = byOp.get(c);
      if (src != null) {
        edges.add(new Edge(src, -1, n, EdgeKind.CONTROL));
      }
    }
    for (Operation ref : referencedOps(op)) {
      Node src = byOp.get(ref);
      if (src != null && src != n) {
        edges.add(new Edge(src, -1, n, EdgeKind.REF));
      }
    }
  }

  /** Ops an op type names among its record components (an assign's variable, say). */
  static List<Operation> referencedOps(Operation op) {
    Class<?> c = op.type().getClass();
    if (!c.isRecord()) {
      return List.of();
    }
    List<RecordComponent> comps = OP_REFS.computeIfAbsent(c, k -> {
      List<RecordComponent> r = new ArrayList<>();
      for (RecordComponent rc : k.getRecordComponents()) {
        if (rc.getType() == Operation.class) {
          rc.getAccessor().setAccessible(true);
          r.add(rc);
        }
      }
      return r;
    });
    List<Operation> refs = new ArrayList<>();
    for (RecordComponent rc : comps) {
      try {
        Object v = rc.getAccessor().invoke(op.type());
        if (v instanceof Operation o) {
          refs.add(o);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // An attribute we cannot read is simply not drawn.
      }
    }
    return refs;
  }

  /** Computes op counts and first-op positions, and orders children by first op. */
  private void finish(Group gr) {
    gr.depth = gr.parent == null ? 0 : gr.parent.depth + 1;
    int count = gr.nodes.size();
    int first = Integer.MAX_VALUE;
    for (Node n : gr.nodes) {
      first = Math.min(first, n.id);
    }
    for (Group c : gr.groups) {
      finish(c);
      count += c.opCount;
      first = Math.min(first, c.first);
    }
    gr.opCount = count;
    gr.first = first;
    gr.groups.sort((a, b) -> Integer.compare(a.first, b.first));
  }
}
