package dev.skein.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.reflect.Array;

/**
 * Conversions between nested Java arrays ({@code float[][]}, ...) and a tensor's flat row-major
 * array, for {@link Tensor#of} and {@link Tensor#toArray}, and the element types they allow.
 */
final class JavaArrays {
  private JavaArrays() {}

  /** A flattened array: its dtype, shape and row-major values. */
  record Flat(DType dtype, Shape shape, Object values) {}

  /** The dtype, shape and flat values of a rectangular Java array of any rank. */
  static Flat flatten(Object javaArray) {
    checkArgument(javaArray != null && javaArray.getClass().isArray(),
        "Tensor.of needs an array of float, double, int or boolean, got %s",
        javaArray == null ? "null" : javaArray.getClass().getName());
    Class<?> c = javaArray.getClass();
    int rank = 0;
    while (c.isArray()) {
      c = c.getComponentType();
      rank++;
    }
    DType dtype = elementDType(c);
    int[] dims = new int[rank];
    Object a = javaArray;
    for (int i = 0; i < rank; i++) {
      dims[i] = Array.getLength(a);
      if (dims[i] == 0) {
        break;
      }
      a = Array.get(a, 0);
    }
    Shape shape = Shape.of(dims);
    Object flat = Tensor.newArray(dtype, shape.numElements());
    int[] pos = {0};
    flatten(javaArray, 0, dims, flat, pos);
    return new Flat(dtype, shape, flat);
  }

  static void flatten(Object a, int depth, int[] dims, Object flat, int[] pos) {
    int n = Array.getLength(a);
    checkArgument(n == dims[depth],
        "ragged array: dimension %s has length %s here but %s elsewhere", depth, n, dims[depth]);
    if (depth == dims.length - 1) {
      System.arraycopy(a, 0, flat, pos[0], n);
      pos[0] += n;
    } else {
      for (int i = 0; i < n; i++) {
        flatten(Array.get(a, i), depth + 1, dims, flat, pos);
      }
    }
  }
  static DType elementDType(Class<?> c) {
    if (c == float.class) {
      return DType.FLOAT32;
    } else if (c == double.class) {
      return DType.FLOAT64;
    } else if (c == int.class) {
      return DType.INT32;
    } else if (c == long.class) {
      return DType.INT64;
    } else if (c == boolean.class) {
      return DType.BOOL;
    }
    throw new IllegalArgumentException(
        "Tensor.of supports float, double, int, long and boolean arrays, got elements of " + c);
  }
  static DType arrayDType(Class<?> c) {
    return c.isArray() && c.getComponentType().isPrimitive() ? elementDTypeOrNull(
        c.getComponentType()) : null;
  }
  static DType elementDTypeOrNull(Class<?> c) {
    try {
      return elementDType(c);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
  static String arrayName(DType t) {
    return switch (t) {
      case FLOAT32 -> "float[]";
      case FLOAT64 -> "double[]";
      case INT32 -> "int[]";
      case INT64 -> "long[]";
      case BOOL -> "boolean[]";
    };
  }

  static void unflatten(Object values, Object a, int depth, int[] dims, int[] pos) {
    if (depth == dims.length - 1) {
      System.arraycopy(values, pos[0], a, 0, dims[depth]);
      pos[0] += dims[depth];
    } else {
      for (int i = 0; i < dims[depth]; i++) {
        unflatten(values, Array.get(a, i), depth + 1, dims, pos);
      }
    }
  }}
