package dev.skein.core.io;

import dev.skein.core.Graph;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import dev.skein.core.ops.control.TracedFunction;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes a graph in the text format of docs/GRAPH_FORMAT.md (see {@link GraphFormat}). */
final class GraphWriter {
  private final OpTypeTable table;
  private final StringBuilder sb = new StringBuilder();
  private final java.util.Set<TracedFunction> written = java.util.Collections.newSetFromMap(
      new java.util.IdentityHashMap<>());

  GraphWriter(OpTypeTable table) {
    this.table = table;
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
    ops(g, "");
    for (Variable v : g.globalVariables()) {
      sb.append("variable ");
      GraphTokens.quote(sb, v.varName());
      sb.append(' ');
      GraphTokens.quote(sb, v.initialValue().name());
      sb.append(' ');
      GraphTokens.quote(sb, v.initializer().name());
      sb.append('\n');
    }
    sb.append("end-graph\n");
    return sb.toString();
  }

  private void ops(Graph g, String indent) {
    Map<Operation, Output> captureOf = new HashMap<>();
    g.captures().forEach((outer, inner) -> captureOf.put(inner.op(), outer));
    for (Operation op : g.operations()) {
      op(op, captureOf.get(op), indent);
    }
  }

  private void op(Operation op, Output capture, String indent) {
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
    if (site != null) {
      sb.append(in).append("site ");
      GraphTokens.quote(sb, site.getClassName());
      sb.append(' ');
      GraphTokens.quote(sb, site.getMethodName());
      sb.append(' ');
      if (site.getFileName() == null) {
        sb.append("null");
      } else {
        GraphTokens.quote(sb, site.getFileName());
      }
      sb.append(' ').append(site.getLineNumber()).append('\n');
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
          function(op, c.getName(), (TracedFunction) AttrCodec.component(c, type), in);
        }
      }
      for (RecordComponent c : cs) {
        sb.append(in).append("attr ").append(c.getName()).append(' ');
        Object v = AttrCodec.component(c, type);
        if (c.getType() == TracedFunction.class) {
          sb.append('@').append(c.getName());
        } else {
          AttrCodec.write(sb, c.getGenericType(), v, "attribute " + c.getName() + " of op '"
              + op.name() + "'");
        }
        sb.append('\n');
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
  private void function(Operation op, String name, TracedFunction f, String indent) {
    sb.append(indent).append("function ").append(name).append(' ');
    GraphTokens.quote(sb, f.graph().rootScope());
    if (written.contains(f)) {
      sb.append(" shared\n");
      return;
    }
    if (f.graph().parent() != op.graph()) {
      throw new GraphFormatException(0, "op '" + op.name() + "' uses the function "
          + f.graph().rootScope() + " before the op that owns it");
    }
    written.add(f);
    sb.append('\n');
    String in = indent + "  ";
    ops(f.graph(), in);
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
