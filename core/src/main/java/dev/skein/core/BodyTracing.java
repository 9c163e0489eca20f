package dev.skein.core;

import java.util.List;

/**
 * How a body graph is traced inside its parent and stands in for the parent's values: suspending
 * a trace for ops that belong at the top level (init scope), capturing an ancestor's value as a
 * placeholder of the body, and the error for a value no graph of the chain owns. Works on
 * {@link Graph}'s fields under the graphs' own locks.
 */
final class BodyTracing {
  private BodyTracing() {}

  /** {@link Graph#initScope()}. */
  static Graph.Scope initScope(Graph g) {
    Graph r = g.root();
    synchronized (r) {
      Graph saved = r.tracing;
      if (saved == null) {
        return () -> { };
      }
      String scope = r.userScope();
      r.tracing = null;
      // During a trace the top-level scope stack is as the loop found it; scope extends it.
      Graph.Scope entered = scope.isEmpty() ? () -> { } : r.scopes.enter(scope, r);
      return () -> {
        synchronized (r) {
          entered.close();
          r.tracing = saved;
        }
      };
    }
  }

  /** {@link Graph#capture(Output)}, with g's lock held. */
  static Output capture(Graph g, Output v) {
    Graph owner = v.graph();
    if (owner == g) {
      return v;
    }
    if (g.parent == null || !g.parent.isSelfOrAncestor(owner)) {
      throw new IllegalArgumentException(foreignInputText(g, v));
    }
    Output outer = g.parent.capture(v);
    Output inner = g.captures.get(outer);
    if (inner == null) {
      String base = outer.op().name().substring(outer.op().name().lastIndexOf('/') + 1);
      // Captures are named after the outer op, at the top of this graph's scope.
      String name = g.scopes.uniqueNameIn(g.rootScope, base);
      Operation p = new Operation(g, g.ops.size(), name,
          new Placeholder(outer.dtype(), outer.shape()), List.of(),
          List.of(), List.of(outer.spec()), CreationSite.capture(), "");
      g.ops.add(p);
      g.byName.put(name, p);
      inner = p.output(0);
      g.captures.put(outer, inner);
    }
    return inner;
  }

  /** Why v cannot be an input of an op of g. */
  static String foreignInputText(Graph g, Output v) {
    Graph owner = v.graph();
    if (owner.parent != null && owner.root() == g.root() && !g.isSelfOrAncestor(owner)) {
      return v.name() + " was created inside a control-flow body (" + owner.rootScope()
          + ") and cannot be used outside it; return it from the body, or build it outside"
          + " (Graph.initScope)";
    }
    return v.name() + " belongs to another graph";
  }
}
