package dev.skein.core.ops.math;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.util.List;

/**
 * The builders of the math family's reductions, arg-max/min and broadcast helpers (op types in
 * {@link MathReduceOps}); {@link MathReduceApi} delegates to them.
 */
public final class MathReduceBuilders {
  private MathReduceBuilders() {}

  private static ImmutableIntArray axesOf(int[] axes) {
    return axes == null ? null : ImmutableIntArray.copyOf(axes);
  }

  /** Sum over {@code axes} (null: all axes; negative axes count from the end). */
  public static Output reduceSum(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceSum(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  /** Mean over {@code axes} (null: all); int32 divides with truncation like TensorFlow. */
  public static Output reduceMean(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMean(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceMax(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMax(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceMin(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceMin(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceProd(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceProd(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceAny(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceAny(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  public static Output reduceAll(Graph g, Output x, int[] axes, boolean keepDims, String name) {
    return g.addOp(new MathReduceOps.ReduceAll(axesOf(axes), keepDims), name, List.of(x))
        .output(0);
  }

  /** Index of the largest value along {@code axis} as an int32; ties give the first. */
  public static Output argMax(Graph g, Output x, int axis, String name) {
    return argMax(g, x, axis, DType.INT32, name);
  }

  /** Index of the smallest value along {@code axis} as an int32; ties give the first. */
  public static Output argMin(Graph g, Output x, int axis, String name) {
    return argMin(g, x, axis, DType.INT32, name);
  }

  /** Index of the largest value along {@code axis} (int32 or int64; ties give the first). */
  public static Output argMax(Graph g, Output x, int axis, DType outputType, String name) {
    return g.addOp(new MathReduceOps.ArgMax(axis, outputType), name, List.of(x)).output(0);
  }

  /** Index of the smallest value along {@code axis} (int32 or int64; ties give the first). */
  public static Output argMin(Graph g, Output x, int axis, DType outputType, String name) {
    return g.addOp(new MathReduceOps.ArgMin(axis, outputType), name, List.of(x)).output(0);
  }

  /**
   * Broadcasts x to the shape held by the int32 or int64 vector {@code shape}. {@code staticShape}
   * may state what the caller knows of the result's shape ({@code Shape.unknown()} if nothing).
   */
  public static Output broadcastTo(Graph g, Output x, Output shape, Shape staticShape,
      String name) {
    return g.addOp(new MathReduceOps.BroadcastTo(staticShape), name, List.of(x, shape))
        .output(0);
  }

  /**
   * Sums {@code grad} over broadcast axes down to the shape held by the int32 or int64 vector
   * {@code shape} (the gradient driver's "unbroadcast"). {@code staticShape} may state what the
   * caller knows of the result's shape, e.g. the input's static shape.
   */
  public static Output sumToShape(Graph g, Output grad, Output shape, Shape staticShape,
      String name) {
    return g.addOp(new MathReduceOps.SumToShape(staticShape), name, List.of(grad, shape))
        .output(0);
  }
}
