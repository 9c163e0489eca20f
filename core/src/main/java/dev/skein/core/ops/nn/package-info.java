/**
 * The nn family: biasAdd, softmax and logSoftmax over the last axis, the fused softmax
 * cross-entropy losses (dense and sparse labels, any rank), inTopK, l2Loss and the activation
 * gradients. Start with {@link dev.skein.core.ops.nn.NnOps}; facade methods in {@link
 * dev.skein.core.ops.nn.NnApi}.
 */
package dev.skein.core.ops.nn;
