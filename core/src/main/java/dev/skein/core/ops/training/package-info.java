/**
 * Fused optimizer updates (ApplyAdam), which the autodiff module's optimizers use. Start with
 * {@link dev.skein.core.ops.training.TrainingOps}.
 */
package dev.skein.core.ops.training;
