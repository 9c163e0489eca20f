package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.VariableScope;
import dev.skein.autodiff.VariableScopes;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import java.util.Objects;

/**
 * Base of the cells that own variables (TensorFlow's {@code LayerRNNCell}). The first call (or
 * {@link #build}) opens a variable scope named after the cell, made unique in the current scope
 * ({@code basic_lstm_cell}, {@code basic_lstm_cell_1}, ...), and creates the variables there;
 * every call runs its ops in a fresh name scope of that name ({@code rnn/basic_lstm_cell},
 * {@code rnn/basic_lstm_cell_1}, ... one per step of a static RNN).
 *
 * @param <S> the state type
 */
public abstract class LayerRnnCell<S> implements RnnCell<S> {
  protected final Ops tf;
  private final String defaultName;
  private VariableScope scope;
  private int inputDepth = -1;
  private DType dtype;

  protected LayerRnnCell(Ops tf, String defaultName) {
    this.tf = Objects.requireNonNull(tf, "tf");
    this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
  }

  @Override
  public final Ops tf() {
    return tf;
  }

  /**
   * The cell's name: its variable scope's last component once built ({@code basic_lstm_cell_1}),
   * its default name before.
   */
  public final String name() {
    if (scope == null) {
      return defaultName;
    }
    String n = scope.name();
    return n.substring(n.lastIndexOf('/') + 1);
  }

  /** The variable scope the cell's variables live in, null before it is built. */
  public final VariableScope variableScope() {
    return scope;
  }

  @Override
  public final boolean isBuilt() {
    return scope != null;
  }

  /** The input depth the cell was built for (-1 before). */
  public final int inputDepth() {
    return inputDepth;
  }

  /** The dtype the cell was built for (null before). */
  public final DType dtype() {
    return dtype;
  }

  @Override
  public final void build(int inputDepth, DType dtype) {
    if (isBuilt()) {
      checkBuiltFor(inputDepth, dtype);
      return;
    }
    try (VariableScopes.OpenScope s =
        VariableScopes.variableScopeWithDefaultName(tf.graph(), defaultName)) {
      buildInScope(inputDepth, dtype, s);
    }
  }

  @Override
  public final CellOutput<S> call(Output input, S state) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(state, "state");
    Shape shape = input.shape();
    checkArgument(shape.rank() == 2 && shape.dim(1) >= 0, "the input of %s must have shape"
        + " [batch, depth] with a known depth, got %s (%s)", defaultName, shape, input.name());
    checkArgument(input.dtype().isFloating(), "the input of %s must be float32 or float64, got"
        + " %s (%s)", defaultName, input.dtype(), input.name());
    if (!isBuilt()) {
      try (VariableScopes.OpenScope s =
          VariableScopes.variableScopeWithDefaultName(tf.graph(), defaultName)) {
        if (createsVariablesInStep()) {
          CellOutput<S> r = step(input, state);
          markBuilt(shape.dim(1), input.dtype(), s);
          return r;
        }
        buildInScope(shape.dim(1), input.dtype(), s);
        return step(input, state);
      }
    }
    checkBuiltFor(shape.dim(1), input.dtype());
    try (Graph.Scope s = tf.nameScope(name())) {
      return step(input, state);
    }
  }

  private void buildInScope(int depth, DType dt, VariableScopes.OpenScope s) {
    checkArgument(depth > 0, "%s needs inputs of a known positive depth, got %s", defaultName,
        depth);
    checkArgument(dt.isFloating(), "%s needs float32 or float64 inputs, got %s", defaultName, dt);
    createVariables(depth, dt);
    markBuilt(depth, dt, s);
  }

  private void markBuilt(int depth, DType dt, VariableScopes.OpenScope s) {
    this.scope = s.scope();
    this.inputDepth = depth;
    this.dtype = dt;
  }

  private void checkBuiltFor(int depth, DType dt) {
    checkArgument(depth == inputDepth, "%s (variables in %s) was built for inputs of depth %s,"
        + " but is now called with inputs of depth %s; use a new cell for other inputs",
        name(), scope.name(), inputDepth, depth);
    checkArgument(dt == dtype, "%s (variables in %s) was built for %s inputs, but is now called"
        + " with %s inputs", name(), scope.name(), dtype, dt);
  }

  /** Creates the variables (with {@code Variables.getVariable}) in the cell's variable scope. */
  protected abstract void createVariables(int inputDepth, DType dtype);

  /**
   * True for cells that hold other cells (a stack of cells, a projection wrapper): their first
   * {@link #step} runs with the variable scope open and creates the variables itself, so the
   * inner cells' ops and variables share one scope as in TensorFlow. {@link #createVariables}
   * still serves an explicit {@link #build}.
   */
  protected boolean createsVariablesInStep() {
    return false;
  }

  /** One step, with the variables created; runs inside the cell's name scope. */
  protected abstract CellOutput<S> step(Output input, S state);

  @Override
  public S zeroState(Output batchSize, DType dtype) {
    return ZeroStates.fromSize(tf, getClass().getSimpleName(), stateSize(), batchSize, dtype);
  }

  @Override
  public S zeroState(int batchSize, DType dtype) {
    return ZeroStates.fromSize(tf, getClass().getSimpleName(), stateSize(), batchSize, dtype);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name() + ", stateSize=" + stateSize()
        + ", outputSize=" + outputSize() + ")";
  }
}
