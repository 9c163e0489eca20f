package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed graph files: each fails with a GraphFormatException naming the line and the fault. */
class GraphFormatErrorsTest {
  @TempDir
  Path dir;

  private static final String HEAD = "skein-graph 1\nrandom-ops 0\n";

  private static final String PLACEHOLDER = "op \"x\" Placeholder\n  attr dtype float32\n"
      + "  attr shape (2,)\n  out float32 (2,)\nend\n";

  private static GraphFormatException fails(String text, int line, String fragment) {
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().fromText(text));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith(line > 0 ? "graph file line " + line + ": " : ""),
        e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    return e;
  }

  @Test
  void header_andStructure() {
    fails("", 1, "not a Skein graph file");
    fails("hello\n", 1, "not a Skein graph file");
    fails("skein-graph 3\n", 1, "format version 3 is not supported");
    fails(HEAD, 2, "the file ends inside the graph (no end-graph line)");
    fails(HEAD + "end-graph\nop\n", 4, "text after end-graph");
    fails(HEAD + "bogus 1\nend-graph\n", 3, "unexpected 'bogus'");
    fails(HEAD + PLACEHOLDER + "seed 1\nend-graph\n", 8, "'seed' must come once, before the ops");
    fails(HEAD + "random-ops 1\nend-graph\n", 3, "'random-ops' appears twice");
    fails(HEAD + "op \"x\" Placeholder\n", 3, "the file ends inside op 'x' (no end line)");
  }

  @Test
  void opTypesAndAttributes() {
    fails(HEAD + "op \"x\" java.lang.Runtime\nend\nend-graph\n", 3,
        "unknown op type 'java.lang.Runtime'");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float32\n  out float32 (2,)\nend\n"
        + "end-graph\n", 3, "op 'x' (Placeholder) has no attr 'shape'");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float16\nattr shape ()\nend\nend-graph\n", 4,
        "unknown dtype 'float16'");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float32\n  attr shape (2, -3)\nend\n"
        + "end-graph\n", 5, "dimension -3 is negative");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float32\n  attr shape (2,)\n"
        + "  attr color 3\nend\nend-graph\n", 6, "op type Placeholder has no attribute 'color'");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float32\n  attr dtype float32\nend\n"
        + "end-graph\n", 5, "attribute 'dtype' appears twice");
    fails(HEAD + "op \"x\" Placeholder\n  attr dtype float32\n  attr shape (2,) 7\nend\n"
        + "end-graph\n", 5, "unexpected '7' at the end of the line");
    fails(HEAD + "op \"c\" Const\n  attr value float32 (3,) [1.0, 2.0]\nend\nend-graph\n", 4,
        "expected ',', got ']'");
    fails(HEAD + "op \"c\" Const\n  attr value float32 (100000000,) [1.0]\nend\nend-graph\n", 4,
        "the tensor needs 100000000 values but the line has only");
    fails(HEAD + "op \"c\" Const\n  attr value float32 (1000000000, 1000000000) [1.0]\nend\n"
        + "end-graph\n", 4, "more elements than a Java array can hold");
    fails(HEAD + "op \"c\" Const\n  attr value float32 (4,) base64 \"AAAA\"\nend\nend-graph\n", 4,
        "base64 data of 4 characters cannot hold 4 elements");
    fails(HEAD + "op \"c\" Const\n  attr value int32 () [99999999999]\nend\nend-graph\n", 4,
        "integer 99999999999 is out of the int range");
    fails(HEAD + "op \"c\" Const\n  attr value float64 () [1e99999]\nend\nend-graph\n", 4,
        "expected a number, got '1e99999'");
    fails(HEAD + "op \"c\" Const\n  attr value float32 () [\"x]\nend\nend-graph\n", 4,
        "unterminated string");
    fails(HEAD + "op \"c\" Const\n  attr value float32 () [1.0]\n  out float64 ()\nend\n"
        + "end-graph\n", 3, "op 'c': the file says its outputs are [float64 ()] but its shape"
        + " rule gives [float32 ()]");
  }

  @Test
  void references_andShapeRules() {
    fails(HEAD + PLACEHOLDER + "op \"y\" Neg\n  in \"nope:0\"\nend\nend-graph\n", 9,
        "no op named 'nope' before this point");
    fails(HEAD + PLACEHOLDER + "op \"y\" Neg\n  in \"x:3\"\nend\nend-graph\n", 9,
        "op 'x' has 1 outputs, no output 3");
    fails(HEAD + PLACEHOLDER + "op \"y\" Neg\n  in \"x\"\nend\nend-graph\n", 9,
        "'x' is not a value reference (op:index)");
    fails(HEAD + PLACEHOLDER + "op \"x\" Neg\n  in \"x:0\"\n  out float32 (2,)\nend\nend-graph\n",
        8, "an op named 'x' already exists");
    fails(HEAD + PLACEHOLDER + "op \"y\" MatMul\n  in \"x:0\" \"x:0\"\n  attr transposeA false\n"
        + "  attr transposeB false\nend\nend-graph\n", 8, "op 'y' (MatMul):");
    fails(HEAD + PLACEHOLDER + "op \"a\" Assign\n  in \"x:0\"\n  attr variable \"x\"\n"
        + "  attr mode SET\nend\nend-graph\n", 8, "'x' is not a variable");
    fails(HEAD + PLACEHOLDER + "op \"a\" Assign\n  in \"x:0\"\n  attr variable \"x\"\n"
        + "  attr mode DELETE\nend\nend-graph\n", 11, "'DELETE' is not a constant of AssignMode");
    fails(HEAD + PLACEHOLDER + "variable \"x\" \"x:0\" \"x\"\nend-graph\n", 8,
        "'x' is not a variable op");
    fails(HEAD + PLACEHOLDER + "op \"y\" Neg\n  ctrl \"y\"\nend\nend-graph\n", 9,
        "no op named 'y' before this point");
  }

  @Test
  void functions() {
    String loop = GraphFormat.standard().toText(new GraphSamples().g);
    // A body referring to a value of the outer graph without capturing it.
    String leaked = loop.replace("in \"rnn/loop/body/arg1:0\"", "in \"x:0\"");
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().fromText(leaked));
    assertTrue(e.getMessage().contains("no op named 'x' before this point in function"
        + " rnn/loop/body"), e.getMessage());
    // A capture at the top level.
    fails(HEAD + "op \"x\" Placeholder\n  capture \"y:0\"\nend\nend-graph\n", 4,
        "only ops of a function body can be captures");
    // A While whose cond function is missing.
    String noCond = loop.replace("attr cond @cond", "attr cond @body");
    GraphFormatException f = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().fromText(noCond));
    assertTrue(f.getMessage().contains("function 'body' is used twice"), f.getMessage());
    // Functions nested beyond the limit.
    GraphFormat shallow = GraphFormat.standard().withLimits(new GraphFormat.Limits(1 << 20,
        1 << 20, 1000, 1, 1000, 1000));
    GraphFormatException d = assertThrows(GraphFormatException.class,
        () -> shallow.fromText(loop));
    assertTrue(d.getMessage().contains("functions nest deeper than 1"), d.getMessage());
  }

  @Test
  void limits() {
    GraphFormat small = GraphFormat.standard().withLimits(new GraphFormat.Limits(200, 40, 2, 4,
        10, 15));
    fails2(small, HEAD + "op \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" NoOp\nend\nend-graph\n",
        3, "the line is longer than 40 characters");
    fails2(small, HEAD + "op \"a\" NoOp\nend\nop \"b\" NoOp\nend\nop \"c\" NoOp\nend\n"
        + "end-graph\n", 7, "more than 2 ops");
    fails2(small, HEAD + "op \"c\" Const\n  attr value int32 (11,) base64 \"\"\nend\nend-graph\n",
        4, "a tensor of 11 elements exceeds the limit of 10");
  }

  private static void fails2(GraphFormat f, String text, int line, String fragment) {
    GraphFormatException e = assertThrows(GraphFormatException.class, () -> f.fromText(text));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void files_notUtf8_orTooLarge() throws Exception {
    Path p = dir.resolve("bad.graph");
    byte[] bytes = (HEAD + "op \"x\" NoOp\nend\nend-graph\n").getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 15] = (byte) 0xC3;
    Files.write(p, bytes);
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().read(p));
    assertEquals(3, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("graph file " + p + " line 3: ")
        && e.getMessage().contains("not valid UTF-8"), e.getMessage());
    GraphFormat tiny = GraphFormat.standard().withLimits(new GraphFormat.Limits(10, 100, 10, 1,
        1, 1));
    GraphFormatException t = assertThrows(GraphFormatException.class, () -> tiny.read(p));
    assertTrue(t.getMessage().contains("more than the limit of 10"), t.getMessage());
  }
}
