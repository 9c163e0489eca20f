package dev.skein.core;

import java.util.List;

/**
 * A value fed at run time; its static shape is checked against the feed. One of the two op types
 * the graph itself relies on (with {@link Const}): a body graph's captures and a function's
 * arguments are placeholders, and the planner reports a needed placeholder without a feed. The
 * state family lists it among its op types and its builder ({@code tf.placeholder}) makes one.
 */
@TakesDTypes.None
@MakesDTypes(anyDType = true)
public record Placeholder(DType dtype, Shape shape) implements OpType {
  /** Adds a placeholder named {@code name} (the type name when null) to {@code g}. */
  public static Output create(Graph g, DType dtype, Shape shape, String name) {
    return g.addOp(new Placeholder(dtype, shape), name, List.of()).output(0);
  }

  @Override
  public String typeName() {
    return "Placeholder";
  }

  @Override
  public List<TensorSpec> infer(InferContext ctx) {
    return List.of(new TensorSpec(dtype, shape));
  }

  @Override
  public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
    throw new IllegalStateException("placeholder " + ctx.op().name() + " must be fed");
  }
}
