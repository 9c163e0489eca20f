package dev.skein.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an op type's attribute (a record component) whose null means something (a reduction's
 * axes: all of them; a transpose's perm: reversed). Graph files refuse null for every other
 * attribute, so a file cannot make an op that the op's own code never would.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD,
    ElementType.METHOD})
public @interface Nullable {}
