/**
 * Keeping the user's work: checkpoints ({@link dev.skein.core.io.Saver}, NumPy {@code .npz}
 * files with TF1's variable names, written atomically) and graph files ({@link
 * dev.skein.core.io.GraphFormat}, the text format of docs/GRAPH_FORMAT.md). Everything read from a
 * file is validated; a bad file is a {@link dev.skein.core.io.GraphFormatException} or {@link
 * dev.skein.core.io.CheckpointException}.
 */
package dev.skein.core.io;
