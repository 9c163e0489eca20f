package dev.skein.core;

import java.util.List;
import java.util.Map;

/**
 * What an operation does: its name, its shape rule and its CPU kernel. Implementations are
 * enums (for op families without attributes) or records whose components are the op's typed
 * attributes, e.g. {@code record MatMul(boolean transposeA, boolean transposeB)}.
 */
public interface OpType {
  /** The type name shown to users, like TensorFlow's ("MatMul", "Tanh", "Placeholder"). */
  String typeName();

  /**
   * Infers the outputs' dtypes and static shapes from the inputs'. Throws
   * IllegalArgumentException with a message saying what is wrong; the graph adds the op's name,
   * type, input specs and creation site.
   */
  List<TensorSpec> infer(InferContext ctx);

  /**
   * Computes the outputs from the inputs. Throws IllegalArgumentException for bad values (an
   * index out of range, say); the session adds the op's name, type and creation site.
   */
  Tensor[] compute(KernelContext ctx, Tensor[] inputs);

  /**
   * True if every output the kernel returns is a tensor over a new array that nothing else
   * holds (not an input passed through, a view, a variable's value or a constant). The plan then
   * lets a later op that is the value's only reader reuse its array
   * ({@link KernelContext#canReuseInput}).
   */
  default boolean freshOutputs() {
    return false;
  }

  /**
   * True if the kernel may write its output over an input's array when
   * {@link KernelContext#canReuseInput} allows it; only such ops are offered that.
   */
  default boolean writesOverInputs() {
    return false;
  }

  /**
   * For an op that {@link #writesOverInputs}: false if output {@code output} never takes an
   * input's array (a gradient op writing dz over dy, but returning the bias gradient new). The
   * plan then knows which values may share an array. By default every output may.
   */
  default boolean writesOverInputsInto(int output) {
    return true;
  }

  /**
   * True if the kernel only reads its inputs: no output shares an input's array (except one the
   * plan let it reuse, {@link KernelContext#canReuseInput}), and it keeps no reference to an
   * input once it returns (no state, no saved values, no cache that outlives the array's
   * contents). The session may then give a value's array to later kernels once such ops were
   * its only readers (see {@link dev.skein.core.kernel.BufferPool}).
   */
  default boolean readsInputsOnly() {
    return false;
  }

  /** {@link #readsInputsOnly} for input k alone; by default, for every input alike. */
  default boolean readsInputOnly(int k) {
    return readsInputsOnly();
  }

  /**
   * True if output 0 is input 0's tensor, a view of its array, or a new array, the kernel only
   * reads its other inputs and keeps no reference to any (Identity, Reshape, SumToShape, AddN):
   * the session then treats output 0 as holding input 0's array, so that array is given to
   * later kernels only once every tensor that may hold it is dead.
   */
  default boolean forwardsInput0() {
    return false;
  }

  /** True for ops whose result is not a function of their inputs (variables, random, assign). */
  default boolean isStateful() {
    return false;
  }

  /** Attributes as shown by viz and errors; records print their components by default. */
  default String describeAttributes() {
    String s = toString();
    int open = s.indexOf('[');
    return open >= 0 && s.endsWith("]") ? s.substring(open + 1, s.length() - 1) : "";
  }

  /**
   * The graphs this op carries inside it, by role (a While op: {@code "cond"} and {@code "body"}),
   * in display order; empty for ordinary ops. Viz draws such an op as a cluster holding them.
   */
  default Map<String, Graph> subgraphs() {
    return Map.of();
  }

  /**
   * An op type whose kernel returns new arrays ({@link #freshOutputs}) and only reads its inputs
   * ({@link #readsInputsOnly}): most arithmetic, products and copies.
   */
  interface FreshReader extends OpType {
    @Override
    default boolean freshOutputs() {
      return true;
    }

    @Override
    default boolean readsInputsOnly() {
      return true;
    }
  }
}
