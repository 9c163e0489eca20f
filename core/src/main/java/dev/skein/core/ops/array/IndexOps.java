package dev.skein.core.ops.array;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static dev.skein.core.ops.array.ArraySupport.add;
import static dev.skein.core.ops.array.ArraySupport.ints;
import static dev.skein.core.ops.array.ArraySupport.nameOr;
import static dev.skein.core.ops.array.ArraySupport.one;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The array family's indexing ops: slices (Slice, StridedSlice and its gradient), Gather,
 * ScatterNd, OneHot, SequenceMask, ReverseSequence and Reverse, with their builders. Shape rules
 * live in IndexShapes, kernels in IndexKernels.
 */
public final class IndexOps {
  private IndexOps() {}



  /**
   * Takes the block of input 0 at begin (input 1) of size (input 2; -1: to the end), both INT32
   * vectors.
   */
  @TakesDTypes(anyDType = true, name = "input")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "begin")
  @TakesDTypes(value = {INT32, INT64}, input = 2, name = "size")
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
      return one(SliceKernels.slice(in[0], in[1], in[2]));
    }
  }

  /**
   * NumPy-style slicing {@code x[b:e:s, ...]} with TensorFlow's masks: bit i of beginMask
   * (endMask) ignores begin[i] (end[i]); ellipsisMask marks the "..." entry; newAxisMask inserts
   * a size-1 dimension; shrinkAxisMask takes the single index begin[i] and drops the dimension.
   * {@link SliceIndex} builds these from Python-like indices.
   */
  @TakesDTypes(anyDType = true, name = "input")
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
      return one(SliceKernels.stridedSlice(this, in[0]));
    }
  }

  /**
   * The gradient of a StridedSlice: zeros of the shape in input 0 (INT32 or INT64 vector) with
   * input 1 (the sliced gradient) written where the slice took its values.
   */
  @TakesDTypes(value = {INT32, INT64}, name = "shape")
  @TakesDTypes(anyDType = true, input = 1, name = "dy")
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
      return one(SliceKernels.stridedSliceGrad(slice, in[0], in[1]));
    }
  }

  /** Picks slices of params (input 0) along an axis at INT32 indices (input 1) of any rank. */
  @TakesDTypes(anyDType = true, name = "params")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "indices")
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
  @TakesDTypes(value = {INT32, INT64}, name = "indices")
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32, INT64}, input = 1, name = "updates")
  @TakesDTypes(value = {INT32, INT64}, input = 2, name = "shape")
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
   * One-hot vectors of length depth inserted at an axis (-1: last) of the INT32 or INT64
   * indices; indices outside [0, depth) give all-off vectors. The on and off values are held as
   * a {@code Long} for an int32 or int64 dtype (exact, even beyond 2^53) and as a {@code Double}
   * otherwise; an integer dtype needs whole values in its range.
   */
  @TakesDTypes(value = {INT32, INT64}, name = "indices")
  @MakesDTypes(anyDType = true)
  public record OneHot(int depth, Number onValue, Number offValue, int axis, DType dtype)
      implements OpType {
    public OneHot {
      onValue = IndexShapes.oneHotValue(onValue, dtype);
      offValue = IndexShapes.oneHotValue(offValue, dtype);
    }

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

  /**
   * mask[i..., j] = j &lt; lengths[i...] for j &lt; maxlen; input 0 the INT32 or INT64 lengths,
   * optional input 1 the INT32 or INT64 scalar maxlen (default: the largest length); true/false, or
   * 1/0 in dtype.
   */
  @TakesDTypes(value = {INT32, INT64}, name = "lengths")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "maxlen")
  @MakesDTypes(anyDType = true)
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
  @TakesDTypes(anyDType = true, name = "input")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "seq_lengths")
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
  @TakesDTypes(anyDType = true, name = "tensor")
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
      return one(SliceKernels.reverse(in[0], axes.toArray()));
    }
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

  /** The gradient of a strided slice of a tensor with the given shape (INT32 or INT64 vector). */
  public static Output stridedSliceGrad(Graph g, Output shape, Output dy, StridedSlice spec,
      String name) {
    return add(g, new StridedSliceGrad(spec), name, "StridedSliceGrad", shape, dy);
  }

  /** Slices of params along an axis at INT32 indices of any rank. */
  public static Output gather(Graph g, Output params, Output indices, int axis, String name) {
    return add(g, new Gather(axis), name, "GatherV2", params, indices);
  }

  /** Zeros of the given shape (INT32 or INT64 vector) with updates summed in at index tuples. */
  public static Output scatterNd(Graph g, Output indices, Output updates, Output shape,
      String name) {
    return add(g, new ScatterNd(), name, "ScatterNd", indices, updates, shape);
  }

  public static Output scatterNd(Graph g, Output indices, Output updates, int[] shape,
      String name) {
    String n = nameOr(name, "ScatterNd");
    return add(g, new ScatterNd(), n, n, indices, updates, ints(g, n, "shape", shape));
  }

  /** One-hot vectors of the given depth at axis (-1: last) of INT32 or INT64 indices. */
  public static Output oneHot(Graph g, Output indices, int depth, double onValue,
      double offValue, int axis, DType dtype, String name) {
    return add(g, new OneHot(depth, onValue, offValue, axis, dtype), name, "one_hot", indices);
  }

  /** One-hot vectors with whole on and off values, exact in an int64 dtype. */
  public static Output oneHot(Graph g, Output indices, int depth, long onValue, long offValue,
      int axis, DType dtype, String name) {
    return add(g, new OneHot(depth, onValue, offValue, axis, dtype), name, "one_hot", indices);
  }

  /**
   * mask[i..., j] = j &lt; lengths[i...]; maxlen (an INT32 or INT64 scalar) may be null: then the
   * largest length. BOOL, or 1/0 in another dtype.
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
