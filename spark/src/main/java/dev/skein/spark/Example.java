package dev.skein.spark;

import dev.skein.core.DType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training example: named values, each fed (stacked with the other examples of a batch
 * along a new first axis) to the placeholder of the same name. A value is a flat float or int
 * array in row-major order; its shape is the placeholder's shape without the batch dimension,
 * so a placeholder {@code X} of shape {@code (?, 28, 28)} takes 784 floats per example and a
 * placeholder {@code y} of shape {@code (?)} one int.
 *
 * <pre>{@code
 * Example e = Example.builder().floats("X", pixels).ints("y", label).build();
 * }</pre>
 *
 * <p>Immutable and {@link Serializable} (Spark ships examples between JVMs); arrays are copied in.
 */
public final class Example implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> values;

  private Example(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The names of this example's values, in the order they were added. */
  public java.util.Set<String> names() {
    return values.keySet();
  }

  /** The dtype of value {@code name}: FLOAT32 or INT32. */
  public DType dtype(String name) {
    return value(name) instanceof float[] ? DType.FLOAT32 : DType.INT32;
  }

  /** The number of elements of value {@code name}. */
  public int length(String name) {
    Object v = value(name);
    return v instanceof float[] f ? f.length : ((int[]) v).length;
  }

  /** Copies value {@code name} into {@code dest} (a float[] or int[]) at {@code offset}. */
  void copyInto(String name, Object dest, int offset) {
    Object v = value(name);
    System.arraycopy(v, 0, dest, offset, length(name));
  }

  /** A copy of float value {@code name}. */
  public float[] floats(String name) {
    if (!(value(name) instanceof float[] f)) {
      throw new IllegalArgumentException("example value '" + name + "' is int32, not float32");
    }
    return f.clone();
  }

  /** A copy of int value {@code name}. */
  public int[] ints(String name) {
    if (!(value(name) instanceof int[] i)) {
      throw new IllegalArgumentException("example value '" + name + "' is float32, not int32");
    }
    return i.clone();
  }

  private Object value(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("example has no value '" + name + "'; it has "
          + values.keySet());
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Example e) || !e.values.keySet().equals(values.keySet())) {
      return false;
    }
    for (Map.Entry<String, Object> en : values.entrySet()) {
      if (!Objects.deepEquals(en.getValue(), e.values.get(en.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, Object> en : values.entrySet()) {
      Object v = en.getValue();
      h += en.getKey().hashCode() ^ (v instanceof float[] f ? Arrays.hashCode(f)
          : Arrays.hashCode((int[]) v));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Example{");
    String sep = "";
    for (String n : values.keySet()) {
      sb.append(sep).append(n).append(": ").append(dtype(n)).append('[').append(length(n))
          .append(']');
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  /** Builds an {@link Example}. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    public Builder floats(String name, float... v) {
      return put(name, Objects.requireNonNull(v, name).clone());
    }

    public Builder ints(String name, int... v) {
      return put(name, Objects.requireNonNull(v, name).clone());
    }

    private Builder put(String name, Object v) {
      Objects.requireNonNull(name, "name");
      if (values.putIfAbsent(name, v) != null) {
        throw new IllegalArgumentException("example value '" + name + "' is given twice");
      }
      return this;
    }

    public Example build() {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an example needs at least one value");
      }
      return new Example(new LinkedHashMap<>(values));
    }
  }
}
