package dev.skein.onnx;

import dev.skein.core.DType;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Shape;
import dev.skein.core.ops.array.ArrayOps;
import dev.skein.core.ops.array.FillOps;
import dev.skein.core.ops.array.IndexOps;
import dev.skein.core.ops.array.ShapeOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Shape and indexing ops. Skein's shape and index tensors are int32; ONNX's shape inputs are
 * int64, so those get a Cast (ONNX Runtime folds it when the input is constant).
 */
final class ArrayConverters {
  private ArrayConverters() {}

  private static final long MAX = Long.MAX_VALUE;
  private static final long MIN = Long.MIN_VALUE;

  static boolean convert(Emitter e, Operation op, OpType t) {
    String n = op.name();
    if (t instanceof ArrayOps.Concat c) {
      List<String> in = new ArrayList<>();
      for (int k = 0; k < op.numInputs(); k++) {
        in.add(e.in(op, k));
      }
      e.set(op, 0, e.node("Concat", n, in, Attr.i("axis", c.axis())));
    } else if (t instanceof ArrayOps.Split s) {
      bindAll(e, op, e.nodeN("Split", n, List.of(e.in(op, 0)), s.num(),
          Attr.i("axis", s.axis())));
    } else if (t instanceof ArrayOps.SplitV s) {
      splitV(e, op, s);
    } else if (t instanceof ArrayOps.Pack p) {
      List<String> in = new ArrayList<>();
      for (int k = 0; k < op.numInputs(); k++) {
        in.add(e.unsqueeze(n + "/expand" + k, e.in(op, k), p.axis()));
      }
      e.set(op, 0, e.node("Concat", n, in, Attr.i("axis", p.axis())));
    } else if (t instanceof ArrayOps.Unpack u) {
      List<String> parts = e.nodeN("Split", n + "/split", List.of(e.in(op, 0)), u.num(),
          Attr.i("axis", u.axis()));
      for (int k = 0; k < u.num(); k++) {
        e.set(op, k, e.squeeze(n + ":" + k, parts.get(k), u.axis()));
      }
    } else if (t instanceof ArrayOps.Transpose tr) {
      e.set(op, 0, e.node("Transpose", n, e.in(op, 0),
          Attr.ints("perm", MathConverters.toLongs(tr.perm()))));
    } else if (t instanceof ArrayOps.Reshape) {
      // allowzero: a 0 in TensorFlow's shape means size 0, not "copy this dimension".
      e.set(op, 0, e.node("Reshape", n, e.in(op, 0), e.int64(n, e.in(op, 1)),
          Attr.i("allowzero", 1)));
    } else if (t instanceof ArrayOps.ExpandDims x) {
      e.set(op, 0, e.unsqueeze(n, e.in(op, 0), x.axis()));
    } else if (t instanceof ArrayOps.Squeeze s) {
      e.set(op, 0, e.squeeze(n, e.in(op, 0), MathConverters.toLongs(s.axes())));
    } else if (t instanceof IndexOps.Slice) {
      e.set(op, 0, slice(e, op));
    } else if (t instanceof IndexOps.StridedSlice s) {
      e.set(op, 0, stridedSlice(e, op, s));
    } else if (t instanceof IndexOps.Gather g) {
      e.set(op, 0, e.node("Gather", n, e.in(op, 0), e.in(op, 1), Attr.i("axis", g.axis())));
    } else if (t instanceof IndexOps.OneHot h) {
      e.set(op, 0, oneHot(e, op, h));
    } else if (t instanceof FillOps.Fill) {
      e.set(op, 0, e.node("Expand", n, e.in(op, 1), e.int64(n, e.in(op, 0))));
    } else if (t instanceof FillOps.FillLike f) {
      String v = e.scalar(n + "/value", op.output(0).dtype(),
          f == FillOps.FillLike.ZEROS_LIKE ? 0 : 1);
      e.set(op, 0, e.node("Expand", n, v, e.node("Shape", n + "/shape", e.in(op, 0))));
    } else if (t instanceof ShapeOps.ShapeOf s) {
      String x = e.in(op, 0);
      String r;
      if (s instanceof ShapeOps.Shape) {
        r = e.node("Shape", n + "/int64", x);
      } else if (s instanceof ShapeOps.Size) {
        r = e.node("Size", n + "/int64", x);
      } else {
        r = e.node("Size", n + "/int64", e.node("Shape", n + "/shape", x));
      }
      // ONNX gives int64, as an int64 out_type wants
      e.set(op, 0, s.outType() == DType.INT64 ? r : e.cast(n, r, Tensors.INT32));
    } else if (t instanceof FillOps.Range) {
      e.set(op, 0, e.node("Range", n, List.of(e.in(op, 0), e.in(op, 1), e.in(op, 2))));
    } else if (t instanceof FillOps.Tile) {
      e.set(op, 0, e.node("Tile", n, e.in(op, 0), e.int64(n, e.in(op, 1))));
    } else if (t instanceof FillOps.Pad p) {
      // Skein's paddings [rank, 2] (before, after per dim); ONNX's pads: all befores, afters.
      String pads = e.node("Reshape", n + "/pads", e.node("Transpose", n + "/pads_t",
          e.int64(n, e.in(op, 1)), Attr.ints("perm", 1, 0)), e.int64s(-1));
      e.set(op, 0, e.node("Pad", n, List.of(e.in(op, 0), pads,
          e.scalar(n + "/constant", op.input(0).dtype(), p.constant()))));
    } else if (t instanceof IndexOps.SequenceMask m) {
      e.set(op, 0, sequenceMask(e, op, m.dtype()));
    } else if (t instanceof IndexOps.ReverseSequence r) {
      if (!((r.seqAxis() == 0 && r.batchAxis() == 1) || (r.seqAxis() == 1
          && r.batchAxis() == 0))) {
        throw OpConverters.unsupported(op, "ONNX's ReverseSequence needs the sequence and batch"
            + " axes to be 0 and 1, got " + r.seqAxis() + " and " + r.batchAxis());
      }
      // A length of 0 reverses nothing, as does 1; ONNX Runtime wants lengths of 1 or more.
      String lengths = e.node("Max", n + "/at_least_1", e.int64(n, e.in(op, 1)),
          e.int64s(1));
      e.set(op, 0, e.node("ReverseSequence", n, e.in(op, 0), lengths,
          Attr.i("time_axis", r.seqAxis()), Attr.i("batch_axis", r.batchAxis())));
    } else if (t instanceof IndexOps.Reverse r) {
      long[] axes = MathConverters.toLongs(r.axes());
      long[] starts = new long[axes.length];
      long[] ends = new long[axes.length];
      long[] steps = new long[axes.length];
      for (int k = 0; k < axes.length; k++) {
        starts[k] = -1;
        ends[k] = MIN;
        steps[k] = -1;
      }
      e.set(op, 0, e.node("Slice", n, List.of(e.in(op, 0), e.int64s(starts), e.int64s(ends),
          e.int64s(axes), e.int64s(steps))));
    } else {
      return false;
    }
    return true;
  }

  private static void bindAll(Emitter e, Operation op, List<String> names) {
    for (int k = 0; k < names.size(); k++) {
      e.set(op, k, names.get(k));
    }
  }

  /** SplitV with sizes known when the graph was built (its outputs' static dims). */
  private static void splitV(Emitter e, Operation op, ArrayOps.SplitV s) {
    long[] sizes = new long[s.num()];
    for (int k = 0; k < s.num(); k++) {
      Shape sh = op.output(k).shape();
      int axis = s.axis();
      int d = -1;
      if (sh.hasKnownRank()) {
        d = sh.dim(axis < 0 ? axis + sh.rank() : axis);
      }
      if (d < 0) {
        throw OpConverters.unsupported(op, "the split sizes must be known when the graph is"
            + " built (output " + k + " has shape " + sh + ")");
      }
      sizes[k] = d;
    }
    bindAll(e, op, e.nodeN("Split", op.name(), List.of(e.in(op, 0), e.int64s(sizes)),
        s.num(), Attr.i("axis", s.axis())));
  }

  /** Slice(x, begin, size): ONNX wants ends, and size -1 means "to the end". */
  private static String slice(Emitter e, Operation op) {
    String n = op.name();
    String begin = e.int64(n + "/begin", e.in(op, 1));
    String size = e.int64(n + "/size", e.in(op, 2));
    String toEnd = e.node("Equal", n + "/to_end", size, e.int64s(-1));
    String ends = e.node("Where", n + "/ends", List.of(toEnd, e.int64s(MAX),
        e.node("Add", n + "/end", begin, size)));
    return e.node("Slice", n, List.of(e.in(op, 0), begin, ends));
  }

  private static String stridedSlice(Emitter e, Operation op, IndexOps.StridedSlice s) {
    String n = op.name();
    if (s.ellipsisMask() != 0 || s.newAxisMask() != 0) {
      throw OpConverters.unsupported(op, "StridedSlice with an ellipsis or a new axis is not"
          + " exported; index every dimension explicitly");
    }
    int k = s.begin().length();
    long[] starts = new long[k];
    long[] ends = new long[k];
    long[] axes = new long[k];
    long[] steps = new long[k];
    List<Long> shrink = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      long b = s.begin().get(i);
      long en = s.end().get(i);
      long st = s.strides().get(i);
      axes[i] = i;
      if ((s.shrinkAxisMask() >> i & 1) != 0) {
        starts[i] = b;
        ends[i] = b == -1 ? MAX : b + 1;
        steps[i] = 1;
        shrink.add((long) i);
        continue;
      }
      steps[i] = st;
      starts[i] = (s.beginMask() >> i & 1) != 0 ? (st > 0 ? 0 : MAX) : b;
      ends[i] = (s.endMask() >> i & 1) != 0 ? (st > 0 ? MAX : MIN) : en;
    }
    String sliced = e.node("Slice", shrink.isEmpty() ? n : n + "/slice", List.of(e.in(op, 0),
        e.int64s(starts), e.int64s(ends), e.int64s(axes), e.int64s(steps)));
    if (shrink.isEmpty()) {
      return sliced;
    }
    return e.squeeze(n, sliced, shrink.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * One-hot vectors. ONNX counts a negative index from the end; TensorFlow gives all off
   * values for it, as for an index >= depth, so negative indices become depth first.
   */
  private static String oneHot(Emitter e, Operation op, IndexOps.OneHot h) {
    String n = op.name();
    String idx = e.in(op, 0);
    DType it = op.input(0).dtype();
    String depth = e.scalar(n + "/depth", it, h.depth());
    String inRange = e.node("Where", n + "/no_negative", List.of(e.node("Less", n + "/negative",
        idx, e.scalar(n + "/zero", it, 0)), depth, idx));
    String values = e.node("Concat", n + "/values", List.of(
        e.unsqueeze(n + "/off", e.scalar(n + "/off_value", h.dtype(), h.offValue()), 0),
        e.unsqueeze(n + "/on", e.scalar(n + "/on_value", h.dtype(), h.onValue()), 0)),
        Attr.i("axis", 0));
    return e.node("OneHot", n, List.of(inRange, depth, values), Attr.i("axis", h.axis()));
  }

  /** mask[..., j] = j < lengths[...], for j < maxlen (default: the largest length). */
  private static String sequenceMask(Emitter e, Operation op, DType dtype) {
    String n = op.name();
    String lengths = e.in(op, 0);
    DType lt = op.input(0).dtype();
    String maxlen = op.numInputs() > 1 ? e.in(op, 1)
        : e.node("ReduceMax", n + "/maxlen", lengths, Attr.i("keepdims", 0));
    String range = e.node("Range", n + "/range", List.of(e.scalar(n + "/zero", lt, 0), maxlen,
        e.scalar(n + "/one", lt, 1)));
    String mask = e.node("Less", dtype == DType.BOOL ? n : n + "/bool", range,
        e.unsqueeze(n + "/lengths", lengths, -1));
    return dtype == DType.BOOL ? mask : e.cast(n, mask, Tensors.onnxType(dtype));
  }
}
