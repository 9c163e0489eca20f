package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INT64 in checkpoints (.npy descr '<i8') and in graph files (decimal and base64 constants). */
class Int64FilesTest {
  private static final long[] VALUES = {Long.MIN_VALUE, -5_000_000_000L, 0, (1L << 53) + 1,
      Long.MAX_VALUE};

  @Test
  void npy_int64_isLittleEndianEightBytesWithDescrI8() throws Exception {
    Tensor t = Tensor.create(Shape.of(5), VALUES);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyFormat.write(t, out);
    byte[] bytes = out.toByteArray();
    String header = new String(bytes, 10, 60, StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("'descr': '<i8'"), header);
    int start = bytes.length - 40;
    assertEquals(0, start % 64, "data starts at a multiple of 64");
    ByteBuffer b = ByteBuffer.wrap(bytes, start, 40).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : VALUES) {
      assertEquals(v, b.getLong());
    }
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    Tensor back = NpyFormat.readData(in, NpyFormat.readHeader(in));
    assertEquals(t, back);
  }

  @Test
  void saver_roundTripsAnInt64VariableAndSavesTheInt64GlobalStep(@TempDir Path dir) {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable big = tf.variable(tf.constant(VALUES), "big");
    Variable step = tf.variable(tf.constant(6_000_000_000L), "global_step");
    Saver saver = new Saver(g);
    String path;
    try (Session s = new Session(g)) {
      s.run(tf.globalVariablesInitializer());
      path = saver.save(s, dir.resolve("model").toString(), step);
    }
    assertTrue(path.endsWith("model-6000000000.npz"), path);
    Map<String, Tensor> raw = Npz.read(Path.of(path));
    assertEquals(DType.INT64, raw.get("big").dtype());
    assertArrayEquals(VALUES, raw.get("big").longs());
    try (Session s = new Session(g)) {
      saver.restore(s, path);
      assertArrayEquals(VALUES, s.run(big).longs());
      assertEquals(6_000_000_000L, s.run(step).longValue());
    }
  }

  @Test
  void graphFile_int64Constants_roundTripBitExactly() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output small = tf.constant(VALUES, "small");
    long[] many = new long[TensorNotation.MAX_DECIMAL_ELEMENTS + 3];
    for (int i = 0; i < many.length; i++) {
      many[i] = (long) i * 3_000_000_007L - (1L << 62);
    }
    Output large = tf.constant(many, "large"); // past the decimal limit: base64
    Output p = tf.placeholder(DType.INT64, Shape.of(-1), "p");
    tf.add(p, small, "sum");
    String text = GraphFormat.standard().toText(g);
    assertTrue(text.contains("9223372036854775807"), "decimal int64 in the text");
    assertTrue(text.contains("base64"), "the large constant is base64");
    Graph back = GraphFormat.standard().fromText(text);
    assertEquals(text, GraphFormat.standard().toText(back));
    try (Session s = new Session(back)) {
      assertArrayEquals(VALUES, s.run(back.operation("small").output(0)).longs());
      assertArrayEquals(many, s.run(back.operation("large").output(0)).longs());
      Tensor sum = s.runner().feed(back.operation("p").output(0), Tensor.create(Shape.of(5),
          new long[] {1, 1, 1, 1, 0})).fetch(back.operation("sum").output(0)).run().get(0);
      long[] expect = VALUES.clone();
      for (int i = 0; i < 4; i++) {
        expect[i] += 1;
      }
      assertArrayEquals(expect, sum.longs());
    }
    assertEquals(DType.INT64, back.operation("p").output(0).dtype());
  }

  @Test
  void graphFile_int64ValueBeyondRange_isAClearError() {
    Graph g = new Graph();
    Ops.create(g).constant(new long[] {7}, "c");
    String text = GraphFormat.standard().toText(g).replace("[7]", "[9223372036854775808]");
    GraphFormatException e = assertThrows(GraphFormatException.class,
        () -> GraphFormat.standard().fromText(text));
    assertTrue(e.getMessage().contains("out of the int64 range"), e.getMessage());
  }
}
