package dev.skein.core;

import java.util.List;

/**
 * A constant value known when the graph is built. With {@link Placeholder}, one of the two op
 * types the graph's own machinery makes (loop counters, TensorArray indices, shape constants of
 * every family), so it lives beside the graph rather than in a family; the state family lists it
 * among its op types.
 */
@TakesDTypes.None
@MakesDTypes(anyDType = true, attr = "value")
public record Const(Tensor value) implements OpType, Operation.ConstantValue {
  /** Adds a constant named {@code name} ("Const" when null) to {@code g}. */
  public static Output create(Graph g, Tensor value, String name) {
    return g.addOp(new Const(value), name == null ? "Const" : name, List.of()).output(0);
  }

  @Override
  public String typeName() {
    return "Const";
  }

  @Override
  public List<TensorSpec> infer(InferContext ctx) {
    return List.of(new TensorSpec(value.dtype(), value.shape()));
  }

  @Override
  public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
    return new Tensor[] {value};
  }

  @Override
  public String describeAttributes() {
    return "value=" + value.dtype() + " " + value.shape();
  }
}
