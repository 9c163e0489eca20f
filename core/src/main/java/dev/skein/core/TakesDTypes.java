package dev.skein.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the dtypes one input of an op type takes: on a record op type's class, or on an enum
 * op type's constant. Give either the dtypes ({@code @TakesDTypes({FLOAT32, FLOAT64})}) or
 * {@code anyDType = true} (Identity, Concat's values). Every op is checked against its
 * declarations when it is added to a graph (after its shape rule, whose own messages come
 * first), and docs/DTYPES.md is generated from them ({@link DTypeRules}). {@link MakesDTypes}
 * declares an output dtype chosen by an attribute; {@link None} an op type without inputs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD})
@Repeatable(TakesDTypes.List.class)
public @interface TakesDTypes {
  /** The dtypes the input takes (empty with {@link #anyDType}). */
  DType[] value() default {};

  /** The input takes every dtype. */
  boolean anyDType() default false;

  /** The input's index. */
  int input() default 0;

  /** The input's name, as TensorFlow calls it. */
  String name() default "x";

  /**
   * What the dtypes alone do not say, for the table (Assign's {@code value}: AssignAdd and
   * AssignSub take no bool); the shape rule enforces it.
   */
  String note() default "";

  /** Several declarations, one per input. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.FIELD})
  @interface List {
    TakesDTypes[] value();
  }

  /** The op type takes no inputs (only control inputs): Placeholder, Const, NoOp. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.FIELD})
  @interface None {}
}
