package dev.skein.core.kernel;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Packed copies of B matrices that the caller promised never change while their array lives
 * (a Tensor's values), so a product by the same weights again (an RNN's kernel, once per step)
 * skips the packing. A B is packed into the cache on its second use: the first is only noted,
 * so B's used once (a step's activations) never churn the cache. Holds a few recent entries;
 * arrays are weakly referenced, packings strongly.
 */
final class PackCache {
  /** Packings kept. */
  private static final int PACKED = 4;
  /** B's noted as seen once. */
  private static final int SEEN = 8;
  /** Largest packing kept, in floats (8 MB). */
  static final int MAX_FLOATS = 1 << 21;

  private record Entry(WeakReference<float[]> b, int bo, int k, int n, boolean trans,
      float[] packed) {
    boolean matches(float[] array, int offset, int kk, int nn, boolean t) {
      return b.get() == array && bo == offset && k == kk && n == nn && trans == t;
    }
  }

  private final ArrayDeque<Entry> packed = new ArrayDeque<>();
  private final ArrayDeque<Entry> seen = new ArrayDeque<>();

  /** The packing of this B, or null. */
  synchronized float[] get(float[] b, int bo, int k, int n, boolean trans) {
    for (Iterator<Entry> it = packed.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.matches(b, bo, k, n, trans)) {
        it.remove();
        packed.addFirst(e);
        return e.packed;
      }
    }
    return null;
  }

  /** True if this B was noted before (and forgets the note); otherwise notes it. */
  synchronized boolean seenBefore(float[] b, int bo, int k, int n, boolean trans) {
    for (Iterator<Entry> it = seen.iterator(); it.hasNext(); ) {
      if (it.next().matches(b, bo, k, n, trans)) {
        it.remove();
        return true;
      }
    }
    if (seen.size() == SEEN) {
      seen.removeLast();
    }
    seen.addFirst(new Entry(new WeakReference<>(b), bo, k, n, trans, null));
    return false;
  }

  /** Drops every entry for this array (its contents are about to change). */
  synchronized void forget(float[] b) {
    packed.removeIf(e -> e.b.get() == b);
    seen.removeIf(e -> e.b.get() == b);
  }

  synchronized void put(float[] b, int bo, int k, int n, boolean trans, float[] packing) {
    if (packed.size() == PACKED) {
      packed.removeLast();
    }
    packed.addFirst(new Entry(new WeakReference<>(b), bo, k, n, trans, packing));
  }
}
