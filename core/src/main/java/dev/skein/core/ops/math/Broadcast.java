package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy broadcasting, shared by every elementwise op and by the gradient code that undoes it.
 *
 * <p>Shapes are aligned at their last dimension; missing leading dimensions count as 1; two
 * dimensions are compatible when they are equal or one of them is 1, and the result takes the
 * larger. {@link #shape(Shape, Shape)} does this for static (partial) shapes, {@link #dims} for
 * run-time shapes, and {@link #plan} tells a kernel how to walk broadcast inputs with plain loops.
 */
public final class Broadcast {
  private Broadcast() {}

  /**
   * The broadcast of two static shapes. An unknown rank gives an unknown rank; an unknown
   * dimension against a known d != 1 gives d (the unknown one must be 1 or d), against 1 or
   * another unknown it stays unknown.
   *
   * @throws IllegalArgumentException "cannot broadcast shapes (2, 3) and (4,)"
   */
  public static Shape shape(Shape a, Shape b) {
    if (!a.hasKnownRank() || !b.hasKnownRank()) {
      return Shape.unknown();
    }
    int[] r = combine(a.dims(), b.dims(), true);
    checkArgument(r != null, "cannot broadcast shapes %s and %s", a, b);
    return Shape.of(r);
  }

  /** The broadcast of several static shapes, left to right. */
  public static Shape shape(Shape first, Shape... more) {
    Shape r = first;
    for (Shape s : more) {
      if (!r.hasKnownRank() || !s.hasKnownRank()) {
        r = Shape.unknown();
        continue;
      }
      int[] d = combine(r.dims(), s.dims(), true);
      if (d == null) {
        List<Shape> all = new ArrayList<>();
        all.add(first);
        all.addAll(Arrays.asList(more));
        throw new IllegalArgumentException("cannot broadcast shapes " + join(all));
      }
      r = Shape.of(d);
    }
    return r;
  }

  /**
   * The broadcast of two run-time shapes.
   *
   * @throws IllegalArgumentException "cannot broadcast shapes (2, 3) and (4,)"
   */
  public static int[] dims(int[] a, int[] b) {
    int[] r = combine(a, b, false);
    checkArgument(r != null, "cannot broadcast shapes %s and %s", Shape.of(a), Shape.of(b));
    return r;
  }

  /** True if {@code from} broadcasts to exactly {@code to} (run-time shapes). */
  public static boolean isBroadcastableTo(int[] from, int[] to) {
    if (from.length > to.length) {
      return false;
    }
    int off = to.length - from.length;
    for (int i = 0; i < from.length; i++) {
      if (from[i] != 1 && from[i] != to[off + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The axes of {@code grad} (a broadcast result) to sum so that what is left, reshaped, has
   * the shape {@code target}: the leading axes {@code target} lacks, and the axes where
   * {@code target} has 1 and {@code grad} does not. Like TensorFlow's BroadcastGradientArgs.
   *
   * @throws IllegalArgumentException if {@code target} does not broadcast to {@code grad}
   */
  public static int[] sumAxes(int[] grad, int[] target) {
    checkArgument(isBroadcastableTo(target, grad), "cannot sum a gradient of shape %s to shape %s",
        Shape.of(grad), Shape.of(target));
    int lead = grad.length - target.length;
    int[] axes = new int[grad.length];
    int n = 0;
    for (int i = 0; i < grad.length; i++) {
      if (i < lead || (target[i - lead] == 1 && grad[i] != 1)) {
        axes[n++] = i;
      }
    }
    return Arrays.copyOf(axes, n);
  }

  /** Broadcast of dims aligned at the end; null if incompatible. -1 is unknown if allowed. */
  private static int[] combine(int[] a, int[] b, boolean partial) {
    int rank = Math.max(a.length, b.length);
    int[] r = new int[rank];
    for (int k = 1; k <= rank; k++) {
      int da = k <= a.length ? a[a.length - k] : 1;
      int db = k <= b.length ? b[b.length - k] : 1;
      int d;
      if (da == db || db == 1) {
        d = da;
      } else if (da == 1) {
        d = db;
      } else if (partial && da == Shape.UNKNOWN) {
        d = db;
      } else if (partial && db == Shape.UNKNOWN) {
        d = da;
      } else {
        return null;
      }
      r[rank - k] = d;
    }
    return r;
  }

  private static String join(List<Shape> shapes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < shapes.size(); i++) {
      sb.append(i == 0 ? "" : i == shapes.size() - 1 ? " and " : ", ").append(shapes.get(i));
    }
    return sb.toString();
  }

  /**
   * How to walk inputs broadcast to {@code out}: the output is {@code rows} runs of
   * {@code inner} consecutive elements (run r starts at {@code r * inner}); in run r, input k
   * starts at {@code offsets[k][r]} and steps by {@code inc[k]}, which is 1 (the input varies
   * along the run) or 0 (it is broadcast along it). Dimensions that broadcast the same way are
   * merged first, so equal shapes give one run, a scalar gives inc 0, and {@code [n, m] + [m]}
   * gives n runs of m with inc 1 for both. Some input always has inc 1 (when there are any).
   *
   * <p>An elementwise kernel then needs only loops like {@code r[o + j] = a[ao + j] + b[bo + j]}
   * (or with a scalar {@code a[ao]}), which the JIT vectorizes.
   *
   * @param out the output (broadcast) dimensions
   * @param inputs each input's dimensions; each must broadcast to {@code out}
   */
  public static Plan plan(int[] out, int[]... inputs) {
    int nIn = inputs.length;
    for (int[] in : inputs) {
      checkArgument(isBroadcastableTo(in, out), "shape %s does not broadcast to %s", Shape.of(in),
          Shape.of(out));
    }
    long total = 1;
    for (int d : out) {
      total *= d;
    }
    int size = Math.toIntExact(total);
    int[] inc = new int[nIn];
    int[][] offsets = new int[nIn][];
    if (size == 0) {
      for (int k = 0; k < nIn; k++) {
        offsets[k] = new int[0];
      }
      return new Plan(out, 0, 0, 0, inc, offsets);
    }
    // Merge output dims (skipping 1s) into runs where every input is either full or broadcast.
    int[] sizes = new int[out.length];
    boolean[][] full = new boolean[nIn][out.length];
    int nd = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 1) {
        continue;
      }
      boolean same = nd > 0;
      for (int k = 0; k < nIn && same; k++) {
        same = full[k][nd - 1] == isFull(inputs[k], out, i);
      }
      if (same) {
        sizes[nd - 1] *= out[i];
      } else {
        for (int k = 0; k < nIn; k++) {
          full[k][nd] = isFull(inputs[k], out, i);
        }
        sizes[nd++] = out[i];
      }
    }
    if (nd == 0) { // every dimension is 1: a single element
      Arrays.fill(inc, 1);
      for (int k = 0; k < nIn; k++) {
        offsets[k] = new int[1];
      }
      return new Plan(out, 1, 1, 1, inc, offsets);
    }
    int inner = sizes[nd - 1];
    int rows = size / inner;
    int[][] strides = new int[nIn][nd];
    for (int k = 0; k < nIn; k++) {
      inc[k] = full[k][nd - 1] ? 1 : 0;
      int s = 1;
      for (int d = nd - 1; d >= 0; d--) {
        strides[k][d] = full[k][d] ? s : 0;
        s *= full[k][d] ? sizes[d] : 1;
      }
      offsets[k] = new int[rows];
    }
    int outer = nd - 1;
    int[] idx = new int[outer];
    int[] off = new int[nIn];
    for (int row = 0; row < rows; row++) {
      for (int k = 0; k < nIn; k++) {
        offsets[k][row] = off[k];
      }
      for (int d = outer - 1; d >= 0; d--) { // odometer over the outer dims
        idx[d]++;
        for (int k = 0; k < nIn; k++) {
          off[k] += strides[k][d];
        }
        if (idx[d] < sizes[d]) {
          break;
        }
        idx[d] = 0;
        for (int k = 0; k < nIn; k++) {
          off[k] -= strides[k][d] * sizes[d];
        }
      }
    }
    return new Plan(out, size, rows, inner, inc, offsets);
  }

  private static boolean isFull(int[] in, int[] out, int i) {
    int j = i - (out.length - in.length);
    return j >= 0 && in[j] == out[i];
  }

  /**
   * For each flat index of the output, the flat index of the input element it reads when
   * {@code in} is broadcast to {@code out}. Simple but allocates one int per output element;
   * hot kernels use {@link #plan} instead.
   */
  public static int[] indexMap(int[] in, int[] out) {
    Plan p = plan(out, in);
    int[] map = new int[p.size];
    for (int row = 0; row < p.rows; row++) {
      int o = row * p.inner;
      int src = p.offsets[0][row];
      int step = p.inc[0];
      for (int j = 0; j < p.inner; j++) {
        map[o + j] = src + j * step;
      }
    }
    return map;
  }

  /** See {@link #plan}. Arrays are shared, not copied: read only. */
  public static final class Plan {
    /** Output dimensions. */
    public final int[] out;
    /** Number of output elements. */
    public final int size;
    /** Number of runs. */
    public final int rows;
    /** Length of each run. */
    public final int inner;
    /** Per input: 1 if it varies along a run, 0 if broadcast along it. */
    public final int[] inc;
    /** Per input, per run: the flat index where the run starts in that input. */
    public final int[][] offsets;

    private Plan(int[] out, int size, int rows, int inner, int[] inc, int[][] offsets) {
      this.out = out;
      this.size = size;
      this.rows = rows;
      this.inner = inner;
      this.inc = inc;
      this.offsets = offsets;
    }
  }
}
