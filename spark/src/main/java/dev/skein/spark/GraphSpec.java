package dev.skein.spark;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.io.Serializable;
import java.util.List;

/**
 * What a worker needs to compute gradients, as plain serializable values: the graph file text of
 * the model and its gradients (docs/GRAPH_FORMAT.md), a hash naming it in the executors' cache,
 * the inputs, the loss, one gradient per trained variable and the variables fed each step.
 *
 * @param graphText the graph file: the model and the gradient ops, no optimizer
 * @param graphHash SHA-256 of {@code graphText}, hex
 * @param inputs the placeholders examples feed, in graph order
 * @param loss the loss output's name ("op:index")
 * @param variables the names of the variables fed each step (the model's), in graph order
 * @param trained for each gradient, the index in {@code variables} of its variable
 * @param gradients the gradient outputs' names, one per trained variable
 * @param reduction how the loss reduces over a batch
 */
record GraphSpec(String graphText, String graphHash, List<Input> inputs, String loss,
    List<String> variables, int[] trained, List<String> gradients, LossReduction reduction)
    implements Serializable {

  /** One placeholder fed from the examples' value of the same name. */
  record Input(String name, DType dtype, int[] exampleDims) implements Serializable {
    /** Elements per example: the product of the dimensions after the batch's. */
    int elementsPerExample() {
      return Shape.of(exampleDims).numElements();
    }

    /** The shape of a batch of {@code n} examples. */
    Shape shapeFor(int n) {
      return Shape.of(exampleDims).prepend(n);
    }
  }

  /** The output named {@code "op:index"} in {@code g}. */
  static Output output(Graph g, String name) {
    int colon = name.lastIndexOf(':');
    Operation op = g.operation(name.substring(0, colon));
    if (op == null) {
      throw new IllegalStateException("graph has no op " + name.substring(0, colon));
    }
    return op.output(Integer.parseInt(name.substring(colon + 1)));
  }
}
