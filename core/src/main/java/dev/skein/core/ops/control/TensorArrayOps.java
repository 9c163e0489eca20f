package dev.skein.core.ops.control;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.skein.core.ops.control.ControlOps.checkIndexSpec;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The control family's TensorArray ops: making an array (TensorArrayV3), its reads, writes,
 * gathers, scatters, stacks and unstacks (TensorArrayOp) and their gradients
 * (TensorArrayGradOp), with their builders. Kernels live in TensorArrayKernels, the run-time
 * value in TensorArrayValue.
 */
public final class TensorArrayOps {
  private TensorArrayOps() {}



  /** Creates an empty TensorArray of {@code size} (input 0, int32 or int64 scalar) elements. */
  @TakesDTypes(value = {DType.INT32, DType.INT64}, name = "size")
  @MakesDTypes(anyDType = true)
  public record TensorArrayV3(DType dtype, Shape elementShape, boolean dynamicSize)
      implements OpType {
    @Override
    public String typeName() {
      return "TensorArrayV3";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkIndexSpec(ctx.input(0), "size");
      Tensor c = ctx.constantValue(0);
      int n = c == null || dynamicSize ? -1 : ControlOps.index(c, "TensorArray size");
      checkArgument(n >= -1, "TensorArray size must be >= 0, got %s", n);
      return List.of(new TensorSpec(dtype, arrayShape(n, elementShape)));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return TensorArrayKernels.createTensorArray(this, inputs[0]);
    }
  }

  /**
   * The TensorArray operations that take an array value: each either returns a new array
   * value (write, scatter, unstack) or reads from it (read, gather, stack, size).
   */
  public enum TensorArrayOp implements OpType {
    /** (array, index, value) -> array with element index set. */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "index")
    @TakesDTypes(anyDType = true, input = 2, name = "value")
    WRITE("TensorArrayWriteV3"),
    /** (array, index) -> element. */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "index")
    READ("TensorArrayReadV3"),
    /** (array, indices [k], int32 or int64) -> [k, ...element]. */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "indices")
    GATHER("TensorArrayGatherV3"),
    /** (array, indices [k], value [k, ...element]) -> array with those elements set. */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "indices")
    @TakesDTypes(anyDType = true, input = 2, name = "value")
    SCATTER("TensorArrayScatterV3"),
    /** (array) -> [size, ...element]. */
    @TakesDTypes(anyDType = true, name = "handle")
    STACK("TensorArrayStack"),
    /** (array, value [n, ...element]) -> array with elements 0..n-1 set. */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(anyDType = true, input = 1, name = "value")
    UNSTACK("TensorArrayUnstack"),
    /**
     * (array, value [m, n, ...rest]) -&gt; array with element t = value[:, t, ...] for t &lt; n: a
     * batch-major sequence unstacked by time step in one pass, without a time-major copy.
     */
    @TakesDTypes(anyDType = true, name = "handle")
    @TakesDTypes(anyDType = true, input = 1, name = "value")
    UNSTACK_AXIS1("TensorArrayUnstackAxis1"),
    /** (array) -> int32 size. */
    @TakesDTypes(anyDType = true, name = "handle")
    SIZE("TensorArraySizeV3");

    private final String typeName;

    TensorArrayOp(String typeName) {
      this.typeName = typeName;
    }

    /** Unstack copies its value's rows into the array's elements and keeps no reference. */
    @Override
    public boolean readsInputOnly(int k) {
      return (this == UNSTACK || this == UNSTACK_AXIS1) && k == 1;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return TensorArrayKernels.inferTensorArrayOp(this, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return TensorArrayKernels.computeTensorArrayOp(this, inputs);
    }
  }

  /**
   * Ops the gradients of TensorArray ops are built from. A gradient of an array value is a tensor
   * of the array's dense shape: either plain dense, or a sparse <em>gradient array</em> whose
   * unwritten elements are zeros, so a gradient that touches one element per loop iteration
   * costs O(element), not O(size).
   */
  public enum TensorArrayGradOp implements OpType {
    /** (array, index, dy) -> gradient array shaped like array, element index = dy. */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "index")
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, input = 2, name = "dy")
    READ_GRAD("TensorArrayReadGrad"),
    /** (array, indices [k], dy [k, ...element]) -> gradient array, rows summed per index. */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "handle")
    @TakesDTypes(value = {DType.INT32, DType.INT64}, input = 1, name = "indices")
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, input = 2, name = "dy")
    GATHER_GRAD("TensorArrayGatherGrad"),
    /** (dArray, value [n, ...element]) -> rows 0..n-1 of dArray, dense (unstack's gradient). */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "grad")
    UNSTACK_GRAD("TensorArrayUnstackGrad"),
    /**
     * (dArray, value [m, n, ...rest]) -> [m, n, ...rest] with [:, t, ...] = element t of dArray,
     * dense (the gradient of unstacking along axis 1).
     */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "grad")
    UNSTACK_AXIS1_GRAD("TensorArrayUnstackAxis1Grad"),
    /** (acc, g) -> acc + g, adding a sparse gradient array element by element. */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "acc")
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, input = 1, name = "grad")
    ACCUMULATE("AccumulateGrad"),
    /**
     * (array, dArrayOut) -> dArrayOut as the gradient of the array a write (scatter, unstack)
     * started from: the same tensor, or zeros shaped like array when the array's element shape
     * was still unknown (nothing written yet, zero-size elements in its dense view).
     */
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, name = "handle")
    @TakesDTypes(value = {DType.FLOAT32, DType.FLOAT64}, input = 1, name = "grad")
    WRITE_GRAD("TensorArrayWriteGrad");

    private final String typeName;

    TensorArrayGradOp(String typeName) {
      this.typeName = typeName;
    }

    /** AccumulateGrad reads its gradient g (a sparse g's elements may be kept, not g itself). */
    @Override
    public boolean readsInputOnly(int k) {
      return this == ACCUMULATE && k == 1;
    }

    @Override
    public String typeName() {
      return typeName;
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return TensorArrayKernels.inferGradOp(this, ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      return new Tensor[] {TensorArrayKernels.computeGradOp(this, inputs)};
    }
  }

  /** A new TensorArray; {@code elementShape} may be partial or {@code Shape.unknown()}. */
  public static TensorArray tensorArray(Graph g, DType dtype, Output size, boolean dynamicSize,
      Shape elementShape, String name) {
    return new TensorArray(g.addOp(new TensorArrayV3(dtype, elementShape, dynamicSize), name,
        List.of(size)).output(0));
  }

  /** Applies a TensorArray op to an array value and further inputs; returns its output. */
  public static Output tensorArrayOp(Graph g, TensorArrayOp op, TensorArray ta,
      List<Output> more, String name) {
    List<Output> in = new ArrayList<>();
    in.add(ta.value());
    in.addAll(more);
    return g.addOp(op, name, in).output(0);
  }

  /** Applies a TensorArray gradient op; returns its output. */
  public static Output tensorArrayGradOp(Graph g, TensorArrayGradOp op, List<Output> inputs,
      String name) {
    return g.addOp(op, name, inputs).output(0);
  }

  /** [n, ...element], or unknown if the element rank is unknown. */
  static Shape arrayShape(int n, Shape element) {
    return element.hasKnownRank() ? element.prepend(n) : Shape.unknown();
  }
}
