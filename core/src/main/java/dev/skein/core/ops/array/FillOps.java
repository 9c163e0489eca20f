package dev.skein.core.ops.array;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.FLOAT64;
import static dev.skein.core.DType.INT32;
import static dev.skein.core.DType.INT64;
import static dev.skein.core.ops.array.ArraySupport.add;
import static dev.skein.core.ops.array.ArraySupport.check;
import static dev.skein.core.ops.array.ArraySupport.ints;
import static dev.skein.core.ops.array.ArraySupport.nameOr;
import static dev.skein.core.ops.array.ArraySupport.one;
import static dev.skein.core.ops.array.ArraySupport.scalar;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The array family's ops that make arrays: Fill (zeros, ones), FillLike (zerosLike,
 * onesLike), Range, Tile and Pad, with their builders.
 */
public final class FillOps {
  private FillOps() {}



  /** A tensor of the shape in input 0 (INT32 or INT64 vector) filled with the scalar input 1. */
  @TakesDTypes(value = {INT32, INT64}, name = "dims")
  @TakesDTypes(anyDType = true, input = 1, name = "value")
  public record Fill() implements OpType {
    @Override
    public String typeName() {
      return "Fill";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return FillShapes.fill(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(FillKernels.fill(in[0], in[1]));
    }
  }

  /** start, start + delta, ... up to (not including) limit; INT32, FLOAT32 or FLOAT64 scalars. */
  @TakesDTypes(value = {FLOAT32, FLOAT64, INT32, INT64}, name = "start")
  public record Range() implements OpType {
    @Override
    public String typeName() {
      return "Range";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return FillShapes.range(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(IndexKernels.range(in[0], in[1], in[2]));
    }
  }

  /** Repeats input 0 multiples[i] times along each dim i (multiples: an INT32 or INT64 vector). */
  @TakesDTypes(anyDType = true, name = "input")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "multiples")
  public record Tile() implements OpType {
    @Override
    public String typeName() {
      return "Tile";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return FillShapes.tile(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(FillKernels.tile(in[0], in[1]));
    }
  }

  /**
   * Pads input 0 with a constant; input 1 (INT32, shape [rank, 2]) gives the sizes before and
   * after each dimension.
   */
  @TakesDTypes(anyDType = true, name = "input")
  @TakesDTypes(value = {INT32, INT64}, input = 1, name = "paddings")
  public record Pad(double constant) implements OpType {
    @Override
    public String typeName() {
      return "PadV2";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return FillShapes.pad(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return one(FillKernels.pad(in[0], in[1], constant));
    }
  }

  /** Zeros or ones of the run-time shape and the dtype of the input. */
  public enum FillLike implements OpType {
    @TakesDTypes(anyDType = true, name = "x") ZEROS_LIKE("ZerosLike", 0),
    @TakesDTypes(anyDType = true, name = "x") ONES_LIKE("OnesLike", 1);

    @Override
    public boolean readsInputsOnly() {
      return true;
    }

    private final String typeName;
    private final double value;

    FillLike(String typeName, double value) {
      this.typeName = typeName;
      this.value = value;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(ctx.input(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      Tensor x = in[0];
      return one(Tensor.wrap(x.dtype(), x.shape(), ArrayKernels.filled(x.dtype(), x.size(),
          value)));
    }
  }

  /** A tensor of shape dims (INT32 or INT64 vector) filled with a scalar value. */
  public static Output fill(Graph g, Output dims, Output value, String name) {
    return add(g, new Fill(), name, "Fill", dims, value);
  }

  /** A tensor of a fully defined static shape filled with v (of the given dtype). */
  public static Output fill(Graph g, Shape shape, double v, DType dtype, String name) {
    String n = nameOr(name, "Fill");
    check(shape.isFullyDefined(), n, "Fill", List.of(), "a static shape must be fully defined, "
        + "got " + shape + "; pass a shape tensor (e.g. shape(x)) for dims known only at run time");
    return fill(g, ints(g, n, "shape", shape.dims()), scalar(g, dtype, v, n + "/value"), n);
  }

  /** Fills a shape given as an INT32 or INT64 vector tensor with v (of the given dtype). */
  public static Output fill(Graph g, Output shape, double v, DType dtype, String name) {
    String n = nameOr(name, "Fill");
    return fill(g, shape, scalar(g, dtype, v, n + "/value"), n);
  }

  public static Output zeros(Graph g, Shape shape, DType dtype, String name) {
    return fill(g, shape, 0, dtype, nameOr(name, "zeros"));
  }

  public static Output zeros(Graph g, Output shape, DType dtype, String name) {
    return fill(g, shape, 0, dtype, nameOr(name, "zeros"));
  }

  public static Output ones(Graph g, Shape shape, DType dtype, String name) {
    return fill(g, shape, 1, dtype, nameOr(name, "ones"));
  }

  public static Output ones(Graph g, Output shape, DType dtype, String name) {
    return fill(g, shape, 1, dtype, nameOr(name, "ones"));
  }

  /** Zeros with x's run-time shape and dtype. */
  public static Output zerosLike(Graph g, Output x, String name) {
    return add(g, FillLike.ZEROS_LIKE, name, "zeros_like", x);
  }

  public static Output onesLike(Graph g, Output x, String name) {
    return add(g, FillLike.ONES_LIKE, name, "ones_like", x);
  }

  /** start, start + delta, ... below limit (above it for a negative delta); scalars. */
  public static Output range(Graph g, Output start, Output limit, Output delta, String name) {
    return add(g, new Range(), name, "range", start, limit, delta);
  }

  /** A range of numbers of the given dtype (INT32, FLOAT32 or FLOAT64). */
  public static Output range(Graph g, double start, double limit, double delta, DType dtype,
      String name) {
    String n = nameOr(name, "range");
    return range(g, scalar(g, dtype, start, n + "/start"), scalar(g, dtype, limit, n + "/limit"),
        scalar(g, dtype, delta, n + "/delta"), n);
  }

  /** Repeats x multiples[i] times along each dim i. */
  public static Output tile(Graph g, Output x, int[] multiples, String name) {
    String n = nameOr(name, "Tile");
    return add(g, new Tile(), n, n, x, ints(g, n, "multiples", multiples));
  }

  public static Output tile(Graph g, Output x, Output multiples, String name) {
    return add(g, new Tile(), name, "Tile", x, multiples);
  }

  /** Pads x with a constant: paddings[i] = {before, after} for dim i. */
  public static Output pad(Graph g, Output x, int[][] paddings, double constant, String name) {
    String n = nameOr(name, "Pad");
    int[] flat = new int[paddings.length * 2];
    for (int i = 0; i < paddings.length; i++) {
      check(paddings[i].length == 2, n, "PadV2", List.of(x), "paddings[" + i + "] must be "
          + "{before, after}, got " + Arrays.toString(paddings[i]));
      flat[2 * i] = paddings[i][0];
      flat[2 * i + 1] = paddings[i][1];
    }
    Output p = Const.create(g, Tensor.create(Shape.of(paddings.length, 2), flat),
        n + "/paddings");
    return pad(g, x, p, constant, n);
  }

  /** Pads x with a constant; paddings is an INT32 tensor of shape [rank, 2]. */
  public static Output pad(Graph g, Output x, Output paddings, double constant, String name) {
    return add(g, new Pad(constant), name, "Pad", x, paddings);
  }
}
