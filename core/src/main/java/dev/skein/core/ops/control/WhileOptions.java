package dev.skein.core.ops.control;

import dev.skein.core.Output;
import dev.skein.core.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Options of {@code whileLoop}, as in TensorFlow's tf.while_loop: a maximum number of iterations
 * (a constant or an int32 scalar computed at run time), shape invariants for loop variables whose
 * static shape changes across iterations, and the name of the loop's scope. Immutable; the
 * {@code with...} methods return a changed copy.
 */
public final class WhileOptions {
  private static final WhileOptions DEFAULTS = new WhileOptions(null, null, null, null);

  private final Integer maximumIterations;
  private final Output maximumIterationsOutput;
  private final List<Shape> shapeInvariants;
  private final String name;

  private WhileOptions(Integer maximumIterations, Output maximumIterationsOutput,
      List<Shape> shapeInvariants, String name) {
    this.maximumIterations = maximumIterations;
    this.maximumIterationsOutput = maximumIterationsOutput;
    this.shapeInvariants = shapeInvariants;
    this.name = name;
  }

  /** No iteration limit, no shape invariants, scope name "while". */
  public static WhileOptions defaults() {
    return DEFAULTS;
  }

  /** Stops after at most {@code n} iterations even if the condition is still true. */
  public WhileOptions withMaximumIterations(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maximumIterations must be >= 0, got " + n);
    }
    return new WhileOptions(n, null, shapeInvariants, name);
  }

  /** Like {@link #withMaximumIterations(int)} with an int32 scalar known at run time. */
  public WhileOptions withMaximumIterations(Output n) {
    return new WhileOptions(null, n, shapeInvariants, name);
  }

  /**
   * One shape per loop variable (null: its initial shape): the shape every iteration's value must
   * fit, e.g. {@code Shape.of(-1, 5)} for a value that gains rows.
   */
  public WhileOptions withShapeInvariants(Shape... invariants) {
    return new WhileOptions(maximumIterations, maximumIterationsOutput,
        Collections.unmodifiableList(new ArrayList<>(Arrays.asList(invariants))), name);
  }

  public WhileOptions withShapeInvariants(List<Shape> invariants) {
    return withShapeInvariants(invariants.toArray(new Shape[0]));
  }

  /** The loop's name scope ("while" by default; made unique like any scope). */
  public WhileOptions withName(String name) {
    return new WhileOptions(maximumIterations, maximumIterationsOutput, shapeInvariants, name);
  }

  /** The constant iteration limit, or null. */
  public Integer maximumIterations() {
    return maximumIterations;
  }

  /** The run-time iteration limit, or null. */
  public Output maximumIterationsOutput() {
    return maximumIterationsOutput;
  }

  /** The shape invariants (entries may be null), or null if none were given. */
  public List<Shape> shapeInvariants() {
    return shapeInvariants;
  }

  public String name() {
    return name == null ? "while" : name;
  }
}
