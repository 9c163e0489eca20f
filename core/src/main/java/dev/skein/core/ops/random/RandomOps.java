package dev.skein.core.ops.random;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Const;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.MakesDTypes;
import dev.skein.core.Nullable;
import dev.skein.core.OpException;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.StaticValues;
import dev.skein.core.TakesDTypes;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random family: normal, truncated normal and uniform values of a shape given as an INT32
 * vector (a constant for static shapes). The scale and shift (mean/stddev, minval/maxval) are
 * attributes of the op rather than separate mul/add ops.
 *
 * <p>Seeds follow TensorFlow 1.x: with a graph seed ({@code graph.setSeed}) and an op seed both
 * are used; with only the graph seed the op seed is the graph's next random-op index, fixed when
 * the op is built; with only an op seed the graph seed is {@link #DEFAULT_GRAPH_SEED}; with
 * neither the numbers differ from session to session. Each op's generator lives in the session
 * (created on its first run), so successive runs draw successive numbers, and the same seeds
 * give the same sequence in every session and every program run.
 */
public final class RandomOps {
  private RandomOps() {}

  /** The graph seed used when only an op seed is given (TensorFlow's DEFAULT_GRAPH_SEED). */
  public static final long DEFAULT_GRAPH_SEED = 87654321L;

  /** Op types of this family, for coverage checks (gradient rules, viz styles). */
  public static final List<Class<? extends OpType>> TYPES = List.of(RandomNormal.class,
      TruncatedNormal.class, RandomUniform.class, RandomUniformInt.class);

  /** A resolved (graph seed, op seed) pair; a null Seeds means nondeterministic. */
  public record Seeds(long graphSeed, long opSeed) {
    /** TensorFlow 1.x's get_seed: resolves an optional op seed against the graph's seed. */
    public static Seeds resolve(Graph g, Long opSeed) {
      Long graphSeed = g.seed();
      if (graphSeed != null) {
        return new Seeds(graphSeed, opSeed != null ? opSeed : g.nextRandomOpIndex());
      }
      return opSeed != null ? new Seeds(DEFAULT_GRAPH_SEED, opSeed) : null;
    }

    /** The starting state of the generator: both seeds mixed through SplitMix64's finalizer. */
    long mixed() {
      return mix(mix(graphSeed) ^ (opSeed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L));
    }

    @Override
    public String toString() {
      return "(" + graphSeed + ", " + opSeed + ")";
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }

  /** Normal values with a mean and standard deviation. */
  @TakesDTypes(value = {DType.INT32, DType.INT64}, name = "shape")
  @MakesDTypes({DType.FLOAT32, DType.FLOAT64})
  public record RandomNormal(DType dtype, double mean, double stddev, @Nullable Seeds seeds)
      implements OpType {
    @Override
    public String typeName() {
      return "RandomStandardNormal";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return inferSpec(ctx, dtype, true);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return generate(ctx, in[0], dtype, r -> mean + stddev * r.nextGaussian());
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  /** Normal values redrawn while more than 2 standard deviations from the mean. */
  @TakesDTypes(value = {DType.INT32, DType.INT64}, name = "shape")
  @MakesDTypes({DType.FLOAT32, DType.FLOAT64})
  public record TruncatedNormal(DType dtype, double mean, double stddev, @Nullable Seeds seeds)
      implements OpType {
    @Override
    public String typeName() {
      return "TruncatedNormal";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return inferSpec(ctx, dtype, true);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return generate(ctx, in[0], dtype, r -> {
        double z;
        do {
          z = r.nextGaussian();
        } while (z < -2 || z > 2);
        return mean + stddev * z;
      });
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  /** Uniform floating values in [minval, maxval). */
  @TakesDTypes(value = {DType.INT32, DType.INT64}, name = "shape")
  @MakesDTypes({DType.FLOAT32, DType.FLOAT64})
  public record RandomUniform(DType dtype, double minval, double maxval, @Nullable Seeds seeds)
      implements OpType {
    @Override
    public String typeName() {
      return "RandomUniform";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(minval < maxval, "randomUniform needs minval < maxval, got %s and %s", minval,
          maxval);
      return inferSpec(ctx, dtype, true);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      double width = maxval - minval;
      if (dtype == DType.FLOAT32) {
        float lo = (float) minval;
        float hi = (float) maxval;
        float w = hi - lo;
        float top = Math.nextDown(hi);
        // 24 random bits give a float in [0, 1); rounding can still reach hi, so clamp below it.
        return generate(ctx, in[0], dtype, r -> Math.min(lo + w * ((r.nextInt() >>> 8)
            * 0x1.0p-24f), top));
      }
      double top = Math.nextDown(maxval);
      return generate(ctx, in[0], dtype, r -> Math.min(minval + width * r.nextDouble(), top));
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  /** Uniform INT32 values in [minval, maxval). */
  @TakesDTypes(value = {DType.INT32, DType.INT64}, name = "shape")
  public record RandomUniformInt(int minval, int maxval, @Nullable Seeds seeds) implements OpType {
    @Override
    public String typeName() {
      return "RandomUniformInt";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      checkArgument(minval < maxval, "randomUniform needs minval < maxval, got %s and %s", minval,
          maxval);
      return inferSpec(ctx, DType.INT32, false);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] in) {
      return generate(ctx, in[0], DType.INT32, r -> r.nextInt(minval, maxval));
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  private static List<TensorSpec> inferSpec(InferContext ctx, DType dtype, boolean floating) {
    checkArgument(!floating || dtype.isFloating(), "this random op makes float32 or float64 "
        + "values, not %s", dtype);
    checkArgument(ctx.dtype(0).isInteger(), "the shape must be an int32 or int64 vector, got %s",
        ctx.dtype(0));
    checkArgument(ctx.shape(0).isCompatibleWith(Shape.of(-1)), "the shape must be a vector, got "
        + "shape %s", ctx.shape(0));
    Tensor c = ctx.constantValue(0);
    if (c != null) {
      Shape.fromSizes(c, "the shape");
    }
    return List.of(new TensorSpec(dtype, StaticValues.asShape(ctx.source(0))));
  }

  /** One value drawn from a generator, as a double (exact for float32 and int32 values too). */
  @FunctionalInterface
  private interface Draw {
    double next(SplittableRandom r);
  }

  /** The per-session generator of one op; runs of the op draw from it in turn. */
  private static final class Stream {
    private final SplittableRandom random;

    Stream(Seeds seeds) {
      random = seeds == null ? new SplittableRandom() : new SplittableRandom(seeds.mixed());
    }
  }

  private static Tensor[] generate(KernelContext ctx, Tensor shapeT, DType dtype, Draw draw) {
    Shape shape = Shape.fromSizes(shapeT, "the shape");
    Seeds seeds = seedsOf(ctx);
    Stream stream = ctx.state().opState(ctx.op(), op -> new Stream(seeds));
    int n = shape.numElements();
    Object out = Tensor.newArray(dtype, n);
    synchronized (stream) {
      SplittableRandom r = stream.random;
      switch (dtype) {
        case FLOAT32 -> {
          float[] a = (float[]) out;
          for (int i = 0; i < n; i++) {
            a[i] = (float) draw.next(r);
          }
        }
        case FLOAT64 -> {
          double[] a = (double[]) out;
          for (int i = 0; i < n; i++) {
            a[i] = draw.next(r);
          }
        }
        case INT32 -> {
          int[] a = (int[]) out;
          for (int i = 0; i < n; i++) {
            a[i] = (int) draw.next(r);
          }
        }
        case INT64, BOOL -> throw new IllegalArgumentException("no random " + dtype + " values");
      }
    }
    return new Tensor[] {Tensor.wrap(dtype, shape, out)};
  }

  private static Seeds seedsOf(KernelContext ctx) {
    OpType t = ctx.op().type();
    if (t instanceof RandomNormal o) {
      return o.seeds();
    } else if (t instanceof TruncatedNormal o) {
      return o.seeds();
    } else if (t instanceof RandomUniform o) {
      return o.seeds();
    }
    return ((RandomUniformInt) t).seeds();
  }

  // ---- builders ----------------------------------------------------------------------------

  private static Output shapeConst(Graph g, Shape shape, String opName, String typeName) {
    OpException.check(shape.isFullyDefined(), opName, typeName, List.of(), "a random op's static "
        + "shape must be fully defined, got " + shape + "; pass a shape tensor (e.g. shape(x)) "
        + "for dims known only at run time");
    int[] d = shape.dims();
    return Const.create(g, Tensor.create(Shape.of(d.length), d), opName + "/shape");
  }

  /** Normal values of a shape given as an INT32 or INT64 vector; seed may be null. */
  public static Output randomNormal(Graph g, Output shape, double mean, double stddev,
      DType dtype, Long seed, String name) {
    return g.addOp(new RandomNormal(dtype, mean, stddev, Seeds.resolve(g, seed)),
        nameOr(name, "random_normal"), List.of(shape)).output(0);
  }

  public static Output randomNormal(Graph g, Shape shape, double mean, double stddev,
      DType dtype, Long seed, String name) {
    String n = nameOr(name, "random_normal");
    Output s = shapeConst(g, shape, n, "RandomStandardNormal");
    return randomNormal(g, s, mean, stddev, dtype, seed, n);
  }

  /** Normal values within 2 standard deviations of the mean; seed may be null. */
  public static Output truncatedNormal(Graph g, Output shape, double mean, double stddev,
      DType dtype, Long seed, String name) {
    return g.addOp(new TruncatedNormal(dtype, mean, stddev, Seeds.resolve(g, seed)),
        nameOr(name, "truncated_normal"), List.of(shape)).output(0);
  }

  public static Output truncatedNormal(Graph g, Shape shape, double mean, double stddev,
      DType dtype, Long seed, String name) {
    String n = nameOr(name, "truncated_normal");
    Output s = shapeConst(g, shape, n, "TruncatedNormal");
    return truncatedNormal(g, s, mean, stddev, dtype, seed, n);
  }

  /**
   * Uniform values in [minval, maxval): FLOAT32, FLOAT64, or INT32 (then minval and maxval must
   * be whole numbers); seed may be null.
   */
  public static Output randomUniform(Graph g, Output shape, double minval, double maxval,
      DType dtype, Long seed, String name) {
    OpType type;
    if (dtype == DType.INT32) {
      OpException.check(minval == (int) minval && maxval == (int) maxval,
          nameOr(name, "random_uniform"), "RandomUniformInt", List.of(shape),
          "an int32 randomUniform needs whole int bounds, got " + minval + " and " + maxval);
      type = new RandomUniformInt((int) minval, (int) maxval, Seeds.resolve(g, seed));
    } else {
      type = new RandomUniform(dtype, minval, maxval, Seeds.resolve(g, seed));
    }
    return g.addOp(type, nameOr(name, "random_uniform"), List.of(shape)).output(0);
  }

  public static Output randomUniform(Graph g, Shape shape, double minval, double maxval,
      DType dtype, Long seed, String name) {
    String n = nameOr(name, "random_uniform");
    Output s = shapeConst(g, shape, n, "RandomUniform");
    return randomUniform(g, s, minval, maxval, dtype, seed, n);
  }

  private static String nameOr(String name, String defaultName) {
    return name == null ? defaultName : name;
  }
}
