package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * An immutable dense tensor: a dtype, a fully defined shape and row-major values held in a Java
 * array ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]} or {@code boolean[]}).
 *
 * <p>The {@code floats()}/{@code doubles()}/{@code ints()}/{@code longs()}/{@code bools()} accessors return the
 * backing array without a copy, for kernels; callers must never write to it. The {@code to...}
 * accessors return copies.
 *
 * <p>A <em>deferred</em> tensor ({@link #deferred}) carries a structured payload, such as a
 * TensorArray, from which its dense values are built on first access. Kernels that know the
 * payload ({@link #payload()}) work on it directly; every other kernel sees an ordinary dense
 * tensor.
 */
public final class Tensor {
  private final DType dtype;
  private final Shape shape;
  private final Object data; // null for a deferred tensor
  private final Deferred payload;
  private volatile Object materialized;

  private Tensor(DType dtype, Shape shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
    this.payload = null;
  }

  private Tensor(DType dtype, Shape shape, Deferred payload) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = null;
    this.payload = payload;
  }

  /** A structured value that can produce its dense values (row-major, in a fresh array). */
  public interface Deferred {
    /** The dense values of a tensor of this dtype and shape, in a new array. */
    Object materialize(DType dtype, Shape shape);
  }

  /**
   * A tensor whose values {@code payload} produces on first access. The payload must stay
   * observably immutable: materializing it twice gives the same values.
   */
  public static Tensor deferred(DType dtype, Shape shape, Deferred payload) {
    checkArgument(shape.isFullyDefined(), "a tensor needs a fully defined shape, got %s", shape);
    return new Tensor(dtype, shape, java.util.Objects.requireNonNull(payload));
  }

  /** The structured payload of a deferred tensor, or null for a plain dense one. */
  public Deferred payload() {
    return payload;
  }

  /** The backing array, built from the payload on first use for a deferred tensor. */
  /** The array holding the values now, without materializing a deferred tensor; else null. */
  Object heldArray() {
    return data != null ? data : materialized;
  }

  private Object values() {
    if (data != null) {
      return data;
    }
    Object m = materialized;
    if (m == null) {
      m = payload.materialize(dtype, shape);
      checkArgument(JavaArrays.arrayDType(m.getClass()) == dtype && Array.getLength(m) == shape.numElements(),
          "deferred %s %s tensor materialized to a %s of %s values", dtype, shape,
          m.getClass().getSimpleName(), Array.getLength(m));
      materialized = m;
    }
    return m;
  }

  /**
   * Wraps a flat array without copying. The caller hands over ownership: nobody may write to the
   * array afterwards.
   */
  public static Tensor wrap(DType dtype, Shape shape, Object flat) {
    checkArgument(shape.isFullyDefined(), "a tensor needs a fully defined shape, got %s", shape);
    int n = shape.numElements();
    checkArgument(flat != null && JavaArrays.arrayDType(flat.getClass()) == dtype,
        "data for a %s tensor must be a %s array, got %s", dtype, JavaArrays.arrayName(dtype),
        flat == null ? "null" : flat.getClass().getSimpleName());
    checkArgument(Array.getLength(flat) == n, "shape %s needs %s values, got %s", shape, n,
        Array.getLength(flat));
    return new Tensor(dtype, shape, flat);
  }

  /** A tensor of the given shape from flat row-major values (copied). */
  public static Tensor create(Shape shape, float[] flat) {
    return wrap(DType.FLOAT32, shape, flat.clone());
  }

  public static Tensor create(Shape shape, double[] flat) {
    return wrap(DType.FLOAT64, shape, flat.clone());
  }

  public static Tensor create(Shape shape, int[] flat) {
    return wrap(DType.INT32, shape, flat.clone());
  }

  public static Tensor create(Shape shape, long[] flat) {
    return wrap(DType.INT64, shape, flat.clone());
  }

  public static Tensor create(Shape shape, boolean[] flat) {
    return wrap(DType.BOOL, shape, flat.clone());
  }

  public static Tensor scalar(float v) {
    return wrap(DType.FLOAT32, Shape.scalar(), new float[] {v});
  }

  public static Tensor scalar(double v) {
    return wrap(DType.FLOAT64, Shape.scalar(), new double[] {v});
  }

  public static Tensor scalar(int v) {
    return wrap(DType.INT32, Shape.scalar(), new int[] {v});
  }

  public static Tensor scalar(long v) {
    return wrap(DType.INT64, Shape.scalar(), new long[] {v});
  }

  public static Tensor scalar(boolean v) {
    return wrap(DType.BOOL, Shape.scalar(), new boolean[] {v});
  }

  /** A tensor filled with zeros (false for BOOL). */
  public static Tensor zeros(DType dtype, Shape shape) {
    return wrap(dtype, shape, newArray(dtype, shape.numElements()));
  }

  /** A new zero-filled Java array of the element type of {@code dtype}. */
  public static Object newArray(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case BOOL -> new boolean[n];
    };
  }

  /**
   * A tensor from a (possibly nested, rectangular) Java array of float, double, int, long or boolean,
   * of any rank, e.g. {@code new float[][] {{1, 2}, {3, 4}}}; a boxed scalar gives a rank-0
   * tensor.
   */
  public static Tensor of(Object javaArray) {
    if (javaArray instanceof Float f) {
      return scalar(f.floatValue());
    } else if (javaArray instanceof Double d) {
      return scalar(d.doubleValue());
    } else if (javaArray instanceof Integer i) {
      return scalar(i.intValue());
    } else if (javaArray instanceof Long l) {
      return scalar(l.longValue());
    } else if (javaArray instanceof Boolean b) {
      return scalar(b.booleanValue());
    }
    JavaArrays.Flat f = JavaArrays.flatten(javaArray);
    return new Tensor(f.dtype(), f.shape(), f.values());
  }

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  public int size() {
    return shape.numElements();
  }

  /** Size in bytes of the values. */
  public long byteSize() {
    return (long) size() * dtype.byteSize();
  }

  /** The backing array of a FLOAT32 tensor, not copied: do not modify. */
  public float[] floats() {
    return (float[]) expect(DType.FLOAT32);
  }

  /** The backing array of a FLOAT64 tensor, not copied: do not modify. */
  public double[] doubles() {
    return (double[]) expect(DType.FLOAT64);
  }

  /** The backing array of an INT32 tensor, not copied: do not modify. */
  public int[] ints() {
    return (int[]) expect(DType.INT32);
  }

  /** The backing array of an INT64 tensor, not copied: do not modify. */
  public long[] longs() {
    return (long[]) expect(DType.INT64);
  }

  /** The backing array of a BOOL tensor, not copied: do not modify. */
  public boolean[] bools() {
    return (boolean[]) expect(DType.BOOL);
  }

  /** The backing array, whatever its type: do not modify. */
  public Object data() {
    return values();
  }

  private Object expect(DType t) {
    if (dtype != t) {
      throw new IllegalStateException("tensor is " + dtype + " " + shape + ", not " + t);
    }
    return values();
  }

  /** Element at a flat row-major index, as a double (BOOL gives 1 or 0). */
  public double getDouble(int flatIndex) {
    Object v = values();
    return switch (dtype) {
      case FLOAT32 -> ((float[]) v)[flatIndex];
      case FLOAT64 -> ((double[]) v)[flatIndex];
      case INT32 -> ((int[]) v)[flatIndex];
      case INT64 -> ((long[]) v)[flatIndex];
      case BOOL -> ((boolean[]) v)[flatIndex] ? 1 : 0;
    };
  }

  /** All values as doubles (a copy), whatever the dtype. */
  public double[] toDoubleArray() {
    double[] r = new double[size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = getDouble(i);
    }
    return r;
  }

  /** A copy of the flat values of a FLOAT32 tensor. */
  public float[] toFloatArray() {
    return floats().clone();
  }

  /** A copy of the flat values of an INT32 tensor. */
  public int[] toIntArray() {
    return ints().clone();
  }

  /** A copy of the flat values of an INT64 tensor. */
  public long[] toLongArray() {
    return longs().clone();
  }

  /**
   * The values of an INT32 or INT64 tensor as longs (a copy); for kernels that take indices of
   * either integer type.
   */
  public long[] toLongs() {
    if (dtype == DType.INT32) {
      int[] v = ints();
      long[] r = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = v[i];
      }
      return r;
    }
    return toLongArray();
  }

  /**
   * The values of an INT32 or INT64 tensor as ints, for shape-like arguments (sizes, begins,
   * indices) of either integer type: an INT32 tensor's backing array (do not modify), an INT64
   * tensor's values narrowed; an INT64 value outside the int32 range fails naming {@code what}.
   */
  public int[] intValues(String what) {
    if (dtype == DType.INT32) {
      return ints();
    }
    checkArgument(dtype == DType.INT64, "%s must be int32 or int64, got %s", what, dtype);
    long[] v = longs();
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      checkArgument(v[i] == (int) v[i], "%s value %s (entry %s of the int64 tensor) is outside "
          + "the int32 range", what, v[i], i);
      r[i] = (int) v[i];
    }
    return r;
  }

  /** Element at a flat row-major index of an INT32 or INT64 tensor, as a long. */
  public long getLong(int flatIndex) {
    return switch (dtype) {
      case INT32 -> ints()[flatIndex];
      case INT64 -> longs()[flatIndex];
      default -> throw new IllegalStateException("tensor is " + dtype + " " + shape
          + ", not an integer type");
    };
  }

  /** The single value of a FLOAT32 tensor with one element. */
  public float floatValue() {
    checkArgument(size() == 1, "floatValue() needs one element, tensor has shape %s", shape);
    return floats()[0];
  }

  public double doubleValue() {
    checkArgument(size() == 1, "doubleValue() needs one element, tensor has shape %s", shape);
    return getDouble(0);
  }

  public int intValue() {
    checkArgument(size() == 1, "intValue() needs one element, tensor has shape %s", shape);
    return ints()[0];
  }

  /** The single value of an INT64 tensor with one element. */
  public long longValue() {
    checkArgument(size() == 1, "longValue() needs one element, tensor has shape %s", shape);
    return longs()[0];
  }

  public boolean booleanValue() {
    checkArgument(size() == 1, "booleanValue() needs one element, tensor has shape %s", shape);
    return bools()[0];
  }

  /**
   * The values as a nested Java array of the tensor's rank (e.g. {@code float[][]} for a rank-2
   * FLOAT32 tensor); a scalar gives a boxed value.
   */
  public Object toArray() {
    if (shape.rank() == 0) {
      return Array.get(values(), 0);
    }
    int[] dims = shape.dims();
    Class<?> elem = values().getClass().getComponentType();
    Object out = Array.newInstance(elem, dims);
    JavaArrays.unflatten(values(), out, 0, dims, new int[] {0});
    return out;
  }

  /** A tensor with the same values and a new shape of the same element count (no copy). */
  public Tensor reshape(Shape newShape) {
    checkArgument(newShape.numElements() == size(), "cannot reshape %s values of shape %s to %s",
        size(), shape, newShape);
    return new Tensor(dtype, newShape, values());
  }

  /** Same dtype, shape and values. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tensor t) || t.dtype != dtype || !t.shape.equals(shape)) {
      return false;
    }
    Object a = values();
    Object b = t.values();
    return switch (dtype) {
      case FLOAT32 -> Arrays.equals((float[]) a, (float[]) b);
      case FLOAT64 -> Arrays.equals((double[]) a, (double[]) b);
      case INT32 -> Arrays.equals((int[]) a, (int[]) b);
      case INT64 -> Arrays.equals((long[]) a, (long[]) b);
      case BOOL -> Arrays.equals((boolean[]) a, (boolean[]) b);
    };
  }

  @Override
  public int hashCode() {
    return dtype.hashCode() * 31 + shape.hashCode();
  }

  /** NumPy-style text: {@code [[1. 2.]\n [3. 4.]]}; large tensors are summarised with "...". */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
