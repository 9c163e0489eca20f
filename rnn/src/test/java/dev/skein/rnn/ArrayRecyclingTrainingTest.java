package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Variables;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.ops.Ops;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training with the session's array reuse (BufferPool: dead values' arrays, loop variables of
 * finished iterations) gives bit for bit the losses and weights of training without it, for
 * every cell, unrolled and looped; and the pool is actually used. Shapes are large enough
 * (batch 32, 128 units) for the arrays to be kept.
 */
class ArrayRecyclingTrainingTest {
  private static final int BATCH = 32;
  private static final int STEPS = 5;
  private static final int DEPTH = 7;
  private static final int UNITS = 128;
  private static final int TRAIN_STEPS = 4;

  private final boolean wasEnabled = BufferPool.enabled();

  @AfterEach
  void restore() {
    BufferPool.setEnabled(wasEnabled);
    BufferPool.clear();
  }

  @ParameterizedTest(name = "{0} dynamic={1}")
  @CsvSource({"LSTM, false", "LSTM, true", "GRU, false", "GRU, true", "BASIC, false",
      "BASIC, true"})
  void training_isBitForBitTheSame_withArrayReuse(String cell, boolean dynamic) {
    BufferPool.setEnabled(false);
    BufferPool.clear();
    float[][] without = train(cell, dynamic);
    BufferPool.setEnabled(true);
    float[][] with = train(cell, dynamic);
    assertTrue(BufferPool.keptBytes() > 0, "the runs left arrays for reuse");
    assertArrayEquals(without[0], with[0], 0f, "losses");
    assertArrayEquals(without[1], with[1], 0f, "trained weights");
    assertEquals(TRAIN_STEPS + 1, with[0].length);
  }

  @org.junit.jupiter.api.Test
  void savedLoopValues_readByTwoGradientLoops_areNotReused() {
    // Two gradients of one dynamicRnn in one run: both gradient loops read the forward loop's
    // saved values, so neither may hand them to other kernels after reading them.
    BufferPool.setEnabled(true);
    Graph g = new Graph();
    g.setSeed(5);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, STEPS, DEPTH), "x");
    BasicRnnCell cell = new BasicRnnCell(tf, UNITS);
    Output h = Rnn.dynamicRnn(tf, cell, x, null).state();
    Output loss = tf.reduceSum(tf.square(h));
    Output twice = tf.mul(loss, tf.constant(2f));
    Output g1 = dev.skein.autodiff.Gradients.gradient(loss, cell.kernel());
    Output g2 = dev.skein.autodiff.Gradients.gradient(twice, cell.kernel());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int run = 0; run < 3; run++) {
        java.util.List<Tensor> v = s.runner().feed(x, random(Shape.of(BATCH, STEPS, DEPTH), 3))
            .fetch(g1).fetch(g2).run();
        float[] a = v.get(0).floats();
        float[] b = v.get(1).floats();
        for (int i = 0; i < a.length; i++) {
          assertEquals(2 * a[i], b[i], 0f, "run " + run + " element " + i);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"LSTM", "GRU", "BASIC"})
  void finalStateFetchedWithTheGradient_isNotReusedByLaterRuns(String cellName) {
    // The loop's new state is carried to the next iteration and saved for the gradient; the
    // gradient loop hands the saved arrays to later kernels, except the last one, which is
    // also the loop's output (fetched here). Later runs must not write over it.
    BufferPool.setEnabled(true);
    Graph g = new Graph();
    g.setSeed(7);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, STEPS, DEPTH), "x");
    RnnCell<?> cell = cell(tf, cellName);
    Object state = Rnn.dynamicRnn(tf, cell, x, null).state();
    Output h = state instanceof LstmStateTuple st ? st.h() : (Output) state;
    Output loss = tf.reduceSum(tf.square(h));
    java.util.List<Output> grads = dev.skein.autodiff.Gradients.gradients(
        java.util.List.of(loss), java.util.List.copyOf(g.globalVariables()));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      java.util.List<Tensor> kept = new java.util.ArrayList<>();
      java.util.List<float[]> copies = new java.util.ArrayList<>();
      for (int run = 0; run < 4; run++) {
        Session.Runner r = s.runner().feed(x, random(Shape.of(BATCH, STEPS, DEPTH), 20 + run))
            .fetch(h);
        grads.forEach(r::fetch);
        Tensor hv = r.run().get(0);
        kept.add(hv);
        copies.add(hv.floats().clone());
      }
      for (int run = 0; run < kept.size(); run++) {
        assertArrayEquals(copies.get(run), kept.get(run).floats(), 0f, "final state of run "
            + run + " after later runs");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"LSTM", "BASIC"})
  void gradientLoop_readsOnlyValuesItComputesWith(String cellName) {
    // The gradient rules of MatMul, ConcatV2, LSTMGates and the bias activations return
    // gradients of exactly their inputs' shapes, so the reverse loop reads no forward value for
    // its shape alone: every value the forward loop saves is an operand of some gradient op.
    // (The GRU's gate arithmetic uses broadcasting Mul and Add, whose gradients are summed
    // down to their inputs' run-time shapes.)
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, STEPS, DEPTH), "x");
    RnnCell<?> cell = cell(tf, cellName);
    Object state = Rnn.dynamicRnn(tf, cell, x, null).state();
    Output h = state instanceof LstmStateTuple st ? st.h() : (Output) state;
    dev.skein.autodiff.Gradients.gradients(java.util.List.of(tf.reduceSum(tf.square(h))),
        java.util.List.copyOf(g.globalVariables()));
    int loops = 0;
    for (Operation op : g.operations()) {
      if (op.type() instanceof dev.skein.core.ops.control.ControlOps.While w
          && !w.bodySlicedInputs().isEmpty()) {
        loops++;
        dev.skein.core.ops.control.TracedFunction body = w.body();
        for (Output fed : body.extraFeeds()) {
          for (Operation reader : body.graph().operations()) {
            if (reader.inputs().contains(fed)) {
              assertTrue(!reader.type().typeName().equals("Shape"), cellName + ": "
                  + reader.name() + " reads the saved " + fed.name() + " for its shape");
            }
          }
        }
      }
    }
    assertEquals(1, loops);
  }

  private static RnnCell<?> cell(Ops tf, String cellName) {
    return switch (cellName) {
      case "LSTM" -> new BasicLstmCell(tf, UNITS);
      case "GRU" -> new GruCell(tf, UNITS);
      default -> new BasicRnnCell(tf, UNITS);
    };
  }

  /** {losses of each step and a last forward run, the trained weights}. */
  private static float[][] train(String cellName, boolean dynamic) {
    Graph g = new Graph();
    g.setSeed(11);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, STEPS, DEPTH), "x");
    Output target = tf.placeholder(DType.FLOAT32, Shape.of(-1, UNITS), "target");
    RnnCell<?> cell = cell(tf, cellName);
    Object state = dynamic ? Rnn.dynamicRnn(tf, cell, x, null).state()
        : Rnn.staticRnn(tf, cell, tf.unstack(x, 1)).state();
    Output h = state instanceof LstmStateTuple s ? s.h() : (Output) state;
    Output loss = tf.reduceMean(tf.square(tf.sub(h, target)));
    Operation step = new AdamOptimizer(tf, 0.01).minimize(loss);
    Tensor xv = random(Shape.of(BATCH, STEPS, DEPTH), 1);
    Tensor tv = random(Shape.of(BATCH, UNITS), 2);
    float[] losses = new float[TRAIN_STEPS + 1];
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      for (int i = 0; i < TRAIN_STEPS; i++) {
        losses[i] = s.runner().feed(x, xv).feed(target, tv).fetch(loss).addTarget(step).run()
            .get(0).floats()[0];
      }
      losses[TRAIN_STEPS] = s.runner().feed(x, xv).feed(target, tv).fetch(loss).run().get(0)
          .floats()[0];
      // Every trained variable, one after the other.
      Session.Runner r = s.runner();
      Variables.trainableVariables(g).forEach(r::fetch);
      float[] weights = new float[0];
      for (Tensor t : r.run()) {
        float[] w = t.floats();
        float[] all = java.util.Arrays.copyOf(weights, weights.length + w.length);
        System.arraycopy(w, 0, all, weights.length, w.length);
        weights = all;
      }
      return new float[][] {losses, weights};
    }
  }

  private static Tensor random(Shape shape, long seed) {
    Random r = new Random(seed);
    float[] v = new float[shape.numElements()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return Tensor.create(shape, v);
  }
}
