package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A dataflow graph: an append-only list of operations with unique scoped names. Name scopes,
 * control dependencies and devices are opened with try-with-resources and apply to the ops
 * created inside. Building is meant for one thread at a time; running (through Sessions) may
 * happen from many threads while no op is being added.
 *
 * <p><b>Body graphs.</b> Control flow (whileLoop, cond) traces a Java lambda once into a
 * <em>child</em> graph that belongs to one While/If operation ({@link #newChildGraph}). While a
 * child is being traced ({@link #traceInto}), ops added to this graph, or to any graph above it,
 * go into the child, so lambdas can keep using the outer {@code Ops} facade. A child may use
 * values of its ancestor graphs: {@code addOp} turns each such input into a placeholder of the
 * child recorded as a <em>capture</em> ({@link #capture}); the control-flow op passes the
 * captured outer value in as an explicit input. Values of unrelated graphs are still refused.
 * Variables, the random seed and {@link #extension}s always belong to the top-level graph.
 */
public final class Graph {
  final Graph parent;
  final String rootScope;
  /** For a body graph: the user's scope where its op was built (without control-flow scopes). */
  private final String baseScope;
  final Map<Output, Output> captures = new LinkedHashMap<>();
  Graph tracing;
  final List<Operation> ops = new ArrayList<>();
  final Map<String, Operation> byName = new HashMap<>();
  final BuildScopes scopes = new BuildScopes();
  private final List<Variable> variables = new ArrayList<>();
  private final Map<Class<?>, Object> extensions = new ConcurrentHashMap<>();
  private Long seed;
  private int randomOpCount;

  /** A new, empty top-level graph. */
  public Graph() {
    this(null, "", "");
  }

  private Graph(Graph parent, String rootScope, String baseScope) {
    this.parent = parent;
    this.rootScope = rootScope;
    this.baseScope = baseScope;
    if (!rootScope.isEmpty()) {
      scopes.enter(rootScope, this);
    }
  }

  /**
   * A new body graph for a control-flow op built in this graph. Its ops are named inside
   * {@code scope} (an absolute scope such as {@code rnn/while/body}), so their names are unique
   * next to this graph's and viz can draw them inside the op's cluster.
   */
  public Graph newChildGraph(String scope) {
    checkArgument(scope != null && !scope.isEmpty(), "a body graph needs a scope name");
    return new Graph(this, scope, userScope());
  }

  /**
   * The current scope as the user wrote it, leaving out the scopes of enclosing loops and
   * conditionals: inside a body traced in scope {@code rnn} whose lambda opened
   * {@code basic_rnn_cell}, this is {@code rnn/basic_rnn_cell} (the ops themselves are named
   * {@code rnn/while/body/basic_rnn_cell/...}). Variables created in a body are named with it.
   */
  public synchronized String userScope() {
    if (tracing != null) {
      return activeGraph().userScope();
    }
    String current = scopes.current();
    if (parent == null) {
      return current;
    }
    String relative = current.length() > rootScope.length()
        ? current.substring(rootScope.length() + 1) : "";
    return baseScope.isEmpty() ? relative
        : relative.isEmpty() ? baseScope : baseScope + "/" + relative;
  }

  /** The graph this body graph belongs to, or null for a top-level graph. */
  public Graph parent() {
    return parent;
  }

  /** The top-level graph above this one (itself for a top-level graph). */
  public Graph root() {
    Graph g = this;
    while (g.parent != null) {
      g = g.parent;
    }
    return g;
  }

  /** True if {@code g} is this graph or a graph above it (a parent, its parent, ...). */
  public boolean isSelfOrAncestor(Graph g) {
    for (Graph a = this; a != null; a = a.parent) {
      if (a == g) {
        return true;
      }
    }
    return false;
  }

  /**
   * Redirects op creation into {@code child} until the scope closes: ops added to this graph, or
   * to a graph above it, go into the child. Used by control flow to trace a lambda.
   */
  public synchronized Scope traceInto(Graph child) {
    checkArgument(child.parent == this, "can only trace into a child graph of this graph");
    checkArgument(tracing == null, "this graph is already tracing a body");
    tracing = child;
    return () -> {
      synchronized (this) {
        checkArgument(tracing == child, "trace scopes closed out of order");
        tracing = null;
      }
    };
  }

  /**
   * Suspends body tracing until the scope closes: ops added meanwhile go to the top-level graph
   * (TensorFlow's init_scope), inside the {@link #userScope()} of the body being traced.
   * Variables are created this way, so a layer that creates its variables on first use inside a
   * loop body still puts them at the top level, named as if there were no loop.
   */
  public Scope initScope() {
    return BodyTracing.initScope(this);
  }


  /** The graph new ops go to: this one, or the innermost body being traced from it. */
  public synchronized Graph activeGraph() {
    Graph g = this;
    while (g.tracing != null) {
      g = g.tracing;
    }
    return g;
  }

  /**
   * The value of {@code v} as seen from this graph: v itself if it belongs here; for a value of
   * a graph above this one, a placeholder of this graph standing for it (created once per value
   * and recorded in {@link #captures()}; for a grandparent's value the parent captures it
   * first). Refuses values of unrelated graphs.
   */
  public synchronized Output capture(Output v) {
    return BodyTracing.capture(this, v);
  }


  /**
   * This body graph's captures in creation order: each value of the parent graph it uses, mapped
   * to the placeholder standing for it here. Empty for a top-level graph.
   */
  public synchronized Map<Output, Output> captures() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(captures));
  }



  /** The scope every op of this body graph is named in ("" for a top-level graph). */
  public String rootScope() {
    return rootScope;
  }

  /** All operations in creation order (a topological order). */
  public synchronized List<Operation> operations() {
    return List.copyOf(ops);
  }

  public synchronized int numOperations() {
    return ops.size();
  }

  /** The operation with this exact scoped name, or null. */
  public synchronized Operation operation(String name) {
    return byName.get(name);
  }

  /**
   * Adds an operation. The name is made unique within the current name scope ({@code MatMul},
   * {@code MatMul_1}, ...); a hint ending in '/' is taken as the exact absolute name (as in
   * TensorFlow, for an op named after the scope it opened, like a While named {@code rnn/while}).
   * The op's shape rule runs now, so bad inputs fail here, at the user's line, with an
   * {@link OpException}.
   */
  public synchronized Operation addOp(OpType type, String nameHint, List<Output> inputs) {
    if (tracing != null) {
      return activeGraph().addOp(type, nameHint, inputs);
    }
    StackTraceElement site = CreationSite.capture();
    String name;
    if (nameHint != null && nameHint.length() > 1 && nameHint.endsWith("/")) {
      name = nameHint.substring(0, nameHint.length() - 1);
      if (byName.containsKey(name)) {
        throw new OpException("an op named '" + name + "' already exists", name,
            type.typeName(), List.of(), site, null);
      }
    } else {
      name = scopes.uniqueName(nameHint == null || nameHint.isEmpty() ? type.typeName() : nameHint);
    }
    List<Output> resolved = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Output in = inputs.get(i);
      if (in == null) {
        throw new OpException("input " + i + " is null", name, type.typeName(), List.of(), site,
            null);
      }
      if (in.graph() != this) {
        if (parent == null || !parent.isSelfOrAncestor(in.graph())) {
          throw new OpException("input " + i + " (" + BodyTracing.foreignInputText(this, in) + ")", name,
              type.typeName(), List.of(), site, null);
        }
        in = capture(in);
      }
      resolved.add(in);
    }
    inputs = resolved;
    List<TensorSpec> specs;
    try {
      specs = InferContext.infer(type, inputs);
      InferContext.checkSizes(specs);
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      throw new OpException(e.getMessage(), name, type.typeName(), inputs, site, e);
    }
    Operation op = new Operation(this, ops.size(), name, type, inputs, scopes.controlInputs(),
        specs, site, scopes.device());
    ops.add(op);
    byName.put(name, op);
    return op;
  }

  /**
   * Appends an op exactly as a graph file recorded it (see {@link GraphImporter}, which checks
   * the arguments): the given name, control inputs, device and creation site; for a capture
   * placeholder, {@code captureOf} is the parent graph's value it stands for. Runs the shape
   * rule like {@link #addOp}. Later ops named by {@code addOp} avoid the name and its scopes.
   */
  synchronized Operation addExact(OpType type, String name, List<Output> inputs,
      List<Operation> controlInputs, String device, StackTraceElement site, Output captureOf) {
    checkArgument(tracing == null, "cannot import into a graph that is tracing a body");
    checkArgument(!byName.containsKey(name), "an op named '%s' already exists", name);
    checkArgument(captureOf == null || !captures.containsKey(captureOf),
        "%s is captured twice", captureOf);
    List<TensorSpec> specs;
    try {
      specs = InferContext.infer(type, inputs);
      InferContext.checkSizes(specs);
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      throw new OpException(e.getMessage(), name, type.typeName(), inputs, site, e);
    }
    Operation op = new Operation(this, ops.size(), name, type, inputs, controlInputs, specs, site,
        device);
    ops.add(op);
    byName.put(name, op);
    scopes.reserve(name);
    if (captureOf != null) {
      captures.put(captureOf, op.output(0));
    }
    return op;
  }

  /** How many random ops have drawn an op seed from the graph seed ({@link #nextRandomOpIndex}). */
  public synchronized int numRandomOps() {
    return parent != null ? root().numRandomOps() : randomOpCount;
  }

  synchronized void setNumRandomOps(int n) {
    checkArgument(parent == null && n >= 0, "only a top-level graph has a random-op count >= 0");
    randomOpCount = n;
  }



  /** Registers a variable so that {@code globalVariables()} and initializers find it. */
  public synchronized void registerVariable(Variable v) {
    if (parent != null) {
      root().registerVariable(v);
      return;
    }
    variables.add(v);
  }

  /** Variables in creation order. */
  public synchronized List<Variable> globalVariables() {
    if (parent != null) {
      return root().globalVariables();
    }
    return Collections.unmodifiableList(new ArrayList<>(variables));
  }

  /** The current name scope, "" at the top level. */
  public synchronized String currentScope() {
    if (tracing != null) {
      return activeGraph().currentScope();
    }
    return scopes.current();
  }

  /**
   * Opens a name scope inside the current one; like TensorFlow, a scope name already used gets a
   * suffix ({@code rnn_1}). A name ending in '/' re-enters that exact absolute scope; "/" alone
   * is the top level.
   */
  public synchronized Scope nameScope(String name) {
    if (tracing != null) {
      return activeGraph().nameScope(name);
    }
    checkArgument(name != null && !name.isEmpty(), "scope name must not be empty");
    String full;
    if (name.endsWith("/")) {
      full = name.substring(0, name.length() - 1);
    } else {
      full = scopes.uniqueName(name);
    }
    return scopes.enter(full, this);
  }

  /** Ops created inside run only after all of {@code deps}. */
  public synchronized Scope controlDependencies(List<Operation> deps) {
    if (tracing != null) {
      return activeGraph().controlDependencies(deps);
    }
    for (Operation d : deps) {
      checkArgument(d.graph() == this, "control dependency %s belongs to another graph", d);
    }
    return scopes.controlDependencies(deps, this);
  }

  /** Ops created inside record this device name (shown by viz; everything runs on the CPU). */
  public synchronized Scope device(String device) {
    if (tracing != null) {
      return activeGraph().device(device);
    }
    return scopes.device(device, this);
  }

  /** The graph-level random seed, or null. */
  public synchronized Long seed() {
    if (parent != null) {
      return root().seed();
    }
    return seed;
  }

  /** Sets the graph-level seed (TensorFlow's tf.set_random_seed). */
  public synchronized void setSeed(long seed) {
    if (parent != null) {
      root().setSeed(seed);
      return;
    }
    this.seed = seed;
  }

  /** A fresh per-op counter used to derive op seeds when only the graph seed is set. */
  public synchronized int nextRandomOpIndex() {
    if (parent != null) {
      return root().nextRandomOpIndex();
    }
    return randomOpCount++;
  }

  /** Per-graph state owned by another module (variable scopes, say), created on first use. */
  @SuppressWarnings("unchecked")
  public <T> T extension(Class<T> key, Function<Graph, T> create) {
    if (parent != null) {
      return root().extension(key, create);
    }
    return (T) extensions.computeIfAbsent(key, k -> create.apply(this));
  }

  /** Operations whose names start with a scope prefix. */
  public synchronized Set<Operation> operationsInScope(String scope) {
    Set<Operation> r = new LinkedHashSet<>();
    String p = scope.endsWith("/") ? scope : scope + "/";
    for (Operation op : ops) {
      if (op.name().startsWith(p)) {
        r.add(op);
      }
    }
    return r;
  }

  /** A scope that ends when closed; used with try-with-resources. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
