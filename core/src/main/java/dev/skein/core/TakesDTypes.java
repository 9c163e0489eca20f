package dev.skein.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the dtypes one input of an op type takes: on a record op type's class, or on an enum
 * op type's constant. Every op is checked against its declarations when it is added to a graph
 * (after its shape rule, whose own messages come first), and docs/DTYPES.md is generated from
 * them ({@link DTypeRules}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD})
@Repeatable(TakesDTypes.List.class)
public @interface TakesDTypes {
  /** The dtypes the input takes. */
  DType[] value();

  /** The input's index. */
  int input() default 0;

  /** The input's name, as TensorFlow calls it. */
  String name() default "x";

  /** Several declarations, one per input. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.FIELD})
  @interface List {
    TakesDTypes[] value();
  }
}
