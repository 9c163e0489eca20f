/**
 * The {@link dev.skein.core.ops.Ops} facade, {@code Ops tf = Ops.create(graph)}, with TF1's op
 * names in camelCase ({@code tf.matmul}, {@code tf.placeholder}, {@code tf.whileLoop}), and
 * {@link dev.skein.core.ops.OpTypes#all()}, the list of every family's op types. The families
 * themselves are the subpackages, one each: {@code state}, {@code math}, {@code nn}, {@code
 * linalg}, {@code array}, {@code random}, {@code control}, {@code rnncell}, {@code training}.
 */
package dev.skein.core.ops;
