package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.state.StateOps;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpKindTest {
  @Test
  void of_classifiesByTypeAndGradientScope() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, 3), "x");
    Output c = StateOps.constant(g, Tensor.scalar(2f), "c");
    Variable v = StateOps.variable(g, c, "v");
    Output mm = GraphFixtures.op(g, "MatMul", "MatMul", Shape.of(-1, 3), x, v);
    Output grad;
    Output gradConst;
    try (Graph.Scope s = g.nameScope("gradients_1/MatMul_grad/")) {
      grad = GraphFixtures.op(g, "MatMul", "MatMul", Shape.of(-1, 3), mm);
      gradConst = StateOps.constant(g, Tensor.scalar(1f), "Const");
    }
    Output assign = StateOps.assignSub(g, v, c, null);
    var apply = g.addOp(new GraphFixtures.FakeApply(v.op()), "ApplyGradientDescent",
        List.of(c));
    var init = StateOps.globalVariablesInitializer(g);

    assertEquals(OpKind.PLACEHOLDER, OpKind.of(x.op()));
    assertEquals(OpKind.CONSTANT, OpKind.of(c.op()));
    assertEquals(OpKind.VARIABLE, OpKind.of(v.op()));
    assertEquals(OpKind.COMPUTE, OpKind.of(mm.op()));
    assertEquals(OpKind.GRADIENT, OpKind.of(grad.op()));
    assertEquals(OpKind.GRADIENT, OpKind.of(gradConst.op()));
    assertEquals(OpKind.UPDATE, OpKind.of(assign.op()));
    assertEquals(OpKind.UPDATE, OpKind.of(apply));
    assertEquals(OpKind.UPDATE, OpKind.of(v.initializer()));
    assertEquals(OpKind.GROUP, OpKind.of(init));
    assertEquals(OpKind.LOOP, OpKind.of(
        GraphFixtures.dynamicRnn(2, 2).operation("rnn/while")));
  }

  @Test
  void inGradientScope_matchesGradientsAndNumberedSegmentsOnly() {
    assertTrue(OpKind.inGradientScope("gradients/MatMul_grad/MatMul"));
    assertTrue(OpKind.inGradientScope("train/gradients_12/AddN"));
    assertFalse(OpKind.inGradientScope("gradients"), "an op named gradients is not in the scope");
    assertFalse(OpKind.inGradientScope("my_gradients/x"));
    assertFalse(OpKind.inGradientScope("gradients_x/y"));
    assertFalse(OpKind.inGradientScope("gradients_/y"));
  }
}
