package dev.skein.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.autodiff.Gradients;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.BufferPool;
import dev.skein.core.kernel.Parallel;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same graph, feeds and variable values give the same bits: notebook 002's classifier (a
 * cell of 150 units over 28 steps of 28 inputs, batch 150, a dense layer of 10, mean sparse
 * softmax cross entropy) and the gradients of all its variables, run first, then again after
 * models of other sizes and cells ran (other matmul shapes through the kernels' pack cache and
 * the session's array pool), with one, two and three kernel threads, with array reuse off, and
 * after many more runs (compiled code). Compared with {@code Arrays.equals} on the raw floats.
 */
class DeterminismTest {
  private static final int STEPS = 28;
  private static final int INPUTS = 28;
  private static final int CLASSES = 10;

  private final int threads = Parallel.threads();
  private final boolean pool = BufferPool.enabled();

  @AfterEach
  void restore() {
    Parallel.setThreads(threads);
    BufferPool.setEnabled(pool);
  }

  @ParameterizedTest(name = "{0} dynamic={1}")
  @CsvSource({"LSTM, false", "LSTM, true", "GRU, true"})
  void classifier_sameBits_afterOtherModels_anyThreadCount_poolOff_andWarm(String cell,
      boolean dynamic) {
    Parallel.setThreads(2);
    try (Model m = new Model(cell, dynamic, 150, 150, 1)) {
      List<float[]> first = m.run();
      try (Model a = new Model("BASIC", false, 200, 37, 2);
          Model b = new Model("GRU", true, 64, 40, 3);
          Model c = new Model("LSTM", true, 33, 150, 4)) {
        for (Model o : List.of(a, b, c, a)) {
          o.run();
        }
      }
      same(first, m.run(), "after other models");
      for (int t : new int[] {1, 2, 3}) {
        Parallel.setThreads(t);
        same(first, m.run(), t + " threads");
      }
      BufferPool.setEnabled(false);
      same(first, m.run(), "array reuse off");
      BufferPool.setEnabled(true);
      for (int i = 0; i < 4; i++) {
        m.run();
      }
      same(first, m.run(), "after five more runs");
    }
  }

  private static void same(List<float[]> want, List<float[]> got, String when) {
    assertEquals(want.size(), got.size());
    for (int k = 0; k < want.size(); k++) {
      if (!java.util.Arrays.equals(want.get(k), got.get(k))) {
        float[] w = want.get(k);
        float[] g = got.get(k);
        for (int i = 0; i < w.length; i++) {
          if (Float.floatToIntBits(w[i]) != Float.floatToIntBits(g[i])) {
            fail(when + ": fetch " + k + " element " + i + " was " + w[i] + ", now " + g[i]);
          }
        }
      }
    }
  }

  /** A classifier with its feeds and fetches: logits, the loss and every variable's gradient. */
  private static final class Model implements AutoCloseable {
    private final Session session;
    private final Output x;
    private final Output y;
    private final List<Output> fetches = new ArrayList<>();
    private final Tensor xv;
    private final Tensor yv;

    Model(String cellName, boolean dynamic, int units, int batch, long seed) {
      Graph g = new Graph();
      g.setSeed(seed);
      Ops tf = Ops.create(g);
      x = tf.placeholder(DType.FLOAT32, Shape.of(-1, STEPS, INPUTS), "x");
      y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
      RnnCell<?> cell = switch (cellName) {
        case "LSTM" -> new BasicLstmCell(tf, units);
        case "GRU" -> new GruCell(tf, units);
        default -> new BasicRnnCell(tf, units);
      };
      Object state = dynamic ? Rnn.dynamicRnn(tf, cell, x, null).state()
          : Rnn.staticRnn(tf, cell, tf.unstack(x, 1)).state();
      Output h = state instanceof LstmStateTuple s ? s.h() : (Output) state;
      Output logits = Layers.dense(tf, h, CLASSES);
      Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
      fetches.add(logits);
      fetches.add(loss);
      fetches.addAll(Gradients.gradients(List.of(loss), List.copyOf(g.globalVariables())));
      Random r = new Random(seed);
      float[] xs = new float[batch * STEPS * INPUTS];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = r.nextFloat();
      }
      int[] ys = new int[batch];
      for (int i = 0; i < batch; i++) {
        ys[i] = r.nextInt(CLASSES);
      }
      xv = Tensor.create(Shape.of(batch, STEPS, INPUTS), xs);
      yv = Tensor.create(Shape.of(batch), ys);
      session = new Session(g);
      session.run(tf.globalVariablesInitializer());
    }

    List<float[]> run() {
      Session.Runner r = session.runner().feed(x, xv).feed(y, yv);
      fetches.forEach(r::fetch);
      List<float[]> out = new ArrayList<>();
      for (Tensor t : r.run()) {
        out.add(t.floats().clone());
      }
      return out;
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
