package dev.skein.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.DTypeRules;
import dev.skein.core.MakesDTypes;
import dev.skein.core.OpType;
import dev.skein.core.TakesDTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/DTYPES.md is what {@link DTypeTable} generates today, every op type of the registry
 * declares its dtypes, and malformed declarations are refused. {@code DTypeDeclarationsTest}
 * checks that the declarations are what the ops accept.
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
    for (String row : List.of(
        "| math | `MathOps.Binary.ADD (Add)` | 0: x | float32, float64, int32 or int64 |",
        "| math | `MathOps.Binary.DIV (RealDiv)` | 0: x | float32 or float64 |",
        "| nn | `NnOps.SparseSoftmaxCrossEntropyWithLogits` | 1: labels | int32 or int64 |",
        "| core | `Placeholder` | | no inputs |",
        "| core | `Placeholder` | out (attr dtype) | any dtype |",
        "| state | `StateOps.Identity` | 0: input | any dtype |",
        "| state | `StateOps.Assign` | 0: value | any dtype (AssignAdd and AssignSub: not bool) |",
        "| math | `MathReduceOps.ArgMax` | out (attr outputType) | int32 or int64 |",
        "| array | `ArrayOps.Reshape` | 1: shape | int32 or int64 |",
        "| array | `ShapeOps.Shape` | out (attr outType) | int32 or int64 |",
        "| control | `TensorArrayOps.TensorArrayOp.READ (TensorArrayReadV3)` | 1: index | int32 or"
            + " int64 |",
        "| training | `TrainingOps.ApplyAdam` | 6: grad | float32 or float64 |")) {
      assertTrue(now.contains(row + "\n"), row);
    }
    assertFalse(now.contains("| not declared"), "an op type declares nothing:\n" + now);
  }

  @Test
  void everyOpTypeOfTheRegistry_declaresItsDtypes() {
    List<String> none = new ArrayList<>();
    int n = 0;
    for (Class<? extends OpType> c : OpTypes.all()) {
      if (c.isEnum()) {
        for (OpType t : c.getEnumConstants()) {
          n++;
          if (DTypeRules.ofConstant((Enum<?>) t).isEmpty()) {
            none.add(c.getSimpleName() + "." + ((Enum<?>) t).name());
          }
        }
      } else {
        n++;
        if (DTypeRules.ofClass(c).isEmpty()) {
          none.add(c.getSimpleName());
        }
      }
    }
    assertTrue(n > 100, n + " op types");
    assertEquals(List.of(), none);
  }

  @TakesDTypes(value = DType.INT32, anyDType = true)
  private record Both() {}

  @TakesDTypes
  private record Neither() {}

  @MakesDTypes
  private record MakesNothing() {}

  @TakesDTypes.None
  @TakesDTypes(DType.INT32)
  private record NoInputsButAnInput() {}

  @Test
  void malformedDeclarations_areRefusedNamingTheOpType() {
    for (Class<?> c : List.of(Both.class, Neither.class, MakesNothing.class)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> DTypeRules.ofClass(c));
      assertTrue(e.getMessage().contains(c.getName() + " must declare either dtypes or"
          + " anyDType"), e.getMessage());
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DTypeRules.ofClass(NoInputsButAnInput.class));
    assertTrue(e.getMessage().contains("declares both no inputs and input dtypes"),
        e.getMessage());
  }

  @Test
  void text_namesTheDtypesInOrder_orAnyDtype() {
    assertEquals("int64", DTypeRules.text(java.util.Set.of(DType.INT64)));
    assertEquals("float32, int32 or bool",
        DTypeRules.text(java.util.Set.of(DType.BOOL, DType.INT32, DType.FLOAT32)));
    assertEquals("any dtype", DTypeRules.text(java.util.Set.of(DType.values())));
  }
}
