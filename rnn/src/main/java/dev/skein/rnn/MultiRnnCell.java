package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.VariableScopes;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of cells, TensorFlow's {@code MultiRNNCell}: the output of cell i is the input of
 * cell i + 1; the state is a {@link StateTuple} with one entry per cell, and the output is the
 * last cell's. Cell i runs in variable scope {@code cell_i}, so its variables are named
 * {@code rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel}. Each cell must be a distinct
 * object: one cell object is one set of weights.
 */
public final class MultiRnnCell extends LayerRnnCell<StateTuple> {
  private final List<RnnCell<?>> cells;

  public MultiRnnCell(Ops tf, List<? extends RnnCell<?>> cells) {
    super(tf, "multi_rnn_cell");
    checkArgument(cells != null && !cells.isEmpty(), "MultiRnnCell needs at least one cell");
    for (int i = 0; i < cells.size(); i++) {
      checkArgument(cells.get(i) != null, "cell %s of MultiRnnCell is null", i);
      checkArgument(cells.get(i).tf().graph() == tf.graph(),
          "cell %s of MultiRnnCell belongs to another graph", i);
      for (int j = 0; j < i; j++) {
        checkArgument(innermost(cells.get(i)) != innermost(cells.get(j)), "MultiRnnCell got the"
            + " same cell object as cell %s and cell %s (%s); the layers would share one set of"
            + " weights, which is not what a stack of cells means. Create a new cell for each"
            + " layer, e.g. List.of(new BasicLstmCell(tf, n), new BasicLstmCell(tf, n))", j, i,
            innermost(cells.get(i)));
      }
    }
    this.cells = List.copyOf(cells);
  }

  /** The cell inside any wrappers (wrapping one cell twice still shares its weights). */
  private static RnnCell<?> innermost(RnnCell<?> cell) {
    RnnCell<?> c = cell;
    while (true) {
      if (c instanceof CellWrapper<?> w) {
        c = w.cell();
      } else if (c instanceof OutputProjectionWrapper<?> p) {
        c = p.cell();
      } else {
        return c;
      }
    }
  }

  public static MultiRnnCell of(Ops tf, RnnCell<?>... cells) {
    return new MultiRnnCell(tf, List.of(cells));
  }

  public List<RnnCell<?>> cells() {
    return cells;
  }

  @Override
  public StateSize stateSize() {
    List<StateSize> sizes = new ArrayList<>();
    for (RnnCell<?> c : cells) {
      sizes.add(c.stateSize());
    }
    return StateSize.tuple(sizes);
  }

  @Override
  public int outputSize() {
    return cells.get(cells.size() - 1).outputSize();
  }

  @Override
  public StateTuple zeroState(Output batchSize, DType dtype) {
    try (Graph.Scope s = tf.nameScope("MultiRnnCellZeroState")) {
      List<Object> states = new ArrayList<>();
      for (RnnCell<?> c : cells) {
        states.add(c.zeroState(batchSize, dtype));
      }
      return new StateTuple(states);
    }
  }

  @Override
  public StateTuple zeroState(int batchSize, DType dtype) {
    try (Graph.Scope s = tf.nameScope("MultiRnnCellZeroState")) {
      List<Object> states = new ArrayList<>();
      for (RnnCell<?> c : cells) {
        states.add(c.zeroState(batchSize, dtype));
      }
      return new StateTuple(states);
    }
  }

  @Override
  protected boolean createsVariablesInStep() {
    return true;
  }

  @Override
  protected void createVariables(int inputDepth, DType dtype) {
    int depth = inputDepth;
    for (int i = 0; i < cells.size(); i++) {
      try (VariableScopes.OpenScope s = VariableScopes.variableScope(tf.graph(), "cell_" + i)) {
        cells.get(i).build(depth, dtype);
      }
      depth = cells.get(i).outputSize();
    }
  }

  @Override
  protected CellOutput<StateTuple> step(Output input, StateTuple state) {
    checkArgument(state.size() == cells.size(), "MultiRnnCell of %s cells got a state of %s"
        + " entries", cells.size(), state.size());
    Output current = input;
    List<Object> newStates = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      RnnCell<?> cell = cells.get(i);
      // Built cells need only a name scope; an unbuilt one (the first call) creates its
      // variables under cell_i.
      try (Graph.Scope s = cell.isBuilt() ? tf.nameScope("cell_" + i)
          : VariableScopes.variableScope(tf.graph(), "cell_" + i)) {
        checkArgument(State.flatten(state.get(i)).size() == cell.stateSize().flat().size(),
            "state entry %s of MultiRnnCell has %s tensors, but cell %s (%s) has a state of"
            + " size %s", i, State.flatten(state.get(i)).size(), i, cell, cell.stateSize());
        CellOutput<?> r = callCell(cell, current, state.get(i));
        current = r.output();
        newStates.add(r.state());
      }
    }
    return new CellOutput<>(current, new StateTuple(newStates));
  }

  @SuppressWarnings("unchecked")
  private static <S> CellOutput<S> callCell(RnnCell<S> cell, Output input, Object state) {
    return cell.call(input, (S) state);
  }
}
