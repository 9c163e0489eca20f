/**
 * Keras-style training of a TF1-style graph: {@link dev.skein.autodiff.train.Trainer} runs
 * epochs of a {@link dev.skein.autodiff.train.DataSource} (see
 * {@link dev.skein.autodiff.train.Batches} for shuffled batches cut from whole tensors), with
 * validation metrics, early stopping, checkpoints and {@link
 * dev.skein.autodiff.train.TrainingListener}s; progress bars and loss-curve pictures are
 * listeners of the {@code monitor} module. Start at {@code Trainer}.
 */
package dev.skein.autodiff.train;
