package dev.skein.spark;

import dev.skein.core.Tensor;
import dev.skein.core.io.CheckpointException;
import dev.skein.core.io.NpyFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Variables as the bytes of a NumPy {@code .npz} archive in memory, laid out as Skein's
 * checkpoints ({@code Saver}): one stored (uncompressed) {@code <name>.npy} entry per variable, in
 * map order, with a fixed timestamp, so equal values give equal bytes and the bytes written to a
 * file open with {@code numpy.load}.
 */
final class NpzBytes {
  private static final LocalDateTime TIMESTAMP = LocalDateTime.of(1980, 1, 1, 0, 0);

  private NpzBytes() {}

  static byte[] write(Map<String, Tensor> arrays) {
    long total = 0;
    for (Tensor t : arrays.values()) {
      total += NpyFormat.size(t) + 200;
    }
    if (total > Integer.MAX_VALUE - 1024) {
      throw new IllegalArgumentException("variables of " + total + " bytes do not fit one"
          + " in-memory .npz (2 GiB)");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) total + 1024);
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
        Tensor t = e.getValue();
        CRC32 crc = new CRC32();
        try (CheckedOutputStream sink =
            new CheckedOutputStream(OutputStream.nullOutputStream(), crc)) {
          NpyFormat.write(t, sink);
        }
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        long size = NpyFormat.size(t);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(TIMESTAMP);
        zip.putNextEntry(entry);
        NpyFormat.write(t, zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The arrays of {@code npz}, by entry name without {@code .npy}, in the archive's order. */
  static Map<String, Tensor> read(byte[] npz) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        if (!name.endsWith(".npy")) {
          throw new CheckpointException("variables archive holds '" + name
              + "', which is not a .npy entry");
        }
        NpyFormat.Header h = NpyFormat.readHeader(zip);
        String key = name.substring(0, name.length() - 4);
        if (out.put(key, NpyFormat.readData(zip, h)) != null) {
          throw new CheckpointException("variables archive holds '" + name + "' twice");
        }
      }
    } catch (IOException ex) {
      throw new CheckpointException("variables archive is corrupted: " + ex, ex);
    }
    return out;
  }
}
