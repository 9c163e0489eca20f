package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.VariableScope.Reuse;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.SkeinException;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariableScopesTest {
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  @Test
  void getVariable_namesFollowNestedScopes() {
    Variable top = Variables.getVariable(tf, "w", Shape.of(2));
    Variable inner;
    try (var a = VariableScopes.variableScope(g, "rnn")) {
      assertEquals("rnn", a.scope().name());
      try (var b = VariableScopes.variableScope(g, "cell")) {
        inner = Variables.getVariable(tf, "kernel", Shape.of(3, 4));
        assertEquals("rnn/cell", VariableScopes.current(g).name());
      }
    }
    assertEquals("w", top.varName());
    assertEquals("rnn/cell/kernel", inner.varName());
    assertEquals(Shape.of(3, 4), inner.shape());
    assertEquals(DType.FLOAT32, inner.dtype());
    assertEquals("", VariableScopes.current(g).name());
  }

  @Test
  void getVariable_ignoresPlainNameScopes() {
    Variable v;
    try (var n = tf.nameScope("outer")) {
      v = Variables.getVariable(tf, "w", Shape.of(2));
    }
    assertEquals("w", v.varName());
  }

  @Test
  void reenteringScope_opsGetUniqueNameScope_variablesKeepTheirNames() {
    Output first;
    Output second;
    Variable w1;
    Variable w2;
    try (var s = VariableScopes.variableScope(g, "rnn")) {
      w1 = Variables.getVariable(tf, "w", Shape.of(2));
      first = tf.identity(w1);
    }
    try (var s = VariableScopes.variableScope(g, "rnn", true)) {
      w2 = Variables.getVariable(tf, "w", Shape.of(2));
      second = tf.identity(w2);
    }
    assertSame(w1, w2);
    assertEquals("rnn/Identity", first.op().name());
    assertEquals("rnn_1/Identity", second.op().name());
  }

  @Test
  void existingVariableWithoutReuse_throwsNamingBothCreationSites() {
    try (var s = VariableScopes.variableScope(g, "layer")) {
      Variables.getVariable(tf, "kernel", Shape.of(2, 2)); // first line
    }
    int firstLine = lineOf("getVariable(tf, \"kernel\", Shape.of(2, 2)); // first line");
    SkeinException e;
    try (var s = VariableScopes.variableScope(g, "layer")) {
      e = assertThrows(SkeinException.class,
          () -> Variables.getVariable(tf, "kernel", Shape.of(2, 2))); // second line
    }
    int secondLine = lineOf("Shape.of(2, 2))); // second line");
    String msg = e.getMessage();
    assertTrue(msg.contains("Variable layer/kernel already exists"), msg);
    assertTrue(msg.contains("VariableScopesTest.java:" + firstLine), msg);
    assertTrue(msg.contains("VariableScopesTest.java:" + secondLine), msg);
    assertTrue(msg.contains("reuse"), msg);
  }

  @Test
  void reuseOfMissingVariable_throws() {
    try (var s = VariableScopes.variableScope(g, "layer", Reuse.REUSE)) {
      SkeinException e = assertThrows(SkeinException.class,
          () -> Variables.getVariable(tf, "bias", Shape.of(3)));
      assertTrue(e.getMessage().contains("Variable layer/bias does not exist"), e.getMessage());
      assertTrue(e.getMessage().contains("VariableScopesTest.java"), e.getMessage());
    }
  }

  @Test
  void reuseWithOtherShapeOrDtype_throws() {
    try (var s = VariableScopes.variableScope(g, "layer")) {
      Variables.getVariable(tf, "kernel", Shape.of(2, 3));
    }
    try (var s = VariableScopes.variableScope(g, "layer", true)) {
      SkeinException e = assertThrows(SkeinException.class,
          () -> Variables.getVariable(tf, "kernel", Shape.of(3, 2)));
      assertTrue(e.getMessage().contains("layer/kernel"), e.getMessage());
      assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
      assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
      SkeinException d = assertThrows(SkeinException.class,
          () -> Variables.getVariable(tf, "kernel", Shape.of(2, 3), DType.FLOAT64));
      assertTrue(d.getMessage().contains("float64"), d.getMessage());
    }
  }

  @Test
  void autoReuse_createsThenReuses() {
    Variable a;
    Variable b;
    try (var s = VariableScopes.variableScope(g, "shared", Reuse.AUTO_REUSE)) {
      a = Variables.getVariable(tf, "w", Shape.of(2));
    }
    try (var s = VariableScopes.variableScope(g, "shared", Reuse.AUTO_REUSE)) {
      b = Variables.getVariable(tf, "w", Shape.of(2));
    }
    assertSame(a, b);
    assertEquals(1, g.globalVariables().size());
  }

  @Test
  void reuse_isInheritedBySubScopes() {
    try (var s = VariableScopes.variableScope(g, "a")) {
      try (var t = VariableScopes.variableScope(g, "b")) {
        Variables.getVariable(tf, "w", Shape.of(2));
      }
    }
    try (var s = VariableScopes.variableScope(g, "a", true)) {
      try (var t = VariableScopes.variableScope(g, "b", Reuse.NONE)) {
        assertEquals(Reuse.REUSE, t.scope().reuse());
        assertEquals("a/b/w", Variables.getVariable(tf, "w", Shape.of(2)).varName());
      }
    }
  }

  @Test
  void reenterCapturedScope_sameVariablesAndNameScope() {
    VariableScope captured;
    Variable w;
    try (var s = VariableScopes.variableScope(g, "enc")) {
      captured = s.scope();
      w = Variables.getVariable(tf, "w", Shape.of(2));
    }
    try (var n = tf.nameScope("elsewhere")) {
      try (var s = VariableScopes.variableScope(g, captured, Reuse.REUSE)) {
        assertSame(w, Variables.getVariable(tf, "w", Shape.of(2)));
        assertEquals("enc/Identity", tf.identity(w).op().name());
      }
    }
  }

  @Test
  void scopeInitializer_isTheDefaultInside() {
    Variable v;
    try (var s = VariableScopes.variableScope(g, "c", Reuse.INHERIT, Initializers.constant(7))) {
      try (var t = VariableScopes.variableScope(g, "d")) {
        v = Variables.getVariable(tf, "w", Shape.of(3), DType.FLOAT64);
      }
    }
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new double[] {7, 7, 7}, s.run(v).doubles());
    }
  }

  @Test
  void defaultInitializer_isGlorotForFloats_zerosForInts() {
    Variable f = Variables.getVariable(tf, "f", Shape.of(20, 30));
    Variable i = Variables.getVariable(tf, "i", Shape.of(4), DType.INT32);
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      double limit = Math.sqrt(6.0 / 50);
      float[] fv = s.run(f).floats();
      boolean someLarge = false;
      for (float x : fv) {
        assertTrue(Math.abs(x) <= limit, "value " + x + " beyond " + limit);
        someLarge |= Math.abs(x) > limit / 2;
      }
      assertTrue(someLarge);
      assertArrayEquals(new int[4], s.run(i).ints());
    }
  }

  @Test
  void trainable_false_keepsVariableOutOfTrainables() {
    Variable t = Variables.getVariable(tf, "t", Shape.of(2));
    Variable n = Variables.getVariable(tf, "n", Shape.of(2), DType.FLOAT32, null, false);
    Variable c = tf.variable(tf.constant(new int[] {1}), "counter");
    assertEquals(List.of(t), Variables.trainableVariables(g));
    assertTrue(Variables.isTrainable(t));
    assertTrue(!Variables.isTrainable(n) && !Variables.isTrainable(c));
  }

  @Test
  void scopeNames_areChecked() {
    assertThrows(IllegalArgumentException.class, () -> VariableScopes.variableScope(g, ""));
    assertThrows(IllegalArgumentException.class, () -> VariableScopes.variableScope(g, "a/"));
  }

  @Test
  void variablesInDifferentScopes_areDistinct() {
    Variable a;
    Variable b;
    try (var s = VariableScopes.variableScope(g, "x")) {
      a = Variables.getVariable(tf, "w", Shape.of(2));
    }
    try (var s = VariableScopes.variableScope(g, "y")) {
      b = Variables.getVariable(tf, "w", Shape.of(2));
    }
    assertNotEquals(a, b);
  }

  /** The line number of the (unique) line of this file containing {@code text}. */
  static int lineOf(String text) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(
          java.nio.file.Path.of("src/test/java/dev/skein/autodiff/VariableScopesTest.java"));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text) && !lines.get(i).contains("lineOf(")) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("line not found: " + text);
  }
}
