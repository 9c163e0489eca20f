package dev.skein.rnn;

import static dev.skein.rnn.Fixtures.assertClose;
import static dev.skein.rnn.Fixtures.assignMatrix;
import static dev.skein.rnn.Fixtures.assignVector;
import static dev.skein.rnn.Fixtures.tensor;
import static dev.skein.rnn.Fixtures.tolerance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LstmCell with peepholes, cell clipping and projection against {@link Ref#lstmFull}. */
class LstmCellTest {
  private static final int BATCH = 3;
  private static final int DEPTH = 2;
  private static final int UNITS = 4;
  private static final int PROJ = 3;

  private final Random random = new Random(11);
  private final double[][] xs = Ref.random(random, BATCH, DEPTH, 2.0);
  private final double[][] cs = Ref.random(random, BATCH, UNITS, 2.0);

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void peepholesClipAndProjection_matchEquations(DType dtype) {
    check(dtype, true, 0.6, PROJ, 0.0);
  }

  @Test
  void plain_matchesBasicLstmEquations() {
    check(DType.FLOAT64, false, 0, 0, 0.0);
  }

  @Test
  void peepholesOnly_matchEquations() {
    check(DType.FLOAT64, true, 0, 0, 0.0);
  }

  @Test
  void projectionWithClip_matchesEquations() {
    check(DType.FLOAT64, false, 0, PROJ, 0.05);
  }

  private void check(DType dtype, boolean peep, double cellClip, int numProj, double projClip) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    int m = numProj > 0 ? numProj : UNITS;
    double[][] ms = Ref.random(random, BATCH, m, 1.0);
    Output x = tf.placeholder(dtype, Shape.of(-1, DEPTH), "x");
    Output c = tf.placeholder(dtype, Shape.of(-1, UNITS), "c");
    Output h = tf.placeholder(dtype, Shape.of(-1, m), "m");
    LstmCell cell = LstmCell.builder(tf, UNITS).usePeepholes(peep).cellClip(cellClip)
        .numProj(numProj).projClip(projClip).forgetBias(0.5).build();
    assertEquals(StateSize.lstm(UNITS, m), cell.stateSize());
    assertEquals(m, cell.outputSize());
    CellOutput<LstmStateTuple> r = cell.call(x, new LstmStateTuple(c, h));
    assertEquals("lstm_cell/kernel", cell.kernel().varName());
    assertEquals(Shape.of(DEPTH + m, 4 * UNITS), cell.kernel().shape());
    assertEquals(Shape.of(-1, m), r.output().shape());
    if (peep) {
      assertEquals("lstm_cell/w_f_diag", cell.wfDiag().varName());
      assertEquals("lstm_cell/w_i_diag", cell.wiDiag().varName());
      assertEquals("lstm_cell/w_o_diag", cell.woDiag().varName());
    } else {
      assertNull(cell.wfDiag());
    }
    if (numProj > 0) {
      assertEquals("lstm_cell/projection/kernel", cell.projection().varName());
      assertEquals(Shape.of(UNITS, numProj), cell.projection().shape());
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double[][] w = assignMatrix(s, tf, cell.kernel(), random, 0.8);
      double[] b = assignVector(s, tf, cell.bias(), random, 0.8);
      double[] wi = peep ? assignVector(s, tf, cell.wiDiag(), random, 0.8) : null;
      double[] wf = peep ? assignVector(s, tf, cell.wfDiag(), random, 0.8) : null;
      double[] wo = peep ? assignVector(s, tf, cell.woDiag(), random, 0.8) : null;
      double[][] proj = numProj > 0 ? assignMatrix(s, tf, cell.projection(), random, 0.8) : null;
      List<Tensor> out = s.runner().feed(x, tensor(xs, dtype)).feed(c, tensor(cs, dtype))
          .feed(h, tensor(ms, dtype)).fetch(r.output()).fetch(r.state().c()).run();
      double[][] ec = new double[BATCH][];
      double[][] em = new double[BATCH][];
      boolean clipped = false;
      for (int i = 0; i < BATCH; i++) {
        double[][] cm = Ref.lstmFull(xs[i], cs[i], ms[i], w, b, 0.5, wi, wf, wo, cellClip, proj);
        ec[i] = cm[0];
        em[i] = cm[1];
        if (projClip > 0) {
          for (int k = 0; k < em[i].length; k++) {
            clipped |= Math.abs(em[i][k]) > projClip;
            em[i][k] = Math.max(-projClip, Math.min(projClip, em[i][k]));
          }
        }
        if (cellClip > 0) {
          for (double v : ec[i]) {
            clipped |= Math.abs(v) == cellClip;
          }
        }
      }
      if (cellClip > 0 || projClip > 0) {
        assertTrue(clipped, "the test data should exercise clipping");
      }
      assertClose(em, out.get(0), tolerance(dtype), "m");
      assertClose(ec, out.get(1), tolerance(dtype), "c");
    }
  }

  @Test
  void builder_rejectsBadOptions() {
    Ops tf = Ops.create(new Graph());
    assertThrows(IllegalArgumentException.class, () -> LstmCell.builder(tf, 0));
    assertThrows(IllegalArgumentException.class, () -> LstmCell.builder(tf, 2).cellClip(-1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LstmCell.builder(tf, 2).projClip(1).build());
    assertTrue(e.getMessage().contains("projClip needs numProj"), e.getMessage());
  }
}
