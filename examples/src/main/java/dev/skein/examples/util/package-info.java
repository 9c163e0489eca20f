/**
 * Helpers the example programs share: command lines (picocli, {@code Args} and
 * {@code Command}), output folders ({@code GraphFiles}), the last-batch source the notebooks'
 * prints need, small array helpers. Plots and progress come from the {@code monitor} module.
 */
package dev.skein.examples.util;
