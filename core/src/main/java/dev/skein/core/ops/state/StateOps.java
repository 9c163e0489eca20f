package dev.skein.core.ops.state;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.NumericsException;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The state family: placeholders, constants, variables and their assignments, identity,
 * stopGradient and no-op groups.
 */
public final class StateOps {
  private StateOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(Placeholder.class,
      Const.class, VariableOp.class, Assign.class, Identity.class, StopGradient.class,
      NoOp.class, CheckNumerics.class);

  // ---- op types --------------------------------------------------------------------------

  /** A variable: its output is the session's current value. */
  @TakesDTypes.None
  @MakesDTypes(anyDType = true)
  public record VariableOp(DType dtype, Shape shape) implements OpType {
    @Override
    public String typeName() {
      return "VariableV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(new TensorSpec(dtype, shape));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      Tensor v = ctx.state().variable(ctx.op());
      if (v == null) {
        throw new IllegalStateException("variable '" + ctx.op().name() + "' is not initialized;"
            + " run globalVariablesInitializer() (or its initializer) first");
      }
      return new Tensor[] {v};
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  /** How an assign op combines the old value with its input. */
  public enum AssignMode {
    SET("Assign"), ADD("AssignAdd"), SUB("AssignSub");

    private final String typeName;

    AssignMode(String typeName) {
      this.typeName = typeName;
    }
  }

  /**
   * Sets (or adds to, or subtracts from) a variable's value; outputs the new value. The variable
   * is an attribute, not an input, so assigning never reads an uninitialized variable.
   */
  @TakesDTypes(anyDType = true, name = "value", note = "AssignAdd and AssignSub: not bool")
  public record Assign(Operation variable, AssignMode mode) implements OpType {
    @Override
    public String typeName() {
      return mode.typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(variable.type() instanceof VariableOp, "'%s' is not a variable",
          variable.name());
      TensorSpec var = variable.outputSpec(0);
      checkArgument(ctx.dtype(0) == var.dtype(), "cannot assign a %s value to %s variable '%s'",
          ctx.dtype(0), var.dtype(), variable.name());
      checkArgument(mode == AssignMode.SET || var.dtype().isNumeric(), "%s cannot add to or"
          + " subtract from bool variable '%s'", mode.typeName, variable.name());
      checkArgument(ctx.shape(0).isCompatibleWith(var.shape()),
          "cannot assign a value of shape %s to variable '%s' of shape %s", ctx.shape(0),
          variable.name(), var.shape());
      return List.of(var);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      Tensor value = inputs[0];
      Shape varShape = variable.outputSpec(0).shape();
      checkArgument(value.shape().isCompatibleWith(varShape),
          "cannot assign a value of shape %s to variable '%s' of shape %s", value.shape(),
          variable.name(), varShape);
      Tensor result = switch (mode) {
        case SET -> {
          ctx.state().setVariable(variable, value);
          yield value;
        }
        case ADD, SUB -> ctx.state().updateVariable(variable, old -> {
          if (old == null) {
            throw new IllegalStateException("variable '" + variable.name()
                + "' is not initialized; run globalVariablesInitializer() first");
          }
          return addOrSub(old, value, mode == AssignMode.SUB);
        });
      };
      return new Tensor[] {result};
    }

    @Override
    public boolean isStateful() {
      return true;
    }

    @Override
    public String describeAttributes() {
      return "variable=" + variable.name();
    }
  }

  /** Passes its input through (the gradient passes through too). */
  @TakesDTypes(anyDType = true, name = "input")
  public record Identity() implements OpType, StaticValues.KnownValue {
    @Override
    public int[] knownVector(Operation op) {
      return StaticValues.vector(op.input(0));
    }

    @Override
    public int knownScalar(Operation op) {
      return StaticValues.scalar(op.input(0));
    }

    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "Identity";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return new Tensor[] {inputs[0]};
    }
  }

  /** Passes its input through; gradients do not flow back through it. */
  @TakesDTypes(anyDType = true, name = "input")
  public record StopGradient() implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "StopGradient";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return new Tensor[] {inputs[0]};
    }
  }

  /**
   * Passes a float tensor through, failing the run with a {@link NumericsException} (starting
   * with {@code message}) if it holds a NaN or an infinity (TensorFlow's tf.check_numerics). Its
   * gradient is checked the same way.
   */
  @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "tensor")
  public record CheckNumerics(String message) implements OpType {
    @Override
    public String typeName() {
      return "CheckNumerics";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(ctx.dtype(0).isFloating(), "checkNumerics needs a float32 or float64 tensor,"
          + " got %s", ctx.input(0));
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      NumericsException e = NumericsException.check(ctx.op(), 0, inputs[0], message);
      if (e != null) {
        throw e;
      }
      return new Tensor[] {inputs[0]};
    }
  }

  /** Does nothing; with control inputs it groups other ops into one target. */
  @TakesDTypes.None
  public record NoOp() implements OpType {
    @Override
    public String typeName() {
      return "NoOp";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of();
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return new Tensor[0];
    }
  }

  private static Tensor addOrSub(Tensor a, Tensor b, boolean sub) {
    int n = a.size();
    double sign = sub ? -1 : 1;
    return switch (a.dtype()) {
      case FLOAT32 -> {
        float[] x = a.floats();
        float[] y = b.floats();
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
          r[i] = sub ? x[i] - y[i] : x[i] + y[i];
        }
        yield Tensor.wrap(DType.FLOAT32, a.shape(), r);
      }
      case FLOAT64 -> {
        double[] x = a.doubles();
        double[] y = b.doubles();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = x[i] + sign * y[i];
        }
        yield Tensor.wrap(DType.FLOAT64, a.shape(), r);
      }
      case INT32 -> {
        int[] x = a.ints();
        int[] y = b.ints();
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
          r[i] = sub ? x[i] - y[i] : x[i] + y[i];
        }
        yield Tensor.wrap(DType.INT32, a.shape(), r);
      }
      case INT64 -> {
        long[] x = a.longs();
        long[] y = b.longs();
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
          r[i] = sub ? x[i] - y[i] : x[i] + y[i];
        }
        yield Tensor.wrap(DType.INT64, a.shape(), r);
      }
      case BOOL -> throw new IllegalArgumentException("cannot add to a bool variable");
    };
  }

  // ---- builders ----------------------------------------------------------------------------

  public static Output placeholder(Graph g, DType dtype, Shape shape, String name) {
    return Placeholder.create(g, dtype, shape, name);
  }

  public static Output constant(Graph g, Tensor value, String name) {
    return Const.create(g, value, name);
  }

  /**
   * A variable with an initial value (any graph value, e.g. a random op); its shape and dtype are
   * the initial value's static ones, which must be fully defined.
   */
  public static Variable variable(Graph g, Output initialValue, String name) {
    // A variable lives in the top-level graph, even when created while a loop body is traced.
    Graph top = g.root();
    Shape shape = initialValue.shape();
    String n = name == null ? "Variable" : name;
    try (Graph.Scope lift = top.initScope()) {
      Operation varOp = top.addOp(new VariableOp(initialValue.dtype(), shape), n, List.of());
      Operation init;
      try (Graph.Scope s = top.nameScope(varOp.name() + "/")) {
        init = top.addOp(new Assign(varOp, AssignMode.SET), "Assign", List.of(initialValue));
      }
      Variable v = new Variable(varOp, initialValue, init);
      top.registerVariable(v);
      return v;
    }
  }

  public static Output assign(Graph g, Variable v, Output value, String name) {
    return g.addOp(new Assign(v.op(), AssignMode.SET), name == null ? "Assign" : name,
        List.of(value)).output(0);
  }

  public static Output assignAdd(Graph g, Variable v, Output value, String name) {
    return g.addOp(new Assign(v.op(), AssignMode.ADD), name == null ? "AssignAdd" : name,
        List.of(value)).output(0);
  }

  public static Output assignSub(Graph g, Variable v, Output value, String name) {
    return g.addOp(new Assign(v.op(), AssignMode.SUB), name == null ? "AssignSub" : name,
        List.of(value)).output(0);
  }

  public static Output identity(Graph g, Output x, String name) {
    return g.addOp(new Identity(), name, List.of(x)).output(0);
  }

  /** {@code x} unchanged; a run fails naming {@code message} if x holds a NaN or infinity. */
  public static Output checkNumerics(Graph g, Output x, String message, String name) {
    return g.addOp(new CheckNumerics(message == null ? "" : message), name, List.of(x))
        .output(0);
  }

  public static Output stopGradient(Graph g, Output x, String name) {
    return g.addOp(new StopGradient(), name, List.of(x)).output(0);
  }

  /** One op that runs all of {@code ops} (TensorFlow's tf.group). */
  public static Operation group(Graph g, List<Operation> ops, String name) {
    try (Graph.Scope s = g.controlDependencies(ops)) {
      return g.addOp(new NoOp(), name == null ? "group_deps" : name, List.of());
    }
  }

  /** Groups the initializers of every variable created so far. */
  public static Operation globalVariablesInitializer(Graph g) {
    List<Operation> inits = new ArrayList<>();
    for (Variable v : g.globalVariables()) {
      inits.add(v.initializer());
    }
    return group(g, inits, "init");
  }

  /** Groups the initializers of the given variables. */
  public static Operation variablesInitializer(Graph g, List<Variable> vars) {
    List<Operation> inits = new ArrayList<>();
    for (Variable v : vars) {
      inits.add(v.initializer());
    }
    return group(g, inits, "init");
  }
}
