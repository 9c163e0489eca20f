/**
 * CPU loops over flat arrays, below tensors and graphs: matrix products ({@link
 * dev.skein.core.kernel.Kernels#matMul()}: the Vector API kernel when the JVM has {@code
 * jdk.incubator.vector}, else a blocked scalar one), LSTM steps, activations, run copies, the
 * intra-op thread pool ({@link dev.skein.core.kernel.Parallel}) and the array pool ({@link
 * dev.skein.core.kernel.BufferPool}). {@link dev.skein.core.kernel.Kernels#vectorApiAvailable()}
 * tells which kernels run.
 */
package dev.skein.core.kernel;
