package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.control.ElementTensors.addTensors;
import static dev.skein.core.ops.control.ElementTensors.placeholderShape;
import static dev.skein.core.ops.control.ElementTensors.row;
import static dev.skein.core.ops.control.ElementTensors.rows;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The run-time value of a TensorArray: a list of {@code size} element tensors of one dtype, each
 * written at most once, carried by a deferred {@link Tensor} of shape {@code [size, ...element]}
 * (unwritten elements read as zeros in that dense view; TensorArray ops refuse to read them).
 *
 * <h2>Why a write costs O(1)</h2>
 * All versions of one array share a store ({@code TensorArrayStore}): the element slots, the
 * version at which each slot was written, and the newest version (the head). A value is a
 * (store, version) pair; it sees exactly the slots written at a version {@code <=} its own.
 * Writing to the head fills empty slots in place and returns the next version; the old value
 * still sees what it saw before, because the slots it sees are never written again (write-once;
 * a gradient array's {@link #accumulate} copies before it adds to a slot) and the new slots are
 * invisible to it. So in-place writes need no proof that the old value is dead: any number of
 * readers of old versions stay correct. Only a write to an old version (a branch: two different
 * writes from the same value) copies its visible slots into a new store, O(size). A loop that
 * writes step t of a loop-carried array always writes the head, so T steps cost O(T).
 *
 * <p>Thread safety: a store is locked while read or written, so the same value may be used by
 * concurrent session runs.
 */
public final class TensorArrayValue implements Tensor.Deferred {
  private final TensorArrayStore store;
  private final int version;
  private final int size;
  /** The run-time element shape, known from the first write; null before. */
  private final Shape elementShape;

  private TensorArrayValue(TensorArrayStore store, int version, int size, Shape elementShape) {
    this.store = store;
    this.version = version;
    this.size = size;
    this.elementShape = elementShape;
  }

  /**
   * A new array with nothing written. {@code staticElementShape} is what the graph knows (maybe
   * partial); writes must be compatible with it. If it is fully defined, it is the element shape.
   */
  public static TensorArrayValue create(DType dtype, int size, boolean dynamicSize,
      Shape staticElementShape) {
    checkArgument(size >= 0, "TensorArray size must be >= 0, got %s", size);
    TensorArrayStore s =
        new TensorArrayStore(dtype, dynamicSize, staticElementShape, true, false, size);
    return new TensorArrayValue(s, 0, size,
        staticElementShape.isFullyDefined() ? staticElementShape : null);
  }

  /**
   * A gradient array: like {@link #create} with a known element shape, but reading an unwritten
   * element gives zeros (no gradient reached it), and {@link #accumulate} sums into elements.
   */
  public static TensorArrayValue createGradient(DType dtype, int size, Shape elementShape) {
    return gradientOver(dtype, size, elementShape, null);
  }

  /**
   * A gradient array whose unwritten elements are the rows of {@code base} ([size, ...element]),
   * without copying it: accumulating into element i adds to base row i.
   */
  public static TensorArrayValue gradientOver(Tensor base) {
    checkArgument(base.rank() >= 1, "a gradient array needs rank >= 1, got %s", base.shape());
    return gradientOver(base.dtype(), base.shape().dim(0),
        base.shape().subShape(1, base.rank()), base);
  }

  private static TensorArrayValue gradientOver(DType dtype, int size, Shape elementShape,
      Tensor base) {
    TensorArrayStore s = new TensorArrayStore(dtype, false, elementShape, true, true, 0);
    s.base = base;
    return new TensorArrayValue(s, 0, size, elementShape);
  }

  /** True for gradient arrays, whose unwritten elements read as zeros. */
  public boolean isGradient() {
    return store.zerosForUnwritten;
  }

  /**
   * A growing array whose elements may differ in shape (used to save per-iteration values of a
   * loop body for its gradient); its dense view exists only if they happen to agree.
   */
  public static TensorArrayValue createRagged(DType dtype, Shape staticElementShape) {
    return createRagged(dtype, staticElementShape, false);
  }

  /**
   * {@link #createRagged}; with {@code ownsElements}, the caller promises that nothing else will
   * hold the arrays of the elements it appends (see {@link #ownsElements}).
   */
  public static TensorArrayValue createRagged(DType dtype, Shape staticElementShape,
      boolean ownsElements) {
    TensorArrayStore s = new TensorArrayStore(dtype, true, staticElementShape, false, false, 0);
    s.ownsElements = ownsElements;
    return new TensorArrayValue(s, 0, 0, null);
  }

  /**
   * True if nothing but this array holds its elements' arrays: a sole consumer of the array
   * (a gradient loop reading a forward loop's saved values once each) may then give an
   * element's array to later kernels after its last read.
   */
  public boolean ownsElements() {
    return store.ownsElements;
  }

  /** {@link #ownsElements} for one element: false for an element {@link #disown}ed. */
  public boolean ownsElement(int index) {
    return store.ownsElements && !store.isDisowned(index);
  }

  /** Says that something besides this array may hold element {@code index}'s array. */
  public void disown(int index) {
    store.disown(index);
  }

  /**
   * The TensorArray a tensor holds. A plain dense tensor of shape [n, ...] (fed by the user, say)
   * counts as a fixed-size array of n elements, all written.
   */
  public static TensorArrayValue of(Tensor t) {
    if (t.payload() instanceof TensorArrayValue v) {
      return v;
    }
    checkArgument(t.rank() >= 1, "a TensorArray value has rank >= 1 ([size, ...element]), got"
        + " a %s tensor of shape %s", t.dtype(), t.shape());
    Shape e = t.shape().subShape(1, t.rank());
    return create(t.dtype(), t.shape().dim(0), false, e).unstack(t);
  }

  public DType dtype() {
    return store.dtype;
  }

  public int size() {
    return size;
  }

  public boolean isDynamicSize() {
    return store.dynamicSize;
  }

  /** The element shape, or null while it is unknown (nothing written and none declared). */
  public Shape elementShape() {
    return elementShape;
  }

  /** This value as a tensor of shape [size, ...element] (unknown element dims count as 0). */
  public Tensor toTensor() {
    return Tensor.deferred(store.dtype, denseShape(size), this);
  }

  private Shape denseShape(int rows) {
    return denseElementShape().prepend(rows);
  }

  private Shape denseElementShape() {
    return elementShape != null && elementShape.isFullyDefined() ? elementShape
        : placeholderShape(store.staticElementShape);
  }

  /** Element {@code index}; it must have been written. */
  public Tensor read(int index) {
    checkIndex(index, "read");
    synchronized (store) {
      if (!store.visible(index, version)) {
        if (store.zerosForUnwritten && elementShape != null) {
          return store.base != null ? row(store.base, index, elementShape)
              : Tensor.zeros(store.dtype, elementShape);
        }
        throw new IllegalArgumentException("TensorArray read: index " + index
            + " has not been written (size " + size + ")");
      }
      return store.elem(index);
    }
  }

  /** Elements at {@code indices}, stacked into [k, ...element]. */
  public Tensor gather(int[] indices) {
    Tensor[] parts = new Tensor[indices.length];
    for (int i = 0; i < indices.length; i++) {
      parts[i] = read(indices[i]);
    }
    return stackParts(parts, "gather");
  }

  /** All elements, stacked into [size, ...element]; each must have been written. */
  public Tensor stack() {
    int[] all = new int[size];
    Arrays.setAll(all, i -> i);
    return gather(all);
  }

  /** Writes one element; returns the new version. */
  public TensorArrayValue write(int index, Tensor value) {
    return writeAll(new int[] {index}, new Tensor[] {value}, "write");
  }

  /** Writes row i of {@code value} ([k, ...element]) to element {@code indices[i]}. */
  public TensorArrayValue scatter(int[] indices, Tensor value) {
    checkArgument(value.rank() >= 1 && value.shape().dim(0) == indices.length,
        "TensorArray scatter: %s indices but the value has shape %s", indices.length,
        value.shape());
    return writeAll(indices, rows(value), "scatter");
  }

  /** Writes the rows of {@code value} ([n, ...element]) to elements 0..n-1. */
  public TensorArrayValue unstack(Tensor value) {
    checkArgument(value.rank() >= 1, "TensorArray unstack needs a value of rank >= 1, got %s",
        value.shape());
    int[] idx = new int[value.shape().dim(0)];
    Arrays.setAll(idx, i -> i);
    return writeAll(idx, rows(value), "unstack");
  }

  /** Writes {@code parts[i]} to element i, for i &lt; parts.length (the caller split a value). */
  public TensorArrayValue unstackParts(Tensor[] parts) {
    int[] idx = new int[parts.length];
    Arrays.setAll(idx, i -> i);
    return writeAll(idx, parts, "unstack");
  }

  /**
   * A gradient array with {@code value} added to element {@code index} (written if it was not).
   * O(element) when the element is unwritten in this version and this is the newest version;
   * adding to an element already written copies this version's slots first (O(size)), since the
   * slot is shared with the versions that saw the old sum.
   */
  public TensorArrayValue accumulate(int index, Tensor value) {
    checkArgument(store.zerosForUnwritten, "accumulate needs a gradient TensorArray");
    checkIndex(index, "accumulate");
    checkArgument(value.dtype() == store.dtype && value.shape().equals(elementShape),
        "TensorArray accumulate: value %s %s at index %s, elements are %s %s", value.dtype(),
        value.shape(), index, store.dtype, elementShape);
    synchronized (store) {
      if (!store.visible(index, version)) {
        return write(index, store.base == null ? value
            : addTensors(row(store.base, index, elementShape), value));
      }
      TensorArrayStore s = store.branch(version);
      s.set(index, addTensors(s.elem(index), value), version + 1);
      s.head = version + 1;
      return new TensorArrayValue(s, version + 1, size, elementShape);
    }
  }

  /** The indices of the elements this version sees, in the order they were written. */
  public int[] writtenIndices() {
    synchronized (store) {
      List<Integer> order = store.order();
      int[] r = new int[order.size()];
      int k = 0;
      for (int i = 0; i < order.size(); i++) {
        int index = order.get(i);
        if (store.visible(index, version)) {
          r[k++] = index;
        }
      }
      return Arrays.copyOf(r, k);
    }
  }

  /** Appends an element at index size() (for growing, possibly ragged arrays). */
  public TensorArrayValue append(Tensor value) {
    return write(size, value);
  }

  private TensorArrayValue writeAll(int[] indices, Tensor[] values, String what) {
    Shape shape = elementShape;
    int newSize = size;
    for (int i = 0; i < indices.length; i++) {
      int index = indices[i];
      Tensor v = values[i];
      if (index < 0) {
        throw new IllegalArgumentException("TensorArray " + what + ": index " + index
            + " is negative");
      }
      if (index >= size && !store.dynamicSize) {
        throw new IllegalArgumentException("TensorArray " + what + ": index " + index
            + " is out of range for a TensorArray of size " + size
            + " (create it with dynamicSize to let it grow)");
      }
      checkArgument(v.dtype() == store.dtype, "TensorArray %s: value at index %s is %s, the"
          + " array holds %s", what, index, v.dtype(), store.dtype);
      if (!store.identicalShapes) {
        // Ragged arrays track the common shape while there is one; Shape.unknown() after.
        shape = size == 0 && i == 0 ? v.shape()
            : shape != null && shape.equals(v.shape()) ? shape : Shape.unknown();
      } else {
        if (shape == null) {
          checkArgument(v.shape().isCompatibleWith(store.staticElementShape),
              "TensorArray %s: value shape %s at index %s is not compatible with the element"
                  + " shape %s", what, v.shape(), index, store.staticElementShape);
          shape = v.shape();
        } else {
          checkArgument(v.shape().equals(shape), "TensorArray %s: value shape %s at index %s"
              + " differs from the element shape %s", what, v.shape(), index, shape);
        }
      }
      for (int j = 0; j < i; j++) {
        checkArgument(indices[j] != index, "TensorArray %s: index %s is written twice", what,
            index);
      }
      newSize = Math.max(newSize, index + 1);
    }
    synchronized (store) {
      TensorArrayStore s = store.head == version ? store : store.branch(version);
      for (int index : indices) {
        if (s.visible(index, version)) {
          throw new IllegalArgumentException("TensorArray " + what + ": index " + index
              + " has already been written; each element can be written only once");
        }
      }
      for (int i = 0; i < indices.length; i++) {
        s.set(indices[i], values[i], version + 1);
      }
      s.head = version + 1;
      return new TensorArrayValue(s, version + 1, newSize, shape);
    }
  }

  private void checkIndex(int index, String what) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("TensorArray " + what + ": index " + index
          + " is out of range for a TensorArray of size " + size);
    }
  }

  private Tensor stackParts(Tensor[] parts, String what) {
    Shape e = denseElementShape();
    for (Tensor p : parts) {
      checkArgument(p.shape().equals(e), "TensorArray %s: element shapes differ (%s and %s)",
          what, e, p.shape());
    }
    int n = e.numElements();
    Object out = Tensor.newArray(store.dtype, parts.length * n);
    for (int i = 0; i < parts.length; i++) {
      System.arraycopy(parts[i].data(), 0, out, i * n, n);
    }
    return Tensor.wrap(store.dtype, e.prepend(parts.length), out);
  }

  @Override
  public Object materialize(DType dtype, Shape shape) {
    Object out = Tensor.newArray(dtype, shape.numElements());
    if (store.base != null) {
      System.arraycopy(store.base.data(), 0, out, 0, shape.numElements());
    }
    int n = shape.rank() <= 1 ? 1 : shape.subShape(1, shape.rank()).numElements();
    synchronized (store) {
      for (int i = 0; i < size; i++) {
        if (store.visible(i, version)) {
          Tensor e = store.elem(i);
          checkArgument(e.size() == n, "cannot view a TensorArray whose elements differ in shape"
              + " as one tensor (element %s has shape %s)", i, e.shape());
          System.arraycopy(e.data(), 0, out, i * n, n);
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "TensorArray(" + store.dtype + ", size=" + size + ", element="
        + (elementShape == null ? store.staticElementShape : elementShape) + ", version="
        + version + ")";
  }
}
