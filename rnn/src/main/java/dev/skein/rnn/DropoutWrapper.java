package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Dropout around a cell, TensorFlow's {@code DropoutWrapper} (non-variational): each step drops
 * units of the input, of the new state and of the output, keeping each with its probability and
 * scaling kept units by 1 / keepProb ({@code tf.nn.dropout}). Keep probabilities are scalar
 * tensors, so one graph serves training (feed 0.5) and inference (feed 1.0), e.g. with a
 * placeholder. As in TensorFlow, state dropout leaves an LSTM's memory {@code c} alone and drops
 * only {@code h}.
 *
 * <p>With a seed, each dropout site (input, each state tensor, output) gets its own op-level seed
 * derived from it, so runs are reproducible under a graph seed.
 */
public final class DropoutWrapper<S> extends CellWrapper<S> {
  private final Output inputKeepProb;
  private final Output outputKeepProb;
  private final Output stateKeepProb;
  private final Long seed;

  /**
   * @param inputKeepProb scalar keep probability of the input, null for none
   * @param outputKeepProb scalar keep probability of the output, null for none
   * @param stateKeepProb scalar keep probability of the new state, null for none
   * @param seed null, or the seed the op-level seeds are derived from
   */
  public DropoutWrapper(RnnCell<S> cell, Output inputKeepProb, Output outputKeepProb,
      Output stateKeepProb, Long seed) {
    super(cell);
    this.inputKeepProb = checkProb(inputKeepProb, "inputKeepProb");
    this.outputKeepProb = checkProb(outputKeepProb, "outputKeepProb");
    this.stateKeepProb = checkProb(stateKeepProb, "stateKeepProb");
    this.seed = seed;
  }

  /** Output dropout only, TensorFlow's common {@code DropoutWrapper(cell, output_keep_prob=p)}. */
  public static <S> DropoutWrapper<S> ofOutput(RnnCell<S> cell, Output outputKeepProb,
      Long seed) {
    return new DropoutWrapper<>(cell, null, outputKeepProb, null, seed);
  }

  /**
   * Constant keep probabilities; 1.0 adds no dropout ops for that site, as TensorFlow does for a
   * Python float of 1.
   */
  public static <S> DropoutWrapper<S> of(RnnCell<S> cell, double inputKeepProb,
      double outputKeepProb, double stateKeepProb, Long seed) {
    Ops tf = cell.tf();
    return new DropoutWrapper<>(cell, constProb(tf, inputKeepProb, "inputKeepProb"),
        constProb(tf, outputKeepProb, "outputKeepProb"),
        constProb(tf, stateKeepProb, "stateKeepProb"), seed);
  }

  private static Output constProb(Ops tf, double p, String what) {
    checkArgument(p > 0 && p <= 1, "%s must be in (0, 1], got %s", what, p);
    return p == 1.0 ? null : tf.constant(p);
  }

  private Output checkProb(Output p, String what) {
    if (p == null) {
      return null;
    }
    checkArgument(p.graph() == cell.tf().graph(), "%s belongs to another graph", what);
    checkArgument(p.dtype().isFloating() && p.shape().isCompatibleWith(Shape.scalar()),
        "%s must be a float scalar, got %s %s (%s)", what, p.dtype(), p.shape(), p.name());
    return p;
  }

  @Override
  public CellOutput<S> call(Output input, S state) {
    Ops tf = tf();
    Output in = input;
    if (inputKeepProb != null) {
      in = dropout(tf, input, inputKeepProb, seedFor(0, 0));
    }
    CellOutput<S> r = cell.call(in, state);
    S newState = r.state();
    if (stateKeepProb != null) {
      newState = dropState(tf, newState);
    }
    Output out = r.output();
    if (outputKeepProb != null) {
      out = dropout(tf, out, outputKeepProb, seedFor(2, 0));
    }
    return new CellOutput<>(out, newState);
  }

  private S dropState(Ops tf, S state) {
    List<Output> flat = State.flatten(state);
    boolean[] drop = new boolean[flat.size()];
    markDroppable(state, drop, 0);
    List<Output> out = new ArrayList<>(flat.size());
    for (int i = 0; i < flat.size(); i++) {
      out.add(drop[i] ? dropout(tf, flat.get(i), stateKeepProb, seedFor(1, i)) : flat.get(i));
    }
    return State.unflatten(state, out);
  }

  /** TensorFlow's default state filter: every tensor but an LSTM's c. Returns the next index. */
  private static int markDroppable(Object state, boolean[] drop, int at) {
    if (state instanceof LstmStateTuple) {
      drop[at + 1] = true;
      return at + 2;
    }
    if (state instanceof StateTuple t) {
      int i = at;
      for (Object s : t.states()) {
        i = markDroppable(s, drop, i);
      }
      return i;
    }
    int n = State.flatten(state).size();
    for (int i = 0; i < n; i++) {
      drop[at + i] = true;
    }
    return at + n;
  }

  private Long seedFor(int site, int index) {
    if (seed == null) {
      return null;
    }
    long h = seed * 0x9E3779B97F4A7C15L + site * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return h & 0x7FFFFFFFL;
  }

  /**
   * {@code tf.nn.dropout}: x / keepProb * floor(keepProb + uniform[0, 1)), the keep probability
   * cast to x's dtype.
   */
  static Output dropout(Ops tf, Output x, Output keepProb, Long seed) {
    try (Graph.Scope s = tf.nameScope("dropout")) {
      Output p = keepProb.dtype() == x.dtype() ? keepProb : tf.cast(keepProb, x.dtype());
      Output noise = tf.randomUniform(tf.shape(x), 0, 1, x.dtype(), seed);
      Output keep = tf.floor(tf.add(p, noise));
      return tf.mul(tf.div(x, p), keep);
    }
  }

  @Override
  public String toString() {
    return "DropoutWrapper(" + cell + ")";
  }
}
