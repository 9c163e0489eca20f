package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.ControlOps;
import dev.skein.core.ops.control.TensorArray;
import dev.skein.core.ops.control.TensorArrayOps;
import dev.skein.core.ops.control.WhileOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop behind {@link Rnn#dynamicRnn}, TensorFlow's {@code _dynamic_rnn_loop}: one While op
 * whose body calls the cell once, reading step t of the inputs from a TensorArray and writing
 * its output to another. The graph's size does not depend on the number of steps, and batch and
 * time may be known only at run time.
 */
final class DynamicRnn {
  private DynamicRnn() {}

  /** Runs in the current variable scope (the caller opened "rnn" or a scope of its own). */
  static <S> RnnResult<S> run(Ops tf, RnnCell<S> cell, Output inputs, Output sequenceLength,
      S initialState, boolean timeMajor) {
    Graph g = tf.graph();
    Shape shape = inputs.shape();
    String layout = timeMajor ? "[time, batch, depth]" : "[batch, time, depth]";
    checkArgument(shape.rank() == 3 && shape.dim(2) >= 0, "dynamicRnn inputs must have shape %s"
        + " with a known depth, got %s (%s)", layout, shape, inputs.name());
    DType dtype = inputs.dtype();
    checkArgument(dtype.isFloating(), "dynamicRnn inputs must be float32 or float64, got %s (%s)",
        dtype, inputs.name());
    int depth = shape.dim(2);
    // The loop reads step t of the inputs from a TensorArray. Batch-major inputs are unstacked
    // by time step in one pass (no time-major copy first, as TensorFlow's transpose makes).
    int timeAxis = timeMajor ? 0 : 1;
    int batchAxis = 1 - timeAxis;
    Output seqLen = sequenceLength == null ? null : RnnOps.sequenceLength(tf, sequenceLength,
        RnnOps.dim(tf, inputs, timeAxis), RnnOps.dim(tf, inputs, batchAxis));
    S state = initialState != null ? Rnn.checkInitialState(cell, initialState, dtype)
        : Rnn.zeroState(tf, cell, inputs, batchAxis, dtype);
    // Variables are made here, outside the loop body, in the caller's variable scope.
    cell.build(depth, dtype);
    Output zeroOutput = seqLen == null ? null
        : Rnn.zeroOutput(tf, cell, inputs, batchAxis, dtype);
    int staticBatch = shape.dim(batchAxis);
    Output timeSteps = RnnOps.dim(tf, inputs, timeAxis);
    TensorArray emptyInputTa = TensorArrayOps.tensorArray(g, dtype, timeSteps, false,
        Shape.of(staticBatch, depth), "input_ta");
    TensorArray inputTa = timeMajor ? emptyInputTa.unstack(inputs)
        : emptyInputTa.unstackAxis1(inputs);
    TensorArray outputTa = TensorArrayOps.tensorArray(g, dtype, timeSteps, false,
        Shape.of(staticBatch, cell.outputSize()), "output_ta");
    List<Output> loopVars = new ArrayList<>();
    loopVars.add(tf.constant(0, "time"));
    loopVars.add(outputTa.value());
    List<Output> flatState = State.flatten(state);
    loopVars.addAll(flatState);
    S template = state;
    List<Output> result = ControlOps.whileLoop(g,
        v -> tf.less(v.get(0), timeSteps),
        v -> {
          Output time = v.get(0);
          S st = State.unflatten(template, v.subList(2, v.size()));
          CellOutput<S> r = cell.call(inputTa.read(time), st);
          if (seqLen != null) {
            r = RnnOps.maskStep(tf, time, seqLen, zeroOutput, st, r);
          }
          List<Output> next = new ArrayList<>();
          next.add(tf.add(time, tf.constant(1)));
          next.add(new TensorArray(v.get(1)).write(time, r.output()).value());
          next.addAll(State.flatten(r.state()));
          return next;
        }, loopVars, WhileOptions.defaults().withName("while"));
    Output outputs = new TensorArray(result.get(1)).stack();
    if (staticBatch < 0) {
      // With zero steps the stacked array cannot know the batch size: say it (a view).
      outputs = tf.reshape(outputs, tf.stack(List.of(timeSteps, RnnOps.dim(tf, inputs,
          batchAxis), tf.constant(cell.outputSize()))));
    }
    if (!timeMajor) {
      outputs = tf.transpose(outputs, new int[] {1, 0, 2});
    }
    return new RnnResult<>(outputs, State.unflatten(template, result.subList(2, result.size())));
  }
}
