package dev.skein.core.ops;

import dev.skein.core.Graph;
import dev.skein.core.ops.array.ArrayApi;
import dev.skein.core.ops.control.ControlApi;
import dev.skein.core.ops.linalg.LinalgApi;
import dev.skein.core.ops.math.MathApi;
import dev.skein.core.ops.math.MathReduceApi;
import dev.skein.core.ops.nn.NnApi;
import dev.skein.core.ops.random.RandomApi;
import dev.skein.core.ops.rnncell.RnnCellApi;
import dev.skein.core.ops.state.StateApi;
import dev.skein.core.ops.training.TrainingApi;

/**
 * The facade a user builds graphs with, named like TensorFlow 1.x in camelCase:
 * {@code Ops tf = Ops.create(graph); tf.matmul(x, w)}. Each family's methods live in its own
 * interface (StateApi, MathApi, ...), which delegates to the family class in
 * {@code dev.skein.core.ops}; this class only ties them to a graph.
 */
public final class Ops
    implements StateApi, MathApi, MathReduceApi, NnApi, LinalgApi, ArrayApi, RandomApi,
    ControlApi, RnnCellApi, TrainingApi {
  private final Graph graph;

  private Ops(Graph graph) {
    this.graph = graph;
  }

  public static Ops create(Graph graph) {
    return new Ops(graph);
  }

  @Override
  public Graph graph() {
    return graph;
  }
}
