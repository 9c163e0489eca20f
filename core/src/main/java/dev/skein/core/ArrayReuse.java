package dev.skein.core;

import java.util.Map;

/**
 * Which of a plan's values may share or recycle arrays: an input a kernel may write over
 * (reusable), and the slots whose array goes back to the buffer pool once freed (recyclable),
 * from the op types' promises (fresh outputs, forwarding, read-only inputs). Plan calls it once
 * per compiled plan.
 */
final class ArrayReuse {
  private ArrayReuse() {}


  /**
   * Input k of step s is reusable when step s may write over inputs
   * ({@link OpType#writesOverInputs}), the value was made by a step whose kernel returns new
   * arrays ({@link OpType#freshOutputs}), step s is its only reader (one input edge in the
   * whole plan), and it is neither fed nor fetched: then nothing else can hold that array once
   * step s runs.
   */
  static boolean[][] reusable(Operation[] steps, int[][] inputSlots,
      int[][] outputSlots, Map<Integer, Integer> lastUse, int numSlots) {
    boolean[] fresh = new boolean[numSlots];
    for (int s = 0; s < steps.length; s++) {
      if (steps[s].type().freshOutputs()) {
        for (int slot : outputSlots[s]) {
          if (slot >= 0) {
            fresh[slot] = true;
          }
        }
      }
    }
    int[] readers = new int[numSlots];
    for (int[] in : inputSlots) {
      for (int slot : in) {
        readers[slot]++;
      }
    }
    boolean[][] r = new boolean[steps.length][];
    for (int s = 0; s < steps.length; s++) {
      if (!steps[s].type().writesOverInputs()) {
        continue;
      }
      int[] in = inputSlots[s];
      for (int k = 0; k < in.length; k++) {
        int slot = in[k];
        Integer last = lastUse.get(slot);
        if (fresh[slot] && readers[slot] == 1 && last != null && last == s) {
          if (r[s] == null) {
            r[s] = new boolean[in.length];
          }
          r[s][k] = true;
        }
      }
    }
    return r;
  }

  /**
   * Which freed slots hand their array to later kernels. Slots that may hold the same array are
   * grouped: an output with an input 0 it may forward ({@link OpType#forwardsInput0}), or with
   * an input it may write over ({@link KernelContext#canReuseInput}). A group's array is dead
   * once its last slot is freed, if every slot was made by a step that returns new arrays or
   * forwards one of the group's, every reader only reads ({@link OpType#readsInputsOnly}) or
   * forwards, and none is fed or fetched. Then only the slot freed last is marked.
   */
  static boolean[] recyclable(Operation[] steps, int[][] inputSlots,
      int[][] outputSlots, boolean[][] reusable, int[] freeStep, int[] feedSlots,
      int[] fetchSlots, int numSlots, boolean[] feedDies, int[] fetchGroup, int[] fetchCount,
      boolean[][] soleConsumer) {
    int[] group = new int[numSlots];
    for (int i = 0; i < numSlots; i++) {
      group[i] = i;
    }
    boolean[] made = new boolean[numSlots];
    for (int s = 0; s < steps.length; s++) {
      OpType t = steps[s].type();
      int[] in = inputSlots[s];
      for (int o = 0; o < outputSlots[s].length; o++) {
        int slot = outputSlots[s][o];
        if (slot >= 0) {
          made[slot] = t.freshOutputs() || t.forwardsInput0();
          for (int k = 0; k < in.length; k++) {
            if ((k == 0 && t.forwardsInput0())
                || (reusable[s] != null && reusable[s][k] && t.writesOverInputsInto(o))) {
              union(group, slot, in[k]);
            }
          }
        }
      }
    }
    // Per group: every slot made by this plan's fresh or forwarding ops; every reader only
    // reads; how many fetches it has.
    boolean[] allMade = new boolean[numSlots];
    boolean[] onlyRead = new boolean[numSlots];
    int[] fetched = new int[numSlots];
    java.util.Arrays.fill(allMade, true);
    java.util.Arrays.fill(onlyRead, true);
    for (int slot = 0; slot < numSlots; slot++) {
      if (!made[slot]) {
        allMade[root(group, slot)] = false;
      }
    }
    int[] consumers = new int[numSlots];
    for (int s = 0; s < steps.length; s++) {
      OpType t = steps[s].type();
      int[] in = inputSlots[s];
      for (int k = 0; k < in.length; k++) {
        if (!(k == 0 && t.forwardsInput0())) {
          consumers[root(group, in[k])]++;
          if (!t.readsInputOnly(k) && !(k > 0 && t.forwardsInput0())) {
            onlyRead[root(group, in[k])] = false;
          }
        }
      }
    }
    for (int slot : fetchSlots) {
      fetched[root(group, slot)]++;
    }
    boolean[] fed = new boolean[numSlots];
    for (int slot : feedSlots) {
      fed[root(group, slot)] = true;
    }
    for (int s = 0; s < steps.length; s++) {
      OpType t = steps[s].type();
      int[] in = inputSlots[s];
      for (int k = 0; k < in.length; k++) {
        int g = root(group, in[k]);
        if (!(k == 0 && t.forwardsInput0()) && consumers[g] == 1 && fetched[g] == 0 && !fed[g]) {
          if (soleConsumer[s] == null) {
            soleConsumer[s] = new boolean[in.length];
          }
          soleConsumer[s][k] = true;
        }
      }
    }
    for (int i = 0; i < feedSlots.length; i++) {
      int g = root(group, feedSlots[i]);
      feedDies[i] = onlyRead[g] && fetched[g] == 0;
    }
    for (int i = 0; i < fetchSlots.length; i++) {
      int g = root(group, fetchSlots[i]);
      fetchGroup[i] = allMade[g] && onlyRead[g] ? g : -1;
      fetchCount[i] = fetched[g];
    }
    int[] last = new int[numSlots];
    java.util.Arrays.fill(last, -1);
    boolean[] ok = new boolean[numSlots];
    for (int g = 0; g < numSlots; g++) {
      ok[g] = allMade[g] && onlyRead[g] && fetched[g] == 0;
    }
    for (int slot = 0; slot < numSlots; slot++) {
      int g = root(group, slot);
      if (freeStep[slot] < 0) {
        ok[g] = false;
      } else if (last[g] < 0 || freeStep[slot] > freeStep[last[g]]) {
        last[g] = slot;
      }
    }
    boolean[] r = new boolean[numSlots];
    for (int g = 0; g < numSlots; g++) {
      if (ok[g] && last[g] >= 0 && root(group, g) == g) {
        r[last[g]] = true;
      }
    }
    return r;
  }

  private static int root(int[] group, int i) {
    while (group[i] != i) {
      group[i] = group[group[i]];
      i = group[i];
    }
    return i;
  }

  private static void union(int[] group, int a, int b) {
    group[root(group, a)] = root(group, b);
  }
}
