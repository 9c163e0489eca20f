package dev.skein.bench;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float32 FMA rate with no memory traffic: every thread runs twelve independent
 * chains of vector FMAs on registers (enough to cover the FMA latency on current x86 cores).
 * Loaded only when the JVM has the Vector API.
 */
final class FmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int CHAINS = 12;
  private static final long ITERATIONS = 20_000_000;
  private static volatile float sink;

  private FmaPeak() {}

  /** GFLOP/s of {@code threads} threads running the loop at once: the median of 5 rounds. */
  static double gflops(int threads) {
    chains(ITERATIONS / 20); // compile it first
    double[] rates = new double[5];
    for (int round = 0; round < rates.length; round++) {
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      CyclicBarrier end = new CyclicBarrier(threads + 1);
      Thread[] ts = new Thread[threads];
      for (int i = 0; i < threads; i++) {
        ts[i] = new Thread(() -> {
          try {
            start.await();
            chains(ITERATIONS);
            end.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        ts[i].start();
      }
      try {
        start.await();
        long t0 = System.nanoTime();
        end.await();
        long t1 = System.nanoTime();
        for (Thread t : ts) {
          t.join();
        }
        rates[round] = 2.0 * CHAINS * S.length() * ITERATIONS * threads / (t1 - t0);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    Arrays.sort(rates);
    return rates[rates.length / 2];
  }

  private static void chains(long iterations) {
    FloatVector m = FloatVector.broadcast(S, 0.999999f);
    FloatVector a = FloatVector.broadcast(S, 1e-7f);
    FloatVector v0 = FloatVector.broadcast(S, 1f);
    FloatVector v1 = v0;
    FloatVector v2 = v0;
    FloatVector v3 = v0;
    FloatVector v4 = v0;
    FloatVector v5 = v0;
    FloatVector v6 = v0;
    FloatVector v7 = v0;
    FloatVector v8 = v0;
    FloatVector v9 = v0;
    FloatVector v10 = v0;
    FloatVector v11 = v0;
    for (long i = 0; i < iterations; i++) {
      v0 = v0.fma(m, a);
      v1 = v1.fma(m, a);
      v2 = v2.fma(m, a);
      v3 = v3.fma(m, a);
      v4 = v4.fma(m, a);
      v5 = v5.fma(m, a);
      v6 = v6.fma(m, a);
      v7 = v7.fma(m, a);
      v8 = v8.fma(m, a);
      v9 = v9.fma(m, a);
      v10 = v10.fma(m, a);
      v11 = v11.fma(m, a);
    }
    FloatVector s = v0.add(v1).add(v2).add(v3).add(v4).add(v5).add(v6).add(v7).add(v8).add(v9)
        .add(v10).add(v11);
    sink = s.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
