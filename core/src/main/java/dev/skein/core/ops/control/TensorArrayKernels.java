package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.kernel.ArrayCopies;
import java.util.List;

/** Shape rules and kernels of the TensorArray ops and of the ops their gradients use. */
final class TensorArrayKernels {
  private TensorArrayKernels() {}

  private static final String INDICES = "TensorArray indices";

  static Tensor[] createTensorArray(TensorArrayOps.TensorArrayV3 t, Tensor size) {
    int n = ControlOps.index(size, "TensorArray size");
    checkArgument(n >= 0, "TensorArray size must be >= 0, got %s", n);
    return new Tensor[] {
        TensorArrayValue.create(t.dtype(), n, t.dynamicSize(), t.elementShape()).toTensor()};
  }

  static List<TensorSpec> inferTensorArrayOp(TensorArrayOps.TensorArrayOp op, InferContext ctx) {
    TensorSpec ta = ctx.input(0);
    Shape arr = ta.shape();
    checkArgument(!arr.hasKnownRank() || arr.rank() >= 1,
        "a TensorArray value has rank >= 1 ([size, ...element]), got %s", arr);
    int n = arr.hasKnownRank() ? arr.dim(0) : knownSize(ctx.source(0));
    Shape elem = arr.hasKnownRank() ? arr.subShape(1, arr.rank()) : Shape.unknown();
    DType d = ta.dtype();
    return switch (op) {
      case WRITE -> {
        ControlOps.checkIndexSpec(ctx.input(1), "index");
        Shape e = mergeElement(d, elem, ctx.input(2), ctx.shape(2), "write");
        yield List.of(new TensorSpec(d, TensorArrayOps.arrayShape(n, e)));
      }
      case READ -> {
        ControlOps.checkIndexSpec(ctx.input(1), "index");
        yield List.of(new TensorSpec(d, elem));
      }
      case GATHER -> {
        int k = checkIndices(ctx.input(1));
        yield List.of(new TensorSpec(d, TensorArrayOps.arrayShape(k, elem)));
      }
      case SCATTER -> {
        int k = checkIndices(ctx.input(1));
        Shape v = ctx.shape(2);
        checkArgument(!v.hasKnownRank() || v.rank() >= 1,
            "TensorArray scatter needs a value of rank >= 1, got %s", v);
        checkArgument(!v.hasKnownRank() || k == -1 || v.dim(0) == -1 || v.dim(0) == k,
            "TensorArray scatter: %s indices but the value has shape %s", k, v);
        Shape ve = v.hasKnownRank() ? v.subShape(1, v.rank()) : Shape.unknown();
        Shape e = mergeElement(d, elem, ctx.input(2), ve, "scatter");
        yield List.of(new TensorSpec(d, TensorArrayOps.arrayShape(n, e)));
      }
      case STACK -> List.of(new TensorSpec(d, TensorArrayOps.arrayShape(n, elem)));
      case UNSTACK -> {
        Shape v = ctx.shape(1);
        checkArgument(!v.hasKnownRank() || v.rank() >= 1,
            "TensorArray unstack needs a value of rank >= 1, got %s", v);
        Shape ve = v.hasKnownRank() ? v.subShape(1, v.rank()) : Shape.unknown();
        Shape e = mergeElement(d, elem, ctx.input(1), ve, "unstack");
        yield List.of(new TensorSpec(d, TensorArrayOps.arrayShape(n, e)));
      }
      case UNSTACK_AXIS1 -> {
        Shape v = ctx.shape(1);
        checkArgument(!v.hasKnownRank() || v.rank() >= 2,
            "TensorArray unstack along axis 1 needs a value of rank >= 2, got %s", v);
        Shape ve = v.hasKnownRank() ? axis1Element(v) : Shape.unknown();
        Shape e = mergeElement(d, elem, ctx.input(1), ve, "unstack along axis 1");
        yield List.of(new TensorSpec(d, TensorArrayOps.arrayShape(n, e)));
      }
      case SIZE -> List.of(new TensorSpec(DType.INT32, Shape.scalar()));
    };
  }

  /** The element shape of a value [m, n, ...rest] unstacked along axis 1: [m, ...rest]. */
  private static Shape axis1Element(Shape v) {
    return v.subShape(2, v.rank()).prepend(v.dim(0));
  }

  /**
   * The size of an array of unknown element rank when it is still the constant size it was
   * created with (only the first write of an array created without an element shape asks).
   */
  private static int knownSize(Output array) {
    OpType t = array.op().type();
    if (t instanceof TensorArrayOps.TensorArrayV3 c && !c.dynamicSize()) {
      Tensor size = array.op().input(0).op().constantValue();
      return size == null ? -1 : ControlOps.index(size, "TensorArray size");
    }
    return -1;
  }

  private static Shape mergeElement(DType d, Shape elem, TensorSpec value, Shape valueElem,
      String what) {
    checkArgument(value.dtype() == d, "TensorArray %s: the value is %s but the array holds %s",
        what, value.dtype(), d);
    checkArgument(valueElem.isCompatibleWith(elem),
        "TensorArray %s: element shape %s is not compatible with the array's element shape %s",
        what, valueElem, elem);
    return valueElem.mergeWith(elem);
  }

  private static int checkIndices(TensorSpec s) {
    checkArgument(s.dtype().isInteger() && s.shape().isCompatibleWith(Shape.unknownDims(1)),
        "TensorArray indices must be an int32 or int64 vector, got %s", s);
    return s.shape().hasKnownRank() ? s.shape().dim(0) : -1;
  }

  static Tensor[] computeTensorArrayOp(TensorArrayOps.TensorArrayOp op, Tensor[] in) {
    if (in[0].payload() == null) {
      Tensor dense = denseRead(op, in);
      if (dense != null) {
        return new Tensor[] {dense};
      }
    }
    TensorArrayValue ta = TensorArrayValue.of(in[0]);
    Tensor r = switch (op) {
      case WRITE -> ta.write(ControlOps.index(in[1], "index"), in[2]).toTensor();
      case READ -> ta.read(ControlOps.index(in[1], "index"));
      case GATHER -> ta.gather(in[1].intValues(INDICES));
      case SCATTER -> ta.scatter(in[1].intValues(INDICES), in[2]).toTensor();
      case STACK -> ta.stack();
      case UNSTACK -> ta.unstack(in[1]).toTensor();
      case UNSTACK_AXIS1 -> {
        Tensor v = in[1];
        checkArgument(v.rank() >= 2, "TensorArray unstack along axis 1 needs a value of rank"
            + " >= 2, got %s", v.shape());
        yield ta.unstackParts(unstackAxis1(v)).toTensor();
      }
      case SIZE -> Tensor.scalar(ta.size());
    };
    return new Tensor[] {r};
  }

  /**
   * Reads of a plain dense tensor seen as a fully written array ([n, ...element]): row copies,
   * without building an array first (gradients of arrays are often dense). Null for writes.
   */
  private static Tensor denseRead(TensorArrayOps.TensorArrayOp op, Tensor[] in) {
    Tensor t = in[0];
    checkArgument(t.rank() >= 1, "a TensorArray value has rank >= 1 ([size, ...element]), got"
        + " a %s tensor of shape %s", t.dtype(), t.shape());
    return switch (op) {
      case READ -> rows(t, new int[] {ControlOps.index(in[1], "index")}, false);
      case GATHER -> rows(t, in[1].intValues(INDICES), true);
      case STACK -> t;
      case SIZE -> Tensor.scalar(t.shape().dim(0));
      case WRITE, SCATTER, UNSTACK, UNSTACK_AXIS1 -> null;
    };
  }

  /** Rows {@code idx} of t: stacked ([k, ...]) or, for one index and !stacked, the row itself. */
  static Tensor rows(Tensor t, int[] idx, boolean stacked) {
    int n = t.shape().dim(0);
    Shape e = t.shape().subShape(1, t.rank());
    int m = e.numElements();
    Object out = Tensor.newArray(t.dtype(), idx.length * m);
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= n) {
        throw new IllegalArgumentException("TensorArray read: index " + idx[i]
            + " is out of range for a TensorArray of size " + n);
      }
      System.arraycopy(t.data(), idx[i] * m, out, i * m, m);
    }
    return Tensor.wrap(t.dtype(), stacked ? e.prepend(idx.length) : e, out);
  }

  // ---- gradient ops ------------------------------------------------------------------------

  static List<TensorSpec> inferGradOp(TensorArrayOps.TensorArrayGradOp op, InferContext ctx) {
    TensorSpec a = ctx.input(0);
    Shape arr = a.shape();
    int n = arr.hasKnownRank() && arr.rank() >= 1 ? arr.dim(0) : -1;
    Shape elem = arr.hasKnownRank() && arr.rank() >= 1 ? arr.subShape(1, arr.rank())
        : Shape.unknown();
    checkArgument(a.dtype().isFloating(), "gradients are float32 or float64, got %s", a);
    return switch (op) {
      case READ_GRAD -> {
        ControlOps.checkIndexSpec(ctx.input(1), "index");
        Shape e = mergeElement(a.dtype(), elem, ctx.input(2), ctx.shape(2), "read gradient");
        yield List.of(new TensorSpec(a.dtype(), TensorArrayOps.arrayShape(n, e)));
      }
      case GATHER_GRAD -> {
        checkIndices(ctx.input(1));
        Shape g = ctx.shape(2);
        Shape ge = g.hasKnownRank() && g.rank() >= 1 ? g.subShape(1, g.rank()) : Shape.unknown();
        Shape e = mergeElement(a.dtype(), elem, ctx.input(2), ge, "gather gradient");
        yield List.of(new TensorSpec(a.dtype(), TensorArrayOps.arrayShape(n, e)));
      }
      case UNSTACK_GRAD, UNSTACK_AXIS1_GRAD -> List.of(new TensorSpec(a.dtype(), ctx.shape(1)));
      case WRITE_GRAD -> {
        TensorSpec g = ctx.input(1);
        checkArgument(g.dtype() == a.dtype(), "a %s gradient for a %s array", g.dtype(),
            a.dtype());
        yield List.of(a);
      }
      case ACCUMULATE -> {
        TensorSpec g = ctx.input(1);
        checkArgument(g.dtype() == a.dtype() && g.shape().isCompatibleWith(arr),
            "cannot accumulate a %s gradient into %s", g, a);
        yield List.of(new TensorSpec(a.dtype(), arr.mergeWith(g.shape())));
      }
    };
  }

  static Tensor computeGradOp(TensorArrayOps.TensorArrayGradOp op, Tensor[] in) {
    return switch (op) {
      case READ_GRAD -> TensorArrayValue.createGradient(in[2].dtype(), sizeOf(in[0]),
          in[2].shape()).write(ControlOps.index(in[1], "index"), in[2]).toTensor();
      case GATHER_GRAD -> {
        Tensor g = in[2];
        int[] idx = in[1].intValues(INDICES);
        Shape e = g.shape().subShape(1, g.rank());
        TensorArrayValue r = TensorArrayValue.createGradient(g.dtype(), sizeOf(in[0]), e);
        for (int i = 0; i < idx.length; i++) {
          r = r.accumulate(idx[i], rows(g, new int[] {i}, false));
        }
        yield r.toTensor();
      }
      case UNSTACK_GRAD -> firstRows(in[0], in[1].shape().dim(0));
      case UNSTACK_AXIS1_GRAD -> {
        // Elements [m, ...rest] stacked to [n, m, ...rest], then axes 0 and 1 swapped.
        Shape v = in[1].shape();
        yield swapLeadingAxes(firstRows(in[0], v.dim(1)));
      }
      case ACCUMULATE -> accumulate(in[0], in[1]);
      case WRITE_GRAD -> {
        Shape want = in[0].shape();
        if (in[1].shape().equals(want)) {
          yield in[1];
        }
        checkArgument(want.numElements() == 0, "a gradient of shape %s for an array of shape %s",
            in[1].shape(), want);
        yield Tensor.zeros(in[1].dtype(), want);
      }
    };
  }

  /** Elements 0..n-1 of an array (or rows of a dense gradient), stacked. */
  /** Value [n, m, ...rest] as m elements [n, ...rest] (its slices along axis 1). */
  private static Tensor[] unstackAxis1(Tensor v) {
    int[] d = v.shape().dims();
    int n = d[0];
    int m = d[1];
    int[] rest = java.util.Arrays.copyOfRange(d, 2, d.length);
    int[] partDims = new int[rest.length + 1];
    partDims[0] = n;
    System.arraycopy(rest, 0, partDims, 1, rest.length);
    Shape part = Shape.of(partDims);
    int inner = 1;
    for (int r : rest) {
      inner *= r;
    }
    Tensor[] parts = new Tensor[m];
    if (v.dtype() == DType.FLOAT32) {
      float[][] f = ArrayCopies.unpackFloats(v.floats(), n, m, inner);
      for (int j = 0; j < m; j++) {
        parts[j] = Tensor.wrap(DType.FLOAT32, part, f[j]);
      }
      return parts;
    }
    for (int j = 0; j < m; j++) {
      Object out = Tensor.newArray(v.dtype(), n * inner);
      ArrayCopies.copyRows(v.data(), j * inner, m * inner, out, 0, inner, n, inner);
      parts[j] = Tensor.wrap(v.dtype(), part, out);
    }
    return parts;
  }

  /** Value [a, b, ...rest] with its two leading axes swapped: [b, a, ...rest]. */
  private static Tensor swapLeadingAxes(Tensor x) {
    int[] d = x.shape().dims().clone();
    int a = d[0];
    int b = d[1];
    int inner = 1;
    for (int i = 2; i < d.length; i++) {
      inner *= d[i];
    }
    Object out = Tensor.newArray(x.dtype(), x.size());
    ArrayCopies.swapLeadingAxes(x.data(), a, b, inner, out);
    d[0] = b;
    d[1] = a;
    return Tensor.wrap(x.dtype(), Shape.of(d), out);
  }

  private static Tensor firstRows(Tensor array, int n) {
    int[] idx = new int[n];
    java.util.Arrays.setAll(idx, i -> i);
    return array.payload() == null ? rows(array, idx, true)
        : TensorArrayValue.of(array).gather(idx);
  }

  private static int sizeOf(Tensor array) {
    return array.payload() instanceof TensorArrayValue v ? v.size() : array.shape().dim(0);
  }

  /** acc + g; a sparse gradient array g is added element by element. */
  private static Tensor accumulate(Tensor acc, Tensor g) {
    if (g.payload() instanceof TensorArrayValue gv && gv.isGradient()) {
      TensorArrayValue a = acc.payload() instanceof TensorArrayValue av && av.isGradient() ? av
          : TensorArrayValue.gradientOver(acc);
      for (int i : gv.writtenIndices()) {
        a = a.accumulate(i, gv.read(i));
      }
      return a.toTensor();
    }
    return ElementTensors.addTensors(acc, g);
  }
}
