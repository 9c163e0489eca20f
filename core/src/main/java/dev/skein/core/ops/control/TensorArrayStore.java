package dev.skein.core.ops.control;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The element slots shared by all versions of one TensorArray lineage (see
 * {@link TensorArrayValue}): each slot holds an element and the version whose write filled it.
 * Slots live in arrays indexed by element, or, for sparse gradient arrays (typically one element
 * of a long array per loop iteration), in a map, so creating one costs O(1), not O(size).
 * Callers lock the store while they use it.
 */
final class TensorArrayStore {
  final DType dtype;
  final boolean dynamicSize;
  final Shape staticElementShape;
  final boolean identicalShapes;
  /** Gradient arrays: unwritten elements read as zeros (or base rows); slots kept in a map. */
  final boolean zerosForUnwritten;
  /** For a gradient array: dense [size, ...element] values of its unwritten elements, or null. */
  Tensor base;
  /**
   * True if nothing but this array holds its elements' arrays (a loop's saved values, each made
   * for saving alone): once an element is read for the last time it may be reused.
   */
  volatile boolean ownsElements;
  /** Elements excepted from {@link #ownsElements} (something else may hold their arrays). */
  private volatile java.util.Set<Integer> disowned;

  synchronized void disown(int index) {
    if (disowned == null) {
      disowned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    }
    disowned.add(index);
  }

  boolean isDisowned(int index) {
    java.util.Set<Integer> d = disowned;
    return d != null && d.contains(index);
  }
  private Tensor[] elems;
  /** Version whose write filled each slot; 0 = never written. */
  private int[] writtenAt;
  private final Map<Integer, Slot> sparse;
  /** Written indices in write order (so sparse gradient arrays are walked in O(written)). */
  private final List<Integer> order = new ArrayList<>();
  int head;

  private record Slot(Tensor elem, int writtenAt) {}

  TensorArrayStore(DType dtype, boolean dynamicSize, Shape staticElementShape,
      boolean identicalShapes, boolean zerosForUnwritten, int capacity) {
    this.dtype = dtype;
    this.dynamicSize = dynamicSize;
    this.staticElementShape = staticElementShape;
    this.identicalShapes = identicalShapes;
    this.zerosForUnwritten = zerosForUnwritten;
    this.sparse = zerosForUnwritten ? new HashMap<>() : null;
    this.elems = new Tensor[zerosForUnwritten ? 0 : capacity];
    this.writtenAt = new int[elems.length];
  }

  /** True if element {@code index} was written at a version <= {@code version}. */
  boolean visible(int index, int version) {
    int w;
    if (sparse != null) {
      Slot s = sparse.get(index);
      w = s == null ? 0 : s.writtenAt();
    } else {
      w = index < writtenAt.length ? writtenAt[index] : 0;
    }
    return w != 0 && w <= version;
  }

  Tensor elem(int index) {
    return sparse != null ? sparse.get(index).elem() : elems[index];
  }

  /** Fills slot {@code index} (empty, or being replaced in a store this writer owns). */
  void set(int index, Tensor value, int version) {
    if (sparse != null) {
      if (sparse.put(index, new Slot(value, version)) == null) {
        order.add(index);
      }
      return;
    }
    if (index >= elems.length) {
      int cap = Math.max(index + 1, Math.max(4, elems.length * 2));
      elems = Arrays.copyOf(elems, cap);
      writtenAt = Arrays.copyOf(writtenAt, cap);
    }
    if (writtenAt[index] == 0) {
      order.add(index);
    }
    elems[index] = value;
    writtenAt[index] = version;
  }

  /** Written indices, in the order they were first written. */
  List<Integer> order() {
    return order;
  }

  /** A new store holding what {@code version} sees, with that version as its head. */
  TensorArrayStore branch(int version) {
    TensorArrayStore s = new TensorArrayStore(dtype, dynamicSize, staticElementShape,
        identicalShapes, zerosForUnwritten, elems.length);
    s.base = base;
    for (int index : order) {
      if (visible(index, version)) {
        s.set(index, elem(index), sparse != null ? sparse.get(index).writtenAt()
            : writtenAt[index]);
      }
    }
    s.head = version;
    return s;
  }
}
