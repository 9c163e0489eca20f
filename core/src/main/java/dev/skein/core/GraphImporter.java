package dev.skein.core;

import java.util.List;
import java.util.Objects;

/**
 * Rebuilds a graph op by op exactly as a graph file recorded it: names, inputs, control inputs,
 * devices and creation sites are given rather than derived from the builder's scopes and stack.
 * Graph readers ({@code dev.skein.core.io.GraphFormat}) use it; code that builds graphs uses
 * {@link Graph#addOp} and the {@code Ops} facade. Every op still goes through its shape rule, so
 * an inconsistent record fails with an {@link OpException}; every other inconsistency
 * (a duplicate name, an input from another graph) with an IllegalArgumentException.
 */
public final class GraphImporter {
  private final Graph graph;

  public GraphImporter(Graph graph) {
    this.graph = Objects.requireNonNull(graph);
  }

  public Graph graph() {
    return graph;
  }

  /**
   * Appends an op named exactly {@code name} whose inputs and control inputs all belong to this
   * graph. {@code site} may be null (unknown), {@code device} empty.
   */
  public Operation addOp(OpType type, String name, List<Output> inputs,
      List<Operation> controlInputs, String device, StackTraceElement site) {
    checkName(name);
    for (int i = 0; i < inputs.size(); i++) {
      Output in = inputs.get(i);
      if (in == null || in.graph() != graph) {
        throw new IllegalArgumentException("input " + i + " of '" + name + "' is "
            + (in == null ? "null" : in.name() + ", which belongs to another graph"));
      }
    }
    for (Operation c : controlInputs) {
      if (c == null || c.graph() != graph) {
        throw new IllegalArgumentException("a control input of '" + name + "' is "
            + (c == null ? "null" : c.name() + ", which belongs to another graph"));
      }
    }
    if (List.copyOf(controlInputs).size() != new java.util.HashSet<>(controlInputs).size()) {
      throw new IllegalArgumentException("'" + name + "' lists a control input twice");
    }
    return graph.addExact(type, name, List.copyOf(inputs), List.copyOf(controlInputs),
        Objects.requireNonNull(device, "device"), site, null);
  }

  /**
   * Appends a capture placeholder of this body graph named {@code name}, standing for
   * {@code outer}, a value of the parent graph (see {@link Graph#capture}).
   */
  public Output addCapture(Output outer, String name, StackTraceElement site) {
    checkName(name);
    if (graph.parent() == null || outer.graph() != graph.parent()) {
      throw new IllegalArgumentException("capture '" + name + "' must stand for a value of the"
          + " parent graph, got " + outer.name());
    }
    return graph.addExact(new Placeholder(outer.dtype(),
        outer.shape()), name, List.of(), List.of(), "", site, outer).output(0);
  }

  /** Sets the top-level graph's count of random ops seeded from the graph seed. */
  public void setNumRandomOps(int n) {
    graph.setNumRandomOps(n);
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/")
        || name.contains("//")) {
      throw new IllegalArgumentException("'" + name + "' is not a valid op name");
    }
  }
}
