package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a graph applies to the ops being built: the stack of name scopes and the names already
 * taken (so a reused name gets TensorFlow's {@code _1} suffix), the control-dependency scopes
 * and the device scopes. Not thread-safe: its {@link Graph} calls it under its own lock, which
 * the scopes it opens take again when they close.
 */
final class BuildScopes {
  private final Map<String, Integer> nameCounts = new HashMap<>();
  private final Deque<String> scopes = new ArrayDeque<>();
  private final Deque<List<Operation>> controlDeps = new ArrayDeque<>();
  private final Deque<String> devices = new ArrayDeque<>();

  /** The current name scope, "" at the top level. */
  String current() {
    return scopes.isEmpty() ? "" : scopes.peek();
  }

  /** A name not yet used by an op or a scope: base, else base_1, base_2, ... */
  String uniqueName(String hint) {
    String scope = current();
    String base = scope.isEmpty() ? hint : scope + "/" + hint;
    Integer next = nameCounts.get(base);
    if (next == null) {
      nameCounts.put(base, 1);
      return base;
    }
    String name;
    int i = next;
    do {
      name = base + "_" + i++;
    } while (nameCounts.containsKey(name));
    nameCounts.put(base, i);
    nameCounts.put(name, 1);
    return name;
  }

  /** Marks an exact name and its enclosing scopes as taken (an op read from a file). */
  void reserve(String name) {
    for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
      nameCounts.putIfAbsent(name.substring(0, i), 1);
    }
    nameCounts.putIfAbsent(name, 1);
  }

  /** The unique name {@code hint} gets at the top of {@code scope}, as a capture's is. */
  String uniqueNameIn(String scope, String hint) {
    scopes.push(scope);
    try {
      return uniqueName(hint);
    } finally {
      scopes.pop();
    }
  }

  /** Enters the absolute scope {@code full}; the returned scope leaves it, in order. */
  Graph.Scope enter(String full, Object lock) {
    scopes.push(full);
    int depth = scopes.size();
    return () -> {
      synchronized (lock) {
        checkArgument(scopes.size() == depth, "name scopes closed out of order");
        scopes.pop();
      }
    };
  }

  Graph.Scope controlDependencies(List<Operation> deps, Object lock) {
    controlDeps.push(List.copyOf(deps));
    int depth = controlDeps.size();
    return () -> {
      synchronized (lock) {
        checkArgument(controlDeps.size() == depth, "control dependency scopes closed out of order");
        controlDeps.pop();
      }
    };
  }

  Graph.Scope device(String device, Object lock) {
    devices.push(device);
    int depth = devices.size();
    return () -> {
      synchronized (lock) {
        checkArgument(devices.size() == depth, "device scopes closed out of order");
        devices.pop();
      }
    };
  }

  /** Every open control dependency, outer scopes first, each once. */
  List<Operation> controlInputs() {
    List<Operation> deps = new ArrayList<>();
    for (List<Operation> level : controlDeps) {
      deps.addAll(level);
    }
    return List.copyOf(new LinkedHashSet<>(deps));
  }

  /** The innermost device scope's name, or "". */
  String device() {
    return devices.isEmpty() ? "" : devices.peek();
  }
}
