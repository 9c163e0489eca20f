/**
 * The random family: randomNormal, truncatedNormal, randomUniform, seeded like TF1 from the
 * graph seed and an op seed. Start with {@link dev.skein.core.ops.random.RandomOps}; facade
 * methods in {@link dev.skein.core.ops.random.RandomApi}.
 */
package dev.skein.core.ops.random;
