package dev.skein.core.io;

import dev.skein.core.AttrDefault;
import dev.skein.core.Graph;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import dev.skein.core.ops.control.TracedFunction;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph in the text format of docs/GRAPH_FORMAT.md (see {@link GraphFormat}): op
 * blocks, variables, then the creation sites in a section of their own. Refuses, naming the op,
 * what the limits would refuse to read.
 */
final class GraphWriter {
  private final OpTypeTable table;
  private final GraphFormat.Limits limits;
  private final boolean withSites;
  private final StringBuilder sb = new StringBuilder();
  private final java.util.Set<TracedFunction> written = java.util.Collections.newSetFromMap(
      new java.util.IdentityHashMap<>());
  /** Site lines by graph: "" for the top level, else the function's scope; in file order. */
  private final Map<String, StringBuilder> sites = new LinkedHashMap<>();
  private int ops;
  private long tensorElements;

  GraphWriter(OpTypeTable table, GraphFormat.Limits limits, boolean withSites) {
    this.table = table;
    this.limits = limits;
    this.withSites = withSites;
  }

  String write(Graph g) {
    if (g.parent() != null) {
      throw new GraphFormatException(0, "only a top-level graph can be written, not the body"
          + " graph " + g.rootScope());
    }
    sb.append(GraphFormat.MAGIC).append('\n');
    if (g.seed() != null) {
      sb.append("seed ").append(g.seed()).append('\n');
    }
    sb.append("random-ops ").append(g.numRandomOps()).append('\n');
    ops(g, "", 0);
    for (Variable v : g.globalVariables()) {
      sb.append("variable ");
      GraphTokens.quote(sb, v.varName());
      sb.append(' ');
      GraphTokens.quote(sb, v.initialValue().name());
      sb.append(' ');
      GraphTokens.quote(sb, v.initializer().name());
      sb.append('\n');
    }
    if (!sites.isEmpty()) {
      sb.append("sites\n");
      for (Map.Entry<String, StringBuilder> e : sites.entrySet()) {
        if (!e.getKey().isEmpty()) {
          sb.append("  graph ");
          GraphTokens.quote(sb, e.getKey());
          sb.append('\n');
        }
        sb.append(e.getValue());
      }
      sb.append("end-sites\n");
    }
    sb.append("end-graph\n");
    checkLines();
    return sb.toString();
  }

  /** Every line within the line limit (what a tensor check cannot foresee: long lists). */
  private void checkLines() {
    int start = 0;
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) == '\n') {
        if (i - start > limits.maxLineLength()) {
          String head = sb.substring(start, Math.min(i, start + 80));
          throw new GraphFormatException(0, "a line of " + (i - start) + " characters exceeds"
              + " the line limit of " + limits.maxLineLength() + " (GraphFormat.Limits): "
              + head.strip() + "...");
        }
        start = i + 1;
      }
    }
  }

  private void ops(Graph g, String indent, int depth) {
    Map<Operation, Output> captureOf = new HashMap<>();
    g.captures().forEach((outer, inner) -> captureOf.put(inner.op(), outer));
    for (Operation op : g.operations()) {
      op(op, captureOf.get(op), indent, depth);
    }
  }

  private void op(Operation op, Output capture, String indent, int depth) {
    if (++ops > limits.maxOps()) {
      throw new GraphFormatException(0, "the graph has more than " + limits.maxOps() + " ops"
          + " (bodies included), the limit (GraphFormat.Limits)");
    }
    OpType type = op.type();
    String key = table.keyOf(type);
    if (key == null) {
      throw new GraphFormatException(0, "op '" + op.name() + "' has type "
          + type.getClass().getName() + " (" + type.typeName() + "), which is not in the graph"
          + " format's op type table; add its class with GraphFormat.withOpTypes");
    }
    sb.append(indent).append("op ");
    GraphTokens.quote(sb, op.name());
    sb.append(' ').append(key).append('\n');
    String in = indent + "  ";
    if (op.numInputs() > 0) {
      sb.append(in).append("in");
      for (Output o : op.inputs()) {
        sb.append(' ');
        GraphTokens.quote(sb, o.name());
      }
      sb.append('\n');
    }
    if (!op.controlInputs().isEmpty()) {
      sb.append(in).append("ctrl");
      for (Operation c : op.controlInputs()) {
        sb.append(' ');
        GraphTokens.quote(sb, c.name());
      }
      sb.append('\n');
    }
    if (!op.device().isEmpty()) {
      sb.append(in).append("device ");
      GraphTokens.quote(sb, op.device());
      sb.append('\n');
    }
    StackTraceElement site = op.creationSite();
    if (site != null && withSites) {
      StringBuilder ss = sites.computeIfAbsent(op.graph().parent() == null ? ""
          : op.graph().rootScope(), k -> new StringBuilder());
      ss.append("  site ");
      GraphTokens.quote(ss, op.name());
      ss.append(' ');
      GraphTokens.quote(ss, site.getClassName());
      ss.append(' ');
      GraphTokens.quote(ss, site.getMethodName());
      ss.append(' ');
      if (site.getFileName() == null) {
        ss.append("null");
      } else {
        GraphTokens.quote(ss, site.getFileName());
      }
      ss.append(' ').append(site.getLineNumber()).append('\n');
    }
    if (capture != null) {
      sb.append(in).append("capture ");
      GraphTokens.quote(sb, capture.name());
      sb.append('\n');
    }
    if (type.getClass().isRecord()) {
      RecordComponent[] cs = type.getClass().getRecordComponents();
      for (RecordComponent c : cs) {
        if (c.getType() == TracedFunction.class) {
          function(op, c.getName(), (TracedFunction) AttrCodec.component(c, type), in,
              depth + 1);
        } else if (c.getType() == Tensor.class) {
          checkTensor(op, (Tensor) AttrCodec.component(c, type));
        }
      }
      for (RecordComponent c : cs) {
        Object v = AttrCodec.component(c, type);
        StringBuilder value = new StringBuilder();
        if (c.getType() == TracedFunction.class) {
          value.append('@').append(c.getName());
        } else {
          AttrCodec.write(value, c.getGenericType(), v, "attribute " + c.getName() + " of op '"
              + op.name() + "'");
        }
        AttrDefault d = c.getAnnotation(AttrDefault.class);
        if (d == null || !d.value().contentEquals(value)) {
          sb.append(in).append("attr ").append(c.getName()).append(' ').append(value)
              .append('\n');
        }
      }
    }
    for (TensorSpec s : op.outputSpecs()) {
      sb.append(in).append("out ").append(s.dtype()).append(' ');
      AttrCodec.writeShape(sb, s.shape());
      sb.append('\n');
    }
    sb.append(indent).append("end\n");
  }

  /**
   * A function block, written where the function's graph belongs (in an op of its parent graph)
   * the first time; later uses (copies of a loop made by a gradient) refer to it as shared.
   */
  /** Refuses, before it is encoded, a constant the limits would refuse to read. */
  private void checkTensor(Operation op, Tensor t) {
    if (t == null) {
      return;
    }
    String what = "op '" + op.name() + "' holds a constant " + t.dtype() + " " + t.shape();
    String advice = "; keep big values out of graph files: make it a variable initialized by a"
        + " small op (zeros, fill, a random op) and save its value with a Saver, or raise"
        + " GraphFormat.Limits (readers need the same limits)";
    if (t.size() > limits.maxTensorElements()) {
      throw new GraphFormatException(0, what + " of " + t.size() + " elements, more than the"
          + " limit of " + limits.maxTensorElements() + advice);
    }
    tensorElements += t.size();
    if (tensorElements > limits.maxTotalTensorElements()) {
      throw new GraphFormatException(0, what + ", which brings the graph's constants past the"
          + " limit of " + limits.maxTotalTensorElements() + " elements in all" + advice);
    }
    long stored = TensorNotation.storedBytes(t);
    if (stored > limits.maxConstantBytes()) {
      throw new GraphFormatException(0, what + " whose " + stored + " bytes of data would be"
          + " stored in the text, more than the limit of " + limits.maxConstantBytes()
          + " bytes per constant" + advice);
    }
  }

  private void function(Operation op, String name, TracedFunction f, String indent,
      int depth) {
    sb.append(indent).append("function ").append(name).append(' ');
    GraphTokens.quote(sb, f.graph().rootScope());
    if (written.contains(f)) {
      sb.append(" shared\n");
      return;
    }
    if (depth > limits.maxDepth()) {
      throw new GraphFormatException(0, "op '" + op.name() + "' nests functions deeper than the"
          + " limit of " + limits.maxDepth() + " (GraphFormat.Limits)");
    }
    if (f.graph().parent() != op.graph()) {
      throw new GraphFormatException(0, "op '" + op.name() + "' uses the function "
          + f.graph().rootScope() + " before the op that owns it");
    }
    written.add(f);
    sb.append('\n');
    String in = indent + "  ";
    ops(f.graph(), in, depth);
    outputs(in, "args", f.args());
    outputs(in, "results", f.results());
    outputs(in, "extra-feeds", f.extraFeeds());
    sb.append(in).append("targets");
    for (Operation t : f.targets()) {
      sb.append(' ');
      GraphTokens.quote(sb, t.name());
    }
    sb.append('\n');
    sb.append(indent).append("end\n");
  }

  private void outputs(String indent, String keyword, List<Output> outs) {
    sb.append(indent).append(keyword);
    for (Output o : outs) {
      sb.append(' ');
      GraphTokens.quote(sb, o.name());
    }
    sb.append('\n');
  }
}
