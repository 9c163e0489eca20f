package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch of zero sequences is valid input, as in TensorFlow: notebook 002's classifier gives
 * (0, classes) logits and (0,) predictions for every cell and builder, in float32 and float64,
 * and a training step on it runs (its mean loss is NaN, as TF's mean of nothing).
 */
class EmptyBatchTest {
  private static final int T = 5;
  private static final int INPUTS = 3;
  private static final int CLASSES = 4;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"LSTM, dynamic, FLOAT32", "LSTM, static, FLOAT32", "GRU, dynamic, FLOAT32",
      "GRU, static, FLOAT64", "RNN, dynamic, FLOAT64", "RNN, static, FLOAT32",
      "LSTM, dynamic, FLOAT64"})
  void classifierOnAnEmptyBatch(String cellName, String builder, DType dtype) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(dtype, Shape.of(-1, T, INPUTS), "X");
    Output y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
    Output len = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    RnnCell<?> cell = switch (cellName) {
      case "LSTM" -> new BasicLstmCell(tf, 6);
      case "GRU" -> new GruCell(tf, 6);
      default -> new BasicRnnCell(tf, 6);
    };
    Output last = builder.equals("dynamic") ? finalOutput(tf, cell, x, len, true)
        : finalOutput(tf, cell, x, len, false);
    Output logits = Layers.dense(tf, last, CLASSES);
    Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    Output predicted = tf.argMax(logits, 1);
    Operation train = new AdamOptimizer(tf, 0.01).minimize(loss);
    Tensor empty = Tensor.zeros(dtype, Shape.of(0, T, INPUTS));
    Tensor noLabels = Tensor.zeros(DType.INT32, Shape.of(0));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      List<Tensor> r = s.runner().feed(x, empty).feed(y, noLabels).feed(len, noLabels)
          .fetch(logits).fetch(predicted).fetch(loss).run();
      assertEquals(Shape.of(0, CLASSES), r.get(0).shape());
      assertEquals(Shape.of(0), r.get(1).shape());
      assertEquals(Double.NaN, r.get(2).doubleValue());
      s.runner().feed(x, empty).feed(y, noLabels).feed(len, noLabels).addTarget(train).run();
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> Output finalOutput(Ops tf, RnnCell<S> cell, Output x, Output len,
      boolean dynamic) {
    if (dynamic) {
      RnnResult<S> r = Rnn.dynamicRnn(tf, cell, x, len);
      return tf.reduceMax(r.outputs(), new int[] {1});
    }
    StaticRnnResult<S> r = Rnn.staticRnn(tf, cell, tf.unstack(x, 1), null, len);
    return r.outputs().get(r.outputs().size() - 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"dynamic", "bidirectional"})
  void zeroTimeStepsKeepTheBatch(String builder) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, INPUTS), "X");
    Output len = tf.placeholder(DType.INT32, Shape.of(-1), "len");
    Output out = builder.equals("dynamic")
        ? Rnn.dynamicRnn(tf, new BasicLstmCell(tf, 6), x, len).outputs()
        : tf.concat(Rnn.bidirectionalDynamicRnn(tf, new BasicLstmCell(tf, 6),
            new BasicLstmCell(tf, 6), x, len).outputs(), 2);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Tensor r = s.runner().feed(x, Tensor.zeros(DType.FLOAT32, Shape.of(2, 0, INPUTS)))
          .feed(len, Tensor.create(Shape.of(2), new int[] {0, 0})).fetch(out).run().get(0);
      assertEquals(Shape.of(2, 0, builder.equals("dynamic") ? 6 : 12), r.shape());
    }
  }
}
