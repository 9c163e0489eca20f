package dev.skein.core;

import static dev.skein.core.ArrayReuse.recyclable;
import static dev.skein.core.ArrayReuse.reusable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled run: the operations a (feeds, fetches, targets) triple needs, in order, with each
 * value's slot and last use, so the executor can free every intermediate as soon as it is dead.
 * Immutable and shared by concurrent runs.
 */
public final class Plan {
  final Graph graph;
  final List<Output> feeds;
  final List<Output> fetches;
  final Operation[] steps;
  /** For each step, the slot of each input. */
  final int[][] inputSlots;
  /** For each step, the slot of each output, or -1 where the output is unused or fed. */
  final int[][] outputSlots;
  /** For each step, the slots whose last use is this step (freed after it runs). */
  final int[][] freeAfter;
  /** For each step, whether each output is read by a later step or fetched. */
  final boolean[][] outputUsed;
  final int[] feedSlots;
  final int[] fetchSlots;
  final int numSlots;
  /**
   * For each step, whether each input's array may become the step's output (see
   * {@link KernelContext#canReuseInput}), or null where no input may.
   */
  final boolean[][] reusable;
  /**
   * For each slot, whether its array is dead once the slot is freed, so the executor may hand
   * it to later kernels ({@link dev.skein.core.kernel.BufferPool}).
   */
  final boolean[] recyclable;
  /** For each step, whether it is each input's only consumer (see KernelContext), or null. */
  final boolean[][] soleConsumer;
  private final boolean[] feedDies;
  /** Per fetch: its group's id if that array is made by this plan and only read, else -1. */
  private final int[] fetchGroup;
  /** Per fetch: how many fetches its group has. */
  private final int[] fetchCount;
  private final boolean[] feedRead;

  private Plan(Graph graph, List<Output> feeds, List<Output> fetches, Operation[] steps,
      int[][] inputSlots, int[][] outputSlots, int[][] freeAfter, boolean[][] outputUsed,
      int[] feedSlots, int[] fetchSlots, int numSlots, boolean[][] reusable) {
    this.graph = graph;
    this.feeds = feeds;
    this.fetches = fetches;
    this.steps = steps;
    this.inputSlots = inputSlots;
    this.outputSlots = outputSlots;
    this.freeAfter = freeAfter;
    this.outputUsed = outputUsed;
    this.feedSlots = feedSlots;
    this.fetchSlots = fetchSlots;
    this.numSlots = numSlots;
    this.reusable = reusable;
    int[] freeStep = new int[numSlots];
    java.util.Arrays.fill(freeStep, -1);
    for (int s = 0; s < freeAfter.length; s++) {
      for (int slot : freeAfter[s]) {
        freeStep[slot] = s;
      }
    }
    boolean[] slotRead = new boolean[numSlots];
    for (int[] in : inputSlots) {
      for (int slot : in) {
        slotRead[slot] = true;
      }
    }
    this.feedRead = new boolean[feedSlots.length];
    for (int i = 0; i < feedSlots.length; i++) {
      feedRead[i] = slotRead[feedSlots[i]];
    }
    this.feedDies = new boolean[feedSlots.length];
    this.fetchGroup = new int[fetchSlots.length];
    this.fetchCount = new int[fetchSlots.length];
    this.soleConsumer = new boolean[steps.length][];
    this.recyclable = recyclable(steps, inputSlots, outputSlots, reusable, freeStep, feedSlots,
        fetchSlots, numSlots, feedDies, fetchGroup, fetchCount, soleConsumer);
  }

  /**
   * True if the value fed as feed i is dead once a run of this plan ends: the plan neither
   * returns it (or a view of it) nor gives it to an op that may keep it.
   */
  public boolean feedDies(int i) {
    return feedDies[i];
  }

  /**
   * True if the array of fetch i is the run's alone: made new by this plan's ops, given only to
   * ops that read it, and not fetched twice (a loop may hand it to later kernels once the next
   * iteration, its only reader, is done with it).
   */
  public boolean fetchOwned(int i) {
    return fetchGroup[i] >= 0 && fetchCount[i] == 1;
  }

  /**
   * True if fetches i and j are the same array (or views of one), made new by this plan's ops,
   * given only to ops that read it, and fetched by these two alone: the run's alone, shared by
   * the two (a loop body's new state, carried to the next iteration and saved for the gradient).
   */
  public boolean fetchesOwnedTogether(int i, int j) {
    return i != j && fetchGroup[i] >= 0 && fetchGroup[i] == fetchGroup[j] && fetchCount[i] == 2;
  }

  /**
   * True if some operation of this plan reads the value fed as feed i (fetching it back does
   * not count).
   */
  public boolean readsFeed(int i) {
    return feedRead[i];
  }

  /** The operations this plan runs, in order. */
  public List<Operation> operations() {
    return List.of(steps);
  }

  /**
   * Compiles a plan. Throws OpException if a needed placeholder is not fed, naming the
   * placeholder and the fetch or target that needs it.
   */
  public static Plan compile(Graph graph, List<Output> feeds, List<Output> fetches,
      List<Operation> targets) {
    for (Output o : feeds) {
      checkGraph(graph, o.op(), "feed");
    }
    for (Output o : fetches) {
      checkGraph(graph, o.op(), "fetch");
    }
    for (Operation t : targets) {
      checkGraph(graph, t, "target");
    }
    Map<Output, Integer> fedIndex = new HashMap<>();
    for (int i = 0; i < feeds.size(); i++) {
      fedIndex.put(feeds.get(i), i);
    }
    // Walk back from fetches and targets; an op is needed if a non-fed output of it is used, or
    // it is a target or a control input of a needed op. "neededBy" remembers who pulled it in.
    int n = graph.numOperations();
    List<Operation> all = graph.operations();
    BitSet needed = new BitSet(n);
    Map<Operation, Operation> neededBy = new HashMap<>();
    ArrayList<Operation> stack = new ArrayList<>();
    for (Output f : fetches) {
      if (!fedIndex.containsKey(f) && !needed.get(f.op().id())) {
        needed.set(f.op().id());
        stack.add(f.op());
      }
    }
    for (Operation t : targets) {
      if (!needed.get(t.id())) {
        needed.set(t.id());
        stack.add(t);
      }
    }
    while (!stack.isEmpty()) {
      Operation op = stack.remove(stack.size() - 1);
      for (Output in : op.inputs()) {
        if (!fedIndex.containsKey(in) && !needed.get(in.op().id())) {
          needed.set(in.op().id());
          neededBy.put(in.op(), op);
          stack.add(in.op());
        }
      }
      for (Operation c : op.controlInputs()) {
        if (!needed.get(c.id())) {
          needed.set(c.id());
          neededBy.put(c, op);
          stack.add(c);
        }
      }
    }
    // Slots: one per fed output and per produced output that something uses.
    Map<Output, Integer> slotOf = new HashMap<>();
    int[] feedSlots = new int[feeds.size()];
    for (int i = 0; i < feeds.size(); i++) {
      feedSlots[i] = slotOf.computeIfAbsent(feeds.get(i), k -> slotOf.size());
    }
    Operation[] steps = new Operation[needed.cardinality()];
    int s = 0;
    for (int id = needed.nextSetBit(0); id >= 0; id = needed.nextSetBit(id + 1)) {
      Operation op = all.get(id);
      if (op.type() instanceof Placeholder) {
        throw missingFeed(op, neededBy);
      }
      steps[s++] = op;
    }
    int[][] inputSlots = new int[steps.length][];
    int[][] outputSlots = new int[steps.length][];
    Map<Integer, Integer> lastUse = new HashMap<>();
    for (int i = 0; i < steps.length; i++) {
      Operation op = steps[i];
      outputSlots[i] = new int[op.numOutputs()];
      for (int k = 0; k < op.numOutputs(); k++) {
        outputSlots[i][k] = -1;
      }
      inputSlots[i] = new int[op.numInputs()];
      for (int k = 0; k < op.numInputs(); k++) {
        Output in = op.input(k);
        Integer slot = slotOf.get(in);
        if (slot == null) {
          throw new IllegalStateException("plan order broken at " + op + " input " + in);
        }
        inputSlots[i][k] = slot;
        lastUse.put(slot, i);
      }
      for (int k = 0; k < op.numOutputs(); k++) {
        Output out = op.output(k);
        if (!fedIndex.containsKey(out)) {
          outputSlots[i][k] = slotOf.computeIfAbsent(out, x -> slotOf.size());
        }
      }
    }
    int[] fetchSlots = new int[fetches.size()];
    for (int i = 0; i < fetches.size(); i++) {
      fetchSlots[i] = slotOf.get(fetches.get(i));
      lastUse.put(fetchSlots[i], Integer.MAX_VALUE); // fetched values are never freed
    }
    List<List<Integer>> frees = new ArrayList<>();
    for (int i = 0; i < steps.length; i++) {
      frees.add(new ArrayList<>());
    }
    lastUse.forEach((slot, step) -> {
      if (step != Integer.MAX_VALUE) {
        frees.get(step).add(slot);
      }
    });
    // Outputs nobody uses are freed right after the op that made them.
    boolean[][] outputUsed = new boolean[steps.length][];
    for (int i = 0; i < steps.length; i++) {
      outputUsed[i] = new boolean[outputSlots[i].length];
      for (int k = 0; k < outputSlots[i].length; k++) {
        int slot = outputSlots[i][k];
        if (slot >= 0 && !lastUse.containsKey(slot)) {
          frees.get(i).add(slot);
        }
        outputUsed[i][k] = slot >= 0 && lastUse.containsKey(slot);
      }
    }
    int[][] freeAfter = new int[steps.length][];
    for (int i = 0; i < steps.length; i++) {
      freeAfter[i] = frees.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return new Plan(graph, List.copyOf(feeds), List.copyOf(fetches), steps, inputSlots,
        outputSlots, freeAfter, outputUsed, feedSlots, fetchSlots, slotOf.size(),
        reusable(steps, inputSlots, outputSlots, lastUse, slotOf.size()));
  }

  private static void checkGraph(Graph graph, Operation op, String what) {
    if (op.graph() != graph) {
      throw OpException.of(op, "this " + what + " belongs to another graph than the session's");
    }
  }

  private static OpException missingFeed(Operation placeholder, Map<Operation, Operation> by) {
    StringBuilder chain = new StringBuilder();
    Operation o = by.get(placeholder);
    while (o != null) {
      chain.append(" <- ").append(o.name());
      Operation next = by.get(o);
      if (next == null) {
        break;
      }
      o = next;
    }
    String who = o == null ? "a fetch" : "'" + o.name() + "'";
    return OpException.of(placeholder, "placeholder '" + placeholder.name() + "' of "
        + placeholder.outputSpec(0) + " must be fed: " + who + " needs it (path: "
        + placeholder.name() + chain + ")");
  }
}
