package dev.skein.bench;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.io.Npz;
import dev.skein.core.io.Saver;
import dev.skein.core.ops.Ops;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Section {@code checkpoints}: saving and restoring one variable of 50M float32 (200 MB, random
 * normal values), rounds from a fresh JVM, the first round included: {@code Saver.save} stored
 * (fsync included) and compressed, {@code Saver.restore} of each, and the restore of the same
 * array written by NumPy's rules in Fortran order (a transposed 5,000 x 10,000 matrix, converted
 * to row-major on read) and big-endian. Files go to {@code target/checkpoint-bench}.
 */
final class CheckpointBench {
  private static final int ROWS = 5_000;
  private static final int COLS = 10_000;

  private CheckpointBench() {}

  static void run(boolean quick) {
    int rounds = quick ? 3 : 5;
    System.out.printf("checkpoints of one 50M-float32 variable (200 MB); %s; %d rounds, fresh"
        + " JVM, first round included; the machine may be shared: compare ratios%n",
        VizBench.cpuModel(), rounds);
    Path dir = Path.of("target", "checkpoint-bench");
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Variable w = tf.variable(tf.zeros(Shape.of(ROWS, COLS)), "w");
    float[] v = new float[ROWS * COLS];
    Random rnd = new Random(1);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    try (Session s = new Session(g)) {
      Files.createDirectories(dir);
      s.state().setVariable(w.op(), Tensor.create(Shape.of(ROWS, COLS), v));
      Saver stored = new Saver(g).maxToKeep(1);
      Saver deflated = new Saver(g).maxToKeep(1).compressed(true);
      String plain = dir.resolve("stored").toString();
      String packed = dir.resolve("compressed").toString();
      System.out.printf("  %-46s %9s %9s %9s %10s%n", "", "median", "min", "max", "file");
      time("save, stored (numpy.savez's layout)", rounds, () -> stored.save(s, plain).length(),
          Path.of(plain + ".npz"));
      time("save, compressed (savez_compressed's)", Math.min(rounds, 3),
          () -> deflated.save(s, packed).length(), Path.of(packed + ".npz"));
      time("restore, stored", rounds, () -> restore(stored, s, plain + ".npz"), null);
      time("restore, compressed", Math.min(rounds, 3), () -> restore(stored, s,
          packed + ".npz"), null);
      Path fortran = dir.resolve("fortran.npz");
      writeNumpyLayout(fortran, v, "<f4", true, ByteOrder.LITTLE_ENDIAN);
      time("restore, Fortran order (W.T)", rounds, () -> restore(stored, s,
          fortran.toString()), null);
      Path big = dir.resolve("bigendian.npz");
      writeNumpyLayout(big, v, ">f4", false, ByteOrder.BIG_ENDIAN);
      time("restore, big-endian ('>f4')", rounds, () -> restore(stored, s, big.toString()),
          null);
      Npz.read(fortran); // the files are valid .npz: numpy.load opens them too
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println();
  }

  private static int restore(Saver saver, Session s, String file) {
    saver.restore(s, file);
    return 0;
  }

  /**
   * An .npz holding "w" as NumPy writes it in the given layout: a version 1.0 header with that
   * descr and fortran_order, then the elements in that byte order.
   */
  private static void writeNumpyLayout(Path file, float[] v, String descr, boolean fortran,
      ByteOrder order) throws IOException {
    // Fortran order of shape (ROWS, COLS) holds column after column: a transposed copy.
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': (" + ROWS + ", " + COLS + "), }";
    int pad = 63 - (10 + dict.length()) % 64;
    byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer data = ByteBuffer.allocate(v.length * 4).order(order);
    for (int j = 0; j < (fortran ? COLS : 1); j++) {
      for (int i = 0; i < (fortran ? ROWS : v.length); i++) {
        data.putFloat(fortran ? v[i * COLS + j] : v[i]);
      }
    }
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length,
        (byte) (header.length >>> 8)};
    CRC32 crc = new CRC32();
    crc.update(pre);
    crc.update(header);
    crc.update(data.array());
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry("w.npy");
      long size = pre.length + header.length + data.capacity();
      e.setMethod(ZipEntry.STORED);
      e.setSize(size);
      e.setCompressedSize(size);
      e.setCrc(crc.getValue());
      zip.putNextEntry(e);
      zip.write(pre);
      zip.write(header);
      zip.write(data.array());
      zip.closeEntry();
    }
  }

  private static void time(String label, int rounds, IntSupplier body, Path file)
      throws IOException {
    double[] s = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      body.getAsInt();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    double[] sorted = s.clone();
    Arrays.sort(sorted);
    double median = rounds % 2 == 1 ? sorted[rounds / 2]
        : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
    System.out.printf("  %-46s %7.2f s %7.2f s %7.2f s %10s%n", label, median, sorted[0],
        sorted[rounds - 1], file == null ? "" : String.format("%,d MB", Files.size(file) >> 20));
  }
}
