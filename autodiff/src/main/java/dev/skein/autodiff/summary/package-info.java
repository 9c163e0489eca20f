/**
 * TF1-style scalar summaries: {@link dev.skein.autodiff.summary.Summaries} names scalar outputs
 * by tag ({@code tf.summary.scalar}), a {@link dev.skein.autodiff.summary.SummaryWriter}
 * ({@code FileWriter}) records them by step: {@link
 * dev.skein.autodiff.summary.CsvSummaryWriter} to a CSV file, the {@code monitor} module's
 * {@code PlotSummaryWriter} to PNG curves.
 */
package dev.skein.autodiff.summary;
