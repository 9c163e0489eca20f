package dev.skein.core.ops.control;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The control family's part of the {@code Ops} facade: each method delegates to ControlOps. */
public interface ControlApi {
  Graph graph();

  /**
   * TensorFlow's tf.while_loop: while {@code cond(vars)}, {@code vars = body(vars)}. The lambdas
   * are traced once into the While op's body graphs and may use this facade and outer values.
   */
  default List<Output> whileLoop(Function<List<Output>, Output> cond,
      Function<List<Output>, List<Output>> body, List<Output> loopVars) {
    return ControlOps.whileLoop(graph(), cond, body, loopVars, WhileOptions.defaults());
  }

  default List<Output> whileLoop(Function<List<Output>, Output> cond,
      Function<List<Output>, List<Output>> body, List<Output> loopVars, WhileOptions options) {
    return ControlOps.whileLoop(graph(), cond, body, loopVars, options);
  }

  /** A loop over a structured state (a record of Outputs, a TensorArray, ...). */
  default <S> S whileLoop(S init, Function<S, Output> cond, UnaryOperator<S> body,
      LoopStructure<S> structure) {
    return ControlOps.whileLoop(graph(), init, cond, body, structure, WhileOptions.defaults());
  }

  default <S> S whileLoop(S init, Function<S, Output> cond, UnaryOperator<S> body,
      LoopStructure<S> structure, WhileOptions options) {
    return ControlOps.whileLoop(graph(), init, cond, body, structure, options);
  }

  /** TensorFlow's tf.cond with one value per branch. */
  default Output cond(Output pred, Supplier<Output> trueFn, Supplier<Output> falseFn) {
    return ControlOps.cond(graph(), pred, () -> List.of(trueFn.get()),
        () -> List.of(falseFn.get()), null).get(0);
  }

  /** TensorFlow's tf.cond with several values per branch. */
  default List<Output> cond(Output pred, Branch trueFn, Branch falseFn) {
    return ControlOps.cond(graph(), pred, trueFn::build, falseFn::build, null);
  }

  default List<Output> cond(Output pred, Branch trueFn, Branch falseFn, String name) {
    return ControlOps.cond(graph(), pred, trueFn::build, falseFn::build, name);
  }

  /** A fixed-size TensorArray whose element shape comes from the first write. */
  default TensorArray tensorArray(DType dtype, int size) {
    return tensorArray(dtype, size, Shape.unknown());
  }

  default TensorArray tensorArray(DType dtype, int size, Shape elementShape) {
    return TensorArrayOps.tensorArray(graph(), dtype,
        Const.create(graph(), Tensor.scalar(size), "size"), false, elementShape, null);
  }

  /** A TensorArray of a run-time size; with {@code dynamicSize}, writes past the end grow it. */
  default TensorArray tensorArray(DType dtype, Output size, boolean dynamicSize,
      Shape elementShape) {
    return TensorArrayOps.tensorArray(graph(), dtype, size, dynamicSize, elementShape, null);
  }

  /** A branch of {@link #cond(Output, Branch, Branch)}: builds its values. */
  @FunctionalInterface
  interface Branch {
    List<Output> build();
  }
}
