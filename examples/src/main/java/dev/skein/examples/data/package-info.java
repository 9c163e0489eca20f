/**
 * The examples' data: IDX files (Fashion-MNIST from Debian's dataset-fashion-mnist), and the
 * notebooks' synthetic echo, binary-dependency and time-series data.
 */
package dev.skein.examples.data;
