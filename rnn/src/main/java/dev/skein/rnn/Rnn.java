package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.SumGroups;
import dev.skein.autodiff.VariableScopes;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Builders that run a cell over a sequence, TensorFlow 1.x's {@code tf.nn.static_rnn},
 * {@code tf.nn.dynamic_rnn} and {@code tf.nn.bidirectional_dynamic_rnn}.
 *
 * <p>Sequence lengths ([batch] integers) work as in TensorFlow: past a sequence's length its
 * outputs are zero and its state is copied through, so the final state is the state at the
 * sequence's last step.
 */
public final class Rnn {
  private Rnn() {}

  /** {@link #staticRnn(Ops, RnnCell, List, Object, Output, String)} from the zero state. */
  public static <S> StaticRnnResult<S> staticRnn(Ops tf, RnnCell<S> cell, List<Output> inputs) {
    return staticRnn(tf, cell, inputs, null, null, "rnn");
  }

  /** {@link #staticRnn(Ops, RnnCell, List, Object, Output, String)} in scope "rnn". */
  public static <S> StaticRnnResult<S> staticRnn(Ops tf, RnnCell<S> cell, List<Output> inputs,
      S initialState, Output sequenceLength) {
    return staticRnn(tf, cell, inputs, initialState, sequenceLength, "rnn");
  }

  /**
   * Unrolls the cell over a list of inputs, one [batch, depth] tensor per time step: the graph
   * has one copy of the cell's ops per step, in name scopes {@code rnn/basic_rnn_cell},
   * {@code rnn/basic_rnn_cell_1}, ..., all sharing the variables {@code rnn/basic_rnn_cell/...}.
   *
   * @param initialState null: the cell's zero state, in the inputs' dtype
   * @param sequenceLength null, or the [batch] lengths of the sequences
   * @param scope the variable scope ("rnn" by default)
   */
  public static <S> StaticRnnResult<S> staticRnn(Ops tf, RnnCell<S> cell, List<Output> inputs,
      S initialState, Output sequenceLength, String scope) {
    checkArgument(inputs != null && !inputs.isEmpty(), "staticRnn needs at least one input");
    Output first = inputs.get(0);
    DType dtype = first.dtype();
    for (int t = 0; t < inputs.size(); t++) {
      Output x = inputs.get(t);
      checkArgument(x.shape().rank() == 2 && x.shape().dim(1) >= 0, "staticRnn inputs must"
          + " have shape [batch, depth] with a known depth; input %s (%s) has shape %s", t,
          x.name(), x.shape());
      checkArgument(x.dtype() == dtype, "staticRnn inputs must share one dtype; input 0 is %s,"
          + " input %s (%s) is %s", dtype, t, x.name(), x.dtype());
    }
    try (VariableScopes.OpenScope vs = VariableScopes.variableScope(tf.graph(), scope)) {
      S state = initialState != null ? checkInitialState(cell, initialState, dtype)
          : zeroState(tf, cell, first, 0, dtype);
      Output seqLen = null;
      Output zeroOutput = null;
      if (sequenceLength != null) {
        seqLen = RnnOps.sequenceLength(tf, sequenceLength, tf.constant(inputs.size()),
            RnnOps.dim(tf, first, 0));
        zeroOutput = zeroOutput(tf, cell, first, 0, dtype);
      }
      List<Output> outputs = new ArrayList<>(inputs.size());
      SumGroups groups = SumGroups.of(tf.graph());
      for (int t = 0; t < inputs.size(); t++) {
        int firstOp = tf.graph().numOperations();
        CellOutput<S> r = cell.call(inputs.get(t), state);
        if (seqLen != null) {
          r = RnnOps.maskStep(tf, tf.constant(t), seqLen, zeroOutput, state, r);
        }
        groups.markSince(tf.graph(), firstOp);
        outputs.add(r.output());
        state = r.state();
      }
      return new StaticRnnResult<>(outputs, state);
    }
  }

  /** {@link #dynamicRnn(Ops, RnnCell, Output, Output, Object, boolean, String)}, batch-major. */
  public static <S> RnnResult<S> dynamicRnn(Ops tf, RnnCell<S> cell, Output inputs,
      Output sequenceLength) {
    return dynamicRnn(tf, cell, inputs, sequenceLength, null, false, "rnn");
  }

  /** {@link #dynamicRnn(Ops, RnnCell, Output, Output, Object, boolean, String)} in "rnn". */
  public static <S> RnnResult<S> dynamicRnn(Ops tf, RnnCell<S> cell, Output inputs,
      Output sequenceLength, S initialState, boolean timeMajor) {
    return dynamicRnn(tf, cell, inputs, sequenceLength, initialState, timeMajor, "rnn");
  }

  /**
   * Runs the cell over {@code inputs} with one While loop (TensorFlow's tf.nn.dynamic_rnn): the
   * graph holds the cell's ops once, whatever the number of steps, and batch and time may be
   * unknown until run time. Variables are named as with {@link #staticRnn}
   * ({@code rnn/basic_lstm_cell/kernel}), so weights carry over between the two.
   *
   * @param inputs [batch, time, depth], or [time, batch, depth] if {@code timeMajor}; the depth
   *     must be known
   * @param sequenceLength null, or the [batch] lengths: outputs past a length are zero and the
   *     state is copied through, so the final state is each sequence's last
   * @param initialState null: the cell's zero state in the inputs' dtype
   * @return outputs [batch, time, outputSize] (time-major if {@code timeMajor}) and final state
   */
  public static <S> RnnResult<S> dynamicRnn(Ops tf, RnnCell<S> cell, Output inputs,
      Output sequenceLength, S initialState, boolean timeMajor, String scope) {
    try (VariableScopes.OpenScope vs = VariableScopes.variableScope(tf.graph(), scope)) {
      return DynamicRnn.run(tf, cell, inputs, sequenceLength, initialState, timeMajor);
    }
  }

  /** {@link #bidirectionalDynamicRnn(Ops, RnnCell, RnnCell, Output, Output, Object, Object,
   * boolean, String)} from zero states, batch-major. */
  public static <F, B> BidirectionalRnnResult<F, B> bidirectionalDynamicRnn(Ops tf,
      RnnCell<F> cellFw, RnnCell<B> cellBw, Output inputs, Output sequenceLength) {
    return bidirectionalDynamicRnn(tf, cellFw, cellBw, inputs, sequenceLength, null, null, false,
        "bidirectional_rnn");
  }

  /**
   * A forward and a backward dynamic RNN over the same inputs (TensorFlow's
   * tf.nn.bidirectional_dynamic_rnn). The backward cell reads each sequence reversed within its
   * length ({@code reverseSequence}; the whole time axis without lengths) and its outputs are
   * reversed back, so both outputs line up with the inputs in time. Variables live in
   * {@code bidirectional_rnn/fw/...} and {@code bidirectional_rnn/bw/...}.
   */
  public static <F, B> BidirectionalRnnResult<F, B> bidirectionalDynamicRnn(Ops tf,
      RnnCell<F> cellFw, RnnCell<B> cellBw, Output inputs, Output sequenceLength,
      F initialStateFw, B initialStateBw, boolean timeMajor, String scope) {
    checkArgument(cellFw != (Object) cellBw, "bidirectionalDynamicRnn got the same cell object"
        + " for both directions; create one cell per direction");
    Graph g = tf.graph();
    int timeAxis = timeMajor ? 0 : 1;
    int batchAxis = 1 - timeAxis;
    try (VariableScopes.OpenScope vs = VariableScopes.variableScope(g, scope)) {
      RnnResult<F> fw;
      try (VariableScopes.OpenScope f = VariableScopes.variableScope(g, "fw")) {
        fw = DynamicRnn.run(tf, cellFw, inputs, sequenceLength, initialStateFw, timeMajor);
      }
      try (VariableScopes.OpenScope b = VariableScopes.variableScope(g, "bw")) {
        Output reversed = reverse(tf, inputs, sequenceLength, timeAxis, batchAxis);
        RnnResult<B> bw =
            DynamicRnn.run(tf, cellBw, reversed, sequenceLength, initialStateBw, timeMajor);
        Output outBw = reverse(tf, bw.outputs(), sequenceLength, timeAxis, batchAxis);
        return new BidirectionalRnnResult<>(fw.outputs(), outBw, fw.state(), bw.state());
      }
    }
  }

  private static Output reverse(Ops tf, Output x, Output sequenceLength, int timeAxis,
      int batchAxis) {
    if (sequenceLength == null) {
      return tf.reverse(x, new int[] {timeAxis});
    }
    Output len = RnnOps.sequenceLength(tf, sequenceLength, RnnOps.dim(tf, x, timeAxis),
        RnnOps.dim(tf, x, batchAxis));
    return tf.reverseSequence(x, len, timeAxis, batchAxis);
  }

  /**
   * Checks a user-given initial state against the cell: same number of tensors, each of the
   * inputs' dtype and of shape [batch, size] with the cell's sizes.
   */
  static <S> S checkInitialState(RnnCell<S> cell, S state, DType dtype) {
    if (state == null) {
      return null;
    }
    List<Output> flat = State.flatten(state);
    List<Integer> sizes = cell.stateSize().flat();
    checkArgument(flat.size() == sizes.size(), "the initial state has %s tensors, but the"
        + " cell's state has %s (state size %s)", flat.size(), sizes.size(), cell.stateSize());
    for (int i = 0; i < flat.size(); i++) {
      Output t = flat.get(i);
      checkArgument(t.dtype() == dtype, "initial state tensor %s (%s) is %s, but the inputs are"
          + " %s", i, t.name(), t.dtype(), dtype);
      checkArgument(t.shape().isCompatibleWith(Shape.of(-1, sizes.get(i))), "initial state"
          + " tensor %s (%s) has shape %s, but the cell's state size is %s, so it must be"
          + " [batch, %s]", i, t.name(), t.shape(), cell.stateSize(), sizes.get(i));
    }
    return state;
  }

  /** The cell's zero state for the batch of x (dimension batchAxis). */
  static <S> S zeroState(Ops tf, RnnCell<S> cell, Output x, int batchAxis, DType dtype) {
    int b = x.shape().dim(batchAxis);
    return b >= 0 ? cell.zeroState(b, dtype)
        : cell.zeroState(RnnOps.dim(tf, x, batchAxis), dtype);
  }

  /** Zeros [batch, outputSize] for the batch of x (dimension batchAxis). */
  static Output zeroOutput(Ops tf, RnnCell<?> cell, Output x, int batchAxis, DType dtype) {
    int b = x.shape().dim(batchAxis);
    return b >= 0 ? tf.zeros(Shape.of(b, cell.outputSize()), dtype)
        : RnnOps.zeros(tf, RnnOps.dim(tf, x, batchAxis), cell.outputSize(), dtype);
  }
}
