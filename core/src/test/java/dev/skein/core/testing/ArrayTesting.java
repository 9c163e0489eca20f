package dev.skein.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: tensors of any dtype from doubles, value checks, runs with feeds. */
public final class ArrayTesting {
  private ArrayTesting() {}

  /** A tensor of the given dtype and dims from values written as doubles. */
  public static Tensor of(DType dtype, int[] dims, double... values) {
    Object data = Tensor.newArray(dtype, values.length);
    for (int i = 0; i < values.length; i++) {
      switch (dtype) {
        case FLOAT32 -> ((float[]) data)[i] = (float) values[i];
        case FLOAT64 -> ((double[]) data)[i] = values[i];
        case INT32 -> ((int[]) data)[i] = (int) values[i];
        case BOOL -> ((boolean[]) data)[i] = values[i] != 0;
      }
    }
    return Tensor.wrap(dtype, Shape.of(dims), data);
  }

  /** 0, 1, ..., n - 1 in the given dtype and dims. */
  public static Tensor iota(DType dtype, int... dims) {
    int n = Shape.of(dims).numElements();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return of(dtype, dims, v);
  }

  public static int[] dims(int... d) {
    return d;
  }

  public static void assertValues(Tensor t, DType dtype, int[] dims, double... expected) {
    assertEquals(dtype, t.dtype(), "dtype");
    assertEquals(Shape.of(dims), t.shape(), "shape");
    assertArrayEquals(expected, t.toDoubleArray(), 0, "values of " + t);
  }

  /** Runs the session, feeding (output, tensor) pairs, and returns the fetches. */
  public static List<Tensor> run(Session s, List<Output> fetches, Object... feeds) {
    Session.Runner r = s.runner();
    for (int i = 0; i < feeds.length; i += 2) {
      r.feed((Output) feeds[i], (Tensor) feeds[i + 1]);
    }
    for (Output f : fetches) {
      r.fetch(f);
    }
    return r.run();
  }

  public static Tensor run(Output fetch, Object... feeds) {
    try (Session s = new Session(fetch.graph())) {
      return run(s, List.of(fetch), feeds).get(0);
    }
  }

  public static List<Tensor> runAll(List<Output> fetches, Object... feeds) {
    try (Session s = new Session(fetches.get(0).graph())) {
      return new ArrayList<>(run(s, fetches, feeds));
    }
  }

  /** Asserts an OpException whose message contains every fragment. */
  public static OpException assertOpError(Executable e, String... fragments) {
    OpException ex = assertThrows(OpException.class, e);
    for (String f : fragments) {
      assertTrue(ex.getMessage().contains(f), "message lacks \"" + f + "\":\n" + ex.getMessage());
    }
    return ex;
  }
}
