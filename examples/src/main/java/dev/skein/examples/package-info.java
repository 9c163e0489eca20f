/**
 * Runnable ports of the seed notebooks, one program per section; {@code Demo} is the README's
 * tour. Each prints what its notebook prints and writes its graphs and loss curves.
 */
package dev.skein.examples;
