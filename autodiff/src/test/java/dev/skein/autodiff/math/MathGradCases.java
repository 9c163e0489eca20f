package dev.skein.autodiff.math;

import static dev.skein.autodiff.GradCase.of;

import dev.skein.autodiff.GradCase;
import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.math.MathOps.Binary;
import dev.skein.core.ops.math.MathOps.Unary;
import dev.skein.core.ops.math.MathOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** Gradient-check cases of the math family. */
public final class MathGradCases {
  private MathGradCases() {}

  /** Broadcasting patterns every binary op is checked with. */
  private static final Shape[][] BINARY_SHAPES = {
      {Shape.of(2, 3), Shape.of(2, 3)}, {Shape.of(2, 3), Shape.of(3)},
      {Shape.of(2, 1), Shape.of(1, 3)}, {Shape.of(), Shape.of(2, 2)},
      {Shape.of(3, 1, 2), Shape.of(4, 1)}};

  public static List<GradCase> cases() {
    List<GradCase> cases = new ArrayList<>();
    binary(cases);
    unary(cases);
    reductions(cases);
    others(cases);
    return cases;
  }

  private static void binary(List<GradCase> cases) {
    for (Binary op : Binary.values()) {
      if (op == Binary.FLOOR_DIV) {
        continue;
      }
      for (Shape[] s : BINARY_SHAPES) {
        GradCase c = of(op.typeName() + " " + s[0] + " " + s[1],
            (tf, x) -> MathOps.binary(tf.graph(), op, x.get(0), x.get(1), null), s[0], s[1]);
        switch (op) {
          case DIV -> c.domain(1, 0.5, 2);
          case POW -> c.domain(0, 0.5, 2).domain(1, -1.5, 1.5);
          case FLOOR_MOD -> c.domain(0, 2.2, 2.8).domain(1, 1.5, 2);
          default -> { }
        }
        cases.add(c);
      }
    }
  }

  private static void unary(List<GradCase> cases) {
    Random rnd = new Random(7);
    for (Unary op : Unary.values()) {
      if (op == Unary.FLOOR) {
        continue;
      }
      for (int k = 0; k < 2; k++) {
        Shape s = randomShape(rnd);
        GradCase c = of(op.typeName() + " " + s,
            (tf, x) -> MathOps.unary(tf.graph(), op, x.get(0), null), s);
        switch (op) {
          case SQRT, RSQRT, LOG -> c.domain(0.2, 3);
          case LOG1P -> c.domain(-0.5, 2);
          case RECIPROCAL -> c.domain(0.3, 2);
          default -> { }
        }
        cases.add(c);
      }
    }
  }

  /** Rank 0 to 3, dims 1 to 4. */
  static Shape randomShape(Random rnd) {
    int[] d = new int[rnd.nextInt(4)];
    for (int i = 0; i < d.length; i++) {
      d[i] = 1 + rnd.nextInt(4);
    }
    return Shape.of(d);
  }

  private interface Reduce {
    Output apply(Ops tf, Output x, int[] axes, boolean keepDims);
  }

  private static void reductions(List<GradCase> cases) {
    List<String> names = List.of("Sum", "Mean", "Max", "Min", "Prod");
    List<Reduce> fns = List.of(Ops::reduceSum, Ops::reduceMean, Ops::reduceMax, Ops::reduceMin,
        Ops::reduceProd);
    int[][] axesList = {null, {0}, {1}, {2}, {-1}, {0, 2}};
    for (int f = 0; f < fns.size(); f++) {
      Reduce fn = fns.get(f);
      for (int[] axes : axesList) {
        for (boolean keep : new boolean[] {false, true}) {
          GradCase c = of(names.get(f) + " axes=" + Arrays.toString(axes) + " keepDims=" + keep,
              (tf, x) -> fn.apply(tf, x.get(0), axes, keep), Shape.of(2, 3, 4));
          if (f == 4) {
            c.domain(0.5, 1.5);
          }
          cases.add(c);
        }
      }
    }
  }

  private static void others(List<GradCase> cases) {
    cases.add(of("Cast float64 to float64", (tf, x) -> tf.cast(x.get(0), DType.FLOAT64),
        Shape.of(2, 3)));
    BiFunction<Ops, boolean[][], Output> cond = (tf, v) -> tf.constant(v);
    cases.add(of("Select same shape", (tf, x) -> tf.where(
        cond.apply(tf, new boolean[][] {{true, false, true}, {false, false, true}}),
        x.get(0), x.get(1)), Shape.of(2, 3), Shape.of(2, 3)));
    cases.add(of("Select row vector cond", (tf, x) -> tf.where(
        tf.constant(new boolean[] {false, true}), x.get(0), x.get(1)),
        Shape.of(2, 3), Shape.of(2, 3)));
    cases.add(of("Select scalar cond", (tf, x) -> tf.where(tf.constant(true), x.get(0),
        x.get(1)), Shape.of(2, 2), Shape.of(2, 2)));
    cases.add(of("SelectV2 broadcast", (tf, x) -> tf.whereV2(
        tf.constant(new boolean[] {true, false, true}), x.get(0), x.get(1)),
        Shape.of(2, 3), Shape.of(2, 1)));
    cases.add(of("ClipByValue scalar bounds", (tf, x) -> tf.clipByValue(x.get(0), x.get(1),
        x.get(2)), Shape.of(2, 3), Shape.of(), Shape.of())
        .domain(1, -1.3, -0.7).domain(2, 0.6, 1.2));
    cases.add(of("ClipByValue vector bounds", (tf, x) -> tf.clipByValue(x.get(0), x.get(1),
        x.get(2)), Shape.of(4, 3), Shape.of(3), Shape.of(1, 3))
        .domain(1, -1.3, -0.7).domain(2, 0.6, 1.2));
    cases.add(of("AddN of three", (tf, x) -> tf.addN(x), Shape.of(2, 3), Shape.of(2, 3),
        Shape.of(2, 3)));
    cases.add(of("AddN of one", (tf, x) -> tf.addN(x), Shape.of(3)));
    cases.add(of("BroadcastTo [3] to [2,3]", (tf, x) -> tf.broadcastTo(x.get(0),
        tf.constant(new int[] {2, 3})), Shape.of(3)));
    cases.add(of("BroadcastTo [2,1] to [2,2,3]", (tf, x) -> tf.broadcastTo(x.get(0),
        tf.constant(new int[] {2, 2, 3})), Shape.of(2, 1)));
    cases.add(of("SumToShape [2,3] to [3]", (tf, x) -> tf.sumToShape(x.get(0),
        tf.constant(new int[] {3})), Shape.of(2, 3)));
    cases.add(of("SumToShape [2,3] to [2,1]", (tf, x) -> tf.sumToShape(x.get(0),
        tf.constant(new int[] {2, 1})), Shape.of(2, 3)));
    cases.add(of("Sum of products (fan-out)", (tf, x) -> tf.reduceSum(tf.mul(tf.mul(x.get(0),
        x.get(0)), tf.add(x.get(0), x.get(1)))), Shape.of(2, 3), Shape.of(3)));
  }
}
