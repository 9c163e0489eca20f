package dev.skein.core.ops.control;

import dev.skein.core.Output;
import java.util.List;
import java.util.function.Function;

/**
 * How a structured loop state (an LSTM's {@code record LstmState(Output c, Output h)}, a
 * TensorArray, a list of those) maps to the flat list of Outputs a While op carries.
 *
 * <pre>{@code
 * LoopStructure<LstmState> s = LoopStructure.of(
 *     st -> List.of(st.c(), st.h()), l -> new LstmState(l.get(0), l.get(1)));
 * }</pre>
 */
public interface LoopStructure<S> {
  List<Output> flatten(S state);

  S unflatten(List<Output> flat);

  static <S> LoopStructure<S> of(Function<S, List<Output>> flatten,
      Function<List<Output>, S> unflatten) {
    return new LoopStructure<>() {
      @Override
      public List<Output> flatten(S state) {
        return flatten.apply(state);
      }

      @Override
      public S unflatten(List<Output> flat) {
        return unflatten.apply(flat);
      }
    };
  }

  /** A list of outputs, as is. */
  static LoopStructure<List<Output>> list() {
    return of(List::copyOf, List::copyOf);
  }

  /** A single TensorArray. */
  static LoopStructure<TensorArray> tensorArray() {
    return of(ta -> List.of(ta.value()), l -> new TensorArray(l.get(0)));
  }
}
