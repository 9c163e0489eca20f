/**
 * Watching a training: {@link dev.skein.monitor.ProgressListener} (a bar on a terminal, a line
 * per epoch in logs), {@link dev.skein.monitor.LossCurveListener} (the loss curve as a PNG,
 * redrawn every epoch) for {@link dev.skein.autodiff.train.Trainer}; {@link
 * dev.skein.monitor.PlotSummaryWriter} draws scalar summaries; {@link dev.skein.monitor.Progress}
 * and {@link dev.skein.monitor.LinePlot} serve hand-written loops. The bar is
 * me.tongfei:progressbar's, the pictures XChart's.
 */
package dev.skein.monitor;
