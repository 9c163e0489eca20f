package dev.skein.spark;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.io.GraphFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's copy of the model: the graph read back from its file and one Session, built the
 * first time a task of this JVM needs the graph and kept for later steps ({@link #forSpec}: a
 * per-JVM cache keyed by the graph's hash, so each executor reads the file once, not once per
 * step). Variables are fed, not assigned, so the session holds no per-step state and tasks of
 * several partitions share it safely.
 */
final class WorkerModel {
  private static final int CACHE_SIZE = 4;
  private static final Map<String, WorkerModel> CACHE =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkerModel> e) {
          return size() > CACHE_SIZE;
        }
      };
  private static int builds;

  final GraphSpec spec;
  final Session session;
  final List<Output> inputs = new ArrayList<>();
  final Output loss;
  final List<Output> variables = new ArrayList<>();
  final List<Output> gradients = new ArrayList<>();
  private long cachedStep = -1;
  private Tensor[] cachedValues;

  private WorkerModel(GraphSpec spec) {
    this.spec = spec;
    Graph g = GraphFormat.standard().fromText(spec.graphText());
    for (GraphSpec.Input in : spec.inputs()) {
      inputs.add(GraphSpec.output(g, in.name() + ":0"));
    }
    loss = GraphSpec.output(g, spec.loss());
    for (String v : spec.variables()) {
      variables.add(GraphSpec.output(g, v + ":0"));
    }
    for (String name : spec.gradients()) {
      gradients.add(GraphSpec.output(g, name));
    }
    session = new Session(g);
  }

  /** The model of this spec, from this JVM's cache or read now. */
  static WorkerModel forSpec(GraphSpec spec) {
    synchronized (CACHE) {
      WorkerModel m = CACHE.get(spec.graphHash());
      if (m == null) {
        m = new WorkerModel(spec);
        CACHE.put(spec.graphHash(), m);
        builds++;
      }
      return m;
    }
  }

  /** How many models this JVM has read from graph files (tests check the cache with it). */
  static int builds() {
    synchronized (CACHE) {
      return builds;
    }
  }

  /** The variable values of step {@code step}, decoded once per JVM and step. */
  synchronized Tensor[] values(long step, byte[] npz) {
    if (step != cachedStep) {
      Map<String, Tensor> m = NpzBytes.read(npz);
      Tensor[] v = new Tensor[variables.size()];
      for (int i = 0; i < v.length; i++) {
        String name = spec.variables().get(i);
        v[i] = m.get(name);
        if (v[i] == null) {
          throw new IllegalStateException("step " + step + "'s variables lack " + name);
        }
      }
      cachedValues = v;
      cachedStep = step;
    }
    return cachedValues;
  }

  /**
   * The shard's loss and gradients, each scaled by {@code weight}: runs the model on the
   * examples {@code shard} picks from {@code local}.
   */
  GradientSum compute(Tensor[] values, List<Example> local, int[] shard, double weight) {
    Session.Runner r = session.runner();
    for (int i = 0; i < inputs.size(); i++) {
      r.feed(inputs.get(i), batch(spec.inputs().get(i), local, shard));
    }
    for (int i = 0; i < variables.size(); i++) {
      r.feed(variables.get(i), values[i]);
    }
    r.fetch(loss);
    for (Output g : gradients) {
      r.fetch(g);
    }
    List<Tensor> out = r.run();
    float w = (float) weight;
    float[][] grads = new float[gradients.size()][];
    for (int i = 0; i < grads.length; i++) {
      Tensor t = out.get(i + 1);
      float[] src = t.dtype() == DType.FLOAT32 ? t.floats() : toFloats(t.doubles());
      float[] dst = new float[src.length];
      for (int j = 0; j < dst.length; j++) {
        dst[j] = src[j] * w;
      }
      grads[i] = dst;
    }
    return new GradientSum(grads, out.get(0).doubleValue() * weight, shard.length);
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** The examples {@code idx} picks, stacked into one tensor for placeholder {@code in}. */
  static Tensor batch(GraphSpec.Input in, List<Example> local, int[] idx) {
    int per = in.elementsPerExample();
    Object data = in.dtype() == DType.FLOAT32 ? new float[idx.length * per]
        : new int[idx.length * per];
    for (int k = 0; k < idx.length; k++) {
      Example e = local.get(idx[k]);
      if (!e.names().contains(in.name())) {
        throw new IllegalArgumentException("example " + e + " has no value for input "
            + in.name());
      }
      if (e.dtype(in.name()) != in.dtype() || e.length(in.name()) != per) {
        throw new IllegalArgumentException("input " + in.name() + " takes " + in.dtype() + " "
            + in.shapeFor(1).subShape(1, in.exampleDims().length + 1) + " (" + per
            + " elements) per example, but an example holds " + e.dtype(in.name()) + "["
            + e.length(in.name()) + "]");
      }
      e.copyInto(in.name(), data, k * per);
    }
    return Tensor.wrap(in.dtype(), in.shapeFor(idx.length), data);
  }
}
