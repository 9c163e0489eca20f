package dev.skein.core;

import java.util.List;

/** What a shape rule sees: the inputs' static specs and, where known, their constant values. */
public final class InferContext {
  private final List<Output> inputs;

  InferContext(List<Output> inputs) {
    this.inputs = inputs;
  }

  public int numInputs() {
    return inputs.size();
  }

  public TensorSpec input(int i) {
    return inputs.get(i).spec();
  }

  public Shape shape(int i) {
    return inputs.get(i).shape();
  }

  public DType dtype(int i) {
    return inputs.get(i).dtype();
  }

  /**
   * The graph value feeding input i. Shape rules use it to look through small shape
   * computations (a {@code Shape} op, a stack of constants), as TensorFlow's
   * constant_value_as_shape does.
   */
  public Output source(int i) {
    return inputs.get(i);
  }

  /** The value of input i if it is produced by a constant op, else null. */
  public Tensor constantValue(int i) {
    return inputs.get(i).op().constantValue();
  }

  public Graph graph() {
    return inputs.isEmpty() ? null : inputs.get(0).graph();
  }

  /** Runs the shape rule, then holds the inputs and output to the op type's declared dtypes. */
  static List<TensorSpec> infer(OpType type, List<Output> inputs) {
    InferContext ctx = new InferContext(inputs);
    List<TensorSpec> specs = type.infer(ctx);
    DTypeRules.check(type, ctx, specs);
    return specs;
  }

  /** Refuses a static output shape whose element count no tensor can hold. */
  static void checkSizes(List<TensorSpec> specs) {
    for (int k = 0; k < specs.size(); k++) {
      Shape s = specs.get(k).shape();
      if (s.isFullyDefined()) {
        long n = 1;
        for (int d : s.dims()) {
          n *= d;
          if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output " + k + " (" + specs.get(k) + ") would"
                + " have more than " + Integer.MAX_VALUE + " elements");
          }
        }
      }
    }
  }
}
