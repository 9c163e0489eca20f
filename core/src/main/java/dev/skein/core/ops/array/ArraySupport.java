package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.Arrays;
import java.util.List;

/** What the array family's builders and kernels share: naming, checks, int constants, one-output results. */
final class ArraySupport {
  private ArraySupport() {}



  static Tensor[] one(Tensor t) {
    return new Tensor[] {t};
  }

  static int[] equalParts(Tensor x, int axis, int num) {
    int a = ArrayShapes.axis(axis, x.rank(), "split axis");
    int d = x.shape().dim(a);
    checkArgument(d % num == 0, "cannot split dimension %s of size %s (shape %s) into %s equal "
        + "parts", a, d, x.shape(), num);
    int[] sizes = new int[num];
    Arrays.fill(sizes, d / num);
    return sizes;
  }

  static int[] sizes(Tensor sizes, int num) {
    checkArgument(sizes.size() == num, "%s split sizes given for %s outputs", sizes.size(), num);
    return sizes.intValues("split sizes");
  }

  // ---- builders ----------------------------------------------------------------------------

  static Output add(Graph g, OpType type, String name, String defaultName,
      Output... inputs) {
    return g.addOp(type, name == null ? defaultName : name, List.of(inputs)).output(0);
  }

  /** An INT32 constant argument named like TensorFlow's, e.g. {@code Reshape/shape}. */
  static Output ints(Graph g, String opName, String arg, int[] values) {
    return Const.create(g, Tensor.create(Shape.of(values.length), values),
        opName + "/" + arg);
  }

  static Output scalar(Graph g, DType dtype, double v, String name) {
    return Const.create(g, Tensor.wrap(dtype, Shape.scalar(), ArrayKernels.filled(dtype, 1,
        v)), name);
  }

  static String nameOr(String name, String defaultName) {
    return name == null ? defaultName : name;
  }

  /**
   * Fails a builder before its op exists, in the same form as a shape-rule failure: the op's
   * would-be name and type, its inputs, and the user's line.
   */
  static void check(boolean ok, String opName, String typeName, List<Output> inputs,
      String detail) {
    OpException.check(ok, opName, typeName, inputs, detail);
  }
}
