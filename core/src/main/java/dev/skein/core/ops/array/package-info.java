/**
 * The array family: joining, splitting and reshaping (concat, split, stack, unstack,
 * transpose, reshape, expandDims, squeeze), indexing (slice, stridedSlice with {@link
 * dev.skein.core.ops.array.SliceIndex}, gather, scatterNd, oneHot, reverse, reverseSequence,
 * sequenceMask) and making arrays (fill, zeros, ones, range, tile, pad, shape). Facade methods in
 * {@link dev.skein.core.ops.array.ArrayApi}.
 */
package dev.skein.core.ops.array;
