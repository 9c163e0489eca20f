package dev.skein.core.ops.math;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import dev.skein.core.DType;
import dev.skein.core.InferContext;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;

/** Shape-rule helpers of the math family (dtype checks, broadcasting, reductions). */
final class MathShapes {
  private MathShapes() {}

  /** Inputs 0 and 1 have the same dtype; returns it. */
  static DType sameDType(InferContext ctx) {
    DType a = ctx.dtype(0);
    DType b = ctx.dtype(1);
    checkArgument(a == b, "x and y must have the same dtype, got %s and %s (dtypes are never"
        + " converted implicitly; use cast)", a, b);
    return a;
  }

  /** Fails unless {@code t} is float32 or float64 (or int32 or int64 when {@code intOk}). */
  static void checkNumeric(DType t, boolean intOk, String what) {
    checkArgument(t.isFloating() || (intOk && t.isInteger()), "%s must be %s, got %s", what,
        intOk ? "float32, float64, int32 or int64" : "float32 or float64", t);
  }

  /**
   * Normalizes reduction axes against a run-time or static rank: negative axes count from the
   * end; null means all axes. Throws for an axis out of range or repeated.
   */
  static boolean[] reductionMask(ImmutableIntArray axes, int rank, Object shapeForMessage) {
    boolean[] mask = new boolean[rank];
    if (axes == null) {
      Arrays.fill(mask, true);
      return mask;
    }
    for (int i = 0; i < axes.length(); i++) {
      int a = axes.get(i);
      checkArgument(a >= -rank && a < rank,
          "reduction axis %s is out of range for a tensor of rank %s (shape %s); expected an axis"
              + " in [%s, %s)", a, rank, shapeForMessage, -rank, rank);
      int j = a < 0 ? a + rank : a;
      checkArgument(!mask[j], "reduction axis %s appears more than once in %s", j, axes);
      mask[j] = true;
    }
    return mask;
  }

  /** The static shape of a reduction over {@code axes} (null: all). */
  static Shape reducedShape(Shape in, ImmutableIntArray axes, boolean keepDims) {
    if (!in.hasKnownRank()) {
      return axes == null && !keepDims ? Shape.scalar() : Shape.unknown();
    }
    boolean[] mask = reductionMask(axes, in.rank(), in);
    return Shape.of(reducedDims(in.dims(), mask, keepDims));
  }

  /** Dims after reducing the masked axes (kept as 1 with keepDims). */
  static int[] reducedDims(int[] dims, boolean[] mask, boolean keepDims) {
    int[] out = new int[dims.length];
    int n = 0;
    for (int i = 0; i < dims.length; i++) {
      if (!mask[i]) {
        out[n++] = dims[i];
      } else if (keepDims) {
        out[n++] = 1;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * What the shape rule knows about the value of input i, an int32 or int64 vector holding a
   * shape: its value if it is a constant, else unknown dims of the vector's length, else
   * unknown rank.
   */
  static Shape shapeFromShapeTensor(InferContext ctx, int i, String what) {
    checkArgument(ctx.dtype(i).isInteger(), "%s must be an int32 or int64 vector, got %s", what,
        ctx.dtype(i));
    Shape s = ctx.shape(i);
    checkArgument(!s.hasKnownRank() || s.rank() == 1, "%s must be an int32 or int64 vector, got"
        + " shape %s", what, s);
    Tensor c = ctx.constantValue(i);
    if (c != null) {
      return Shape.of(checkShapeValues(c.intValues(what), what));
    }
    return s.hasKnownRank() && s.dim(0) >= 0 ? Shape.unknownDims(s.dim(0)) : Shape.unknown();
  }

  /** Run-time check of a shape tensor's values. */
  static int[] checkShapeValues(int[] dims, String what) {
    for (int d : dims) {
      checkArgument(d >= 0, "%s must hold non-negative sizes, got %s", what,
          Arrays.toString(dims));
    }
    return dims;
  }

  /** Merges a rule's shape with a caller's static hint, explaining a conflict. */
  static Shape mergeHint(Shape inferred, Shape hint) {
    checkArgument(inferred.isCompatibleWith(hint),
        "the static shape given, %s, does not match the inferred shape %s", hint, inferred);
    return inferred.mergeWith(hint);
  }
}
