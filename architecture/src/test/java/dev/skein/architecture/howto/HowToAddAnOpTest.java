package dev.skein.architecture.howto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.architecture.RepoFiles;
import dev.skein.autodiff.GradientChecker;
import dev.skein.autodiff.GradientRegistry;
import dev.skein.autodiff.Gradients;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.OpException;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.SkeinException;
import dev.skein.core.Tensor;
import dev.skein.core.io.GraphFormat;
import dev.skein.core.ops.Ops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "How to add an op" walk-through of docs/ARCHITECTURE.md, run: a toy family (Softsign) made
 * in test code through public seams only (OpType, Graph.addOp, GradientRegistry, GraphFormat),
 * checked like core's own ops. The doc's code blocks are the marked blocks of these sources.
 */
class HowToAddAnOpTest {
  private static final double[] XS = {-3.5, -1, -0.25, 0.5, 2, 40};

  /** sign(x) (1 - 1 / (1 + |x|)): equal to x / (1 + |x|), computed another way. */
  private static double reference(double x) {
    return Math.signum(x) * (1 - 1 / (1 + Math.abs(x)));
  }

  private static Tensor xs(DType t) {
    return t == DType.FLOAT32 ? Tensor.create(Shape.of(2, 3), toFloats(XS))
        : Tensor.create(Shape.of(2, 3), XS.clone());
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Test
  void computesSoftsignInFloat32AndFloat64() {
    for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
      Graph g = new Graph();
      Ops tf = Ops.create(g);
      Output x = tf.placeholder(t, Shape.of(-1, 3), "x");
      // [howto:use]
      Output y = ToyApi.of(tf).softsign(x);
      // [/howto:use]
      assertEquals(Shape.of(-1, 3), y.shape());
      assertEquals(t, y.dtype());
      try (Session s = new Session(g)) {
        Tensor r = s.runner().feed(x, xs(t)).fetch(y).run().get(0);
        assertEquals(Shape.of(2, 3), r.shape());
        for (int i = 0; i < XS.length; i++) {
          double got = t == DType.FLOAT32 ? r.floats()[i] : r.doubles()[i];
          double tol = t == DType.FLOAT32 ? 1.2e-7 : 1e-15;
          assertEquals(reference(XS[i]), got, tol * Math.abs(reference(XS[i])), t + " x=" + XS[i]);
        }
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesAndTheFormula() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    // [howto:register-gradient]
    new ToyGrads().register(GradientRegistry.forGraph(g));
    // [/howto:register-gradient]
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(2, 3), "x");
    Output y = ToyApi.of(tf).softsign(x);
    GradientChecker.Result r = GradientChecker.compute(x, xs(DType.FLOAT64), y);
    assertTrue(r.maxRelError() < 1e-6, r.toString());
    Output dx = Gradients.gradients(tf.reduceSum(y), List.of(x)).get(0);
    try (Session s = new Session(g)) {
      double[] got = s.runner().feed(x, xs(DType.FLOAT64)).fetch(dx).run().get(0).doubles();
      for (int i = 0; i < XS.length; i++) {
        double want = 1 / ((1 + Math.abs(XS[i])) * (1 + Math.abs(XS[i])));
        assertEquals(want, got[i], 1e-15 * want, "x=" + XS[i]);
      }
    }
  }

  @Test
  void badInputNamesTheOpAndTheUsersLine() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output n = tf.placeholder(DType.INT32, Shape.of(4), "n");
    // The user's line here, not the builder's: ToyOps marked its package as library code.
    OpException e = assertThrows(OpException.class, () -> ToyOps.softsign(g, n, "squash"));
    String m = e.getMessage();
    for (String part : List.of("Softsign op 'squash'", "needs float32 or float64, got int32",
        "0: n:0 int32 (4,)",
        "created at: " + HowToAddAnOpTest.class.getName(), "(HowToAddAnOpTest.java:")) {
      assertTrue(m.contains(part), "missing '" + part + "' in: " + m);
    }
  }

  @Test
  void unregisteredGradientIsAClearError() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(3), "x");
    Output y = ToyApi.of(tf).softsign(x);
    OpException e = assertThrows(OpException.class,
        () -> Gradients.gradients(tf.reduceSum(y), List.of(x)));
    assertTrue(e.getMessage().contains("no gradient rule is registered for op type Softsign"),
        e.getMessage());
  }

  @Test
  void graphFilesCarryTheOpOnceItsTypesAreListed() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
    Output y = ToyApi.of(tf).softsign(x);
    SkeinException refused = assertThrows(SkeinException.class,
        () -> GraphFormat.standard().toText(g));
    assertTrue(refused.getMessage().contains("add its class with GraphFormat.withOpTypes"),
        refused.getMessage());
    // [howto:graph-file]
    GraphFormat format = GraphFormat.standard().withOpTypes(ToyOps.TYPES);
    Graph back = format.fromText(format.toText(g));
    // [/howto:graph-file]
    Output x2 = back.operation("x").output(0);
    Output y2 = back.operation("Softsign").output(0);
    try (Session a = new Session(g); Session b = new Session(back)) {
      float[] before = a.runner().feed(x, xs(DType.FLOAT32)).fetch(y).run().get(0).floats();
      float[] after = b.runner().feed(x2, xs(DType.FLOAT32)).fetch(y2).run().get(0).floats();
      assertArrayEquals(before, after);
    }
  }

  @Test
  void theDocShowsTheseSources() throws IOException {
    Path root = RepoFiles.root();
    String doc = Files.readString(root.resolve("docs/ARCHITECTURE.md"));
    Path dir = root.resolve("architecture/src/test/java/dev/skein/architecture/howto");
    List<String> blocks = new ArrayList<>();
    Pattern marked = Pattern.compile("// \\[howto:([\\w-]+)\\]\\n(.*?)\\n\\s*// \\[/howto:\\1\\]",
        Pattern.DOTALL);
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        Matcher m = marked.matcher(Files.readString(f));
        while (m.find()) {
          blocks.add(m.group(1));
          String code = dedent(m.group(2));
          assertTrue(doc.contains("```java\n" + code + "\n```"), "docs/ARCHITECTURE.md lacks"
              + " the block howto:" + m.group(1) + " of " + f.getFileName() + ":\n" + code);
        }
      }
    }
    assertEquals(List.of("facade", "gradient", "register-gradient", "use", "graph-file",
        "op-type", "builder").size(), blocks.size(), blocks.toString());
  }

  /** The block without the indentation its first line has in the source. */
  static String dedent(String code) {
    String[] lines = code.split("\n", -1);
    int cut = lines[0].length() - lines[0].stripLeading().length();
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l.length() >= cut && l.substring(0, cut).isBlank() ? l.substring(cut) : l)
          .append('\n');
    }
    return b.toString().stripTrailing();
  }
}
