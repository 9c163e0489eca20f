package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * An immutable partial shape: each dimension is a size or -1 (unknown, printed {@code ?}), and the
 * rank itself may be unknown. Tensors always have fully defined shapes; graph outputs may not.
 */
public final class Shape {
  /** Marker for an unknown dimension. */
  public static final int UNKNOWN = -1;

  private static final Shape UNKNOWN_RANK = new Shape(null);
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims; // null: unknown rank

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /** A shape of known rank; -1 marks an unknown dimension. */
  public static Shape of(int... dims) {
    for (int d : dims) {
      checkArgument(d >= UNKNOWN, "dimension must be >= 0 or -1 (unknown), got %s in %s", d,
          Arrays.toString(dims));
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public static Shape scalar() {
    return SCALAR;
  }

  public static Shape unknown() {
    return UNKNOWN_RANK;
  }

  /** A shape of the given rank whose dimensions are all unknown. */
  public static Shape unknownDims(int rank) {
    int[] d = new int[rank];
    Arrays.fill(d, UNKNOWN);
    return new Shape(d);
  }

  public boolean hasKnownRank() {
    return dims != null;
  }

  /** The rank; -1 when unknown. */
  public int rank() {
    return dims == null ? -1 : dims.length;
  }

  /** Dimension i (negative i counts from the end); -1 when unknown. */
  public int dim(int i) {
    checkArgument(dims != null, "shape %s has unknown rank", this);
    int j = i < 0 ? i + dims.length : i;
    checkArgument(j >= 0 && j < dims.length, "dimension index %s out of range for shape %s", i, this);
    return dims[j];
  }

  /** The dimensions; throws if the rank is unknown. */
  public int[] dims() {
    checkArgument(dims != null, "shape %s has unknown rank", this);
    return dims.clone();
  }

  public boolean isFullyDefined() {
    if (dims == null) {
      return false;
    }
    for (int d : dims) {
      if (d == UNKNOWN) {
        return false;
      }
    }
    return true;
  }

  /**
   * Number of elements; -1 if not fully defined. Throws if the count overflows an int, which no
   * tensor here can hold.
   */
  public int numElements() {
    if (!isFullyDefined()) {
      return -1;
    }
    long n = 1;
    for (int d : dims) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + this + " has more than " + Integer.MAX_VALUE + " elements");
      }
    }
    return (int) n;
  }

  /** True if some fully defined shape matches both. */
  public boolean isCompatibleWith(Shape other) {
    if (dims == null || other.dims == null) {
      return true;
    }
    if (dims.length != other.dims.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
        return false;
      }
    }
    return true;
  }

  /** The most specific shape compatible with both; throws if they are incompatible. */
  public Shape mergeWith(Shape other) {
    checkArgument(isCompatibleWith(other), "shapes %s and %s are incompatible", this, other);
    if (dims == null) {
      return other;
    }
    if (other.dims == null) {
      return this;
    }
    int[] m = new int[dims.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = dims[i] != UNKNOWN ? dims[i] : other.dims[i];
    }
    return new Shape(m);
  }

  /** This shape with dims[from, to) kept. */
  public Shape subShape(int from, int to) {
    return new Shape(Arrays.copyOfRange(dims(), from, to));
  }

  /** This shape with extra dimensions appended. */
  public Shape append(int... more) {
    int[] d = dims();
    int[] r = Arrays.copyOf(d, d.length + more.length);
    System.arraycopy(more, 0, r, d.length, more.length);
    return Shape.of(r);
  }

  /** This shape with extra dimensions prepended. */
  public Shape prepend(int... more) {
    int[] d = dims();
    int[] r = new int[d.length + more.length];
    System.arraycopy(more, 0, r, 0, more.length);
    System.arraycopy(d, 0, r, more.length, d.length);
    return Shape.of(r);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return dims == null ? -1 : Arrays.hashCode(dims);
  }

  /** TensorFlow's notation: {@code (?, 3)}, {@code ()}, {@code (5,)}, {@code <unknown>}. */
  @Override
  public String toString() {
    if (dims == null) {
      return "<unknown>";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i] == UNKNOWN ? "?" : Integer.toString(dims[i]));
    }
    if (dims.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  /**
   * The shape an INT32 or INT64 vector of sizes describes ({@code fill}'s dims, a random op's
   * shape); {@code what} names the argument in the error for a non-vector, a negative entry or
   * an int64 entry outside the int32 range.
   */
  public static Shape fromSizes(Tensor sizes, String what) {
    checkArgument(sizes.rank() == 1, "%s must be a vector, got shape %s", what, sizes.shape());
    int[] d = sizes.intValues(what);
    for (int v : d) {
      checkArgument(v >= 0, "%s %s has a negative entry", what, Arrays.toString(d));
    }
    return of(d);
  }
}
