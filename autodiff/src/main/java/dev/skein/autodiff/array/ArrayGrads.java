package dev.skein.autodiff.array;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.autodiff.GradContext;
import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.DType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.core.ops.array.ArrayOps.Concat;
import dev.skein.core.ops.array.ArrayOps.ExpandDims;
import dev.skein.core.ops.array.ArrayOps.Pack;
import dev.skein.core.ops.array.ArrayOps.Reshape;
import dev.skein.core.ops.array.ArrayOps.Split;
import dev.skein.core.ops.array.ArrayOps.SplitV;
import dev.skein.core.ops.array.ArrayOps.Squeeze;
import dev.skein.core.ops.array.ArrayOps.Transpose;
import dev.skein.core.ops.array.ArrayOps.Unpack;
import dev.skein.core.ops.array.FillOps.Fill;
import dev.skein.core.ops.array.FillOps.FillLike;
import dev.skein.core.ops.array.FillOps.Pad;
import dev.skein.core.ops.array.FillOps.Range;
import dev.skein.core.ops.array.FillOps.Tile;
import dev.skein.core.ops.array.IndexOps.Gather;
import dev.skein.core.ops.array.IndexOps.OneHot;
import dev.skein.core.ops.array.IndexOps.Reverse;
import dev.skein.core.ops.array.IndexOps.ReverseSequence;
import dev.skein.core.ops.array.IndexOps.ScatterNd;
import dev.skein.core.ops.array.IndexOps.SequenceMask;
import dev.skein.core.ops.array.IndexOps.Slice;
import dev.skein.core.ops.array.IndexOps.StridedSlice;
import dev.skein.core.ops.array.IndexOps.StridedSliceGrad;
import dev.skein.core.ops.array.IndexOps;
import dev.skein.core.ops.array.ShapeOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradients of the array family (TensorFlow's array_grad.py): each moves the gradient back to
 * where the op took its values from. Gradients are dense (no IndexedSlices): gather's is a
 * scatter into zeros.
 */
public final class ArrayGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public ArrayGrads() {}

  @Override
  public void register(GradientRegistry r) {
    r.register(Concat.class, ArrayGrads::concat);
    // Concat's gradient pieces are slices of dy the size of each input.
    r.exactShapes(Concat.class);
    r.register(Split.class, (c, op, dys) -> List.of(
        c.tf().concat(allDys(c, op, dys), ((Split) op.type()).axis())));
    r.register(SplitV.class, (c, op, dys) -> Arrays.asList(
        c.tf().concat(allDys(c, op, dys), ((SplitV) op.type()).axis()), null));
    r.register(Pack.class, (c, op, dys) ->
        c.tf().unstack(dys.get(0), ((Pack) op.type()).axis(), op.numInputs()));
    r.register(Unpack.class, (c, op, dys) -> List.of(
        c.tf().stack(allDys(c, op, dys), ((Unpack) op.type()).axis())));
    r.register(Transpose.class, ArrayGrads::transpose);
    r.register(Reshape.class, (c, op, dys) -> Arrays.asList(reshapeBack(c, op, dys), null));
    r.register(ExpandDims.class, (c, op, dys) -> List.of(reshapeBack(c, op, dys)));
    r.register(Squeeze.class, (c, op, dys) -> List.of(reshapeBack(c, op, dys)));
    r.register(Slice.class, ArrayGrads::slice);
    r.register(StridedSlice.class, (c, op, dys) -> List.of(c.tf().stridedSliceGrad(
        c.shapeOf(op.input(0)), dys.get(0), (StridedSlice) op.type())));
    r.register(StridedSliceGrad.class, (c, op, dys) -> Arrays.asList(null,
        IndexOps.stridedSlice(c.graph(), dys.get(0), ((StridedSliceGrad) op.type()).slice(),
            null)));
    r.register(Gather.class, ArrayGrads::gather);
    r.register(ScatterNd.class, ArrayGrads::scatterNd);
    // The scalar fill value gets the sum of dy: the driver sums dy down to its scalar shape.
    r.register(Fill.class, (c, op, dys) -> Arrays.asList(null, dys.get(0)));
    r.register(Tile.class, ArrayGrads::tile);
    r.register(Pad.class, ArrayGrads::pad);
    r.register(ReverseSequence.class, (c, op, dys) -> {
      ReverseSequence t = (ReverseSequence) op.type();
      return Arrays.asList(c.tf().reverseSequence(dys.get(0), op.input(1), t.seqAxis(),
          t.batchAxis()), null);
    });
    r.register(Reverse.class, (c, op, dys) ->
        List.of(c.tf().reverse(dys.get(0), ((Reverse) op.type()).axes().toArray())));
    r.notDifferentiable(OneHot.class, Range.class, SequenceMask.class, FillLike.class,
        ShapeOps.Shape.class, ShapeOps.Size.class, ShapeOps.Rank.class);
  }

  /** Each output's gradient, zeros for outputs that got none. */
  private static List<Output> allDys(GradContext c, Operation op, List<Output> dys) {
    List<Output> all = new ArrayList<>(dys.size());
    for (int i = 0; i < dys.size(); i++) {
      all.add(c.dyOrZeros(op, dys, i));
    }
    return all;
  }

  private static Output reshapeBack(GradContext c, Operation op, List<Output> dys) {
    return c.tf().reshape(dys.get(0), c.shapeOf(op.input(0)));
  }

  /** dy is split back into pieces as long as each input along the axis. */
  private static List<Output> concat(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output dy = dys.get(0);
    int rank = dy.shape().rank();
    checkArgument(rank >= 0, "the gradient of concat needs its output's rank");
    int axis = ((Concat) op.type()).axis();
    int a = axis < 0 ? axis + rank : axis;
    int[] sizes = new int[op.numInputs()];
    boolean known = true;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = op.input(i).shape().dim(a);
      known &= sizes[i] >= 0;
    }
    if (known) {
      boolean all = true;
      for (Output in : op.inputs()) {
        all &= c.needsGradient(in);
      }
      if (all) {
        return tf.split(dy, sizes, a);
      }
      // Only the pieces some x depends on (an RNN step's concat([x, h]): h's columns, not the
      // input's), each a slice of dy; along the last axis of a matrix, GradContext.columns,
      // which computes only those columns when dy is a product g w^T.
      List<Output> pieces = new ArrayList<>();
      int offset = 0;
      for (int i = 0; i < sizes.length; i++) {
        Output in = op.input(i);
        if (c.needsGradient(in) && rank == 2 && a == 1) {
          pieces.add(c.columns(dy, offset, sizes[i]));
        } else if (c.needsGradient(in)) {
          int[] begin = new int[rank];
          int[] size = new int[rank];
          Arrays.fill(size, -1);
          begin[a] = offset;
          size[a] = sizes[i];
          pieces.add(tf.slice(dy, begin, size));
        } else {
          pieces.add(null);
        }
        offset += sizes[i];
      }
      return pieces;
    }
    List<Output> dynamic = new ArrayList<>();
    for (Output in : op.inputs()) {
      dynamic.add(tf.gather(tf.shape(in), tf.constant(a)));
    }
    return tf.split(dy, tf.stack(dynamic), a);
  }

  private static List<Output> transpose(GradContext c, Operation op, List<Output> dys) {
    Transpose t = (Transpose) op.type();
    if (t.perm() == null) {
      return List.of(c.tf().transpose(dys.get(0)));
    }
    int[] p = t.perm().toArray();
    int[] inverse = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      inverse[p[i]] = i;
    }
    return List.of(c.tf().transpose(dys.get(0), inverse));
  }

  /** dy padded with zeros back to x's shape: begin before, the rest after. */
  private static List<Output> slice(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output begin = int32(tf, op.input(1));
    Output after = tf.sub(tf.sub(c.shapeOf(x), begin), c.shapeOf(op.output(0)));
    Output paddings = tf.stack(List.of(begin, after), 1);
    return Arrays.asList(tf.pad(dys.get(0), paddings, 0), null, null);
  }

  /** dy's part inside x: a slice at the leading paddings. */
  private static List<Output> pad(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    Output before = tf.reshape(tf.slice(int32(tf, op.input(1)), new int[] {0, 0},
        new int[] {-1, 1}),
        new int[] {-1});
    return Arrays.asList(tf.slice(dys.get(0), before, c.shapeOf(x)), null);
  }

  /**
   * Tile: dy reshaped to [m0, d0, m1, d1, ...] (multiple and size interleaved) and summed over
   * the multiples' axes.
   */
  private static List<Output> tile(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output x = op.input(0);
    int rank = x.shape().rank();
    checkArgument(rank >= 0, "the gradient of tile needs its input's rank");
    Output split = tf.reshape(tf.stack(List.of(int32(tf, op.input(1)), c.shapeOf(x)), 1),
        new int[] {-1});
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = 2 * i;
    }
    Output dx = tf.reduceSum(tf.reshape(dys.get(0), split), axes);
    return Arrays.asList(dx, null);
  }

  /**
   * Gather: dy scattered back into zeros of params' shape, summing at repeated indices. For an
   * axis other than 0, the gathered axis is moved to the front and back.
   */
  private static List<Output> gather(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output params = op.input(0);
    Output indices = op.input(1);
    Output dy = dys.get(0);
    int pr = params.shape().rank();
    int ir = indices.shape().rank();
    checkArgument(pr >= 0 && ir >= 0, "the gradient of gather needs the ranks of params and"
        + " indices, got %s and %s", params.shape(), indices.shape());
    int axis = ((Gather) op.type()).axis();
    int a = axis < 0 ? axis + pr : axis;
    Output where = tf.expandDims(indices, -1);
    if (a == 0) {
      return Arrays.asList(tf.scatterNd(where, dy, c.shapeOf(params)), null);
    }
    // dy is params[:a] + indices + params[a+1:]; put the indices' dims first.
    int dr = dy.shape().rank();
    int[] toFront = new int[dr];
    int k = 0;
    for (int i = 0; i < ir; i++) {
      toFront[k++] = a + i;
    }
    for (int i = 0; i < a; i++) {
      toFront[k++] = i;
    }
    for (int i = a + ir; i < dr; i++) {
      toFront[k++] = i;
    }
    int[] paramsToFront = new int[pr];
    paramsToFront[0] = a;
    for (int i = 0, j = 1; i < pr; i++) {
      if (i != a) {
        paramsToFront[j++] = i;
      }
    }
    int[] back = new int[pr];
    for (int i = 0; i < pr; i++) {
      back[paramsToFront[i]] = i;
    }
    Output movedShape = c.shapeOf(tf.transpose(params, paramsToFront));
    Output scattered = tf.scatterNd(where, tf.transpose(dy, toFront), movedShape);
    return Arrays.asList(tf.transpose(scattered, back), null);
  }

  /**
   * ScatterNd: each update gets dy at its index tuple, a gather from dy with its first k dims
   * flattened (k = the index depth) at the tuples' row-major positions.
   */
  private static List<Output> scatterNd(GradContext c, Operation op, List<Output> dys) {
    Ops tf = c.tf();
    Output indices = op.input(0);
    // the strides multiply the indices, so they take the indices' integer type
    Output shape = op.input(2).dtype() == indices.dtype() ? op.input(2)
        : tf.cast(op.input(2), indices.dtype());
    Shape is = indices.shape();
    checkArgument(is.hasKnownRank() && is.rank() >= 1 && is.dim(-1) >= 0,
        "the gradient of scatterNd needs the index depth, got indices of shape %s", is);
    int k = is.dim(-1);
    Output dy = dys.get(0);
    if (k == 1) {
      return Arrays.asList(null, tf.gather(dy, tf.squeeze(indices, new int[] {-1})), null);
    }
    List<Output> strides = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      strides.add(tf.reduceProd(tf.slice(shape, new int[] {i + 1}, new int[] {k - i - 1})));
    }
    Output flat = tf.reduceSum(tf.mul(indices, tf.stack(strides)), new int[] {-1});
    Output rest = tf.slice(int32(tf, op.input(2)), new int[] {k}, new int[] {-1});
    Output flatShape = tf.concat(List.of(tf.constant(new int[] {-1}), rest), 0);
    return Arrays.asList(null, tf.gather(tf.reshape(dy, flatShape), flat), null);
  }

  /**
   * A shape-like input (begin, paddings, multiples, a shape) as int32, the type of the shapes
   * these rules combine it with; the forward kernel has already refused int64 values outside the
   * int32 range.
   */
  private static Output int32(Ops tf, Output v) {
    return v.dtype() == DType.INT64 ? tf.cast(v, DType.INT32) : v;
  }
}
