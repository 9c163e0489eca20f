package dev.skein.bench;

import dev.skein.core.Cancellation;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.RunOptions;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Kernels;
import dev.skein.core.kernel.MatMulKernel;
import dev.skein.core.kernel.Parallel;
import dev.skein.core.ops.Ops;
import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Unroll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Prints Skein's benchmark figures, by section: {@code warmup}, the first training steps of a
 * fresh JVM one by one (see {@link WarmupBench}); {@code matmul}, float32 matmul throughput (the
 * raw kernel, a Session running a graph of two fed placeholders and a MatMul, and the products
 * of an RNN step); {@code overhead}, the per-op overhead of a 1,000-op chain of scalar adds run in
 * one Session.run, plain and with each run option; {@code rnn}, the notebooks' recurrent
 * classifiers (LSTM, GRU, BasicRNN; staticRnn and dynamicRnn; training step and forward pass,
 * see {@link RnnBench}); {@code memory}, peak memory of a dynamicRnn training step and forward
 * pass for T = 28, 280 and 2,800 (see {@link MemoryBench}); {@code viz}, exporting notebook
 * 002's static model as DOT, HTML, SVG and PNG (see {@link VizBench}); {@code spark}, a
 * synchronous data-parallel LSTM training step on Spark local[2] with 1 and 2 partitions beside
 * one process, and one shard's gradients for 1 to 64 workers (see {@link SparkBench});
 * {@code checkpoints}, saving and restoring 50M floats, stored, compressed and in NumPy's
 * Fortran and big-endian layouts (see {@link CheckpointBench}).
 * TensorFlow's figures beside these: the {@code -Ppeers} profile's {@code PeerBench}.
 *
 * <p>Run with {@code mvn -q -pl bench -am compile exec:java}; arguments
 * ({@code -Dexec.args="..."}): section names to run only those, {@code --quick} for short
 * warm-ups and runs, cell names ({@code LSTM GRU BASIC_RNN}) and unrolls ({@code STATIC
 * DYNAMIC}) to run only those in {@code warmup}, {@code rnn} and {@code digest} (bit-for-bit
 * fingerprints of five training steps, see {@link Digest}; only when named) and {@code threads}
 * (the calling thread's CPU share per LSTM and GRU model, see {@link ThreadBench}; only when
 * named); or
 * {@code profile <LSTM|GRU|BASIC_RNN> <STATIC|DYNAMIC> <train|forward> [runs]} for the time per
 * op type of one model (see {@link Profile}); or {@code steps [cell] [STATIC|DYNAMIC] [rounds]
 * [steps]} for a training step's (the LSTM's by default) wall time, the caller's and the kernel
 * helpers' CPU time per round (see
 * {@link StepTimes}); or
 * {@code ab <other checkout> [cell] [unroll] [rounds] [steps] [train|forward]} for this
 * build against another checkout's in one JVM, alternating rounds (see {@link BuildAB}). The
 * matmul micro figures with JMH's forks and error bars:
 * {@code mvn -q -pl bench -am compile exec:exec@jmh} (package {@code dev.skein.bench.jmh}).
 */
public final class Bench {
  /** {m, k, n}: C[m, n] = A[m, k] B[k, n]. */
  private static final int[][] MATMUL_SIZES = {{150, 178, 600}, {512, 512, 512},
      {1024, 1024, 1024}};
  private static final int CHAIN_LENGTH = 1000;

  private Bench() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("profile")) {
      Profile.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("steps")) {
      StepTimes.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("ab")) {
      try {
        BuildAB.main(Arrays.copyOfRange(args, 1, args.length));
      } catch (Exception e) {
        throw new IllegalStateException("ab: " + e, e);
      }
      return;
    }
    List<String> a = List.of(args);
    boolean quick = a.contains("--quick");
    List<String> sections = List.of("warmup", "matmul", "overhead", "rnn", "memory", "viz",
        "spark", "checkpoints", "digest", "threads");
    boolean all = sections.stream().noneMatch(a::contains);
    // "all" is every timed section; digest runs only when named.
    List<Cell> cells = new ArrayList<>();
    List<Unroll> unrolls = new ArrayList<>();
    for (String arg : a) {
      if (Cell.parse(arg) != null) {
        cells.add(Cell.parse(arg));
      } else if (Unroll.parse(arg) != null) {
        unrolls.add(Unroll.parse(arg));
      } else if (!sections.contains(arg) && !arg.equals("--quick")) {
        System.err.println("unknown argument '" + arg + "'; use: [warmup] [matmul] [overhead]"
            + " [rnn] [memory] [viz] [spark] [checkpoints] [digest] [threads]"
            + " [LSTM|GRU|BASIC_RNN]..."
            + " [STATIC|DYNAMIC]... [--quick]");
        System.exit(2);
      }
    }
    // The warm-up's default: the two cells of the figures; rnn's: every cell.
    List<Cell> warmupCells = cells.isEmpty() ? List.of(Cell.LSTM, Cell.GRU) : List.copyOf(cells);
    if (cells.isEmpty()) {
      cells.addAll(RnnModel.cells());
    }
    if (unrolls.isEmpty()) {
      unrolls.addAll(List.of(Unroll.values()));
    }
    Timing timing = quick ? new Timing(1, 0.3, 5) : new Timing(2, 1.5, 15);
    int threads = Parallel.threads();
    System.out.printf("Skein benchmarks: %s %s, %d thread%s, matmul kernel %s%n%n",
        System.getProperty("java.vm.name"), System.getProperty("java.version"), threads,
        threads == 1 ? "" : "s", Kernels.matMul().name());
    System.out.println(Roofline.describeCpu());
    if (all || a.contains("warmup")) {
      // First: its first model is the one a JVM that has run nothing yet meets.
      WarmupBench.run(warmupCells, unrolls);
    }
    if (all || a.contains("matmul")) {
      matmul(timing);
    }
    if (all || a.contains("overhead")) {
      overhead(timing);
    }
    if (all || a.contains("rnn")) {
      RnnBench.run(timing, cells, unrolls);
    }
    if (all || a.contains("memory")) {
      MemoryBench.run();
    }
    if (a.contains("threads")) {
      // Not in the default sections: a probe of the scheduler, not a speed figure.
      ThreadBench.run(warmupCells, unrolls, 3);
    }
    if (a.contains("digest")) {
      // Not in the default sections: untimed fingerprints, to compare builds bit for bit.
      Digest.run(cells, unrolls, 5);
    }
    if (all || a.contains("viz")) {
      VizBench.run(quick);
    }
    if (all || a.contains("spark")) {
      SparkBench.run(quick);
    }
    if (all || a.contains("checkpoints")) {
      CheckpointBench.run(quick);
    }
  }

  private static void matmul(Timing timing) {
    System.out.println("float32 matmul, C[m,n] = A[m,k] B[k,n]     median     GFLOP/s   (best)");
    for (int[] s : MATMUL_SIZES) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      double flops = 2.0 * m * n * k;
      Random r = new Random(42);
      float[] av = randomFloats(r, m * k);
      float[] bv = randomFloats(r, k * n);
      float[] cv = new float[m * n];
      MatMulKernel kernel = Kernels.matMul();
      Timing.Result raw = timing.measure(
          () -> kernel.sgemm(false, false, m, n, k, av, 0, bv, 0, cv, 0));
      row(String.format("%dx%dx%d  kernel", m, k, n), raw, flops);

      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, k), "a");
      Output y = tf.placeholder(DType.FLOAT32, Shape.of(k, n), "b");
      Output product = tf.matmul(x, y);
      Tensor at = Tensor.create(Shape.of(m, k), av);
      Tensor bt = Tensor.create(Shape.of(k, n), bv);
      try (Session session = new Session(g)) {
        Timing.Result run = timing.measure(
            () -> session.runner().feed(x, at).feed(y, bt).fetch(product).run());
        row(String.format("%dx%dx%d  Session.run", m, k, n), run, flops);
      }
    }
    System.out.println("  an RNN step's products (batch 150, 28 inputs + 150 units; LSTM: 4 x 150"
        + " gates, BasicRNN: 150)");
    // {m, k, n, transA, transB}: forward x.W, backward dG.W^T and x^T.dG.
    int[][] steps = {{150, 178, 600, 0, 0}, {150, 600, 178, 0, 1}, {178, 150, 600, 1, 0},
        {150, 178, 150, 0, 0}, {150, 150, 178, 0, 1}, {178, 150, 150, 1, 0}};
    for (int[] s : steps) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      boolean ta = s[3] == 1;
      boolean tb = s[4] == 1;
      Random r = new Random(42);
      float[] av = randomFloats(r, m * k);
      float[] bv = randomFloats(r, k * n);
      float[] cv = new float[m * n];
      MatMulKernel kernel = Kernels.matMul();
      Timing.Result raw = timing.measure(
          () -> kernel.sgemm(ta, tb, m, n, k, av, 0, bv, 0, cv, 0));
      row(String.format("%dx%dx%d  kernel %s%s", m, k, n, ta ? "A^T" : "A", tb ? " B^T" : " B"),
          raw, 2.0 * m * n * k);
    }
    System.out.println();
  }

  private static void row(String label, Timing.Result t, double flops) {
    System.out.printf("  %-38s %9.3f ms %9.1f   (%.1f)%n", label, t.medianMillis(),
        flops / t.medianNanos(), flops / t.bestNanos());
  }

  private static void overhead(Timing timing) {
    System.out.printf("per-op overhead, a chain of %,d ops in one Session.run   median"
        + "     us/op%n", CHAIN_LENGTH);
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    Output one = tf.constant(1f);
    Output sum = x;
    Output same = x;
    for (int i = 0; i < CHAIN_LENGTH; i++) {
      sum = tf.add(sum, one);
      same = tf.identity(same);
    }
    Tensor feed = Tensor.scalar(0f);
    try (Session session = new Session(g)) {
      for (Output end : List.of(sum, same)) {
        Timing.Result t = timing.measure(() -> session.runner().feed(x, feed).fetch(end).run());
        String label = end == sum ? "scalar add" : "identity";
        System.out.printf("  %-50s %9.1f us %9.3f%n", label, t.medianMicros(),
            t.medianMicros() / CHAIN_LENGTH);
      }
      // Run options add per-op work only when asked for (RunOptions).
      Output end = sum;
      List<Object[]> withOptions = List.of(
          new Object[] {"scalar add, with a cancellation handle",
              RunOptions.defaults().withCancellation(new Cancellation())},
          new Object[] {"scalar add, with a timeout",
              RunOptions.defaults().withTimeout(Duration.ofHours(1))},
          new Object[] {"scalar add, with checkNumerics",
              RunOptions.defaults().withCheckNumerics(true)});
      for (Object[] o : withOptions) {
        RunOptions options = (RunOptions) o[1];
        Timing.Result t = timing.measure(
            () -> session.runner().options(options).feed(x, feed).fetch(end).run());
        System.out.printf("  %-50s %9.1f us %9.3f%n", o[0], t.medianMicros(),
            t.medianMicros() / CHAIN_LENGTH);
      }
    }
  }

  private static float[] randomFloats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
