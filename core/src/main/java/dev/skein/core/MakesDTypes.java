package dev.skein.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the dtypes output 0 of an op type may have when an attribute chooses it
 * (Placeholder's {@code dtype}, a random op's, ArgMax's {@code outputType}): on a record op
 * type's class or an enum op type's constant, beside its {@link TakesDTypes} declarations. Each
 * op's output is checked against it when the op is added to a graph, and docs/DTYPES.md lists
 * it ({@link DTypeRules}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD})
public @interface MakesDTypes {
  /** The dtypes output 0 may have (empty with {@link #anyDType}). */
  DType[] value() default {};

  /** Output 0 may have any dtype. */
  boolean anyDType() default false;

  /** The attribute (record component) that chooses the dtype. */
  String attr() default "dtype";
}
