package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.ops.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gradient clipping by norm, as TensorFlow 1.x's {@code tf.clip_by_global_norm} and
 * {@code tf.clip_by_norm}.
 *
 * <p><b>Non-finite norms.</b> TensorFlow returns NaN for every clipped tensor when the norm is
 * infinite or NaN, which silently turns every weight into NaN at the next update. Skein refuses
 * instead: the norm goes through a CheckNumerics op, so a run that computes a non-finite
 * norm fails with an error naming the norm's value (and the op and the line that built it),
 * before any update that depends on the clipped values runs.
 */
public final class Clipping {
  private Clipping() {}

  /** The clipped tensors (null where the input was null) and the global norm before clipping. */
  public record ClippedTensors(List<Output> clipped, Output globalNorm) {}

  /**
   * {@code sqrt(sum of sum(t^2) over the tensors)}, skipping null entries; all tensors share one
   * float dtype.
   */
  public static Output globalNorm(Ops tf, List<Output> tensors) {
    List<Output> present = new ArrayList<>();
    for (Output t : tensors) {
      if (t != null) {
        present.add(t);
      }
    }
    checkArgument(!present.isEmpty(), "globalNorm needs at least one non-null tensor");
    DType dt = present.get(0).dtype();
    for (Output t : present) {
      checkArgument(t.dtype() == dt && dt.isFloating(),
          "globalNorm needs float tensors of one dtype, got %s %s and %s %s",
          present.get(0).name(), dt, t.name(), t.dtype());
    }
    try (Graph.Scope s = tf.nameScope("global_norm")) {
      List<Output> sums = new ArrayList<>();
      for (Output t : present) {
        sums.add(tf.reduceSum(tf.square(t)));
      }
      Output total = sums.size() == 1 ? sums.get(0) : tf.addN(sums);
      return tf.sqrt(total, "global_norm");
    }
  }

  /**
   * Scales the tensors by {@code clipNorm / max(globalNorm, clipNorm)}, so that their global
   * norm is at most {@code clipNorm}. A non-finite global norm fails the run (see the class
   * comment).
   */
  public static ClippedTensors clipByGlobalNorm(Ops tf, List<Output> tensors, double clipNorm) {
    checkArgument(clipNorm > 0 && Double.isFinite(clipNorm),
        "clipNorm must be positive and finite, got %s", clipNorm);
    Output norm = globalNorm(tf, tensors);
    DType dt = norm.dtype();
    try (Graph.Scope s = tf.nameScope("clip_by_global_norm")) {
      Output checked = checkFinite(tf, norm,
          "clipByGlobalNorm: the global norm of the tensors is not finite");
      Output c = tf.constant(Initializers.scalar(dt, clipNorm));
      Output scale = tf.div(c, tf.maximum(checked, c));
      List<Output> r = new ArrayList<>();
      for (Output t : tensors) {
        r.add(t == null ? null : tf.mul(t, scale));
      }
      return new ClippedTensors(Collections.unmodifiableList(r), norm);
    }
  }

  /**
   * Scales {@code t} by {@code clipNorm / max(l2norm(t), clipNorm)} so that its L2 norm is at
   * most {@code clipNorm}. A non-finite norm fails the run (see the class comment).
   */
  public static Output clipByNorm(Ops tf, Output t, double clipNorm) {
    checkArgument(clipNorm > 0 && Double.isFinite(clipNorm),
        "clipNorm must be positive and finite, got %s", clipNorm);
    checkArgument(t.dtype().isFloating(), "clipByNorm needs a float tensor, got %s %s",
        t.name(), t.dtype());
    try (Graph.Scope s = tf.nameScope("clip_by_norm")) {
      Output norm = tf.sqrt(tf.reduceSum(tf.square(t)));
      Output checked = checkFinite(tf, norm, "clipByNorm: the norm of " + t.name()
          + " is not finite");
      Output c = tf.constant(Initializers.scalar(t.dtype(), clipNorm));
      return tf.mul(t, tf.div(c, tf.maximum(checked, c)));
    }
  }

  /**
   * Passes {@code x} through, failing the run if any element is NaN or infinite: core's
   * {@code checkNumerics} op (its gradient is checked too).
   */
  public static Output checkFinite(Ops tf, Output x, String message) {
    return tf.checkNumerics(x, message);
  }
}
