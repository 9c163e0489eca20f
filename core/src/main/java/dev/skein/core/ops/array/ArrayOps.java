package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The array family: ops that move, pick or make values without arithmetic (concat, split,
 * reshape, slices, gather, fill, shape...), with TensorFlow 1.x semantics.
 *
 * <p>Shape-like arguments (reshape's shape, slice's begin and size, fill's dims, tile's
 * multiples, paddings, split sizes) are INT32 tensor inputs, so gradients can compute them at
 * run time ({@code reshape(dy, shape(x))}); the builders also take Java arrays, made into
 * constants. Shape rules see through constants and {@code Shape} ops (StaticValues), so
 * {@code reshape(dy, shape(x))} keeps x's static shape. Longer shape rules live in ArrayShapes
 * and IndexShapes, kernels in ArrayKernels and IndexKernels.
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(Concat.class, Split.class,
      SplitV.class, Pack.class, Unpack.class, Transpose.class, Reshape.class, ExpandDims.class,
      Squeeze.class, Slice.class, StridedSlice.class, StridedSliceGrad.class, Gather.class,
      ScatterNd.class, OneHot.class, Fill.class, FillLike.class, ShapeOf.class, Range.class,
      Tile.class, Pad.class, SequenceMask.class, ReverseSequence.class, Reverse.class);

  // ---- op types --------------------------------------------------------------------------

  /** Joins its inputs (same rank and dtype) along an axis. */
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
   * Splits input 0 along an axis into {@code num} parts sized by input 1 (INT32 vector; one -1
   * takes the rest).
   */
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
  public record Transpose(ImmutableIntArray perm) implements OpType.FreshReader {
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

  /** Reshapes input 0 to the shape in input 1 (INT32 vector, at most one -1 to infer). */
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

  /**
   * Takes the block of input 0 at begin (input 1) of size (input 2; -1: to the end), both INT32
   * vectors.
   */
  public record Slice() implements OpType.FreshReader {
    @Override
    public String typeName() {
      return "Slice";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.slice(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.slice(in[0], in[1], in[2]));
    }
  }

  /**
   * NumPy-style slicing {@code x[b:e:s, ...]} with TensorFlow's masks: bit i of beginMask
   * (endMask) ignores begin[i] (end[i]); ellipsisMask marks the "..." entry; newAxisMask inserts
   * a size-1 dimension; shrinkAxisMask takes the single index begin[i] and drops the dimension.
   * {@link SliceIndex} builds these from Python-like indices.
   */
  public record StridedSlice(ImmutableIntArray begin, ImmutableIntArray end,
      ImmutableIntArray strides, int beginMask, int endMask, int ellipsisMask, int newAxisMask,
      int shrinkAxisMask)
      implements OpType, StaticValues.KnownValue {
    @Override
    public int[] knownVector(Operation op) {
      return ArrayKnownValues.stridedSlice(this, op);
    }

    @Override
    public int knownScalar(Operation op) {
      return ArrayKnownValues.stridedSliceScalar(this, op);
    }

    @Override
    public String typeName() {
      return "StridedSlice";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.stridedSlice(this, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.stridedSlice(this, in[0]));
    }
  }

  /**
   * The gradient of a StridedSlice: zeros of the shape in input 0 (INT32 vector) with input 1
   * (the sliced gradient) written where the slice took its values.
   */
  public record StridedSliceGrad(StridedSlice slice) implements OpType {
    @Override
    public String typeName() {
      return "StridedSliceGrad";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.stridedSliceGrad(slice, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.stridedSliceGrad(slice, in[0], in[1]));
    }
  }

  /** Picks slices of params (input 0) along an axis at INT32 indices (input 1) of any rank. */
  public record Gather(int axis) implements OpType {
    @Override
    public String typeName() {
      return "GatherV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.gather(axis, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.gather(axis, in[0], in[1]));
    }
  }

  /**
   * Zeros of the shape in input 2 with the updates (input 1) added at the INT32 index tuples of
   * input 0 (its last axis indexes the leading output dims); duplicate indices sum up.
   */
  public record ScatterNd() implements OpType {
    @Override
    public String typeName() {
      return "ScatterNd";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.scatterNd(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.scatterNd(in[0], in[1], in[2]));
    }
  }

  /**
   * One-hot vectors of length depth inserted at an axis (-1: last) of the INT32 indices; indices
   * outside [0, depth) give all-off vectors.
   */
  public record OneHot(int depth, double onValue, double offValue, int axis, DType dtype)
      implements OpType {
    @Override
    public String typeName() {
      return "OneHot";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.oneHot(this, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.oneHot(this, in[0]));
    }
  }

  /** A tensor of the shape in input 0 (INT32 vector) filled with the scalar input 1. */
  public record Fill() implements OpType {
    @Override
    public String typeName() {
      return "Fill";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.fill(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.fill(in[0], in[1]));
    }
  }

  /** start, start + delta, ... up to (not including) limit; INT32, FLOAT32 or FLOAT64 scalars. */
  public record Range() implements OpType {
    @Override
    public String typeName() {
      return "Range";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.range(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.range(in[0], in[1], in[2]));
    }
  }

  /** Repeats input 0 multiples[i] times along each dim i (multiples: INT32 vector input 1). */
  public record Tile() implements OpType {
    @Override
    public String typeName() {
      return "Tile";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.tile(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.tile(in[0], in[1]));
    }
  }

  /**
   * Pads input 0 with a constant; input 1 (INT32, shape [rank, 2]) gives the sizes before and
   * after each dimension.
   */
  public record Pad(double constant) implements OpType {
    @Override
    public String typeName() {
      return "PadV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.pad(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.pad(in[0], in[1], constant));
    }
  }

  /**
   * mask[i..., j] = j < lengths[i...] for j < maxlen; input 0 the INT32 lengths, optional input
   * 1 the INT32 scalar maxlen (default: the largest length); true/false, or 1/0 in dtype.
   */
  public record SequenceMask(DType dtype) implements OpType {
    @Override
    public String typeName() {
      return "SequenceMask";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.sequenceMask(dtype, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.sequenceMask(dtype, in[0], in.length > 1 ? in[1] : null));
    }
  }

  /**
   * Reverses, for each batch entry b, the first seqLengths[b] elements along seqAxis (input 1:
   * INT32 lengths, one per entry of batchAxis).
   */
  public record ReverseSequence(int seqAxis, int batchAxis) implements OpType {
    @Override
    public String typeName() {
      return "ReverseSequence";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return IndexShapes.reverseSequence(seqAxis, batchAxis, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.reverseSequence(seqAxis, batchAxis, in[0], in[1]));
    }
  }

  /** Reverses the order of elements along the given axes. */
  public record Reverse(ImmutableIntArray axes) implements OpType {
    @Override
    public String typeName() {
      return "ReverseV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return ArrayShapes.reverse(axes.toArray(), ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(ArrayKernels.reverse(in[0], axes.toArray()));
    }
  }

  /** Zeros or ones of the run-time shape and the dtype of the input. */
  public enum FillLike implements OpType {
    ZEROS_LIKE("ZerosLike", 0), ONES_LIKE("OnesLike", 1);

    @Override
    public boolean readsInputsOnly() {
      return true;
    }

    private final String typeName;
    private final double value;

    FillLike(String typeName, double value) {
      this.typeName = typeName;
      this.value = value;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      Tensor x = in[0];
      return one(Tensor.wrap(x.dtype(), x.shape(), ArrayKernels.filled(x.dtype(), x.size(),
          value)));
    }
  }

  /** The run-time shape (INT32 vector), size or rank (INT32 scalars) of the input. */
  public enum ShapeOf implements OpType, StaticValues.KnownValue {
    SHAPE("Shape"), SIZE("Size"), RANK("Rank");

    @Override
    public int[] knownVector(Operation op) {
      return this == SHAPE ? ArrayKnownValues.shapeOf(op) : null;
    }

    @Override
    public int knownScalar(Operation op) {
      return ArrayKnownValues.sizeOrRank(this, op);
    }

    @Override
    public boolean readsInputsOnly() {
      return true;
    }

    private final String typeName;

    ShapeOf(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      int r = ctx.shape(0).rank();
      return ArrayShapes.one(DType.INT32, this == SHAPE ? Shape.of(r) : Shape.scalar());
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      Shape s = in[0].shape();
      return one(switch (this) {
        case SHAPE -> Tensor.create(Shape.of(s.rank()), s.dims());
        case SIZE -> Tensor.scalar(s.numElements());
        case RANK -> Tensor.scalar(s.rank());
      });
    }
  }

  private static Tensor[] one(Tensor t) {
    return new Tensor[] {t};
  }

  private static int[] equalParts(Tensor x, int axis, int num) {
    int a = ArrayShapes.axis(axis, x.rank(), "split axis");
    int d = x.shape().dim(a);
    checkArgument(d % num == 0, "cannot split dimension %s of size %s (shape %s) into %s equal "
        + "parts", a, d, x.shape(), num);
    int[] sizes = new int[num];
    Arrays.fill(sizes, d / num);
    return sizes;
  }

  private static int[] sizes(Tensor sizes, int num) {
    checkArgument(sizes.size() == num, "%s split sizes given for %s outputs", sizes.size(), num);
    return sizes.ints();
  }

  // ---- builders ----------------------------------------------------------------------------

  private static Output add(Graph g, OpType type, String name, String defaultName,
      Output... inputs) {
    return g.addOp(type, name == null ? defaultName : name, List.of(inputs)).output(0);
  }

  /** An INT32 constant argument named like TensorFlow's, e.g. {@code Reshape/shape}. */
  private static Output ints(Graph g, String opName, String arg, int[] values) {
    return Const.create(g, Tensor.create(Shape.of(values.length), values),
        opName + "/" + arg);
  }

  private static Output scalar(Graph g, DType dtype, double v, String name) {
    return Const.create(g, Tensor.wrap(dtype, Shape.scalar(), ArrayKernels.filled(dtype, 1,
        v)), name);
  }

  static String nameOr(String name, String defaultName) {
    return name == null ? defaultName : name;
  }

  /**
   * Fails a builder before its op exists, in the same form as a shape-rule failure: the op's
   * would-be name and type, its inputs, and the user's line.
   */
  static void check(boolean ok, String opName, String typeName, List<Output> inputs,
      String detail) {
    OpException.check(ok, opName, typeName, inputs, detail);
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

  /** Splits x by an INT32 vector of sizes whose length is known statically. */
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

  /** Reshapes x to an INT32 vector computed at run time (e.g. {@code shape(y)}). */
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

  /** The block of x at begin of the given size (-1: to the end of that dim). */
  public static Output slice(Graph g, Output x, int[] begin, int[] size, String name) {
    String n = nameOr(name, "Slice");
    return add(g, new Slice(), n, n, x, ints(g, n, "begin", begin), ints(g, n, "size", size));
  }

  public static Output slice(Graph g, Output x, Output begin, Output size, String name) {
    return add(g, new Slice(), name, "Slice", x, begin, size);
  }

  /** TensorFlow's strided_slice; a null strides means all 1. See {@link StridedSlice}. */
  public static Output stridedSlice(Graph g, Output x, int[] begin, int[] end, int[] strides,
      int beginMask, int endMask, int ellipsisMask, int newAxisMask, int shrinkAxisMask,
      String name) {
    int[] st = strides;
    if (st == null) {
      st = new int[begin.length];
      Arrays.fill(st, 1);
    }
    return stridedSlice(g, x, new StridedSlice(ImmutableIntArray.copyOf(begin),
        ImmutableIntArray.copyOf(end), ImmutableIntArray.copyOf(st), beginMask, endMask,
        ellipsisMask, newAxisMask, shrinkAxisMask), name);
  }

  /** x[index...] with Python-like indices: {@code stridedSlice(g, x, all(), at(-1), all())}. */
  public static Output stridedSlice(Graph g, Output x, List<SliceIndex> index, String name) {
    return stridedSlice(g, x, SliceIndex.toSpec(index), name);
  }

  public static Output stridedSlice(Graph g, Output x, StridedSlice spec, String name) {
    return add(g, spec, name, "strided_slice", x);
  }

  /** The gradient of a strided slice of a tensor with the given shape (INT32 vector). */
  public static Output stridedSliceGrad(Graph g, Output shape, Output dy, StridedSlice spec,
      String name) {
    return add(g, new StridedSliceGrad(spec), name, "StridedSliceGrad", shape, dy);
  }

  /** Slices of params along an axis at INT32 indices of any rank. */
  public static Output gather(Graph g, Output params, Output indices, int axis, String name) {
    return add(g, new Gather(axis), name, "GatherV2", params, indices);
  }

  /** Zeros of the given shape (INT32 vector) with updates summed in at index tuples. */
  public static Output scatterNd(Graph g, Output indices, Output updates, Output shape,
      String name) {
    return add(g, new ScatterNd(), name, "ScatterNd", indices, updates, shape);
  }

  public static Output scatterNd(Graph g, Output indices, Output updates, int[] shape,
      String name) {
    String n = nameOr(name, "ScatterNd");
    return add(g, new ScatterNd(), n, n, indices, updates, ints(g, n, "shape", shape));
  }

  /** One-hot vectors of the given depth at axis (-1: last) of INT32 indices. */
  public static Output oneHot(Graph g, Output indices, int depth, double onValue,
      double offValue, int axis, DType dtype, String name) {
    return add(g, new OneHot(depth, onValue, offValue, axis, dtype), name, "one_hot", indices);
  }

  /** A tensor of shape dims (INT32 vector) filled with a scalar value. */
  public static Output fill(Graph g, Output dims, Output value, String name) {
    return add(g, new Fill(), name, "Fill", dims, value);
  }

  /** A tensor of a fully defined static shape filled with v (of the given dtype). */
  public static Output fill(Graph g, Shape shape, double v, DType dtype, String name) {
    String n = nameOr(name, "Fill");
    check(shape.isFullyDefined(), n, "Fill", List.of(), "a static shape must be fully defined, "
        + "got " + shape + "; pass a shape tensor (e.g. shape(x)) for dims known only at run time");
    return fill(g, ints(g, n, "shape", shape.dims()), scalar(g, dtype, v, n + "/value"), n);
  }

  /** Fills a shape given as an INT32 vector tensor with v (of the given dtype). */
  public static Output fill(Graph g, Output shape, double v, DType dtype, String name) {
    String n = nameOr(name, "Fill");
    return fill(g, shape, scalar(g, dtype, v, n + "/value"), n);
  }

  public static Output zeros(Graph g, Shape shape, DType dtype, String name) {
    return fill(g, shape, 0, dtype, nameOr(name, "zeros"));
  }

  public static Output zeros(Graph g, Output shape, DType dtype, String name) {
    return fill(g, shape, 0, dtype, nameOr(name, "zeros"));
  }

  public static Output ones(Graph g, Shape shape, DType dtype, String name) {
    return fill(g, shape, 1, dtype, nameOr(name, "ones"));
  }

  public static Output ones(Graph g, Output shape, DType dtype, String name) {
    return fill(g, shape, 1, dtype, nameOr(name, "ones"));
  }

  /** Zeros with x's run-time shape and dtype. */
  public static Output zerosLike(Graph g, Output x, String name) {
    return add(g, FillLike.ZEROS_LIKE, name, "zeros_like", x);
  }

  public static Output onesLike(Graph g, Output x, String name) {
    return add(g, FillLike.ONES_LIKE, name, "ones_like", x);
  }

  /** x's run-time shape, an INT32 vector. */
  public static Output shape(Graph g, Output x, String name) {
    return add(g, ShapeOf.SHAPE, name, "Shape", x);
  }

  /** x's number of elements, an INT32 scalar. */
  public static Output size(Graph g, Output x, String name) {
    return add(g, ShapeOf.SIZE, name, "Size", x);
  }

  /** x's rank, an INT32 scalar. */
  public static Output rank(Graph g, Output x, String name) {
    return add(g, ShapeOf.RANK, name, "Rank", x);
  }

  /** start, start + delta, ... below limit (above it for a negative delta); scalars. */
  public static Output range(Graph g, Output start, Output limit, Output delta, String name) {
    return add(g, new Range(), name, "range", start, limit, delta);
  }

  /** A range of numbers of the given dtype (INT32, FLOAT32 or FLOAT64). */
  public static Output range(Graph g, double start, double limit, double delta, DType dtype,
      String name) {
    String n = nameOr(name, "range");
    return range(g, scalar(g, dtype, start, n + "/start"), scalar(g, dtype, limit, n + "/limit"),
        scalar(g, dtype, delta, n + "/delta"), n);
  }

  /** Repeats x multiples[i] times along each dim i. */
  public static Output tile(Graph g, Output x, int[] multiples, String name) {
    String n = nameOr(name, "Tile");
    return add(g, new Tile(), n, n, x, ints(g, n, "multiples", multiples));
  }

  public static Output tile(Graph g, Output x, Output multiples, String name) {
    return add(g, new Tile(), name, "Tile", x, multiples);
  }

  /** Pads x with a constant: paddings[i] = {before, after} for dim i. */
  public static Output pad(Graph g, Output x, int[][] paddings, double constant, String name) {
    String n = nameOr(name, "Pad");
    int[] flat = new int[paddings.length * 2];
    for (int i = 0; i < paddings.length; i++) {
      check(paddings[i].length == 2, n, "PadV2", List.of(x), "paddings[" + i + "] must be "
          + "{before, after}, got " + Arrays.toString(paddings[i]));
      flat[2 * i] = paddings[i][0];
      flat[2 * i + 1] = paddings[i][1];
    }
    Output p = Const.create(g, Tensor.create(Shape.of(paddings.length, 2), flat),
        n + "/paddings");
    return pad(g, x, p, constant, n);
  }

  /** Pads x with a constant; paddings is an INT32 tensor of shape [rank, 2]. */
  public static Output pad(Graph g, Output x, Output paddings, double constant, String name) {
    return add(g, new Pad(constant), name, "Pad", x, paddings);
  }

  /**
   * mask[i..., j] = j < lengths[i...]; maxlen (an INT32 scalar) may be null: then the largest
   * length. BOOL, or 1/0 in another dtype.
   */
  public static Output sequenceMask(Graph g, Output lengths, Output maxlen, DType dtype,
      String name) {
    return maxlen == null ? add(g, new SequenceMask(dtype), name, "SequenceMask", lengths)
        : add(g, new SequenceMask(dtype), name, "SequenceMask", lengths, maxlen);
  }

  public static Output sequenceMask(Graph g, Output lengths, int maxlen, DType dtype,
      String name) {
    String n = nameOr(name, "SequenceMask");
    return sequenceMask(g, lengths, Const.create(g, Tensor.scalar(maxlen), n + "/maxlen"),
        dtype, n);
  }

  /** Reverses the first seqLengths[b] entries along seqAxis for each b along batchAxis. */
  public static Output reverseSequence(Graph g, Output x, Output seqLengths, int seqAxis,
      int batchAxis, String name) {
    return add(g, new ReverseSequence(seqAxis, batchAxis), name, "ReverseSequence", x,
        seqLengths);
  }

  /** Reverses x along the given axes. */
  public static Output reverse(Graph g, Output x, int[] axes, String name) {
    return add(g, new Reverse(ImmutableIntArray.copyOf(axes)), name, "ReverseV2", x);
  }
}
