package dev.skein.bench.jmh;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-op overhead of Session.run: one run of a chain of {@value #CHAIN} scalar float adds (or
 * identities), reported per op (JMH divides by the chain length), and an empty-ish run of one
 * op, the fixed cost of a run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class OverheadBench {
  static final int CHAIN = 1000;

  private Session session;
  private Output x;
  private Output sum;
  private Output same;
  private Output one;
  private Tensor feed;

  @Setup(Level.Trial)
  public void setUp() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    x = tf.placeholder(DType.FLOAT32, Shape.scalar(), "x");
    Output c = tf.constant(1f);
    Output s = x;
    Output i = x;
    for (int n = 0; n < CHAIN; n++) {
      s = tf.add(s, c);
      i = tf.identity(i);
    }
    sum = s;
    same = i;
    one = tf.add(x, c);
    feed = Tensor.scalar(0f);
    session = new Session(g);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public Object scalarAddPerOp() {
    return session.runner().feed(x, feed).fetch(sum).run();
  }

  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public Object identityPerOp() {
    return session.runner().feed(x, feed).fetch(same).run();
  }

  /** One Session.run of a single add: the run's fixed cost (feeds, plan lookup, fetch). */
  @Benchmark
  public Object runOfOneOp() {
    return session.runner().feed(x, feed).fetch(one).run();
  }
}
