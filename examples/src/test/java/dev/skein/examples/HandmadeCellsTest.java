package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Arrays2;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Notebook 000's hand-made cells: the equations by hand, and step-by-step = unrolled. */
class HandmadeCellsTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void rnnCell_stepFeedsStateBack_matchesEquations() {
    Graph g = new Graph();
    g.setSeed(3);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(FLOAT32, Shape.of(2, 4));
    try (HandmadeRnnCell rnn = new HandmadeRnnCell(tf, x, 3, 1);
        Session s = new Session(g)) {
      // read the weights through a second session over the same graph: same initial values
      // because the graph seed fixes them
      s.run(tf.globalVariablesInitializer());
      float[][] wxh = (float[][]) s.run(rnn.wXh).toArray();
      float[][] whh = (float[][]) s.run(rnn.wHh).toArray();
      float[][] why = (float[][]) s.run(rnn.wHy).toArray();
      float[][] xv = {{0, 0, 0, 0}, {1, 1, 1, 1}};
      double[][] state = new double[2][3];
      for (int step = 0; step < 3; step++) {
        Tensor y = rnn.step(Tensor.of(xv));
        double[][] next = new double[2][3];
        for (int b = 0; b < 2; b++) {
          for (int j = 0; j < 3; j++) {
            double a = 0;
            for (int k = 0; k < 4; k++) {
              a += xv[b][k] * wxh[k][j];
            }
            for (int k = 0; k < 3; k++) {
              a += state[b][k] * whh[k][j];
            }
            next[b][j] = Math.tanh(a);
          }
          double yExpected = 0;
          for (int j = 0; j < 3; j++) {
            yExpected += next[b][j] * why[j][0];
            assertEquals(next[b][j], rnn.currentState.floats()[b * 3 + j], 1e-5);
          }
          assertEquals(yExpected, y.floats()[b], 1e-5, "step " + step + " row " + b);
        }
        state = next;
      }
      // a zero input row and a zero state stay zero (no bias), as the notebook prints
      assertEquals(0f, rnn.currentState.floats()[0]);
    }
  }

  @Test
  void lstm_stepByStep_equalsUnrolledLayer() {
    long seed = 11;
    Tensor xs = Arrays2.randomUniform(new Random(5), 2, 5, 4);
    Graph g1 = new Graph();
    g1.setSeed(seed);
    Ops tf1 = Ops.create(g1);
    Output xT = tf1.placeholder(FLOAT32, Shape.of(2, 4), "x_t");
    List<Tensor> stepped;
    try (HandmadeLstmCell cell = new HandmadeLstmCell(tf1, xT, 3)) {
      stepped = cell.out(xs);
    }
    Graph g2 = new Graph();
    g2.setSeed(seed);
    Ops tf2 = Ops.create(g2);
    Output x = tf2.placeholder(FLOAT32, Shape.of(2, 5, 4));
    LstmLayer layer = new LstmLayer(tf2, x, 3);
    try (Session s = new Session(g2)) {
      s.run(tf2.globalVariablesInitializer());
      Session.Runner r = s.runner().feed(x, xs).feed(layer.initHiddenState, layer.zeroState())
          .feed(layer.initCellState, layer.zeroState());
      layer.hiddenStates.forEach(r::fetch);
      List<Tensor> unrolled = r.run();
      // both graphs create the same variables in the same order from the same graph seed
      for (int t = 0; t < 5; t++) {
        assertArrayEquals(stepped.get(t).floats(), unrolled.get(t).floats(), 1e-6f, "t=" + t);
      }
    }
  }

  @Test
  void lstmLayer_sharesOneSetOfParameters() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    LstmLayer layer = new LstmLayer(tf, tf.placeholder(FLOAT32, Shape.of(1, 7, 2)), 3);
    assertEquals(8, g.globalVariables().size());
    assertEquals(7, layer.hiddenStates.size());
    assertEquals("Cell_6/update_hidden_state/h_t", layer.hiddenStates.get(6).op().name());
    assertEquals(Shape.of(5, 3), layer.wF.shape());
  }

  @Test
  void reshapeDemo_zerosThenOnesPerBatchEntry() {
    Tensor b = HandmadeRnnCell.reshapeDemo(QUIET);
    assertEquals(Shape.of(3, 2, 3, 3), b.shape());
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 9; j++) {
        assertEquals(0f, b.floats()[i * 18 + j]);
        assertEquals(1f, b.floats()[i * 18 + 9 + j]);
      }
    }
  }
}
