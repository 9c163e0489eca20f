package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.CreationSite;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.control.ControlOps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFormatTest {
  @TempDir
  Path dir;

  @Test
  void roundTrip_sameTextSameStructureSameResults() {
    GraphSamples s = new GraphSamples();
    GraphFormat f = GraphFormat.standard();
    String text = f.toText(s.g);
    Graph back = f.fromText(text);
    assertEquals(text, f.toText(back));
    assertEquals(s.g.numOperations(), back.numOperations());
    assertEquals(1234L, back.seed());
    assertEquals(s.g.numRandomOps(), back.numRandomOps());
    List<Operation> a = s.g.operations();
    List<Operation> b = back.operations();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).name(), b.get(i).name());
      assertEquals(a.get(i).type().typeName(), b.get(i).type().typeName());
      assertEquals(a.get(i).outputSpecs(), b.get(i).outputSpecs());
      assertEquals(CreationSite.format(a.get(i).creationSite()),
          CreationSite.format(b.get(i).creationSite()));
      assertEquals(a.get(i).device(), b.get(i).device());
      assertEquals(a.get(i).controlInputs().size(), b.get(i).controlInputs().size());
    }
    assertEquals("/cpu:0", back.operation("layer/bias").device());
    assertTrue(back.operation("AssignAdd").controlInputs().get(0).name().equals("Tanh"));
    assertEquals(List.of("layer/kernel", "layer/bias", "count"),
        back.globalVariables().stream().map(Variable::varName).toList());
    // Bodies, captures and all: the loop's op type carries its traced functions.
    ControlOps.While w = (ControlOps.While) back.operation("rnn/loop").type();
    assertEquals("rnn/loop/body", w.body().graph().rootScope());
    assertEquals(back, w.body().graph().parent());
    assertEquals(List.of("layer/kernel:0", "layer/bias:0", "pred:0"),
        w.body().captured().stream().map(o -> o.name()).toList());
    assertEquals(GraphSamples.run(s.g), GraphSamples.run(back));
  }

  @Test
  void sitesPointAtTheUsersLine_andSurviveTheRoundTrip() {
    GraphSamples s = new GraphSamples();
    Graph back = GraphFormat.standard().fromText(GraphFormat.standard().toText(s.g));
    StackTraceElement site = back.operation("x").creationSite();
    assertNotNull(site);
    // GraphSamples is library-package code, so the sites are the test's own lines.
    assertEquals("GraphFormatTest.java", site.getFileName());
    assertTrue(site.getLineNumber() > 0);
  }

  @Test
  void newOpsAfterReading_getFreshNames_andTheSeedCounterContinues() {
    GraphSamples s = new GraphSamples();
    Graph back = GraphFormat.standard().fromText(GraphFormat.standard().toText(s.g));
    Ops tf = Ops.create(back);
    assertEquals("Tanh_1", tf.tanh(back.operation("x").output(0)).op().name());
    try (Graph.Scope sc = tf.nameScope("rnn")) {
      assertEquals("rnn_1/Neg", tf.neg(back.operation("x").output(0)).op().name());
    }
    int before = back.numRandomOps();
    tf.randomNormal(dev.skein.core.Shape.of(2));
    assertEquals(before + 1, back.numRandomOps());
    // A new random op draws a new stream in both graphs alike.
    Ops tf0 = Ops.create(s.g);
    tf0.randomNormal(dev.skein.core.Shape.of(2));
    assertEquals(s.g.numRandomOps(), back.numRandomOps());
  }

  @Test
  void writeAndReadFiles() {
    GraphSamples s = new GraphSamples();
    Path p = dir.resolve("model.graph");
    GraphFormat.standard().write(s.g, p);
    Graph back = GraphFormat.standard().read(p);
    assertEquals(GraphSamples.run(s.g), GraphSamples.run(back));
  }

  @Test
  void unknownOpTypesAreRefusedWhenWriting() {
    Graph g = new Graph();
    g.addOp(new Custom(3), "c", List.of());
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().toText(g));
    assertTrue(e.getMessage().contains("op 'c' has type " + Custom.class.getName()),
        e.getMessage());
    // With the type registered, it round-trips.
    GraphFormat f = GraphFormat.standard().withOpTypes(List.of(Custom.class));
    String text = f.toText(g);
    assertTrue(text.contains("op \"c\" Custom\n"), text);
    assertTrue(text.contains("attr size 3\n"), text);
    assertEquals(text, f.toText(f.fromText(text)));
    assertThrows(GraphFormatException.class, () -> GraphFormat.standard().fromText(text));
  }

  /** An op type of the user's. */
  public record Custom(int size) implements dev.skein.core.OpType {
    @Override
    public String typeName() {
      return "Custom";
    }

    @Override
    public List<dev.skein.core.TensorSpec> infer(dev.skein.core.InferContext ctx) {
      return List.of(new dev.skein.core.TensorSpec(dev.skein.core.DType.FLOAT32,
          dev.skein.core.Shape.of(size)));
    }

    @Override
    public Tensor[] compute(dev.skein.core.KernelContext ctx, Tensor[] in) {
      return new Tensor[] {Tensor.zeros(dev.skein.core.DType.FLOAT32,
          dev.skein.core.Shape.of(size))};
    }
  }
}
