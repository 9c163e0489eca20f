package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.array.FillOps;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The common part of TensorFlow 1.x's optimizers: {@code minimize = computeGradients +
 * applyGradients}, slot variables, and the hyperparameter constants of one update.
 *
 * <p>Slot variables (Adam's {@code dense/kernel/Adam} and {@code dense/kernel/Adam_1}, ...) are
 * ordinary variables named after the variable they belong to and the optimizer. They are created
 * by {@link #applyGradients} (and so by {@link #minimize}), are not trainable, and are
 * initialized by {@code globalVariablesInitializer()} like any variable, so call
 * {@code minimize} before building the initializer.
 *
 * <p>Updates are built from ordinary ops ({@code assign}, {@code assignSub}, arithmetic). Within
 * one session run every read of a variable sees its value from before the run, so all updates of
 * a step use the old values, as in TensorFlow.
 *
 * <p><b>Non-scalar losses:</b> TensorFlow's {@code minimize} silently sums a non-scalar loss.
 * Skein refuses it: {@link #computeGradients} and {@link #minimize} throw an
 * IllegalArgumentException naming the loss and its shape; reduce it first with
 * {@code tf.reduceMean} or {@code tf.reduceSum}.
 */
public abstract class Optimizer {
  protected final Ops tf;
  private final String name;
  private final double learningRate;
  private final Output learningRateTensor;
  private final Map<Variable, Map<String, Variable>> slots = new LinkedHashMap<>();
  private final Map<String, Variable> nonSlots = new LinkedHashMap<>();
  /** Per-apply constants by (key, dtype); reset by each applyGradients. */
  private final Map<String, Output> applyCache = new HashMap<>();
  private String applyScope;

  protected Optimizer(Ops tf, double learningRate, String name) {
    this.tf = Objects.requireNonNull(tf, "tf");
    checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
        "learning rate must be finite and >= 0, got %s", learningRate);
    this.learningRate = learningRate;
    this.learningRateTensor = null;
    this.name = checkName(name);
  }

  /** An optimizer whose learning rate is a graph value (a placeholder, a decay schedule...). */
  protected Optimizer(Ops tf, Output learningRate, String name) {
    this.tf = Objects.requireNonNull(tf, "tf");
    checkArgument(learningRate.dtype().isFloating() && learningRate.shape().rank() <= 0,
        "learning rate must be a float scalar, got %s %s %s", learningRate.name(),
        learningRate.dtype(), learningRate.shape());
    this.learningRate = Double.NaN;
    this.learningRateTensor = learningRate;
    this.name = checkName(name);
  }

  private static String checkName(String name) {
    checkArgument(name != null && !name.isEmpty() && !name.contains("/"),
        "optimizer name must be non-empty without '/', got '%s'", name);
    return name;
  }

  /** The optimizer's name ("Adam", ...): the name scope of its updates and its slots' suffix. */
  public String name() {
    return name;
  }

  // ---- the public TensorFlow API -------------------------------------------------------------

  /** Minimizes a scalar loss over all trainable variables; returns the training step op. */
  public Operation minimize(Output loss) {
    return minimize(loss, Variables.trainableVariables(loss.graph()), null);
  }

  public Operation minimize(Output loss, List<Variable> varList) {
    return minimize(loss, varList, null);
  }

  /**
   * {@code applyGradients(computeGradients(loss, varList), globalStep)}. Variables the loss does
   * not depend on are left alone; if it depends on none of them, this throws.
   *
   * @param varList the variables to train; null means all trainable variables of the loss's
   *     graph (TensorFlow's {@code var_list=None})
   * @param globalStep incremented by one after each step, or null
   */
  public Operation minimize(Output loss, List<Variable> varList, Variable globalStep) {
    Objects.requireNonNull(loss, "loss");
    if (varList == null) {
      varList = Variables.trainableVariables(loss.graph());
    }
    List<GradAndVar> grads = computeGradients(loss, varList);
    if (grads.stream().allMatch(p -> p.gradient() == null)) {
      throw new IllegalArgumentException("No gradients provided for any variable: loss "
          + loss.name() + " does not depend on any of " + names(varList));
    }
    return applyGradients(grads, globalStep);
  }

  public List<GradAndVar> computeGradients(Output loss) {
    return computeGradients(loss, Variables.trainableVariables(loss.graph()));
  }

  /**
   * The gradients of a scalar loss with respect to each variable (null where the loss does not
   * depend on it), in the order of {@code varList}; a null {@code varList} means all trainable
   * variables of the loss's graph.
   */
  public List<GradAndVar> computeGradients(Output loss, List<Variable> varList) {
    Objects.requireNonNull(loss, "loss");
    if (varList == null) {
      varList = Variables.trainableVariables(loss.graph());
    }
    Shape s = loss.shape();
    if (!s.hasKnownRank() || s.rank() != 0) {
      throw new IllegalArgumentException("the loss passed to an optimizer must be a scalar, but "
          + loss.name() + " has shape " + s + " (TensorFlow would sum it; Skein refuses:"
          + " reduce it first, e.g. with tf.reduceMean or tf.reduceSum)");
    }
    checkArgument(loss.dtype().isFloating(), "the loss must be float32 or float64, got %s %s",
        loss.name(), loss.dtype());
    checkArgument(!varList.isEmpty(), "No variables to optimize (loss %s)", loss.name());
    for (Variable v : varList) {
      checkArgument(v.dtype().isFloating(), "cannot train %s variable %s", v.dtype(),
          v.varName());
    }
    List<Output> xs = new ArrayList<>(varList);
    List<Output> grads = Gradients.gradients(List.of(loss), xs);
    List<GradAndVar> r = new ArrayList<>(varList.size());
    for (int i = 0; i < varList.size(); i++) {
      r.add(new GradAndVar(grads.get(i), varList.get(i)));
    }
    return r;
  }

  public Operation applyGradients(List<GradAndVar> gradsAndVars) {
    return applyGradients(gradsAndVars, null);
  }

  /**
   * Applies the gradients: creates the slots the first time a variable is seen, then one update
   * per variable with a non-null gradient, grouped into the returned op.
   *
   * @param globalStep an int64 (as {@link #getOrCreateGlobalStep} makes it) or int32 scalar
   *     variable incremented by one after the updates, or null
   */
  public Operation applyGradients(List<GradAndVar> gradsAndVars, Variable globalStep) {
    Graph g = tf.graph();
    List<GradAndVar> pairs = new ArrayList<>();
    Set<Variable> seen = new HashSet<>();
    for (GradAndVar p : gradsAndVars) {
      Variable v = p.variable();
      checkArgument(seen.add(v), "variable %s appears twice in the gradients", v.varName());
      if (p.gradient() == null) {
        continue;
      }
      Output grad = p.gradient();
      checkArgument(grad.dtype() == v.dtype() && grad.shape().isCompatibleWith(v.shape()),
          "gradient %s (%s %s) does not match variable %s (%s %s)", grad.name(), grad.dtype(),
          grad.shape(), v.varName(), v.dtype(), v.shape());
      checkArgument(v.dtype().isFloating(), "cannot train %s variable %s", v.dtype(),
          v.varName());
      pairs.add(p);
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("No gradients provided for any variable: "
          + names(gradsAndVars.stream().map(GradAndVar::variable).toList()));
    }
    if (globalStep != null) {
      checkArgument(globalStep.dtype().isInteger() && globalStep.shape().rank() == 0,
          "global step must be an int64 (or int32) scalar variable, got %s", globalStep);
    }
    List<Variable> vars = pairs.stream().map(GradAndVar::variable).toList();
    createSlots(vars);
    applyCache.clear();
    try (Graph.Scope s = g.nameScope(name)) {
      applyScope = g.currentScope();
      List<Operation> updates = new ArrayList<>();
      for (GradAndVar p : pairs) {
        try (Graph.Scope u = g.nameScope("update_" + p.variable().varName())) {
          updates.add(applyDense(p.gradient(), p.variable()));
        }
      }
      Operation finished = finish(updates);
      if (globalStep == null) {
        return finished;
      }
      try (Graph.Scope c = g.controlDependencies(List.of(finished))) {
        Object one = globalStep.dtype() == DType.INT64 ? (Object) 1L : (Object) 1;
        return StateOps.assignAdd(g, globalStep, tf.constant(one), "global_step_update").op();
      }
    } finally {
      applyScope = null;
      applyCache.clear();
    }
  }

  /** A slot of a variable by slot name ("m", "v", "momentum", ...), or null. */
  public Variable getSlot(Variable var, String slotName) {
    Map<String, Variable> m = slots.get(var);
    return m == null ? null : m.get(slotName);
  }

  /** The slot names this optimizer has created, in creation order. */
  public List<String> slotNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Variable> m : slots.values()) {
      names.addAll(m.keySet());
    }
    return List.copyOf(names);
  }

  /** TensorFlow's tf.train.get_or_create_global_step: an int64 scalar "global_step", zero. */
  public static Variable getOrCreateGlobalStep(Ops tf) {
    Graph g = tf.graph().root();
    VariableStore store = VariableStore.of(g);
    Variable v = store.get("global_step");
    if (v == null) {
      try (Graph.Scope lift = g.initScope(); Graph.Scope s = g.nameScope("/")) {
        v = StateOps.variable(g, StateOps.constant(g, Tensor.scalar(0L),
            "global_step/Initializer/zeros"), "global_step");
      }
      store.put("global_step", v);
      store.markNonTrainable(v);
    }
    return v;
  }

  // ---- what each optimizer defines -----------------------------------------------------------

  /** Creates the slots the update needs for these variables (once per variable). */
  protected abstract void createSlots(List<Variable> vars);

  /** Builds the update of one variable, in its own name scope; returns the op to run. */
  protected abstract Operation applyDense(Output grad, Variable var);

  /** Groups the updates into the training op; Adam also advances its beta powers here. */
  protected Operation finish(List<Operation> updates) {
    return StateOps.group(tf.graph(), updates, "update");
  }

  // ---- helpers for subclasses ----------------------------------------------------------------

  /**
   * The slot {@code slotName} of {@code var}, created with every element {@code initial} the
   * first time: a variable named {@code var/<optimizer name>} (then {@code _1}, {@code _2} for the
   * next slots of the same variable, as TensorFlow names them).
   */
  protected Variable slot(Variable var, String slotName, double initial) {
    Map<String, Variable> m = slots.computeIfAbsent(var, k -> new LinkedHashMap<>());
    Variable existing = m.get(slotName);
    if (existing != null) {
      return existing;
    }
    Graph g = tf.graph().root();
    String scope = var.varName() + "/";
    String slotVarName = freeName(g, var.varName() + "/" + name);
    Variable slot;
    try (Graph.Scope lift = g.initScope();
        Graph.Scope s = g.nameScope(slotVarName + "/Initializer/")) {
      // A Fill op, not a constant of the whole shape: nothing is allocated until the
      // initializer runs, and a graph file stores a shape and a value.
      Output init = FillOps.fill(g, var.shape(), initial, var.dtype(),
          initial == 0 ? "zeros" : "Const");
      try (Graph.Scope t = g.nameScope(scope)) {
        slot = StateOps.variable(g, init, slotVarName.substring(scope.length()));
      }
    }
    Variables.markNonTrainable(slot);
    m.put(slotName, slot);
    return slot;
  }

  /**
   * A variable of the optimizer itself (Adam's {@code beta1_power}), created once at the top
   * level, not trainable.
   */
  protected Variable nonSlotVariable(String varName, double initial, DType dtype) {
    Variable v = nonSlots.get(varName);
    if (v == null) {
      Graph g = tf.graph().root();
      try (Graph.Scope lift = g.initScope(); Graph.Scope s = g.nameScope("/")) {
        String n = freeName(g, varName);
        Output init;
        try (Graph.Scope t = g.nameScope(n + "/Initializer/")) {
          init = tf.constant(Initializers.scalar(dtype, initial), "initial_value");
        }
        v = StateOps.variable(g, init, n);
      }
      Variables.markNonTrainable(v);
      nonSlots.put(varName, v);
    }
    return v;
  }

  /**
   * A scalar hyperparameter in {@code dtype}, created once per {@code applyGradients} in the
   * optimizer's name scope ({@code Adam/beta1}).
   */
  protected Output hyper(String key, double value, DType dtype) {
    return cached(key, dtype, () -> tf.constant(Initializers.scalar(dtype, value), key));
  }

  /** The learning rate in {@code dtype}. */
  protected Output learningRate(DType dtype) {
    if (learningRateTensor == null) {
      return hyper("learning_rate", learningRate, dtype);
    }
    return cached("learning_rate", dtype, () -> learningRateTensor.dtype() == dtype
        ? learningRateTensor : tf.cast(learningRateTensor, dtype));
  }

  /** A value built once per applyGradients and dtype, in the optimizer's name scope. */
  protected Output cached(String key, DType dtype, Supplier<Output> build) {
    String k = key + "/" + dtype;
    Output o = applyCache.get(k);
    if (o == null) {
      Graph g = tf.graph();
      try (Graph.Scope s = g.nameScope(applyScope == null ? "/" : applyScope + "/")) {
        o = build.get();
      }
      applyCache.put(k, o);
    }
    return o;
  }

  /** {@code value} cast to {@code dtype} if needed. */
  protected Output castTo(Output value, DType dtype) {
    return value.dtype() == dtype ? value : tf.cast(value, dtype);
  }

  /** A scalar constant of {@code dtype}, created where called. */
  protected Output scalar(double v, DType dtype) {
    return tf.constant(Initializers.scalar(dtype, v));
  }

  /** The first of base, base_1, base_2, ... not used as an op name. */
  private static String freeName(Graph g, String base) {
    String n = base;
    for (int i = 1; g.operation(n) != null; i++) {
      n = base + "_" + i;
    }
    return n;
  }

  private static String names(List<Variable> vars) {
    List<String> r = new ArrayList<>();
    for (Variable v : vars) {
      r.add(v.varName());
    }
    return r.toString();
  }
}
