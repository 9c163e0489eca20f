package dev.skein.core.io;

import dev.skein.core.AttrDefault;
import dev.skein.core.Graph;
import dev.skein.core.GraphImporter;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.TensorSpec;
import dev.skein.core.ops.control.TracedFunction;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one op block of a graph file says (GraphReader fills it line by line) and how it becomes
 * an operation: attributes decoded into the op type's record, the op or capture added through
 * the importer, its outputs checked against the file's.
 */
final class OpBlock {
  final int line;
  final String name;
  final String key;
  final OpType constant;
  final Class<? extends OpType> record;
  List<Output> inputs;
  List<Operation> ctrl;
  String device;
  StackTraceElement site;
  Output capture;
  final Map<String, TracedFunction> functions = new LinkedHashMap<>();
  final Map<String, GraphTokens> attrs = new LinkedHashMap<>();
  final List<TensorSpec> outs = new ArrayList<>();

  /** A block of type {@code key}: an enum {@code constant} or a {@code record} class. */
  OpBlock(int line, String name, String key, OpType constant, Class<? extends OpType> record) {
    this.line = line;
    this.name = name;
    this.key = key;
    this.constant = constant;
    this.record = record;
  }

  /**
   * Decodes the attributes (through the context {@code contexts} makes for the set of functions
   * used), adds the op or capture to {@code g} through {@code imp}, and checks that its shape
   * rule gives the outputs the file states.
   */
  void build(Graph g, GraphImporter imp, Function<Set<String>, AttrCodec.Context> contexts) {
    OpType type = constant;
    Set<String> usedFunctions = new HashSet<>();
    if (record != null) {
      RecordComponent[] cs = record.getRecordComponents();
      Object[] args = new Object[cs.length];
      AttrCodec.Context ctx = contexts.apply(usedFunctions);
      for (int i = 0; i < cs.length; i++) {
        GraphTokens t = attrs.remove(cs[i].getName());
        AttrDefault absent = cs[i].getAnnotation(AttrDefault.class);
        if (t == null && absent != null) {
          t = GraphTokens.of(absent.value(), line);
        }
        if (t == null) {
          throw new GraphFormatException(line, "op '" + name + "' (" + key + ") has no attr '"
              + cs[i].getName() + "'");
        }
        try {
          args[i] = AttrCodec.read(cs[i].getGenericType(), t, ctx, 0);
        } catch (GraphFormatException e) {
          throw e.line() > 0 ? e : new GraphFormatException(t.line(), e.getMessage(), e);
        }
        t.end();
      }
      type = (OpType) AttrCodec.construct(record, cs, args, GraphTokens.of("", line));
    }
    if (!attrs.isEmpty()) {
      GraphTokens t = attrs.values().iterator().next();
      throw t.error("op type " + key + " has no attribute '" + attrs.keySet().iterator().next()
          + "'");
    }
    if (!usedFunctions.containsAll(functions.keySet())) {
      throw new GraphFormatException(line, "op '" + name + "' defines a function no attribute"
          + " uses");
    }
    Operation op;
    try {
      if (capture != null) {
        if (!(type instanceof Placeholder p) || inputs != null || ctrl != null
            || !p.dtype().equals(capture.dtype()) || !p.shape().equals(capture.shape())) {
          throw new GraphFormatException(line, "capture '" + name + "' must be a Placeholder"
              + " without inputs of the captured value's " + capture.spec());
        }
        op = imp.addCapture(capture, name, site).op();
      } else {
        op = imp.addOp(type, name, inputs == null ? List.of() : inputs,
            ctrl == null ? List.of() : ctrl, device == null ? "" : device, site);
      }
    } catch (GraphFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // The file is untrusted: whatever a shape rule or check throws is a file error.
      throw new GraphFormatException(line, "op '" + name + "' (" + key + "): " + e.getMessage(),
          e);
    }
    if (!outs.equals(op.outputSpecs())) {
      throw new GraphFormatException(line, "op '" + name + "': the file says its outputs are "
          + outs + " but its shape rule gives " + op.outputSpecs());
    }
  }
}
