package dev.skein.core.ops;

import static dev.skein.core.testing.MathTestSupport.assertOpError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.array.SliceIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ops docs/DTYPES.md says take any dtype run on bool and on int64 values (the dtypes the
 * float tests of each family do not reach), giving the values worked out by hand; int64 values
 * beyond 2^53 show that nothing passes through a double.
 */
class AnyDTypeKernelsTest {
  private static final String FILE = "AnyDTypeKernelsTest.java";
  private static final long B = (1L << 60) + 1;
  private final Graph g = new Graph();
  private final Ops tf = Ops.create(g);

  private Tensor run(Output y) {
    try (Session s = new Session(g)) {
      return s.run(y);
    }
  }

  private boolean[] bools(Output y) {
    Tensor t = run(y);
    assertEquals(DType.BOOL, t.dtype(), y.name());
    return t.bools();
  }

  private long[] longs(Output y) {
    Tensor t = run(y);
    assertEquals(DType.INT64, t.dtype(), y.name());
    return t.longs();
  }

  @Test
  void movingOps_onBool() {
    // [[t, f, t], [f, f, t]]
    Output m = tf.constant(new boolean[][] {{true, false, true}, {false, false, true}});
    assertArrayEquals(new boolean[] {true, false, false, false, true, true},
        bools(tf.transpose(m)));
    assertArrayEquals(new boolean[] {true, false, true, false, false, true, true, false, true},
        bools(tf.concat(List.of(m, tf.slice(m, new int[] {0, 0}, new int[] {1, 3})), 0)));
    assertArrayEquals(new boolean[] {false, false}, bools(tf.split(m, 3, 1).get(1)));
    assertArrayEquals(new boolean[] {true, false, true, false, false, true},
        bools(tf.stack(tf.unstack(m))));
    assertArrayEquals(new boolean[] {true, false, true, false, false, true},
        bools(tf.reshape(tf.expandDims(m, 0), new int[] {-1})));
    assertEquals(Shape.of(3), tf.squeeze(tf.slice(m, new int[] {1, 0}, new int[] {1, -1}))
        .shape());
    assertArrayEquals(new boolean[] {true, true},
        bools(tf.stridedSlice(m, SliceIndex.all(), SliceIndex.at(-1))));
    assertArrayEquals(new boolean[] {false, false, true, true, false, true},
        bools(tf.gather(m, tf.constant(new long[] {1, 0}))));
    assertArrayEquals(new boolean[] {true, false, true, true, false, false},
        bools(tf.reverse(m, new int[] {1})));
    // row 0 reversed in its first 2, row 1 in all 3
    assertArrayEquals(new boolean[] {false, true, true, true, false, false},
        bools(tf.reverseSequence(m, tf.constant(new long[] {2, 3}), 1, 0)));
    assertArrayEquals(new boolean[] {true, false, true}, bools(tf.identity(tf.stopGradient(
        tf.unstack(m).get(0)))));
  }

  @Test
  void makingOps_onBool() {
    Output row = tf.constant(new boolean[] {true, false});
    assertArrayEquals(new boolean[] {true, false, true, false}, bools(tf.tile(row,
        new int[] {2})));
    // a pad constant of 0 is false
    assertArrayEquals(new boolean[] {false, true, false, false}, bools(tf.pad(row,
        new int[][] {{1, 1}})));
    assertArrayEquals(new boolean[] {true, false, true, false},
        bools(tf.broadcastTo(row, tf.constant(new long[] {2, 2}))));
    assertArrayEquals(new boolean[] {true, true, true},
        bools(tf.fill(tf.constant(new int[] {3}), tf.constant(true))));
    assertArrayEquals(new boolean[] {false, false}, bools(tf.zerosLike(row)));
    assertArrayEquals(new boolean[] {true, true}, bools(tf.onesLike(row)));
    assertArrayEquals(new long[] {2}, longs(tf.shape(row, DType.INT64)));
    assertArrayEquals(new boolean[] {false, true, true, false},
        bools(tf.oneHot(tf.constant(new int[] {1, 0}), 2, 1, 0, -1, DType.BOOL)));
  }

  @Test
  void movingAndMakingOps_onInt64BeyondTwoTo53() {
    Output m = tf.constant(new long[][] {{B, -B, 3}, {4, B + 2, -6}});
    assertArrayEquals(new long[] {B, 4, -B, B + 2, 3, -6}, longs(tf.transpose(m)));
    assertArrayEquals(new long[] {4, B + 2, -6, B, -B, 3},
        longs(tf.reverse(m, new int[] {0})));
    assertArrayEquals(new long[] {-B, 3, B + 2, -6},
        longs(tf.slice(m, tf.constant(new long[] {0, 1}), tf.constant(new long[] {2, 2}))));
    assertArrayEquals(new long[] {B, -B, 3, B, -B, 3},
        longs(tf.tile(tf.unstack(m).get(0), new int[] {2})));
    assertArrayEquals(new long[] {0, B, -B, 3, 0}, longs(tf.pad(tf.unstack(m).get(0),
        new int[][] {{1, 1}})));
    assertArrayEquals(new long[] {B + 2, B + 2},
        longs(tf.fill(tf.constant(new long[] {2}), tf.constant(B + 2))));
    assertArrayEquals(new long[] {-B, -B}, longs(tf.broadcastTo(tf.constant(new long[] {-B}),
        tf.constant(new int[] {2}))));
    assertArrayEquals(new long[] {3, -6}, longs(tf.stridedSlice(m, SliceIndex.all(),
        SliceIndex.at(2))));
  }

  @Test
  void loopsConditionalsAndTensorArrays_carryBoolAndInt64() {
    // a loop flipping a bool and adding B to an int64 three times
    List<Output> r = tf.whileLoop(v -> tf.less(v.get(0), tf.constant(3)), v -> List.of(
        tf.add(v.get(0), tf.constant(1)), tf.logicalNot(v.get(1)), tf.add(v.get(2),
            tf.constant(B))), List.of(tf.constant(0), tf.constant(true), tf.constant(1L)));
    assertArrayEquals(new boolean[] {false}, new boolean[] {run(r.get(1)).booleanValue()});
    assertEquals(3 * B + 1, run(r.get(2)).longValue());
    Output pick = tf.cond(tf.constant(false), () -> tf.constant(B), () -> tf.constant(-B));
    assertEquals(-B, run(pick).longValue());
    var ta = tf.tensorArray(DType.BOOL, 2).write(1, tf.constant(new boolean[] {true}))
        .write(0, tf.constant(new boolean[] {false}));
    assertArrayEquals(new boolean[] {false, true}, bools(ta.stack()));
  }

  @Test
  void assign_setsABoolVariable_andAssignAddRefusesOneAtBuildTime() {
    Variable flag = tf.variable(tf.constant(new boolean[] {false, true}), "flag");
    Output set = tf.assign(flag, tf.constant(new boolean[] {true, true}));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new boolean[] {true, true}, s.run(set).bools());
    }
    assertOpError(FILE, () -> tf.assignAdd(flag, tf.constant(new boolean[] {true, true})),
        "AssignAdd op", "AssignAdd cannot add to or subtract from bool variable 'flag'");
    assertOpError(FILE, () -> tf.assignSub(flag, tf.constant(new boolean[] {true, true})),
        "AssignSub op", "AssignSub cannot add to or subtract from bool variable 'flag'");
    Variable big = tf.variable(tf.constant(new long[] {B}), "big");
    Output added = tf.assignAdd(big, tf.constant(new long[] {B}));
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      assertArrayEquals(new long[] {2 * B}, s.run(added).longs());
    }
  }
}
