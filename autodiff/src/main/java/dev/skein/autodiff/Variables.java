package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.VariableScope.Reuse;
import dev.skein.core.CreationSite;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.SkeinException;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TensorFlow 1.x's {@code tf.get_variable}: variables named by the current variable scope
 * ({@link VariableScopes}), created once and shared on request.
 *
 * <ul>
 *   <li>In a scope that does not reuse, asking for a name that exists is an error naming the
 *       variable, where it was created and where it was asked for again.
 *   <li>In a {@link Reuse#REUSE} scope, asking for a missing variable is an error.
 *   <li>In a {@link Reuse#AUTO_REUSE} scope, the variable is created if missing.
 *   <li>Reusing with a different shape or dtype is an error.
 * </ul>
 */
public final class Variables {
  private Variables() {}

  /** A float32 variable with the scope's (or the default Glorot-uniform) initializer. */
  public static Variable getVariable(Ops tf, String name, Shape shape) {
    return getVariable(tf, name, shape, DType.FLOAT32, null, true);
  }

  public static Variable getVariable(Ops tf, String name, Shape shape, DType dtype) {
    return getVariable(tf, name, shape, dtype, null, true);
  }

  public static Variable getVariable(Ops tf, String name, Shape shape, DType dtype,
      Initializer initializer) {
    return getVariable(tf, name, shape, dtype, initializer, true);
  }

  /**
   * Returns the variable {@code scope/name}, creating it if the scope's reuse mode allows.
   *
   * @param initializer null for the scope's default initializer, else, as in TensorFlow, Glorot
   *     uniform for floats and zeros for other dtypes
   * @param trainable false keeps the variable out of {@link #trainableVariables} (and so out of
   *     {@code Optimizer.minimize(loss)})
   */
  public static Variable getVariable(Ops tf, String name, Shape shape, DType dtype,
      Initializer initializer, boolean trainable) {
    checkArgument(name != null && !name.isEmpty(), "variable name must not be empty");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dtype, "dtype");
    Graph g = tf.graph();
    VariableStore store = VariableStore.of(g);
    VariableScope scope = store.current();
    String full = scope.fullName(name);
    Variable existing = store.get(full);
    StackTraceElement site = CreationSite.capture();
    if (existing != null) {
      if (scope.reuse() == Reuse.NONE) {
        throw new SkeinException("Variable " + full + " already exists, disallowed. Did you mean"
            + " to set reuse to REUSE or AUTO_REUSE in the variable scope?"
            + "\n  originally defined at: " + CreationSite.format(existing.op().creationSite())
            + "\n  requested again at: " + CreationSite.format(site));
      }
      if (!shape.isCompatibleWith(existing.shape()) || dtype != existing.dtype()) {
        throw new SkeinException("Trying to share variable " + full + " of " + existing.dtype()
            + " " + existing.shape() + ", but asked for " + dtype + " " + shape
            + "\n  originally defined at: " + CreationSite.format(existing.op().creationSite())
            + "\n  requested again at: " + CreationSite.format(site));
      }
      return existing;
    }
    if (scope.reuse() == Reuse.REUSE) {
      throw new SkeinException("Variable " + full + " does not exist, or was not created with"
          + " getVariable(). Did you mean to set reuse to AUTO_REUSE (or not to reuse) in the"
          + " variable scope?\n  requested at: " + CreationSite.format(site));
    }
    checkArgument(shape.isFullyDefined(),
        "variable %s needs a fully defined shape, got %s", full, shape);
    Initializer init = initializer != null ? initializer
        : scope.initializer() != null ? scope.initializer()
        : dtype.isFloating() ? Initializers.glorotUniform() : Initializers.zeros();
    Variable v;
    // Inside a loop or cond body being traced, the variable and its initializer still go to
    // the top-level graph (TensorFlow's init_scope); the body captures the variable.
    Graph top = g.root();
    try (Graph.Scope lift = top.initScope()) {
      Output initialValue;
      try (Graph.Scope s = top.nameScope(full + "/Initializer/")) {
        initialValue = init.create(Ops.create(top), shape, dtype);
      }
      checkArgument(initialValue.dtype() == dtype
          && initialValue.shape().isCompatibleWith(shape),
          "the initializer of variable %s made a %s %s value, expected %s %s", full,
          initialValue.dtype(), initialValue.shape(), dtype, shape);
      try (Graph.Scope s = top.nameScope(scope.name().isEmpty() ? "/" : scope.name() + "/")) {
        v = StateOps.variable(top, initialValue, name);
      }
    }
    store.put(full, v);
    if (!trainable) {
      store.markNonTrainable(v);
    }
    return v;
  }

  /**
   * The variables an optimizer trains by default: the graph's float variables, except those
   * marked not trainable (optimizer slots and accumulators, the global step, variables made with
   * {@code trainable = false}).
   */
  public static List<Variable> trainableVariables(Graph g) {
    VariableStore store = VariableStore.of(g);
    List<Variable> r = new ArrayList<>();
    for (Variable v : g.globalVariables()) {
      if (v.dtype().isFloating() && store.isTrainable(v)) {
        r.add(v);
      }
    }
    return r;
  }

  /** Keeps a variable out of {@link #trainableVariables}. */
  public static void markNonTrainable(Variable v) {
    VariableStore.of(v.graph()).markNonTrainable(v);
  }

  public static boolean isTrainable(Variable v) {
    return v.dtype().isFloating() && VariableStore.of(v.graph()).isTrainable(v);
  }
}
