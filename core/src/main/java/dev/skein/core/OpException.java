package dev.skein.core;

import java.util.List;

/**
 * An error tied to one operation, at build time (a shape rule refused its inputs) or at run time
 * (a kernel refused its values, a feed did not fit). The message names the op's scoped name and
 * type, its inputs' dtypes and shapes, and the line of user code that created it.
 */
public class OpException extends SkeinException {
  private final String opName;
  private final String opType;
  private final StackTraceElement creationSite;

  public OpException(String detail, String opName, String opType, List<Output> inputs,
      StackTraceElement creationSite, Throwable cause) {
    super(format(detail, opName, opType, inputs, creationSite), cause);
    this.opName = opName;
    this.opType = opType;
    this.creationSite = creationSite;
  }

  /**
   * Fails a builder before its op exists, in the same form as a shape-rule failure: the op's
   * would-be name and type, its inputs, and the user's line.
   */
  public static void check(boolean ok, String opName, String opType, List<Output> inputs,
      String detail) {
    if (!ok) {
      throw new OpException(detail, opName, opType, inputs, CreationSite.capture(), null);
    }
  }

  /** An error about an existing operation. */
  public static OpException of(Operation op, String detail) {
    return new OpException(detail, op.name(), op.type().typeName(), op.inputs(), op.creationSite(),
        null);
  }

  public static OpException of(Operation op, String detail, Throwable cause) {
    return new OpException(detail, op.name(), op.type().typeName(), op.inputs(), op.creationSite(),
        cause);
  }

  public String opName() {
    return opName;
  }

  public String opType() {
    return opType;
  }

  public StackTraceElement creationSite() {
    return creationSite;
  }

  private static String format(String detail, String name, String type, List<Output> inputs,
      StackTraceElement site) {
    StringBuilder sb = new StringBuilder();
    sb.append(type).append(" op '").append(name).append("': ").append(detail);
    if (!inputs.isEmpty()) {
      sb.append("\n  inputs:");
      for (int i = 0; i < inputs.size(); i++) {
        Output in = inputs.get(i);
        sb.append("\n    ").append(i).append(": ").append(in.name()).append(' ')
            .append(in.dtype()).append(' ').append(in.shape());
      }
    }
    sb.append("\n  created at: ").append(CreationSite.format(site));
    return sb.toString();
  }
}
