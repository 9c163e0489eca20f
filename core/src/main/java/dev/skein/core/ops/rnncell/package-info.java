/**
 * Fused recurrent-cell steps: LSTMGates (the elementwise part of an LSTM step), BiasTanh and
 * BiasSigmoid, their one-op gradients, and CheckSequenceLength (the run-time check of RNN
 * sequence lengths). The rnn module's cells use them. Start with {@link
 * dev.skein.core.ops.rnncell.RnnCellOps}.
 */
package dev.skein.core.ops.rnncell;
