package dev.skein.architecture.howto;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;

// [howto:facade]
/** The toy family's facade methods, used beside Ops: {@code ToyApi toy = () -> tf.graph();}. */
public interface ToyApi {
  Graph graph();

  static ToyApi of(Ops tf) {
    return tf::graph;
  }

  default Output softsign(Output x) {
    return ToyOps.softsign(graph(), x, null);
  }
}
// [/howto:facade]
