package dev.skein.spark;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.Npz;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SparkTrainer#fit} returns: the model's variable values after the last step, the
 * mean loss of each global batch it trained on, and the global step reached (counting steps of a
 * checkpoint it resumed from).
 */
public final class TrainResult {
  private final Map<String, Tensor> variables;
  private final List<Double> losses;
  private final long globalStep;
  private final List<Long> stepNanos;
  private final long variableBytes;

  TrainResult(Map<String, Tensor> variables, List<Double> losses, long globalStep,
      List<Long> stepNanos, long variableBytes) {
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.losses = List.copyOf(losses);
    this.globalStep = globalStep;
    this.stepNanos = List.copyOf(stepNanos);
    this.variableBytes = variableBytes;
  }

  /** The model's variables by name, in graph order (optimizer slots excluded). */
  public Map<String, Tensor> variables() {
    return variables;
  }

  /** One variable's value. */
  public Tensor variable(String name) {
    Tensor t = variables.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no variable '" + name + "'; the model has "
          + variables.keySet());
    }
    return t;
  }

  /** The loss of each global batch this fit trained on (before that step's update). */
  public List<Double> losses() {
    return losses;
  }

  public long globalStep() {
    return globalStep;
  }

  /**
   * The wall time of each step this fit trained, in nanoseconds, in step order: for
   * {@link SparkTrainer}, from writing the variables' bytes to the optimizer's update applied
   * (a checkpoint's writing excluded); for {@link LocalTrainer}, one {@code Session.run} of the
   * training op with its batch's assembly.
   */
  public List<Long> stepNanos() {
    return stepNanos;
  }

  /**
   * The size of the .npz bytes of the model's variables that {@link SparkTrainer} broadcasts to
   * the executors each step, before Spark's own compression (the same every step: the shapes do
   * not change); 0 when the training ran in one process or trained no step.
   */
  public long variableBytesPerStep() {
    return variableBytes;
  }

  /** Writes the variables as a .npz file that {@code Saver.restore} reads. */
  public void save(Path file) {
    Npz.write(file, variables);
  }

  /** Sets these values into the variables of the same names in {@code session}'s graph. */
  public void restoreInto(Session session) {
    Graph g = session.graph();
    for (Variable v : g.globalVariables()) {
      Tensor t = variables.get(v.varName());
      if (t != null) {
        session.state().setVariable(v.op(), t);
      }
    }
  }
}
