package dev.skein.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helper: exports a graph, runs the file in ONNX Runtime and compares every fetch with
 * Skein's Session on the same feeds.
 */
final class OrtCheck {
  private OrtCheck() {}

  /** Float32 tolerance: |onnx - skein| <= REL * max(1, |skein|). */
  static final double REL = 1e-5;
  /** The same for float64. */
  static final double REL64 = 1e-10;

  /** Exports to a file under dir, then checks each feed set; returns the model's path. */
  static Path exportAndCompare(Session sess, List<Output> feeds, List<Output> fetches, Path dir,
      String name, List<List<Tensor>> feedSets) throws Exception {
    Path file = dir.resolve(name + ".onnx");
    OnnxExporter.export(sess, feeds, fetches, file);
    assertTrue(Files.size(file) > 0, "model file written");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(1);
      try (OrtSession ort = env.createSession(file.toString(), opts)) {
        for (List<Tensor> values : feedSets) {
          Session.Runner runner = sess.runner();
          for (int k = 0; k < feeds.size(); k++) {
            runner.feed(feeds.get(k), values.get(k));
          }
          for (Output f : fetches) {
            runner.fetch(f);
          }
          List<Tensor> expected = runner.run();
          List<Tensor> actual = runOrt(env, ort, feeds, values, fetches);
          for (int k = 0; k < fetches.size(); k++) {
            assertClose(expected.get(k), actual.get(k), name + " " + fetches.get(k).name());
          }
        }
      }
    }
    return file;
  }

  static List<Tensor> runOrt(OrtEnvironment env, OrtSession ort, List<Output> feeds,
      List<Tensor> values, List<Output> fetches) throws OrtException {
    Map<String, OnnxTensor> in = new LinkedHashMap<>();
    try {
      for (int k = 0; k < feeds.size(); k++) {
        Output f = feeds.get(k);
        in.put(f.index() == 0 ? f.op().name() : f.name(), toOrt(env, values.get(k)));
      }
      List<Tensor> out = new ArrayList<>();
      try (OrtSession.Result r = ort.run(in)) {
        for (Output f : fetches) {
          out.add(fromOrt((OnnxTensor) r.get(f.name()).orElseThrow(), f.dtype()));
        }
      }
      return out;
    } finally {
      for (OnnxTensor t : in.values()) {
        t.close();
      }
    }
  }

  static OnnxTensor toOrt(OrtEnvironment env, Tensor t) throws OrtException {
    long[] shape = new long[t.rank()];
    for (int k = 0; k < shape.length; k++) {
      shape[k] = t.shape().dim(k);
    }
    switch (t.dtype()) {
      case FLOAT32:
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats(), 0, t.size()), shape);
      case FLOAT64:
        return OnnxTensor.createTensor(env, DoubleBuffer.wrap(t.doubles(), 0, t.size()), shape);
      case INT32:
        return OnnxTensor.createTensor(env, IntBuffer.wrap(t.ints(), 0, t.size()), shape);
      case INT64:
        return OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(t.longs(), 0, t.size()),
            shape);
      default:
        throw new IllegalArgumentException("test helper feeds floats and integers only");
    }
  }

  static Tensor fromOrt(OnnxTensor t, DType dtype) {
    long[] s = t.getInfo().getShape();
    int[] dims = new int[s.length];
    for (int k = 0; k < s.length; k++) {
      dims[k] = (int) s[k];
    }
    Shape shape = Shape.of(dims);
    switch (dtype) {
      case FLOAT32: {
        FloatBuffer b = t.getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return Tensor.create(shape, a);
      }
      case FLOAT64: {
        DoubleBuffer b = t.getDoubleBuffer();
        double[] a = new double[b.remaining()];
        b.get(a);
        return Tensor.create(shape, a);
      }
      case INT32: {
        IntBuffer b = t.getIntBuffer();
        int[] a = new int[b.remaining()];
        b.get(a);
        return Tensor.create(shape, a);
      }
      case INT64: {
        java.nio.LongBuffer b = t.getLongBuffer();
        long[] a = new long[b.remaining()];
        b.get(a);
        return Tensor.create(shape, a);
      }
      default:
        throw new IllegalArgumentException("test helper reads floats and integers only");
    }
  }

  static void assertClose(Tensor expected, Tensor actual, String what) {
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    assertArrayEquals(expected.shape().dims(), actual.shape().dims(), what + ": shape");
    if (expected.dtype() == DType.INT64) {
      assertArrayEquals(expected.longs(), actual.longs(), what + ": int64 values");
      return;
    }
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int k = 0; k < e.length; k++) {
      double tol = (expected.dtype() == DType.FLOAT64 ? REL64 : REL) * Math.max(1,
          Math.abs(e[k]));
      if (Math.abs(e[k] - a[k]) > tol) {
        throw new AssertionError(what + ": element " + k + " is " + a[k] + " in ONNX Runtime, "
            + e[k] + " in Skein (tolerance " + tol + ")");
      }
    }
  }

  /** Uniform values in [-scale, scale), float64. */
  static Tensor random64(Random r, double scale, int... dims) {
    Shape s = Shape.of(dims);
    double[] a = new double[s.numElements()];
    for (int k = 0; k < a.length; k++) {
      a[k] = (r.nextDouble() * 2 - 1) * scale;
    }
    return Tensor.create(s, a);
  }

  /** Uniform values in [-scale, scale), float32. */
  static Tensor random(Random r, double scale, int... dims) {
    Shape s = Shape.of(dims);
    float[] a = new float[s.numElements()];
    for (int k = 0; k < a.length; k++) {
      a[k] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return Tensor.create(s, a);
  }
}
