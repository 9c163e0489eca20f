package dev.skein.core.ops.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.Shape;
import dev.skein.core.testing.MathTestSupport;
import org.junit.jupiter.api.Test;

/** The shared broadcasting utility: static and run-time shapes, plans, index maps, sum axes. */
class BroadcastTest {
  @Test
  void shape_staticRules() {
    assertEquals(Shape.of(2, 3), Broadcast.shape(Shape.of(2, 3), Shape.of(3)));
    assertEquals(Shape.of(2, 3), Broadcast.shape(Shape.of(2, 1), Shape.of(1, 3)));
    assertEquals(Shape.of(2, 3), Broadcast.shape(Shape.scalar(), Shape.of(2, 3)));
    assertEquals(Shape.of(4, 2, 3), Broadcast.shape(Shape.of(4, 1, 3), Shape.of(2, 1)));
    assertEquals(Shape.of(0, 3), Broadcast.shape(Shape.of(0, 1), Shape.of(3)));
    // unknown dims: against 1 or unknown stays unknown, against d != 1 becomes d
    assertEquals(Shape.of(-1, 3), Broadcast.shape(Shape.of(-1, 1), Shape.of(3)));
    assertEquals(Shape.of(-1, -1), Broadcast.shape(Shape.of(-1, 1), Shape.of(1, -1)));
    assertEquals(Shape.of(5, -1), Broadcast.shape(Shape.of(-1, -1), Shape.of(5, 1)));
    assertEquals(Shape.of(0), Broadcast.shape(Shape.of(-1), Shape.of(0)));
    assertEquals(Shape.unknown(), Broadcast.shape(Shape.unknown(), Shape.of(3)));
  }

  @Test
  void shape_incompatible_throwsNamingShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Broadcast.shape(Shape.of(2, 3), Shape.of(4)));
    assertEquals("cannot broadcast shapes (2, 3) and (4,)", e.getMessage());
    IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
        () -> Broadcast.shape(Shape.of(2), Shape.of(2), Shape.of(3)));
    assertEquals("cannot broadcast shapes (2,), (2,) and (3,)", three.getMessage());
    IllegalArgumentException run = assertThrows(IllegalArgumentException.class,
        () -> Broadcast.dims(new int[] {2, 3}, new int[] {2}));
    assertEquals("cannot broadcast shapes (2, 3) and (2,)", run.getMessage());
  }

  @Test
  void isBroadcastableTo_andSumAxes() {
    assertTrue(Broadcast.isBroadcastableTo(new int[] {3}, new int[] {2, 3}));
    assertTrue(Broadcast.isBroadcastableTo(new int[] {1, 3}, new int[] {2, 3}));
    assertFalse(Broadcast.isBroadcastableTo(new int[] {2}, new int[] {2, 3}));
    assertFalse(Broadcast.isBroadcastableTo(new int[] {1, 2, 3}, new int[] {2, 3}));
    assertArrayEquals(new int[] {0}, Broadcast.sumAxes(new int[] {2, 3}, new int[] {3}));
    assertArrayEquals(new int[] {0, 2}, Broadcast.sumAxes(new int[] {2, 3, 4},
        new int[] {3, 1}));
    assertArrayEquals(new int[] {}, Broadcast.sumAxes(new int[] {2, 3}, new int[] {2, 3}));
    assertArrayEquals(new int[] {0, 1}, Broadcast.sumAxes(new int[] {2, 3}, new int[] {}));
    assertThrows(IllegalArgumentException.class,
        () -> Broadcast.sumAxes(new int[] {2, 3}, new int[] {2}));
  }

  @Test
  void plan_sameShapeIsOneRun() {
    Broadcast.Plan p = Broadcast.plan(new int[] {150, 600}, new int[] {150, 600},
        new int[] {150, 600});
    assertEquals(1, p.rows);
    assertEquals(90000, p.inner);
    assertArrayEquals(new int[] {1, 1}, p.inc);
  }

  @Test
  void plan_rowVectorIsRowsOfFullRuns() {
    Broadcast.Plan p = Broadcast.plan(new int[] {3, 4}, new int[] {3, 4}, new int[] {4});
    assertEquals(3, p.rows);
    assertEquals(4, p.inner);
    assertArrayEquals(new int[] {1, 1}, p.inc);
    assertArrayEquals(new int[] {0, 4, 8}, p.offsets[0]);
    assertArrayEquals(new int[] {0, 0, 0}, p.offsets[1]);
  }

  @Test
  void plan_scalarHasIncZero() {
    Broadcast.Plan p = Broadcast.plan(new int[] {2, 3}, new int[] {}, new int[] {2, 3});
    assertEquals(1, p.rows);
    assertEquals(6, p.inner);
    assertArrayEquals(new int[] {0, 1}, p.inc);
  }

  @Test
  void plan_columnVectorIsConstantAlongRuns() {
    Broadcast.Plan p = Broadcast.plan(new int[] {3, 4}, new int[] {3, 1}, new int[] {1, 4});
    assertEquals(3, p.rows);
    assertEquals(4, p.inner);
    assertArrayEquals(new int[] {0, 1}, p.inc);
    assertArrayEquals(new int[] {0, 1, 2}, p.offsets[0]);
    assertArrayEquals(new int[] {0, 0, 0}, p.offsets[1]);
  }

  @Test
  void indexMap_matchesMultiIndexReference() {
    int[][][] cases = {{{3}, {2, 3}}, {{2, 1}, {2, 3}}, {{1, 3, 1}, {2, 3, 4}},
        {{2, 1, 4}, {3, 2, 5, 4}}, {{}, {2, 2}}, {{1}, {1}}};
    for (int[][] c : cases) {
      int n = Shape.of(c[0]).numElements();
      double[] ids = new double[n];
      for (int i = 0; i < n; i++) {
        ids[i] = i;
      }
      double[] expected = MathTestSupport.broadcastRef(ids, c[0], c[1]);
      int[] map = Broadcast.indexMap(c[0], c[1]);
      assertEquals(expected.length, map.length);
      for (int i = 0; i < map.length; i++) {
        assertEquals((int) expected[i], map[i], "element " + i + " of " + Shape.of(c[1]));
      }
    }
  }
}
