package dev.skein.core.kernel;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Float32 arrays of dead intermediate values, kept per thread for the kernels of later ops and
 * later runs, so a training step's arrays come back warm from the cache instead of from fresh
 * heap. The session returns a value's array here when its plan proves the array dead
 * ({@code Plan}: made new by its producer, read only by ops that keep no reference to it, not
 * fetched); kernels that overwrite every element of a new output take it with {@link #floats}.
 *
 * <p>Measured on the notebooks' BasicRNN training step: without reuse it allocates about 22 MB
 * per step (a young collection every 26 steps), every array new to the cache. Arrays of fewer
 * than {@link #MIN_FLOATS} are left to the allocator; a thread keeps at most
 * {@link #MAX_BYTES} (when full, it drops the sizes used least recently, so arrays of sizes an
 * earlier model used do not crowd out the current one's); the most recently returned array of
 * a size is handed out first. The system
 * property {@code skein.bufferPool=false} (or {@link #setEnabled}) turns reuse off.
 */
public final class BufferPool {
  /** Smaller arrays are cheap to allocate and are not kept. */
  public static final int MIN_FLOATS = 1 << 12;
  /** Bytes a thread keeps at most: {@code skein.bufferPool.maxMB}, 64 MB by default. */
  public static final long MAX_BYTES = Long.getLong("skein.bufferPool.maxMB", 64) << 20;

  private static volatile boolean enabled =
      !"false".equals(System.getProperty("skein.bufferPool"));
  /**
   * With {@code skein.bufferPool.poison=true}, every array {@link #floats} hands out is filled
   * with NaN first: a test run with it shows any kernel that reads an element before writing it.
   */
  private static final boolean POISON = Boolean.getBoolean("skein.bufferPool.poison");
  private static final ThreadLocal<BufferPool> LOCAL = ThreadLocal.withInitial(BufferPool::new);

  /** Free arrays by length, the length used least recently first. */
  private final Map<Integer, ArrayDeque<float[]>> free = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  private BufferPool() {}

  /** Turns reuse on or off for arrays taken and returned from now on; returns the old setting. */
  public static boolean setEnabled(boolean on) {
    boolean old = enabled;
    enabled = on;
    return old;
  }

  public static boolean enabled() {
    return enabled;
  }

  /**
   * An array of length n with arbitrary contents: the caller must write every element before
   * anything reads it.
   */
  public static float[] floats(int n) {
    float[] a = null;
    if (n >= MIN_FLOATS && enabled) {
      BufferPool p = LOCAL.get();
      ArrayDeque<float[]> q = p.free.get(n);
      a = q == null ? null : q.pollFirst();
      if (a != null) {
        p.bytes -= 4L * n;
      }
    }
    if (a == null) {
      a = new float[n];
    }
    if (POISON) {
      java.util.Arrays.fill(a, Float.NaN);
    }
    return a;
  }

  /**
   * Takes back an array nothing references any more (the caller's promise) for a later
   * {@link #floats} on this thread. Kernels that kept work derived from its contents (the
   * matmul kernel's packing cache) are told to forget it.
   */
  public static void recycle(float[] a) {
    int n = a.length;
    if (n < MIN_FLOATS || !enabled) {
      return;
    }
    BufferPool p = LOCAL.get();
    if (4L * n > MAX_BYTES) {
      return;
    }
    // Full: drop the sizes used least recently first (most likely an earlier model's: a thread
    // that ran an LSTM, then runs a BasicRNN), never the one returned now.
    Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> it = p.free.entrySet().iterator();
    while (p.bytes + 4L * n > MAX_BYTES && it.hasNext()) {
      Map.Entry<Integer, ArrayDeque<float[]>> e = it.next();
      if (e.getKey() != n) {
        p.bytes -= 4L * e.getKey() * e.getValue().size();
        it.remove();
      }
    }
    if (p.bytes + 4L * n > MAX_BYTES) {
      return;
    }
    Kernels.matMul().forget(a);
    p.free.computeIfAbsent(n, k -> new ArrayDeque<>()).addFirst(a);
    p.bytes += 4L * n;
  }

  /** Bytes this thread keeps (for tests and benchmarks). */
  public static long keptBytes() {
    return LOCAL.get().bytes;
  }

  /** Drops every array this thread keeps. */
  public static void clear() {
    BufferPool p = LOCAL.get();
    p.free.clear();
    p.bytes = 0;
  }
}
