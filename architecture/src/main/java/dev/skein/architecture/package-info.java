/**
 * The tools behind the architecture checks: {@link dev.skein.architecture.PackageGraph} (the
 * package dependency graph of the compiled code) and {@link dev.skein.architecture.LayerPicture}
 * (the layer picture of docs/ARCHITECTURE.md). Nothing here ships.
 */
package dev.skein.architecture;
