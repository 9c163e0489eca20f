package dev.skein.onnx;

import dev.skein.core.Operation;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.onnx.proto.OnnxProto.GraphProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * State shared by every graph of one export: the session variables are read from, the names
 * taken so far (ONNX wants one name per value across a graph and its loop bodies) and the main
 * graph, which holds every initializer (loop bodies see them as outer-scope values).
 */
final class ExportContext {
  private final Session session;
  private final GraphProto.Builder main;
  private final Set<String> taken = new HashSet<>();
  private final Map<Operation, String> variables = new HashMap<>();
  private final Map<String, String> int64Constants = new HashMap<>();

  ExportContext(Session session, GraphProto.Builder main) {
    this.session = session;
    this.main = main;
  }

  GraphProto.Builder main() {
    return main;
  }

  /** Marks a name as taken as it is (graph inputs and outputs keep their Skein names). */
  boolean reserve(String name) {
    return taken.add(name);
  }

  /** A name not taken yet: the hint itself, or the hint with a numeric suffix. */
  String fresh(String hint) {
    String base = hint == null || hint.isEmpty() ? "v" : hint;
    if (taken.add(base)) {
      return base;
    }
    for (int k = 1; ; k++) {
      String n = base + "_" + k;
      if (taken.add(n)) {
        return n;
      }
    }
  }

  /** The initializer holding a variable's current value in the session (read once). */
  String variable(Operation variableOp) {
    String name = variables.get(variableOp);
    if (name == null) {
      Tensor value;
      try {
        value = session.run(variableOp.output(0));
      } catch (RuntimeException e) {
        throw new OnnxExportException("cannot read variable '" + variableOp.name() + "' from the"
            + " session (is it initialized?): " + e.getMessage(), e);
      }
      name = fresh(variableOp.name());
      main.addInitializer(Tensors.proto(name, value));
      variables.put(variableOp, name);
    }
    return name;
  }

  /** A constant initializer. */
  String constant(String hint, Tensor value) {
    String name = fresh(hint);
    main.addInitializer(Tensors.proto(name, value));
    return name;
  }

  /** An int64 vector initializer, one per distinct value. */
  String int64s(long... v) {
    StringBuilder key = new StringBuilder("i64");
    for (long x : v) {
      key.append('_').append(x);
    }
    return int64Constants.computeIfAbsent(key.toString(), k -> {
      String name = fresh(v.length == 1 && v[0] > -1000 && v[0] < 1000 ? "const_i64_" + v[0]
          : "const_i64");
      main.addInitializer(Tensors.int64s(name, v));
      return name;
    });
  }
}
