package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * Attributes added after graph files were first written ({@code AttrDefault}): an output type at
 * its default is left out of the file, so the text is what earlier versions wrote; any other value
 * is written and read back; a file without the attribute reads as the default.
 */
class OutputTypeFilesTest {
  private static final GraphFormat F = GraphFormat.standard();

  private static Tensor run(Graph g, String op) {
    try (Session s = new Session(g)) {
      return s.run(g.operation(op).output(0));
    }
  }

  @Test
  void argMaxOutputType_int64IsWritten_int32IsLeftOut_andBothReadBack() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.constant(new float[][] {{1, 9, 3}, {7, 2, 8}}, "x");
    tf.argMax(x, 1, "narrow");
    tf.argMin(x, 1, DType.INT64, "wide");
    String text = F.toText(g);
    String narrow = text.substring(text.indexOf("op \"narrow\""), text.indexOf("op \"wide\""));
    assertFalse(narrow.contains("outputType"), narrow);
    assertTrue(text.contains("attr outputType int64"), text);
    Graph back = F.fromText(text);
    assertEquals(text, F.toText(back));
    assertEquals(DType.INT32, back.operation("narrow").output(0).dtype());
    assertArrayEquals(new int[] {1, 2}, run(back, "narrow").ints());
    assertArrayEquals(new long[] {0, 1}, run(back, "wide").longs());
  }

  @Test
  void aFileWithoutTheAttribute_readsAsTheDefault_andAWrongValueIsAClearError() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    tf.argMax(tf.constant(new float[] {1, 5, 2}, "x"), 0, DType.INT64, "am");
    String text = F.toText(g);
    String old = text.replace("  attr outputType int64\n", "").replace("out int64 ()",
        "out int32 ()");
    Graph back = F.fromText(old);
    assertEquals(DType.INT32, back.operation("am").output(0).dtype());
    assertEquals(1, run(back, "am").intValue());
    String bad = text.replace("attr outputType int64", "attr outputType float32");
    GraphFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
        GraphFormatException.class, () -> F.fromText(bad));
    assertTrue(e.getMessage().contains("output_type must be int32 or int64, got float32"),
        e.getMessage());
  }

  @Test
  void shapeOutType_int64IsWritten_andAnOldShapeBlockReadsAsInt32() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.zeros(dev.skein.core.Shape.of(2, 5), DType.FLOAT32);
    tf.shape(x, DType.INT64);
    tf.size(x);
    tf.rank(x, DType.INT64);
    String text = F.toText(g);
    assertTrue(text.contains("op \"Shape\" Shape\n"), text);
    assertTrue(text.contains("op \"Size\" Size\n  in \"zeros:0\"\n"), text);
    assertEquals(2, text.split("attr outType int64", -1).length - 1, text);
    Graph back = F.fromText(text);
    assertEquals(text, F.toText(back));
    assertArrayEquals(new long[] {2, 5}, run(back, "Shape").longs());
    assertEquals(10, run(back, "Size").intValue());
    assertEquals(2L, run(back, "Rank").longValue());
    // a Shape block as files have always had it: no attributes
    String old = text.replaceFirst("  attr outType int64\n  out int64 \\(2,\\)",
        "  out int32 (2,)");
    Graph oldBack = F.fromText(old);
    assertArrayEquals(new int[] {2, 5}, run(oldBack, "Shape").ints());
  }

  @Test
  void oneHotValues_int64ExactlyAsLongs_floatsAsDoubles_andOldFilesStillRead() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output idx = tf.constant(new int[] {1, 0}, "idx");
    long on = (1L << 60) + 1;
    tf.oneHot(idx, 2, on, -7, -1, DType.INT64).op();
    tf.oneHot(idx, 2, 2.5, -1.0, -1, DType.FLOAT64);
    String text = F.toText(g);
    assertTrue(text.contains("attr onValue 1152921504606846977\n  attr offValue -7\n"), text);
    assertTrue(text.contains("attr onValue 2.5\n  attr offValue -1.0\n"), text);
    Graph back = F.fromText(text);
    assertEquals(text, F.toText(back));
    assertArrayEquals(new long[] {-7, on, on, -7}, run(back, "one_hot").longs());
    assertArrayEquals(new double[] {-1, 2.5, 2.5, -1}, run(back, "one_hot_1").doubles(), 0);
    // files written before held every value as a double, 1.0 and 0.0 for an int64 one-hot
    String old = text.replace("attr onValue 1152921504606846977\n  attr offValue -7",
        "attr onValue 1.0\n  attr offValue 0.0");
    assertArrayEquals(new long[] {0, 1, 1, 0}, run(F.fromText(old), "one_hot").longs());
  }
}
