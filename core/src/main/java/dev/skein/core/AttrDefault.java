package dev.skein.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a component of a record op type: the attribute's value, in graph-file notation
 * (docs/GRAPH_FORMAT.md), where a graph file does not give it. Attributes added to an op type
 * after graph files were first written carry one (ArgMax's {@code outputType}), so the files
 * written before still read; the writer leaves out an attribute that has its default, so the
 * files of graphs that do not use it are what earlier versions wrote and read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface AttrDefault {
  /** The value as a graph file writes it: {@code int32}, {@code 0}, {@code false}... */
  String value();
}
