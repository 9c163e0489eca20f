package dev.skein.core.ops.array;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.util.List;

/**
 * The array family's part of the {@code Ops} facade: each method delegates to ArrayOps. Shape
 * arguments come as Java arrays (made into constants) or as INT32 tensors computed at run time.
 */
public interface ArrayApi {
  Graph graph();

  default Output concat(List<Output> values, int axis) {
    return ArrayOps.concat(graph(), values, axis, null);
  }

  /** Splits x along an axis into num equal parts. */
  default List<Output> split(Output x, int num, int axis) {
    return ArrayOps.split(graph(), x, num, axis, null);
  }

  /** Splits x along an axis into parts of the given sizes (at most one -1: the rest). */
  default List<Output> split(Output x, int[] sizes, int axis) {
    return ArrayOps.split(graph(), x, sizes, axis, null);
  }

  /** Splits x by an INT32 or INT64 vector of sizes of static length. */
  default List<Output> split(Output x, Output sizes, int axis) {
    return ArrayOps.split(graph(), x, sizes, axis, null);
  }

  default Output stack(List<Output> values) {
    return ArrayOps.stack(graph(), values, 0, null);
  }

  default Output stack(List<Output> values, int axis) {
    return ArrayOps.stack(graph(), values, axis, null);
  }

  default List<Output> unstack(Output x) {
    return ArrayOps.unstack(graph(), x, 0, null);
  }

  default List<Output> unstack(Output x, int axis) {
    return ArrayOps.unstack(graph(), x, axis, null);
  }

  default List<Output> unstack(Output x, int axis, int num) {
    return ArrayOps.unstack(graph(), x, axis, num, null);
  }

  /** Reverses the order of the dimensions. */
  default Output transpose(Output x) {
    return ArrayOps.transpose(graph(), x, null, null);
  }

  default Output transpose(Output x, int[] perm) {
    return ArrayOps.transpose(graph(), x, perm, null);
  }

  default Output reshape(Output x, int[] shape) {
    return ArrayOps.reshape(graph(), x, shape, null);
  }

  default Output reshape(Output x, Output shape) {
    return ArrayOps.reshape(graph(), x, shape, null);
  }

  default Output expandDims(Output x, int axis) {
    return ArrayOps.expandDims(graph(), x, axis, null);
  }

  /** Removes all size-1 dimensions. */
  default Output squeeze(Output x) {
    return ArrayOps.squeeze(graph(), x, new int[0], null);
  }

  default Output squeeze(Output x, int[] axes) {
    return ArrayOps.squeeze(graph(), x, axes, null);
  }

  default Output slice(Output x, int[] begin, int[] size) {
    return IndexOps.slice(graph(), x, begin, size, null);
  }

  default Output slice(Output x, Output begin, Output size) {
    return IndexOps.slice(graph(), x, begin, size, null);
  }

  /** x[index...]: {@code stridedSlice(x, all(), at(-1), all())} is {@code x[:, -1, :]}. */
  default Output stridedSlice(Output x, SliceIndex... index) {
    return IndexOps.stridedSlice(graph(), x, List.of(index), null);
  }

  default Output stridedSlice(Output x, int[] begin, int[] end, int[] strides) {
    return IndexOps.stridedSlice(graph(), x, begin, end, strides, 0, 0, 0, 0, 0, null);
  }

  default Output stridedSlice(Output x, int[] begin, int[] end, int[] strides, int beginMask,
      int endMask, int ellipsisMask, int newAxisMask, int shrinkAxisMask) {
    return IndexOps.stridedSlice(graph(), x, begin, end, strides, beginMask, endMask,
        ellipsisMask, newAxisMask, shrinkAxisMask, null);
  }

  default Output stridedSliceGrad(Output shape, Output dy, IndexOps.StridedSlice spec) {
    return IndexOps.stridedSliceGrad(graph(), shape, dy, spec, null);
  }

  default Output gather(Output params, Output indices) {
    return IndexOps.gather(graph(), params, indices, 0, null);
  }

  default Output gather(Output params, Output indices, int axis) {
    return IndexOps.gather(graph(), params, indices, axis, null);
  }

  default Output scatterNd(Output indices, Output updates, Output shape) {
    return IndexOps.scatterNd(graph(), indices, updates, shape, null);
  }

  default Output scatterNd(Output indices, Output updates, int[] shape) {
    return IndexOps.scatterNd(graph(), indices, updates, shape, null);
  }

  /** FLOAT32 one-hot vectors (1 and 0) along a new last axis. */
  default Output oneHot(Output indices, int depth) {
    return IndexOps.oneHot(graph(), indices, depth, 1, 0, -1, DType.FLOAT32, null);
  }

  default Output oneHot(Output indices, int depth, double onValue, double offValue) {
    return IndexOps.oneHot(graph(), indices, depth, onValue, offValue, -1, DType.FLOAT32, null);
  }

  default Output oneHot(Output indices, int depth, double onValue, double offValue, int axis) {
    return IndexOps.oneHot(graph(), indices, depth, onValue, offValue, axis, DType.FLOAT32,
        null);
  }

  default Output oneHot(Output indices, int depth, double onValue, double offValue, int axis,
      DType dtype) {
    return IndexOps.oneHot(graph(), indices, depth, onValue, offValue, axis, dtype, null);
  }

  /** Whole on and off values, exact in an INT64 dtype (even beyond 2^53). */
  default Output oneHot(Output indices, int depth, long onValue, long offValue, int axis,
      DType dtype) {
    return IndexOps.oneHot(graph(), indices, depth, onValue, offValue, axis, dtype, null);
  }

  default Output fill(Output dims, Output value) {
    return FillOps.fill(graph(), dims, value, null);
  }

  default Output zeros(Shape shape) {
    return FillOps.zeros(graph(), shape, DType.FLOAT32, null);
  }

  default Output zeros(Shape shape, DType dtype) {
    return FillOps.zeros(graph(), shape, dtype, null);
  }

  /** Zeros of a shape known at run time (an INT32 or INT64 vector such as {@code shape(x)}). */
  default Output zeros(Output shape, DType dtype) {
    return FillOps.zeros(graph(), shape, dtype, null);
  }

  default Output ones(Shape shape) {
    return FillOps.ones(graph(), shape, DType.FLOAT32, null);
  }

  default Output ones(Shape shape, DType dtype) {
    return FillOps.ones(graph(), shape, dtype, null);
  }

  default Output ones(Output shape, DType dtype) {
    return FillOps.ones(graph(), shape, dtype, null);
  }

  default Output zerosLike(Output x) {
    return FillOps.zerosLike(graph(), x, null);
  }

  default Output onesLike(Output x) {
    return FillOps.onesLike(graph(), x, null);
  }

  /** x's run-time shape, an int32 vector. */
  default Output shape(Output x) {
    return ArrayOps.shape(graph(), x, null);
  }

  /** x's run-time shape as an outType: int32 or int64 ({@code tf.shape(x, out_type=...)}). */
  default Output shape(Output x, DType outType) {
    return ShapeOps.shape(graph(), x, outType, null);
  }

  default Output size(Output x) {
    return ArrayOps.size(graph(), x, null);
  }

  /** x's number of elements as an outType: int32 or int64. */
  default Output size(Output x, DType outType) {
    return ShapeOps.size(graph(), x, outType, null);
  }

  default Output rank(Output x) {
    return ArrayOps.rank(graph(), x, null);
  }

  /** x's rank as an outType: int32 or int64 (TF1's tf.rank is always int32). */
  default Output rank(Output x, DType outType) {
    return ShapeOps.rank(graph(), x, outType, null);
  }

  /** 0, 1, ..., limit - 1 (INT32). */
  default Output range(int limit) {
    return FillOps.range(graph(), 0, limit, 1, DType.INT32, null);
  }

  default Output range(int start, int limit, int delta) {
    return FillOps.range(graph(), start, limit, delta, DType.INT32, null);
  }

  default Output range(double start, double limit, double delta, DType dtype) {
    return FillOps.range(graph(), start, limit, delta, dtype, null);
  }

  default Output range(Output start, Output limit, Output delta) {
    return FillOps.range(graph(), start, limit, delta, null);
  }

  default Output tile(Output x, int[] multiples) {
    return FillOps.tile(graph(), x, multiples, null);
  }

  default Output tile(Output x, Output multiples) {
    return FillOps.tile(graph(), x, multiples, null);
  }

  /** Pads with zeros: paddings[i] = {before, after} for dim i. */
  default Output pad(Output x, int[][] paddings) {
    return FillOps.pad(graph(), x, paddings, 0, null);
  }

  default Output pad(Output x, int[][] paddings, double constant) {
    return FillOps.pad(graph(), x, paddings, constant, null);
  }

  default Output pad(Output x, Output paddings, double constant) {
    return FillOps.pad(graph(), x, paddings, constant, null);
  }

  /** BOOL mask up to the largest length. */
  default Output sequenceMask(Output lengths) {
    return IndexOps.sequenceMask(graph(), lengths, null, DType.BOOL, null);
  }

  default Output sequenceMask(Output lengths, int maxlen) {
    return IndexOps.sequenceMask(graph(), lengths, maxlen, DType.BOOL, null);
  }

  default Output sequenceMask(Output lengths, int maxlen, DType dtype) {
    return IndexOps.sequenceMask(graph(), lengths, maxlen, dtype, null);
  }

  /** A mask up to maxlen (an INT32 or INT64 scalar; null: the largest length), in dtype. */
  default Output sequenceMask(Output lengths, Output maxlen, DType dtype) {
    return IndexOps.sequenceMask(graph(), lengths, maxlen, dtype, null);
  }

  default Output reverseSequence(Output x, Output seqLengths, int seqAxis, int batchAxis) {
    return IndexOps.reverseSequence(graph(), x, seqLengths, seqAxis, batchAxis, null);
  }

  default Output reverse(Output x, int[] axes) {
    return IndexOps.reverse(graph(), x, axes, null);
  }
}
