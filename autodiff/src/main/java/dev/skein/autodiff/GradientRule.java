package dev.skein.autodiff;

import dev.skein.core.Operation;
import dev.skein.core.Output;
import java.util.List;

/**
 * The gradient of one op type: given the gradients flowing into the op's outputs, builds (with
 * graph ops) the gradients of its inputs.
 *
 * <p>{@code dys} has one entry per output of {@code op}; an entry is null when that output
 * receives no gradient (use {@link GradContext#dyOrZeros} where a value is needed). For an op
 * with a single float output the entry is never null. The result has one entry per input, null
 * where the input gets no gradient (an int input, an index). A rule need not undo broadcasting:
 * the driver sums each gradient down to its input's shape, unless the op type is marked
 * {@link GradientRegistry#exactShapes}.
 */
@FunctionalInterface
public interface GradientRule {
  List<Output> grad(GradContext c, Operation op, List<Output> dys);
}
