package dev.skein.core.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Intra-op parallelism for kernels: a fixed set of daemon helper threads shared by every op.
 * The calling thread always works too, so busy helpers slow a kernel down but never block it.
 * The thread count is {@code Runtime.availableProcessors()} unless the system property
 * {@code skein.threads} or {@link #setThreads} says otherwise ({@code 1} turns parallelism
 * off). Kernels split their work by it but never let it change a result: sums split over
 * threads use {@link RowChunks}' fixed chunks.
 *
 * <p>A helper that runs out of work spins for {@link #HELPER_SPIN_NANOS} (200 us; system
 * property {@code skein.helperSpinMicros}) before it parks: ops follow each other within
 * microseconds in a session run, and waking a parked thread costs tens of microseconds, as much
 * as a mid-sized matmul gains from the second core. With {@code -Dskein.yield=true} spinning
 * threads (a helper waiting for work, a caller waiting for its helpers) call
 * {@code Thread.yield()} every 64 spins. Both settings are for measuring the case where the
 * scheduler puts the caller and its helper on one CPU while another process keeps the second
 * busy (docs/PERFORMANCE.md, "Two threads on one CPU"): neither choice was better under every
 * kind of load, so the defaults stay as they were. Helpers start on
 * first use; an interrupted helper ends (so that launchers such as exec:java can stop them), and
 * a new one starts when work next comes.
 */
public final class Parallel {
  private static volatile int threadCount =
      Math.max(1, Integer.getInteger("skein.threads", Runtime.getRuntime().availableProcessors()));
  private static final long HELPER_SPIN_NANOS =
      TimeUnit.MICROSECONDS.toNanos(Long.getLong("skein.helperSpinMicros", 200));
  /** How long the caller spins for the last helpers before parking (tasks are coarse). */
  private static final int SPINS = 1 << 12;
  /** Whether spinning threads yield their CPU every 64 spins ({@code skein.yield}; off). */
  private static final boolean YIELD = Boolean.getBoolean("skein.yield");
  private static final ConcurrentLinkedQueue<Runnable> WORK = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<Thread> PARKED = new ConcurrentLinkedQueue<>();

  private static final AtomicInteger LIVE_HELPERS = new AtomicInteger();
  private static final AtomicInteger HELPERS_STARTED = new AtomicInteger();

  private Parallel() {}

  /** The number of threads a kernel may use, the caller's included. */
  public static int threads() {
    return threadCount;
  }

  /**
   * Sets the number of threads kernels may use from now on (at least 1; the caller's included)
   * and returns the previous number. Results do not depend on it (docs/ARCHITECTURE.md,
   * "Determinism"), only speed does. Kernels running meanwhile finish with the count they read.
   */
  public static int setThreads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Parallel.setThreads: need at least 1 thread, got " + n);
    }
    int previous = threadCount;
    threadCount = n;
    return previous;
  }

  /**
   * Runs {@code task.accept(i)} for every i in [0, n), spread over the caller and the helpers,
   * and returns when all are done; everything the tasks wrote is then visible to the caller.
   * Tasks are handed out one at a time, so uneven tasks balance. If a task throws, tasks not yet
   * started are skipped and the first exception is rethrown here.
   */
  public static void forEach(int n, IntConsumer task) {
    int threads = threadCount;
    int helpers = Math.min(threads - 1, n - 1);
    if (helpers <= 0) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
      return;
    }
    if (LIVE_HELPERS.get() < threads - 1) {
      startHelpers(threads);
    }
    Job job = new Job(n, task, Thread.currentThread());
    for (int h = 0; h < helpers; h++) {
      WORK.add(job::help);
      Thread parked = PARKED.poll();
      if (parked != null) {
        LockSupport.unpark(parked);
      }
    }
    job.work();
    job.awaitHelpers();
    Throwable failure = job.failure.get();
    if (failure instanceof RuntimeException r) {
      throw r;
    } else if (failure instanceof Error e) {
      throw e;
    }
  }

  private static synchronized void startHelpers(int threads) {
    while (LIVE_HELPERS.get() < threads - 1) {
      LIVE_HELPERS.incrementAndGet();
      Thread t = new Thread(Parallel::helperLoop,
          "skein-kernel-" + HELPERS_STARTED.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private static void helperLoop() {
    Thread self = Thread.currentThread();
    try {
      while (!Thread.interrupted()) {
        Runnable r = WORK.poll();
        if (r != null) {
          r.run();
          continue;
        }
        long deadline = System.nanoTime() + HELPER_SPIN_NANOS;
        for (int spin = 1; WORK.isEmpty() && System.nanoTime() < deadline; spin++) {
          Thread.onSpinWait();
          if (YIELD && (spin & 63) == 0) {
            Thread.yield();
          }
        }
        if (WORK.isEmpty()) {
          // Announce, then look again: a submitter either sees us in PARKED or we see its work.
          PARKED.add(self);
          if (WORK.isEmpty()) {
            LockSupport.park(Parallel.class);
          }
          PARKED.remove(self);
        }
      }
    } finally {
      LIVE_HELPERS.decrementAndGet();
    }
  }

  private static final class Job {
    private final int n;
    private final IntConsumer task;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    /** Helpers inside {@link #help}; one entering after the last task is claimed does nothing. */
    private final AtomicInteger busyHelpers = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int n, IntConsumer task, Thread caller) {
      this.n = n;
      this.task = task;
      this.caller = caller;
    }

    void work() {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          task.accept(i);
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
          next.set(n);
        }
      }
    }

    void help() {
      busyHelpers.incrementAndGet();
      try {
        work();
      } finally {
        if (busyHelpers.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }

    /** Called once every task is claimed: waits for helpers still running one. */
    void awaitHelpers() {
      for (int spin = 0; busyHelpers.get() > 0; spin++) {
        if (spin < SPINS) {
          Thread.onSpinWait();
          if (YIELD && (spin & 63) == 63) {
            Thread.yield();
          }
        } else {
          LockSupport.park(this);
        }
      }
    }
  }
}
