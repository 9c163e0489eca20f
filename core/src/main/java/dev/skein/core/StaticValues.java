package dev.skein.core;

import java.util.Arrays;

/**
 * What a shape rule can know at build time about the value of a small INT32 or INT64 tensor (a
 * shape, a size), like TensorFlow's constant_value_as_shape: constants, and whatever op types that
 * implement {@link KnownValue} tell of their output from what is known of their inputs
 * ({@code Shape} of a value with a static shape, stacks, concatenations, strided slices,
 * identities). Unknown entries are -1. Families answer for their own op types through
 * {@link KnownValue}, so this class knows none of them.
 */
public final class StaticValues {
  private static final int MAX_DEPTH = 16;
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private StaticValues() {}

  /**
   * Implemented by op types whose INT32 (or INT64) output 0 can be partly known before a run from
   * what is known of their inputs. Implementations read their inputs through {@link #vector} and
   * {@link #scalar}, which bound the depth of the look-through.
   */
  public interface KnownValue {
    /** The entries of output 0 (a vector), -1 where unknown; null when its length is unknown. */
    default int[] knownVector(Operation op) {
      return null;
    }

    /** The value of output 0 (a scalar), or -1 if unknown. */
    default int knownScalar(Operation op) {
      return -1;
    }
  }

  /**
   * Refuses input i of a shape rule unless it is int32 or int64 (shape-like arguments take
   * either, as TensorFlow's do); an int64 constant holding a value outside the int32 range fails
   * here, naming {@code what}, rather than at run time.
   */
  public static void checkIntInput(InferContext c, int i, String what) {
    if (!c.dtype(i).isInteger()) {
      throw new IllegalArgumentException(what + " must be int32 or int64, got " + c.dtype(i));
    }
    Tensor k = c.constantValue(i);
    if (k != null) {
      k.intValues(what);
    }
  }

  /**
   * The entries of an INT32 or INT64 vector, -1 where unknown (an int64 entry outside the int32
   * range counts as unknown); null if even its length is unknown.
   */
  public static int[] vector(Output t) {
    if (!t.dtype().isInteger()) {
      return null;
    }
    Shape own = t.shape();
    if (own.hasKnownRank() && own.rank() != 1) {
      return null;
    }
    int[] r = lookThroughVector(t.op());
    if (r == null && own.hasKnownRank() && own.dim(0) >= 0) {
      r = new int[own.dim(0)];
      Arrays.fill(r, -1);
    }
    return r;
  }

  /** The value of an INT32 or INT64 scalar, or -1 if unknown. */
  public static int scalar(Output t) {
    if (!t.dtype().isInteger()) {
      return -1;
    }
    Operation op = t.op();
    Tensor c = op.constantValue();
    if (c != null) {
      return c.size() == 1 ? ints(c)[0] : -1;
    }
    if (!(op.type() instanceof KnownValue k)) {
      return -1;
    }
    int[] depth = DEPTH.get();
    if (depth[0] >= MAX_DEPTH) {
      return -1;
    }
    depth[0]++;
    try {
      return k.knownScalar(op);
    } finally {
      depth[0]--;
    }
  }

  /**
   * The shape that an INT32 or INT64 vector describes: entries below 0 become unknown dims; unknown
   * rank if the vector's length is unknown.
   */
  public static Shape asShape(Output t) {
    int[] v = vector(t);
    if (v == null) {
      return Shape.unknown();
    }
    int[] d = v.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.max(d[i], -1);
    }
    return Shape.of(d);
  }

  /** A constant's values as ints (a copy), int64 ones outside the int32 range as -1. */
  private static int[] ints(Tensor c) {
    if (c.dtype() == DType.INT32) {
      return c.ints().clone();
    }
    long[] v = c.longs();
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = v[i] == (int) v[i] ? (int) v[i] : -1;
    }
    return r;
  }

  private static int[] lookThroughVector(Operation op) {
    Tensor c = op.constantValue();
    if (c != null) {
      return c.rank() == 1 ? ints(c) : null;
    }
    if (!(op.type() instanceof KnownValue k)) {
      return null;
    }
    int[] depth = DEPTH.get();
    if (depth[0] >= MAX_DEPTH) {
      return null;
    }
    depth[0]++;
    try {
      return k.knownVector(op);
    } finally {
      depth[0]--;
    }
  }
}
