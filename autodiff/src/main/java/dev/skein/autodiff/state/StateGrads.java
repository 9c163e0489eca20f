package dev.skein.autodiff.state;

import dev.skein.autodiff.GradientFamily;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.core.Const;
import dev.skein.core.Placeholder;
import dev.skein.core.ops.state.StateOps.Assign;
import dev.skein.core.ops.state.StateOps.CheckNumerics;
import dev.skein.core.ops.state.StateOps.Identity;
import dev.skein.core.ops.state.StateOps.NoOp;
import dev.skein.core.ops.state.StateOps.StopGradient;
import dev.skein.core.ops.state.StateOps.VariableOp;
import java.util.List;

/** Gradients of the state family: identity passes its gradient through; the rest are sources. */
public final class StateGrads implements GradientFamily {
  /** Made by {@link java.util.ServiceLoader} (META-INF/services) and by tests. */
  public StateGrads() {}

  @Override
  public void register(GradientRegistry r) {
    r.register(Identity.class, (c, op, dys) -> List.of(dys.get(0)));
    // As in TensorFlow: the gradient passes through, checked for NaN and infinity in turn.
    r.register(CheckNumerics.class, (c, op, dys) -> List.of(c.tf().checkNumerics(dys.get(0),
        "Not a number (NaN) or infinity (Inf) values detected in gradient. "
            + ((CheckNumerics) op.type()).message())));
    // Sources and side effects: values come from feeds, constants and sessions, not inputs.
    // StopGradient is also pruned by the driver before any rule is looked up.
    r.notDifferentiable(Placeholder.class, Const.class, VariableOp.class, Assign.class,
        NoOp.class, StopGradient.class);
  }
}
