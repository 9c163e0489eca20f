/**
 * Helpers the example programs share: loss-curve plots, progress bars, output folders.
 */
package dev.skein.examples.util;
