/**
 * The define-then-run graph and its runtime: values ({@link dev.skein.core.DType},
 * {@link dev.skein.core.Shape}, {@link dev.skein.core.Tensor}), the graph ({@link
 * dev.skein.core.Graph}, {@link dev.skein.core.Operation}, {@link dev.skein.core.Output}, {@link
 * dev.skein.core.Variable}), the op-type seam every family implements ({@link
 * dev.skein.core.OpType}, with {@link dev.skein.core.InferContext} for shape rules and {@link
 * dev.skein.core.KernelContext} for kernels), and the {@link dev.skein.core.Session} that plans and
 * runs a subgraph. Errors are {@link dev.skein.core.SkeinException}s; an {@link
 * dev.skein.core.OpException} names the op, its inputs and the user's line.
 *
 * <p>Start with {@link dev.skein.core.ops.Ops} (the facade that builds ops) and {@link
 * dev.skein.core.Session}. This package knows no op family: the graph's own op types are {@link
 * dev.skein.core.Placeholder} and {@link dev.skein.core.Const}; {@link dev.skein.core.StaticValues}
 * lets shape rules read what is known of a shape-valued input.
 */
package dev.skein.core;
