package dev.skein.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.RMSPropOptimizer;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.monitor.ProgressMode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LstmBackpropTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void verifyGradients_everyParameterMatchesFiniteDifferences() {
    // float64 central differences with h = 1e-3 have truncation error O(h^4): a correct rule
    // gives ~1e-9 relative error at worst, a wrong one errors of order 1
    assertTrue(LstmBackprop.verifyGradients(7, QUIET) < 1e-6);
  }

  @Test
  void loss_isMeanOverStepsOfSummedCrossEntropy() {
    Graph g = new Graph();
    g.setSeed(1);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(1, 3, 4));
    LstmBackprop.Model m = LstmBackprop.build(tf, x, 3, 2);
    Tensor[] xy = LstmBackprop.batch(new Random(2), 1, 3, 4, 2, DType.FLOAT32);
    Operation step = new RMSPropOptimizer(tf, 0.1).minimize(m.totalLoss());
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      Session.Runner r = s.runner().feed(x, xy[0]).feed(m.y(), xy[1])
          .feed(m.rnn().initHiddenState, m.rnn().zeroState())
          .feed(m.rnn().initCellState, m.rnn().zeroState());
      m.preds().forEach(r::fetch);
      r.fetch(m.totalLoss());
      var v = r.run();
      double mean = 0;
      for (int t = 0; t < 3; t++) {
        float[] p = v.get(t).floats();
        assertEquals(1.0, p[0] + p[1], 1e-6);
        int label = xy[1].floats()[t * 2] == 1 ? 0 : 1;
        mean += -Math.log(p[label]) / 3;
      }
      assertEquals(mean, v.get(3).doubleValue(), 1e-6);
      // one RMSProp step on this batch lowers its loss
      double before = v.get(3).doubleValue();
      s.runner().feed(x, xy[0]).feed(m.y(), xy[1])
          .feed(m.rnn().initHiddenState, m.rnn().zeroState())
          .feed(m.rnn().initCellState, m.rnn().zeroState()).addTarget(step).run();
      double after = s.runner().feed(x, xy[0]).feed(m.y(), xy[1])
          .feed(m.rnn().initHiddenState, m.rnn().zeroState())
          .feed(m.rnn().initCellState, m.rnn().zeroState()).fetch(m.totalLoss()).run().get(0)
          .doubleValue();
      assertTrue(after < before, before + " -> " + after);
    }
  }

  @Test
  void echoTask_learnsToEcho() {
    EchoTask.Result r = EchoTask.train(2, 42, QUIET, ProgressMode.OFF, null);
    // chance is 5 ln 2 = 3.47 per batch (the loss sums 5 rows); a model that ignores its input
    // gets about half the echoed bits right. After two epochs (1,332 steps) the fixed loop has
    // learned the echo: loss well under chance and nearly every bit right.
    assertTrue(r.epochLosses()[1] < 1.0, "epoch 1 loss " + r.epochLosses()[1]);
    assertTrue(r.lastEpochAccuracy() > 0.9, "accuracy " + r.lastEpochAccuracy());
  }
}
