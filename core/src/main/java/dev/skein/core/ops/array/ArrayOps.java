package dev.skein.core.ops.array;

import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static dev.skein.core.ops.array.ArraySupport.add;
import static dev.skein.core.ops.array.ArraySupport.check;
import static dev.skein.core.ops.array.ArraySupport.equalParts;
import static dev.skein.core.ops.array.ArraySupport.ints;
import static dev.skein.core.ops.array.ArraySupport.nameOr;
import static dev.skein.core.ops.array.ArraySupport.one;
import static dev.skein.core.ops.array.ArraySupport.sizes;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.Nullable;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;

/**
 * The array family: ops that move, pick or make values without arithmetic (concat, split,
 * reshape, slices, gather, fill, shape...), with TensorFlow 1.x semantics.
 *
 * <p>Shape-like arguments (reshape's shape, slice's begin and size, fill's dims, tile's
 * multiples, paddings, split sizes) are INT32 or INT64 tensor inputs (an INT64 value outside the
 * int32 range fails naming the argument), so gradients can compute them at run time
 * ({@code reshape(dy, shape(x))}); the builders also take Java arrays, made into constants.
 * Shape rules see through constants and {@code Shape} ops (StaticValues), so
 * {@code reshape(dy, shape(x))} keeps x's static shape. Longer shape rules live in ArrayShapes
 * and IndexShapes, kernels in ArrayKernels and IndexKernels.
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(Concat.class, Split.class,
      SplitV.class, Pack.class, Unpack.class, Transpose.class, Reshape.class, ExpandDims.class,
      Squeeze.class, ShapeOps.Shape.class, ShapeOps.Size.class, ShapeOps.Rank.class,
      IndexOps.Slice.class, IndexOps.StridedSlice.class,
      IndexOps.StridedSliceGrad.class, IndexOps.Gather.class, IndexOps.ScatterNd.class,
      IndexOps.OneHot.class, IndexOps.SequenceMask.class, IndexOps.ReverseSequence.class,
      IndexOps.Reverse.class, FillOps.Fill.class, FillOps.FillLike.class, FillOps.Range.class,
      FillOps.Tile.class, FillOps.Pad.class);

  // ---- op types --------------------------------------------------------------------------

  /** Joins its inputs (same rank and dtype) along an axis. */
  @TakesDTypes(anyDType = true, name = "values")
  public record Concat(int axis) implements OpType.FreshReader, StaticValues.KnownValue {
    @Override
    public int[] knownVector(Operation op) {
      return ArrayKnownValues.concat(op);
    }

    @Override
    public String typeName() {
      return "ConcatV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.concat(axis, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.concat(axis, in));
    }
  }

  /** Splits its input into {@code num} equal parts along an axis. */
  @TakesDTypes(anyDType = true, name = "value")
  public record Split(int axis, int num) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "Split";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.split(axis, num, null, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return ArrayKernels.split(in[0], axis, equalParts(in[0], axis, num));
    }
  }

  /**
   * Splits input 0 along an axis into {@code num} parts sized by input 1 (INT32 or INT64 vector;
   * one -1 takes the rest).
   */
  @TakesDTypes(anyDType = true, name = "value")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "size_splits")
  public record SplitV(int axis, int num) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "SplitV";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.split(axis, num, ArrayShapes.splitSizes(axis, num, ctx), ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return ArrayKernels.split(in[0], axis, sizes(in[1], num));
    }
  }

  /** Stacks same-shaped inputs along a new axis (tf.stack). */
  @TakesDTypes(anyDType = true, name = "values")
  public record Pack(int axis) implements OpType, StaticValues.KnownValue {
    @Override
    public int[] knownVector(Operation op) {
      return ArrayKnownValues.pack(op);
    }

    @Override
    public String typeName() {
      return "Pack";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.pack(axis, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.pack(axis, in));
    }
  }

  /** Splits an axis of size {@code num} into {@code num} outputs without it (tf.unstack). */
  @TakesDTypes(anyDType = true, name = "value")
  public record Unpack(int axis, int num) implements OpType {
    @Override
    public String typeName() {
      return "Unpack";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.unpack(axis, num, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return ArrayKernels.unpack(in[0], axis, num);
    }
  }

  /** Permutes dimensions: output dim j is input dim perm[j]; a null perm reverses them. */
  @TakesDTypes(anyDType = true, name = "x")
  public record Transpose(@Nullable ImmutableIntArray perm) implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "Transpose";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.transpose(perm == null ? null : perm.toArray(), ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.transpose(in[0], perm == null ? null : perm.toArray()));
    }

    @Override
    public String describeAttributes() {
      return "perm=" + (perm == null ? "reversed" : perm);
    }
  }

  /** Reshapes input 0 to the shape in input 1 (INT32 or INT64 vector, at most one -1 to infer). */
  @TakesDTypes(anyDType = true, name = "tensor")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "shape")
  public record Reshape() implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "Reshape";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.reshape(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.reshape(in[0], in[1]));
    }
  }

  /** Inserts a dimension of size 1 at an axis in [-(rank+1), rank]. */
  @TakesDTypes(anyDType = true, name = "input")
  public record ExpandDims(int axis) implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "ExpandDims";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.expandDims(axis, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.expandDims(in[0], axis));
    }
  }

  /** Removes size-1 dimensions: the given axes, or all of them if axes is empty. */
  @TakesDTypes(anyDType = true, name = "input")
  public record Squeeze(ImmutableIntArray axes) implements OpType {
    @Override
    public boolean forwardsInput0() {
      return true;
    }

    @Override
    public String typeName() {
      return "Squeeze";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.squeeze(axes.toArray(), ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.squeeze(in[0], axes.toArray()));
    }
  }

  /** Joins values along an axis; their ranks must match, other dims too. */
  public static Output concat(Graph g, List<Output> values, int axis, String name) {
    return g.addOp(new Concat(axis), nameOr(name, "concat"), values).output(0);
  }

  /** Splits x along an axis into num equal parts. */
  public static List<Output> split(Graph g, Output x, int num, int axis, String name) {
    return g.addOp(new Split(axis, num), nameOr(name, "split"), List.of(x)).outputs();
  }

  /** Splits x along an axis into parts of the given sizes (at most one -1: the rest). */
  public static List<Output> split(Graph g, Output x, int[] sizes, int axis, String name) {
    String n = nameOr(name, "split");
    return split(g, x, ints(g, n, "size_splits", sizes), axis, n);
  }

  /** Splits x by an INT32 or INT64 vector of sizes whose length is known statically. */
  public static List<Output> split(Graph g, Output x, Output sizes, int axis, String name) {
    Shape s = sizes.shape();
    check(s.hasKnownRank() && s.rank() == 1 && s.dim(0) >= 0, nameOr(name, "split"), "SplitV",
        List.of(x, sizes), "split sizes " + sizes.name() + " must be a vector of static length "
            + "(it fixes the number of outputs), got shape " + s);
    return g.addOp(new SplitV(axis, s.dim(0)), nameOr(name, "split"), List.of(x, sizes))
        .outputs();
  }

  /** Stacks same-shaped values along a new axis. */
  public static Output stack(Graph g, List<Output> values, int axis, String name) {
    return g.addOp(new Pack(axis), nameOr(name, "stack"), values).output(0);
  }

  /** Unstacks x along an axis whose size is known statically. */
  public static List<Output> unstack(Graph g, Output x, int axis, String name) {
    Shape s = x.shape();
    int num = -1;
    if (s.hasKnownRank() && axis >= -s.rank() && axis < s.rank()) {
      num = s.dim(axis);
    }
    check(num >= 0, nameOr(name, "unstack"), "Unpack", List.of(x), "cannot infer the number of "
        + "values to unstack from " + x.name() + " of shape " + s + " along axis " + axis
        + "; pass num");
    return unstack(g, x, axis, num, name);
  }

  public static List<Output> unstack(Graph g, Output x, int axis, int num, String name) {
    return g.addOp(new Unpack(axis, num), nameOr(name, "unstack"), List.of(x)).outputs();
  }

  /** Permutes x's dims: output dim j is input dim perm[j]; a null perm reverses them. */
  public static Output transpose(Graph g, Output x, int[] perm, String name) {
    int[] p = perm;
    if (p == null && x.shape().hasKnownRank()) {
      int r = x.shape().rank();
      p = new int[r];
      for (int i = 0; i < r; i++) {
        p[i] = r - 1 - i;
      }
    }
    return add(g, new Transpose(p == null ? null : ImmutableIntArray.copyOf(p)), name,
        "transpose", x);
  }

  /** Reshapes x; at most one entry of shape may be -1 (inferred). */
  public static Output reshape(Graph g, Output x, int[] shape, String name) {
    String n = nameOr(name, "Reshape");
    return add(g, new Reshape(), n, n, x, ints(g, n, "shape", shape));
  }

  /** Reshapes x to an INT32 or INT64 vector computed at run time (e.g. {@code shape(y)}). */
  public static Output reshape(Graph g, Output x, Output shape, String name) {
    return add(g, new Reshape(), name, "Reshape", x, shape);
  }

  public static Output expandDims(Graph g, Output x, int axis, String name) {
    return add(g, new ExpandDims(axis), name, "ExpandDims", x);
  }

  /** Removes the given size-1 axes, or all size-1 dims if axes is empty. */
  public static Output squeeze(Graph g, Output x, int[] axes, String name) {
    return add(g, new Squeeze(ImmutableIntArray.copyOf(axes)), name, "Squeeze", x);
  }

  /** x's run-time shape, an INT32 vector ({@link ShapeOps#shape} for int64). */
  public static Output shape(Graph g, Output x, String name) {
    return ShapeOps.shape(g, x, DType.INT32, name);
  }

  /** x's number of elements, an INT32 scalar. */
  public static Output size(Graph g, Output x, String name) {
    return ShapeOps.size(g, x, DType.INT32, name);
  }

  /** x's rank, an INT32 scalar. */
  public static Output rank(Graph g, Output x, String name) {
    return ShapeOps.rank(g, x, DType.INT32, name);
  }
}
