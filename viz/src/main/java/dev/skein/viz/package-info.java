/**
 * Pictures of a graph: {@link dev.skein.viz.DotExporter} (DOT with scopes as clusters and While
 * bodies inside their loop), {@link dev.skein.viz.GraphRenderer} (SVG and PNG through Graphviz)
 * and {@link dev.skein.viz.GraphView} (a self-contained interactive HTML page, like the notebooks'
 * show_graph).
 */
package dev.skein.viz;
