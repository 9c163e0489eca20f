package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.GraphFormat;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.array.FillOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graph files stay small however big the variables: a variable initialized by a fill and Adam's
 * slots (zeros, Fill ops) are stored as shapes and values, never as their elements.
 */
class GraphFileScaleTest {
  @TempDir
  Path dir;

  /** w of n floats, loss = sum((w - 1)^2), one Adam step. */
  static final class Model {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Variable w;
    final Operation train;
    final AdamOptimizer adam;
    final Operation init;

    Model(int n) {
      w = tf.variable(FillOps.fill(g, Shape.of(n), 0.5, DType.FLOAT32, null), "w");
      Output loss = tf.reduceSum(tf.square(tf.sub(w, tf.constant(1f))));
      adam = new AdamOptimizer(tf, 0.01);
      train = adam.minimize(loss);
      init = tf.globalVariablesInitializer();
    }
  }

  @Test
  void fiftyMillionFloatsWithAdam_writeASmallFile_thatReadsBackWithTheDefaultLimits()
      throws IOException {
    Model m = new Model(50_000_000);
    Path f = dir.resolve("big.graph");
    GraphFormat.standard().write(m.g, f);
    long size = Files.size(f);
    System.out.println("a 50M-float variable with Adam: a graph file of " + size + " bytes");
    assertTrue(size < 200_000, "the graph file has " + size + " bytes");
    Graph back = GraphFormat.standard().read(f);
    assertEquals(GraphFormat.standard().toText(m.g), GraphFormat.standard().toText(back));
    Variable slot = m.adam.getSlot(m.w, "m");
    assertEquals("w/Adam", slot.varName());
    Operation init = back.operation(slot.initialValue().op().name());
    assertEquals("Fill", init.type().typeName());
    assertEquals(Shape.of(50_000_000), init.output(0).shape());
  }

  @Test
  void trainingAfterReading_isBitIdentical() {
    Model m = new Model(1000);
    Graph back = GraphFormat.standard().fromText(GraphFormat.standard().toText(m.g));
    List<Tensor> before = run(m, m.g);
    assertEquals(before, run(m, back));
    // The slots start at zero: each of Adam's first steps moves every weight by about the
    // learning rate (the gradient keeps its sign).
    for (float x : before.get(0).floats()) {
      assertEquals(0.5f + 2 * 0.01f, x, 1e-4f);
    }
  }

  /** Two Adam steps in graph g (m's graph or one read back): w and its slots. */
  private static List<Tensor> run(Model m, Graph g) {
    try (Session s = new Session(g)) {
      s.run(g.operation(m.init.name()));
      s.run(g.operation(m.train.name()));
      s.run(g.operation(m.train.name()));
      return List.of(s.run(g.operation("w").output(0)), s.run(g.operation("w/Adam").output(0)),
          s.run(g.operation("w/Adam_1").output(0)));
    }
  }
}
