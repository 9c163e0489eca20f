package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.CreationSite;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Format 2: creation sites in a section of their own (or left out), constants of one repeated
 * value stored as a fill, writing refusing what reading would refuse, and format 1 files (as the
 * previous version wrote them) still read.
 */
class GraphFormatV2Test {
  private static final GraphFormat F = GraphFormat.standard();

  @Test
  void sites_areInTheirOwnSection_soMovingUserCodeChangesOnlyThatSection() {
    String a = F.toText(new GraphSamples().g);
    String b = F.toText(new GraphSamples().g); // built from another line of this test
    assertTrue(a.startsWith("skein-graph 2\n"), a.substring(0, 40));
    int sa = a.indexOf("\nsites\n");
    int sb = b.indexOf("\nsites\n");
    assertTrue(sa > 0 && a.endsWith("end-sites\nend-graph\n"), a.substring(a.length() - 100));
    assertEquals(a.substring(0, sa), b.substring(0, sb));
    assertNotEquals(a, b);
    // No op block has a site line; the section has one per op that has a site, body ops under
    // their function's graph line.
    assertFalse(a.substring(0, sa).contains(" site "));
    assertTrue(a.contains("\n  site \"x\" \"dev.skein.core.io.GraphFormatV2Test\" "), a);
    assertTrue(a.contains("\n  graph \"rnn/loop/body\"\n"), a);
    Graph back = F.fromText(a);
    for (Graph g : List.of(back)) {
      Operation mm = ((dev.skein.core.ops.control.ControlOps.While) g.operation("rnn/loop")
          .type()).body().graph().operations().stream()
          .filter(o -> o.type().typeName().equals("MatMul")).findFirst().orElseThrow();
      assertEquals("GraphFormatV2Test.java", mm.creationSite().getFileName());
    }
    assertEquals(a, F.toText(back));
  }

  @Test
  void sitesCanBeLeftOut() {
    GraphSamples s = new GraphSamples();
    GraphFormat noSites = F.withSites(false);
    assertFalse(noSites.sites());
    String text = noSites.toText(s.g);
    assertFalse(text.contains("site"), text);
    Graph back = F.fromText(text);
    assertNull(back.operation("x").creationSite());
    assertEquals(text, noSites.toText(back));
    assertEquals(GraphSamples.run(s.g), GraphSamples.run(back));
  }

  @Test
  void repeatedValues_areStoredAsAFill_bitForBit() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    float[] z = new float[1000];
    Arrays.fill(z, -0f);
    tf.constant(Tensor.create(Shape.of(10, 100), z), "negzero");
    double[] d = new double[65];
    Arrays.fill(d, 0.1);
    tf.constant(Tensor.create(Shape.of(65), d), "tenth");
    int[] i = new int[300];
    Arrays.fill(i, -7);
    tf.constant(Tensor.create(Shape.of(3, 100), i), "sevens");
    boolean[] t = new boolean[100];
    Arrays.fill(t, true);
    tf.constant(Tensor.create(Shape.of(100), t), "yes");
    // A NaN other than Java's canonical one would lose its payload in decimal: base64 keeps it.
    float[] nan = new float[100];
    Arrays.fill(nan, Float.intBitsToFloat(0x7fc00001));
    tf.constant(Tensor.create(Shape.of(100), nan), "nan");
    String text = F.toText(g);
    assertTrue(text.contains("attr value float32 (10, 100) fill -0.0\n"), text);
    assertTrue(text.contains("attr value float64 (65,) fill 0.1\n"), text);
    assertTrue(text.contains("attr value int32 (3, 100) fill -7\n"), text);
    assertTrue(text.contains("attr value bool (100,) fill true\n"), text);
    assertTrue(text.contains("attr value float32 (100,) base64 "), text);
    Graph back = F.fromText(text);
    try (Session s = new Session(back)) {
      for (float x : s.run(back.operation("negzero").output(0)).floats()) {
        assertEquals(0x80000000, Float.floatToRawIntBits(x));
      }
      assertTrue(Arrays.stream(s.run(back.operation("tenth").output(0)).doubles())
          .allMatch(x -> x == 0.1));
      assertTrue(Arrays.stream(s.run(back.operation("sevens").output(0)).ints())
          .allMatch(x -> x == -7));
      for (float x : s.run(back.operation("nan").output(0)).floats()) {
        assertEquals(0x7fc00001, Float.floatToRawIntBits(x));
      }
      assertEquals(Shape.of(100), s.run(back.operation("yes").output(0)).shape());
    }
    assertEquals(text, F.toText(back));
  }

  @Test
  void writing_refusesWhatReadingWouldRefuse_namingTheOp() {
    GraphFormat.Limits d = GraphFormat.Limits.defaults();
    assertEquals(16L << 20, d.maxConstantBytes());
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    float[] v = new float[300];
    for (int k = 0; k < v.length; k++) {
      v[k] = k;
    }
    tf.constant(Tensor.create(Shape.of(300), v), "table");
    GraphFormat small = F.withLimits(new GraphFormat.Limits(d.maxFileBytes(), d.maxLineLength(),
        d.maxOps(), d.maxDepth(), d.maxTensorElements(), d.maxTotalTensorElements(), 1000));
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> small.toText(g));
    assertTrue(e.getMessage().contains("op 'table' holds a constant float32 (300,) whose 1200"
        + " bytes of data would be stored in the text, more than the limit of 1000")
        && e.getMessage().contains("Saver"), e.getMessage());
    // Reading a format 2 file holds to the same limit.
    String text = F.toText(g);
    GraphFormatException r = assertThrows(GraphFormatException.class, () -> small.fromText(text));
    assertTrue(r.getMessage().contains("1200 bytes of data exceeds the limit of 1000"),
        r.getMessage());
    // A fill stores no data: it is within that limit.
    Graph f = new Graph();
    Ops tff = Ops.create(f);
    tff.constant(Tensor.zeros(DType.FLOAT32, Shape.of(300)), "zeros");
    assertEquals(small.toText(f), F.toText(small.fromText(small.toText(f))));
    // Op counts, elements and lines alike.
    GraphFormat fewOps = F.withLimits(new GraphFormat.Limits(d.maxFileBytes(), d.maxLineLength(),
        3, d.maxDepth(), d.maxTensorElements(), d.maxTotalTensorElements()));
    GraphSamples s = new GraphSamples();
    assertTrue(assertThrows(GraphFormatException.class, () -> fewOps.toText(s.g)).getMessage()
        .contains("more than 3 ops"));
    GraphFormat fewElements = F.withLimits(new GraphFormat.Limits(d.maxFileBytes(),
        d.maxLineLength(), d.maxOps(), d.maxDepth(), 200, d.maxTotalTensorElements()));
    assertTrue(assertThrows(GraphFormatException.class, () -> fewElements.toText(f))
        .getMessage().contains("op 'zeros' holds a constant float32 (300,) of 300 elements"));
    GraphFormat shortLines = F.withLimits(new GraphFormat.Limits(d.maxFileBytes(), 100,
        d.maxOps(), d.maxDepth(), d.maxTensorElements(), d.maxTotalTensorElements()));
    assertTrue(assertThrows(GraphFormatException.class, () -> shortLines.toText(g))
        .getMessage().contains("exceeds the line limit of 100"));
    GraphFormat shallow = F.withLimits(new GraphFormat.Limits(d.maxFileBytes(),
        d.maxLineLength(), d.maxOps(), 1, d.maxTensorElements(), d.maxTotalTensorElements()));
    assertTrue(assertThrows(GraphFormatException.class, () -> shallow.toText(s.g))
        .getMessage().contains("nests functions deeper than the limit of 1"));
  }

  @Test
  void sitesSection_errorsNameTheLine() {
    String ph = "op \"x\" Placeholder\n  attr dtype float32\n  attr shape (2,)\n"
        + "  out float32 (2,)\nend\n";
    String head = "skein-graph 2\nrandom-ops 0\n";
    Graph ok = F.fromText(head + ph + "sites\n  site \"x\" \"C\" \"m\" null 4\nend-sites\n"
        + "end-graph\n");
    assertEquals(new StackTraceElement("C", "m", null, 4), ok.operation("x").creationSite());
    assertFails(head + "op \"x\" Placeholder\n  site \"C\" \"m\" null 4\n  attr dtype float32\n"
        + "  attr shape (2,)\n  out float32 (2,)\nend\nend-graph\n", 4,
        "in format 2 creation sites are in the sites section");
    assertFails(head + ph + "sites\n  site \"y\" \"C\" \"m\" null 4\nend-sites\nend-graph\n", 8,
        "the sites section names ops the file does not define: y");
    assertFails(head + ph + "sites\n  site \"x\" \"C\" \"m\" null 4\nend-graph\n", 10,
        "unexpected 'end-graph' in the sites section");
    assertFails(head + ph + "sites\n  site \"x\" \"C\" \"m\" null 4\n", 8,
        "the sites section has no end-sites line");
    assertFails(head + ph + "sites\n  site \"x\" \"C\" \"m\" null 4\n  site \"x\" \"C\" \"m\""
        + " null 5\nend-sites\nend-graph\n", 10, "op 'x' has two sites");
    assertFails(head + ph + "sites\n  bogus\nend-sites\nend-graph\n", 9,
        "unexpected 'bogus' in the sites section");
    assertFails(head + ph + "sites\nend-sites\nsites\nend-sites\nend-graph\n", 10,
        "unexpected 'sites'");
    assertFails("skein-graph 1\nrandom-ops 0\n" + ph + "sites\nend-sites\nend-graph\n", 8,
        "unexpected 'sites'");
    assertFails(head + "op \"c\" Const\n  attr value float32 (100,) fill x\n  out float32 (100,)\n"
        + "end\nend-graph\n", 4, "expected a number, got 'x'");
  }

  private static void assertFails(String text, int line, String fragment) {
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> F.fromText(text));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  /**
   * samples-format1.graph is GraphSamples as GraphFormat wrote it at commit 5a67a2f (format 1,
   * sites inline), from a test method WriteV1FixtureTest.write.
   */
  @Test
  void formatOneFiles_asThePreviousVersionWroteThem_stillRead() throws IOException {
    String v1;
    try (InputStream in = getClass().getResourceAsStream("/graph/samples-format1.graph")) {
      v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(v1.startsWith("skein-graph 1\n") && v1.contains("\n  site "));
    Graph back = F.fromText(v1);
    GraphSamples fresh = new GraphSamples();
    // The same graph but for the sites, which point at the lines that built each.
    GraphFormat noSites = F.withSites(false);
    assertEquals(noSites.toText(fresh.g), noSites.toText(back));
    assertEquals(new StackTraceElement("dev.skein.core.io.WriteV1FixtureTest", "write",
        "WriteV1FixtureTest.java", 10), back.operation("x").creationSite());
    assertEquals(CreationSite.format(back.operation("x").creationSite()),
        CreationSite.format(F.fromText(F.toText(back)).operation("x").creationSite()));
    assertEquals(GraphSamples.run(fresh.g), GraphSamples.run(back));
  }
}
