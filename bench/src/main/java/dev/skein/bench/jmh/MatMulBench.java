package dev.skein.bench.jmh;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.kernel.Kernels;
import dev.skein.core.kernel.MatMulKernel;
import dev.skein.core.ops.Ops;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The float32 matmul kernel at the products of one step of the notebooks' LSTM (batch 150,
 * 28 inputs + 150 units, 4 x 150 gates): forward {@code [x, h] W}, the input's gradient
 * {@code dG W^T} and the weight's {@code [x, h]^T dG}; and the forward product through a
 * Session.run of a two-placeholder graph. Microseconds per product; GFLOP/s = 2 m n k / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatMulBench {
  /** The raw kernel's operands at one shape. */
  @State(Scope.Thread)
  public static class KernelState {
    /** m x k x n and the orientation: C[m, n] = op(A)[m, k] op(B)[k, n]. */
    @Param({"150x178x600:A.B", "150x600x178:A.B^T", "178x150x600:A^T.B"})
    public String shape;

    MatMulKernel kernel;
    boolean transA;
    boolean transB;
    int m;
    int k;
    int n;
    float[] a;
    float[] b;
    float[] c;

    @Setup(Level.Trial)
    public void setUp() {
      String[] parts = shape.split(":");
      String[] dims = parts[0].split("x");
      m = Integer.parseInt(dims[0]);
      k = Integer.parseInt(dims[1]);
      n = Integer.parseInt(dims[2]);
      transA = parts[1].startsWith("A^T");
      transB = parts[1].endsWith("B^T");
      Random r = new Random(42);
      a = floats(r, m * k);
      b = floats(r, k * n);
      c = new float[m * n];
      kernel = Kernels.matMul();
    }
  }

  @Benchmark
  public float[] kernel(KernelState s) {
    s.kernel.sgemm(s.transA, s.transB, s.m, s.n, s.k, s.a, 0, s.b, 0, s.c, 0);
    return s.c;
  }

  /** The forward product as a graph op: feeds, the plan, the output tensor. */
  @State(Scope.Thread)
  public static class SessionState {
    Session session;
    Output x;
    Output y;
    Output product;
    Tensor at;
    Tensor bt;

    @Setup(Level.Trial)
    public void setUp() {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 178), "a");
      y = tf.placeholder(DType.FLOAT32, Shape.of(178, 600), "b");
      product = tf.matmul(x, y);
      Random r = new Random(42);
      at = Tensor.create(Shape.of(150, 178), floats(r, 150 * 178));
      bt = Tensor.create(Shape.of(178, 600), floats(r, 178 * 600));
      session = new Session(g);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      session.close();
    }
  }

  /** 150x178x600 through Session.run. */
  @Benchmark
  public Object sessionRun150x178x600(SessionState s) {
    return s.session.runner().feed(s.x, s.at).feed(s.y, s.bt).fetch(s.product).run();
  }

  static float[] floats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return v;
  }
}
