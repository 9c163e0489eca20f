package dev.skein.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.DTypeRules;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Placeholder;
import dev.skein.core.Shape;
import dev.skein.core.ops.array.IndexOps;
import dev.skein.core.ops.math.MathOps;
import dev.skein.core.ops.math.MathReduceOps;
import dev.skein.core.ops.nn.NnOps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/DTYPES.md is what {@link DTypeTable} generates today, and the declarations it is made
 * from are what ops really accept: for each declared op type below, every dtype is tried and the
 * op builds exactly when the declaration lists it.
 */
class DTypeTableTest {
  private static final Path DOC = Path.of("..", "docs", "DTYPES.md");

  @Test
  void committedTable_isTheGeneratedOne() throws Exception {
    String now = DTypeTable.markdown();
    if (Boolean.getBoolean("skein.writeDocs")) {
      Files.writeString(DOC, now, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(DOC), "missing " + DOC.toAbsolutePath());
    assertEquals(now, Files.readString(DOC, StandardCharsets.UTF_8), "docs/DTYPES.md is stale:"
        + " regenerate with mvn -q -pl core -am test -Dtest=DTypeTableTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dskein.writeDocs=true");
    assertTrue(now.contains("| math | `MathOps.Binary.ADD (Add)` | 0: x | float32, float64, int32"
        + " or int64 |"), now);
    assertTrue(now.contains("| math | `MathOps.Binary.DIV (RealDiv)` | 0: x | float32 or float64 |"));
    assertTrue(now.contains("| nn | `NnOps.SparseSoftmaxCrossEntropyWithLogits` | 1: labels |"
        + " int32 or int64 |"));
  }

  /** Builds {@code type} on placeholders: input {@code input} of dtype d, the others fixed. */
  private static void build(OpType type, int arity, int input, DType d, DType[] others,
      Shape[] shapes) {
    Graph g = new Graph();
    List<Output> in = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      in.add(Placeholder.create(g, others == null || i == input ? d : others[i], shapes[i],
          "in" + i));
    }
    g.addOp(type, "op", in);
  }

  private static void assertDeclaredIsAccepted(OpType type, int arity, DType[] others,
      Shape... shapes) {
    List<DTypeRules.Rule> rules = DTypeRules.of(type);
    assertFalse(rules.isEmpty(), type + " has no declaration");
    for (DTypeRules.Rule r : rules) {
      for (DType d : DType.values()) {
        boolean declared = r.dtypes().contains(d);
        if (declared) {
          build(type, arity, r.input(), d, others, shapes);
        } else {
          OpException e = assertThrows(OpException.class,
              () -> build(type, arity, r.input(), d, others, shapes), type + " with " + d);
          assertTrue(e.getMessage().contains(d.toString()), e.getMessage());
        }
      }
    }
  }

  @Test
  void declarations_matchWhatTheOpsAccept() {
    Shape v = Shape.of(3);
    for (MathOps.Binary b : MathOps.Binary.values()) {
      assertDeclaredIsAccepted(b, 2, null, v, v);
    }
    for (MathOps.Unary u : MathOps.Unary.values()) {
      assertDeclaredIsAccepted(u, 1, null, v);
    }
    for (MathOps.Compare c : MathOps.Compare.values()) {
      assertDeclaredIsAccepted(c, 2, null, v, v);
    }
    assertDeclaredIsAccepted(MathOps.Logical.LOGICAL_NOT, 1, null, v);
    assertDeclaredIsAccepted(new MathReduceOps.ReduceSum(null, false), 1, null, v);
    assertDeclaredIsAccepted(new MathReduceOps.ReduceMax(null, false), 1, null, v);
    assertDeclaredIsAccepted(new MathReduceOps.ReduceAny(null, false), 1, null, v);
    assertDeclaredIsAccepted(new MathReduceOps.ArgMax(0), 1, null, v);
    assertDeclaredIsAccepted(new IndexOps.Gather(0),
        2, new DType[] {DType.FLOAT32, null}, v, v);
    assertDeclaredIsAccepted(new NnOps.SparseSoftmaxCrossEntropyWithLogits(), 2,
        new DType[] {DType.FLOAT32, DType.INT64}, Shape.of(2, 3), Shape.of(2));
  }
}
