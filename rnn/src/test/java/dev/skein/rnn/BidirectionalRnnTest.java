package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assignMatrix;
import static dev.skein.rnn.Fixtures.assignVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** bidirectionalDynamicRnn against reference forward and reversed-within-length runs. */
class BidirectionalRnnTest {
  private static final DType F64 = DType.FLOAT64;
  private static final int BATCH = 3;
  private static final int TIME = 4;
  private static final int DEPTH = 2;

  private final Random random = new Random(21);

  @Test
  void withSequenceLength_backwardReadsEachSequenceReversedWithinItsLength() {
    check(new int[] {4, 2, 0});
  }

  @Test
  void withoutSequenceLength_backwardReadsTheWholeTimeAxisReversed() {
    check(null);
  }

  private void check(int[] lengths) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(F64, Shape.of(-1, -1, DEPTH), "x");
    Output len = lengths == null ? null : tf.placeholder(DType.INT32, Shape.of(-1), "len");
    BasicLstmCell fw = new BasicLstmCell(tf, 3);
    GruCell bw = new GruCell(tf, 2);
    BidirectionalRnnResult<LstmStateTuple, Output> r =
        Rnn.bidirectionalDynamicRnn(tf, fw, bw, x, len);
    assertEquals(List.of("bidirectional_rnn/fw/basic_lstm_cell/kernel",
        "bidirectional_rnn/fw/basic_lstm_cell/bias", "bidirectional_rnn/bw/gru_cell/gates/kernel",
        "bidirectional_rnn/bw/gru_cell/gates/bias",
        "bidirectional_rnn/bw/gru_cell/candidate/kernel",
        "bidirectional_rnn/bw/gru_cell/candidate/bias"),
        g.globalVariables().stream().map(Variable::varName).collect(Collectors.toList()));
    Output both = tf.concat(r.outputs(), 2);
    assertEquals(5, both.shape().dim(2));
    double[][][] data = new double[BATCH][TIME][];
    double[][][] timeMajor = new double[TIME][BATCH][];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < TIME; t++) {
        data[b][t] = Ref.random(random, DEPTH, 1.0);
        timeMajor[t][b] = data[b][t];
      }
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, fw.kernel(), random, 0.6);
      double[] b = assignVector(s, tf, fw.bias(), random, 0.6);
      double[][] wg = assignMatrix(s, tf, bw.gateKernel(), random, 0.6);
      double[] bg = assignVector(s, tf, bw.gateBias(), random, 0.6);
      double[][] wc = assignMatrix(s, tf, bw.candidateKernel(), random, 0.6);
      double[] bc = assignVector(s, tf, bw.candidateBias(), random, 0.6);
      Session.Runner run = s.runner().feed(x, Tensor.of(data));
      if (len != null) {
        run.feed(len, Tensor.of(lengths));
      }
      List<Tensor> got = run.fetch(r.outputFw()).fetch(r.outputBw()).fetch(r.stateFw().h())
          .fetch(r.stateBw()).fetch(both).run();

      int[] lens = lengths != null ? lengths : new int[] {TIME, TIME, TIME};
      RefCell.Run ef = RefCell.basicLstm(w, b, 1.0).run(timeMajor, lengths);
      double[][][] reversed = new double[TIME][BATCH][];
      for (int i = 0; i < BATCH; i++) {
        for (int t = 0; t < TIME; t++) {
          reversed[t][i] = t < lens[i] ? timeMajor[lens[i] - 1 - t][i] : timeMajor[t][i];
        }
      }
      RefCell.Run eb = RefCell.gru(wg, bg, wc, bc).run(reversed, lengths);
      double[] outFw = got.get(0).toDoubleArray();
      double[] outBw = got.get(1).toDoubleArray();
      double[] cat = got.get(4).toDoubleArray();
      for (int i = 0; i < BATCH; i++) {
        for (int t = 0; t < TIME; t++) {
          double[] expectBw = t < lens[i] ? eb.outputs()[lens[i] - 1 - t][i] : new double[2];
          for (int k = 0; k < 3; k++) {
            assertEquals(ef.outputs()[t][i][k], outFw[(i * TIME + t) * 3 + k], 1e-12, "fw");
            assertEquals(ef.outputs()[t][i][k], cat[(i * TIME + t) * 5 + k], 1e-12, "concat fw");
          }
          for (int k = 0; k < 2; k++) {
            assertEquals(expectBw[k], outBw[(i * TIME + t) * 2 + k], 1e-12, "bw b" + i + " t" + t);
            assertEquals(expectBw[k], cat[(i * TIME + t) * 5 + 3 + k], 1e-12, "concat bw");
          }
        }
        for (int k = 0; k < 3; k++) {
          assertEquals(ef.states()[i][1][k], got.get(2).toDoubleArray()[i * 3 + k], 1e-12);
        }
        for (int k = 0; k < 2; k++) {
          assertEquals(eb.states()[i][0][k], got.get(3).toDoubleArray()[i * 2 + k], 1e-12);
        }
      }
    }
  }

  @Test
  void sameCellForBothDirections_throws() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    BasicRnnCell cell = new BasicRnnCell(tf, 2);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, -1, 2), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rnn.bidirectionalDynamicRnn(tf, cell, cell, x, null));
    assertTrue(e.getMessage().contains("same cell object"), e.getMessage());
  }
}
