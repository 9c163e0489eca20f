package dev.skein.core;

/** Element types of tensors. FLOAT32 is the default everywhere a dtype may be omitted. */
public enum DType {
  FLOAT32("float32", 4),
  FLOAT64("float64", 8),
  INT32("int32", 4),
  INT64("int64", 8),
  BOOL("bool", 1);

  private final String displayName;
  private final int byteSize;

  DType(String displayName, int byteSize) {
    this.displayName = displayName;
    this.byteSize = byteSize;
  }

  /** Bytes per element in memory (BOOL counted as one byte). */
  public int byteSize() {
    return byteSize;
  }

  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** Numeric types: the floating types, INT32 and INT64. */
  public boolean isNumeric() {
    return this != BOOL;
  }

  /** The integer types: INT32 and INT64. */
  public boolean isInteger() {
    return this == INT32 || this == INT64;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
