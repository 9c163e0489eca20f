package dev.skein.rnn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.Initializer;
import dev.skein.autodiff.Initializers;
import dev.skein.autodiff.Variables;
import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The full LSTM cell, TensorFlow 1.x's {@code LSTMCell}: {@link BasicLstmCell}'s gates (one
 * matmul, order i, j, f, o) plus optional diagonal peephole connections, cell clipping and an
 * output projection:
 *
 * <pre>
 * c' = sigmoid(f + forgetBias + w_f_diag * c) * c + sigmoid(i + w_i_diag * c) * act(j)
 * c' = clip(c', -cellClip, cellClip)                       (with cellClip)
 * m  = sigmoid(o + w_o_diag * c') * act(c')
 * m  = m @ projection/kernel, clipped to +-projClip        (with numProj, projClip)
 * </pre>
 *
 * The peephole terms are dropped without peepholes. Variables in {@code lstm_cell}:
 * {@code kernel} [depth + (numProj or units), 4 * units], {@code bias} [4 * units] (zeros),
 * {@code w_f_diag}, {@code w_i_diag}, {@code w_o_diag} [units], {@code projection/kernel}
 * [units, numProj]. The state is {@code LstmStateTuple(c', m)}; the output is m.
 */
public final class LstmCell extends LayerRnnCell<LstmStateTuple> {
  private final int numUnits;
  private final boolean usePeepholes;
  private final double cellClip;
  private final int numProj;
  private final double projClip;
  private final double forgetBias;
  private final Initializer initializer;
  private final UnaryOperator<Output> activation;
  private Variable kernel;
  private Variable bias;
  private Variable wfDiag;
  private Variable wiDiag;
  private Variable woDiag;
  private Variable projection;

  private LstmCell(Builder b) {
    super(b.tf, "lstm_cell");
    this.numUnits = b.numUnits;
    this.usePeepholes = b.usePeepholes;
    this.cellClip = b.cellClip;
    this.numProj = b.numProj;
    this.projClip = b.projClip;
    this.forgetBias = b.forgetBias;
    this.initializer = b.initializer;
    this.activation = b.activation != null ? b.activation : b.tf::tanh;
  }

  /** A plain LSTM cell (no peepholes, clipping or projection), forget bias 1.0. */
  public LstmCell(Ops tf, int numUnits) {
    this(builder(tf, numUnits));
  }

  public static Builder builder(Ops tf, int numUnits) {
    return new Builder(tf, numUnits);
  }

  @Override
  public StateSize stateSize() {
    return StateSize.lstm(numUnits, numProj > 0 ? numProj : numUnits);
  }

  @Override
  public int outputSize() {
    return numProj > 0 ? numProj : numUnits;
  }

  public Variable kernel() {
    return kernel;
  }

  public Variable bias() {
    return bias;
  }

  /** Peephole weights (null without peepholes or before the cell is built). */
  public Variable wfDiag() {
    return wfDiag;
  }

  public Variable wiDiag() {
    return wiDiag;
  }

  public Variable woDiag() {
    return woDiag;
  }

  /** The projection [units, numProj] (null without projection or before it is built). */
  public Variable projection() {
    return projection;
  }

  @Override
  protected void createVariables(int inputDepth, DType dtype) {
    int h = outputSize();
    kernel = Variables.getVariable(tf, "kernel", Shape.of(inputDepth + h, 4 * numUnits), dtype,
        initializer);
    bias = Variables.getVariable(tf, "bias", Shape.of(4 * numUnits), dtype, Initializers.zeros());
    if (usePeepholes) {
      wfDiag = Variables.getVariable(tf, "w_f_diag", Shape.of(numUnits), dtype, initializer);
      wiDiag = Variables.getVariable(tf, "w_i_diag", Shape.of(numUnits), dtype, initializer);
      woDiag = Variables.getVariable(tf, "w_o_diag", Shape.of(numUnits), dtype, initializer);
    }
    if (numProj > 0) {
      projection = Variables.getVariable(tf, "projection/kernel", Shape.of(numUnits, numProj),
          dtype, initializer);
    }
  }

  @Override
  protected CellOutput<LstmStateTuple> step(Output input, LstmStateTuple state) {
    Output cPrev = state.c();
    Output mPrev = state.h();
    DType dt = input.dtype();
    Output gates = tf.biasAdd(tf.matmul(tf.concat(List.of(input, mPrev), 1), kernel), bias);
    List<Output> ijfo = tf.split(gates, 4, 1);
    Output i = ijfo.get(0);
    Output j = ijfo.get(1);
    Output f = tf.add(ijfo.get(2), RnnOps.scalar(tf, forgetBias, dt));
    Output o = ijfo.get(3);
    if (usePeepholes) {
      f = tf.add(f, tf.mul(wfDiag, cPrev));
      i = tf.add(i, tf.mul(wiDiag, cPrev));
    }
    Output c = tf.add(tf.mul(tf.sigmoid(f), cPrev), tf.mul(tf.sigmoid(i), activation.apply(j)));
    if (cellClip > 0) {
      c = tf.clipByValue(c, RnnOps.scalar(tf, -cellClip, dt), RnnOps.scalar(tf, cellClip, dt));
    }
    if (usePeepholes) {
      o = tf.add(o, tf.mul(woDiag, c));
    }
    Output m = tf.mul(tf.sigmoid(o), activation.apply(c));
    if (numProj > 0) {
      m = tf.matmul(m, projection);
      if (projClip > 0) {
        m = tf.clipByValue(m, RnnOps.scalar(tf, -projClip, dt), RnnOps.scalar(tf, projClip, dt));
      }
    }
    return new CellOutput<>(m, new LstmStateTuple(c, m));
  }

  /** Options of an {@link LstmCell}, TensorFlow's constructor arguments. */
  public static final class Builder {
    private final Ops tf;
    private final int numUnits;
    private boolean usePeepholes;
    private double cellClip;
    private int numProj;
    private double projClip;
    private double forgetBias = 1.0;
    private Initializer initializer;
    private UnaryOperator<Output> activation;

    private Builder(Ops tf, int numUnits) {
      this.tf = Objects.requireNonNull(tf, "tf");
      checkArgument(numUnits > 0, "numUnits must be positive, got %s", numUnits);
      this.numUnits = numUnits;
    }

    /** Diagonal peephole connections w_f_diag, w_i_diag, w_o_diag. */
    public Builder usePeepholes(boolean use) {
      this.usePeepholes = use;
      return this;
    }

    /** Clips the cell state to [-clip, clip]; 0 (the default) disables. */
    public Builder cellClip(double clip) {
      checkArgument(clip >= 0, "cellClip must be >= 0 (0: none), got %s", clip);
      this.cellClip = clip;
      return this;
    }

    /** Projects the output to numProj units; 0 (the default) disables. */
    public Builder numProj(int numProj) {
      checkArgument(numProj >= 0, "numProj must be >= 0 (0: none), got %s", numProj);
      this.numProj = numProj;
      return this;
    }

    /** Clips the projected output to [-clip, clip]; 0 (the default) disables. */
    public Builder projClip(double clip) {
      checkArgument(clip >= 0, "projClip must be >= 0 (0: none), got %s", clip);
      this.projClip = clip;
      return this;
    }

    public Builder forgetBias(double forgetBias) {
      this.forgetBias = forgetBias;
      return this;
    }

    /** The initializer of the kernels and peepholes; null: the scope's default. */
    public Builder initializer(Initializer initializer) {
      this.initializer = initializer;
      return this;
    }

    public Builder activation(UnaryOperator<Output> activation) {
      this.activation = Objects.requireNonNull(activation, "activation");
      return this;
    }

    public LstmCell build() {
      checkArgument(projClip == 0 || numProj > 0, "projClip needs numProj");
      return new LstmCell(this);
    }
  }
}
