package dev.skein.core.io;

import dev.skein.core.Graph;
import dev.skein.core.GraphImporter;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import dev.skein.core.ops.control.TracedFunction;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the text format of docs/GRAPH_FORMAT.md into a new graph. Nothing in the file is run or
 * looked up by reflection: op types come from an {@link OpTypeTable}, attribute types from the
 * record components of those classes. Every problem becomes a {@link GraphFormatException}
 * naming the line.
 */
final class GraphReader {
  private final OpTypeTable table;
  private final GraphFormat.Limits limits;
  private final List<String> lines;
  private int next;
  private int lastContent;
  private int ops;
  private final Map<String, TracedFunction> allFunctions = new java.util.HashMap<>();
  private long tensorElements;
  private int version;
  private GraphSites sites = GraphSites.NONE;

  GraphReader(OpTypeTable table, GraphFormat.Limits limits, List<String> lines) {
    this.table = table;
    this.limits = limits;
    this.lines = lines;
  }

  /** The next line that is not blank or a comment, as tokens; null at the end of the text. */
  private GraphTokens nextLine() {
    while (next < lines.size()) {
      String l = lines.get(next++);
      String s = l.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        lastContent = next;
        return GraphTokens.of(s, next);
      }
    }
    return null;
  }

  private GraphTokens requireLine(String what) {
    GraphTokens t = nextLine();
    if (t == null) {
      throw new GraphFormatException(Math.max(lastContent, 1), "the file ends inside " + what);
    }
    return t;
  }

  Graph read() {
    GraphTokens header = nextLine();
    if (header == null || !header.peekIs("skein-graph")) {
      throw new GraphFormatException(header == null ? 1 : header.line(), "not a Skein graph file"
          + " (it must start with '" + GraphFormat.MAGIC + "')");
    }
    header.next();
    String v = header.word("the format version");
    if (!v.equals("1") && !v.equals("2")) {
      throw header.error("format version " + v + " is not supported (1 and 2 are)");
    }
    version = Integer.parseInt(v);
    header.end();
    if (version >= 2) {
      sites = GraphSites.read(lines);
    }
    Graph g = new Graph();
    GraphImporter imp = new GraphImporter(g);
    boolean seeded = false;
    int randomOps = -1;
    Set<String> variables = new HashSet<>();
    while (true) {
      GraphTokens t = requireLine("the graph (no end-graph line)");
      String kw = t.word("a keyword");
      switch (kw) {
        case "seed" -> {
          if (seeded || g.numOperations() > 0) {
            throw t.error("'seed' must come once, before the ops");
          }
          seeded = true;
          g.setSeed((Long) AttrCodec.read(long.class, t, null, 0));
          t.end();
        }
        case "random-ops" -> {
          if (randomOps >= 0) {
            throw t.error("'random-ops' appears twice");
          }
          randomOps = AttrCodec.readInt(t);
          if (randomOps < 0) {
            throw t.error("random-ops must be >= 0");
          }
          t.end();
        }
        case "op" -> op(t, g, imp, 0);
        case "variable" -> variable(t, g, variables);
        case "sites" -> {
          if (version < 2 || t.line() != sites.start()) {
            throw t.error("unexpected 'sites' (format 2 files have one sites section)");
          }
          next = sites.end();
        }
        case "end-graph" -> {
          t.end();
          if (nextLine() != null) {
            throw new GraphFormatException(next, "text after end-graph");
          }
          sites.checkAllTaken();
          imp.setNumRandomOps(Math.max(randomOps, 0));
          return g;
        }
        default -> throw t.error("unexpected '" + kw + "' (expected op, variable, seed,"
            + " random-ops, sites or end-graph)");
      }
    }
  }

  private void variable(GraphTokens t, Graph g, Set<String> seen) {
    Operation op = opIn(g, t.string("the variable's op name"), t);
    Output init = output(g, t.string("the initial value"), t);
    Operation initializer = opIn(g, t.string("the initializer's name"), t);
    t.end();
    if (!(op.type() instanceof StateOps.VariableOp)) {
      throw t.error("'" + op.name() + "' is not a variable op");
    }
    if (!seen.add(op.name())) {
      throw t.error("variable '" + op.name() + "' is listed twice");
    }
    g.registerVariable(new Variable(op, init, initializer));
  }

  /** Reads one op block (its "op" line is {@code head}) into g. */
  private void op(GraphTokens head, Graph g, GraphImporter imp, int depth) {
    int line = head.line();
    String name = head.string("the op name");
    String key = head.word("an op type");
    head.end();
    if (++ops > limits.maxOps()) {
      throw head.error("more than " + limits.maxOps() + " ops");
    }
    OpType constant = table.constant(key);
    Class<? extends OpType> record = table.record(key);
    if (constant == null && record == null) {
      throw head.error("unknown op type '" + key + "'");
    }
    OpBlock b = new OpBlock(line, name, key, constant, record);
    boolean hasSite = false;
    while (true) {
      GraphTokens t = requireLine("op '" + name + "' (no end line)");
      String kw = t.word("a keyword");
      switch (kw) {
        case "in" -> {
          once(b.inputs, t, kw);
          b.inputs = new ArrayList<>();
          while (!t.atEnd()) {
            b.inputs.add(output(g, t.string("an input (op:index)"), t));
          }
        }
        case "ctrl" -> {
          once(b.ctrl, t, kw);
          b.ctrl = new ArrayList<>();
          while (!t.atEnd()) {
            b.ctrl.add(opIn(g, t.string("a control input"), t));
          }
        }
        case "device" -> {
          once(b.device, t, kw);
          b.device = t.string("a device");
          t.end();
        }
        case "site" -> {
          if (version >= 2) {
            throw t.error("in format 2 creation sites are in the sites section, not in op"
                + " blocks");
          }
          if (hasSite) {
            throw t.error("'site' appears twice");
          }
          hasSite = true;
          b.site = GraphSites.site(t);
        }
        case "capture" -> {
          once(b.capture, t, kw);
          if (g.parent() == null) {
            throw t.error("only ops of a function body can be captures");
          }
          b.capture = output(g.parent(), t.string("the captured value"), t);
          t.end();
        }
        case "function" -> {
          String fn = t.word("the function's name");
          String scope = t.string("the function's scope");
          boolean shared = t.peekIs("shared");
          if (shared) {
            t.next();
          }
          t.end();
          if (b.functions.containsKey(fn)) {
            throw t.error("function '" + fn + "' appears twice");
          }
          if (shared) {
            TracedFunction f = allFunctions.get(scope);
            if (f == null) {
              throw t.error("no function '" + scope + "' is defined before this point");
            }
            b.functions.put(fn, f);
          } else {
            if (allFunctions.containsKey(scope)) {
              throw t.error("function '" + scope + "' is defined twice");
            }
            TracedFunction f = function(t, g, scope, depth + 1);
            allFunctions.put(scope, f);
            b.functions.put(fn, f);
          }
        }
        case "attr" -> {
          String an = t.word("the attribute's name");
          if (b.attrs.put(an, t) != null) {
            throw t.error("attribute '" + an + "' appears twice");
          }
        }
        case "out" -> {
          b.outs.add(new TensorSpec(AttrCodec.readDType(t), AttrCodec.readShape(t)));
          t.end();
        }
        case "end" -> {
          t.end();
          if (version >= 2) {
            b.site = sites.take(g.parent() == null ? "" : g.rootScope(), name);
          }
          b.build(g, imp, used -> context(g, b.functions, used));
          return;
        }
        default -> throw t.error("unexpected '" + kw + "' in op '" + name + "'");
      }
    }
  }

  private AttrCodec.Context context(Graph g, Map<String, TracedFunction> functions,
      Set<String> used) {
    return new AttrCodec.Context() {
      @Override
      public Operation op(String n) {
        for (Graph a = g; a != null; a = a.parent()) {
          Operation o = a.operation(n);
          if (o != null) {
            return o;
          }
        }
        throw new GraphFormatException(0, "no op named '" + n + "' before this point");
      }

      @Override
      public TracedFunction function(String n) {
        TracedFunction f = functions.get(n);
        if (f == null) {
          throw new GraphFormatException(0, "no function '" + n + "' in this op");
        }
        if (!used.add(n)) {
          throw new GraphFormatException(0, "function '" + n + "' is used twice");
        }
        return f;
      }

      @Override
      public void reserveStored(long bytes) {
        if (version >= 2 && bytes > limits.maxConstantBytes()) {
          throw new GraphFormatException(0, "a constant storing " + bytes + " bytes of data"
              + " exceeds the limit of " + limits.maxConstantBytes() + " bytes per constant");
        }
      }

      @Override
      public void reserveTensor(long n) {
        if (n > limits.maxTensorElements()) {
          throw new GraphFormatException(0, "a tensor of " + n + " elements exceeds the limit of "
              + limits.maxTensorElements());
        }
        tensorElements += n;
        if (tensorElements > limits.maxTotalTensorElements()) {
          throw new GraphFormatException(0, "the file's tensors exceed the limit of "
              + limits.maxTotalTensorElements() + " elements in all");
        }
      }
    };
  }

  /** Reads a function block (its "function" line is {@code head}) as a child graph of g. */
  private TracedFunction function(GraphTokens head, Graph g, String scope, int depth) {
    if (depth > limits.maxDepth()) {
      throw head.error("functions nest deeper than " + limits.maxDepth());
    }
    if (scope.isEmpty() || scope.startsWith("/") || scope.endsWith("/")) {
      throw head.error("'" + scope + "' is not a valid scope");
    }
    Graph body = g.newChildGraph(scope);
    GraphImporter imp = new GraphImporter(body);
    List<Output> args = null;
    List<Output> results = null;
    List<Output> extra = null;
    List<Operation> targets = null;
    while (true) {
      GraphTokens t = requireLine("function '" + scope + "' (no end line)");
      String kw = t.word("a keyword");
      switch (kw) {
        case "op" -> op(t, body, imp, depth);
        case "args", "results", "extra-feeds" -> {
          List<Output> l = new ArrayList<>();
          while (!t.atEnd()) {
            l.add(output(body, t.string("a value (op:index)"), t));
          }
          if (kw.equals("args")) {
            once(args, t, kw);
            args = l;
          } else if (kw.equals("results")) {
            once(results, t, kw);
            results = l;
          } else {
            once(extra, t, kw);
            extra = l;
          }
        }
        case "targets" -> {
          once(targets, t, kw);
          targets = new ArrayList<>();
          while (!t.atEnd()) {
            targets.add(opIn(body, t.string("a target op"), t));
          }
        }
        case "end" -> {
          t.end();
          if (args == null || results == null || extra == null || targets == null) {
            throw t.error("function '" + scope + "' needs args, results, extra-feeds and"
                + " targets lines");
          }
          try {
            return TracedFunction.of(body, args, results, extra, targets);
          } catch (RuntimeException e) {
            throw new GraphFormatException(head.line(), "function '" + scope + "': "
                + e.getMessage(), e);
          }
        }
        default -> throw t.error("unexpected '" + kw + "' in function '" + scope + "'");
      }
    }
  }

  private static void once(Object seen, GraphTokens t, String kw) {
    if (seen != null) {
      throw t.error("'" + kw + "' appears twice");
    }
  }

  private static Operation opIn(Graph g, String name, GraphTokens t) {
    Operation op = g.operation(name);
    if (op == null) {
      throw t.error("no op named '" + name + "' before this point"
          + (g.parent() == null ? "" : " in function " + g.rootScope()));
    }
    return op;
  }

  /** "name:index" in graph g. */
  private static Output output(Graph g, String ref, GraphTokens t) {
    int colon = ref.lastIndexOf(':');
    if (colon <= 0 || colon == ref.length() - 1 || ref.length() - colon > 8) {
      throw t.error("'" + ref + "' is not a value reference (op:index)");
    }
    int index;
    try {
      index = Integer.parseInt(ref.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw t.error("'" + ref + "' is not a value reference (op:index)");
    }
    Operation op = opIn(g, ref.substring(0, colon), t);
    if (index < 0 || index >= op.numOutputs()) {
      throw t.error("op '" + op.name() + "' has " + op.numOutputs() + " outputs, no output "
          + index);
    }
    return op.output(index);
  }
}
