package dev.skein.core;

/**
 * What a kernel sees besides its inputs: the operation it runs for and the session's state
 * (variables, per-op state such as random generators).
 */
public interface KernelContext {
  Operation op();

  /** The state this run's session holds. */
  SessionState state();

  /**
   * False when no later step and no fetch of this run reads output {@code k}; the kernel may
   * then return null for it instead of computing it (a While skips saving per-iteration values
   * that only a gradient would read).
   */
  default boolean isOutputUsed(int k) {
    return true;
  }

  /**
   * True if input {@code i}'s array may be written and returned as this op's output: its
   * producer made it new ({@link OpType#freshOutputs}), this op is its only reader, and it is
   * neither fed nor fetched, so nobody can see it change. Saves allocating (and the JVM zeroing)
   * an output the size of the input in elementwise kernels.
   */
  default boolean canReuseInput(int i) {
    return false;
  }

  /**
   * True if this op is the only consumer of input {@code i}'s value in the run (through ops that
   * forward it or not), and it is neither fed nor fetched: nothing else will read it after.
   */
  default boolean isSoleConsumer(int i) {
    return false;
  }

  /**
   * The run's cancellation and checking state, or null for a run with default
   * {@link RunOptions}. Kernels that run bodies (While, If) pass it on to the body runs and
   * call {@link RunContext#checkContinue} between loop iterations.
   */
  default RunContext runContext() {
    return null;
  }
}
