package dev.skein.core.io;

import dev.skein.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archives: a zip file holding one {@code .npy} file ({@link NpyFormat}) per
 * array, named {@code <key>.npy}; {@code numpy.load(path)[key]} opens an entry. Keys are written
 * as they are, so a key with '/' (a scoped variable name such as {@code rnn/kernel}) becomes a
 * zip entry path {@code rnn/kernel.npy}, which numpy.load still finds under {@code "rnn/kernel"}.
 *
 * <p>Skein writes entries uncompressed (as {@code numpy.savez} does; {@link #writeCompressed}
 * deflates them as {@code numpy.savez_compressed} does) with their CRC-32, in key order, with a
 * fixed timestamp, so the same values give the same bytes. Files are written
 * atomically (see {@code AtomicFiles}: a temporary file, fsync, rename). Reading accepts stored
 * and deflated entries ({@code numpy.savez_compressed}), checks every entry's CRC-32 and size,
 * and wraps every problem in a {@link CheckpointException} naming the file and entry.
 */
public final class Npz {
  private static final LocalDateTime TIMESTAMP = LocalDateTime.of(1980, 1, 1, 0, 0);

  private Npz() {}

  /** Writes {@code arrays} (key to tensor, in map order) to {@code file} atomically. */
  public static void write(Path file, Map<String, Tensor> arrays) {
    write(file, arrays, UnaryOperator.identity(), false);
  }

  /**
   * Writes {@code arrays} to {@code file} atomically with deflated entries, as NumPy's
   * {@code savez_compressed} does.
   */
  public static void writeCompressed(Path file, Map<String, Tensor> arrays) {
    write(file, arrays, UnaryOperator.identity(), true);
  }

  static void write(Path file, Map<String, Tensor> arrays, UnaryOperator<OutputStream> wrap,
      boolean compressed) {
    for (String key : arrays.keySet()) {
      checkKey(key);
    }
    try {
      AtomicFiles.write(file, out -> writeTo(out, arrays, compressed), wrap);
    } catch (IOException e) {
      throw new CheckpointException("cannot write " + file + ": " + e, e);
    }
  }

  /** Keys must be usable as zip entry names that numpy.load maps back to the same key. */
  static void checkKey(String key) {
    if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\")
        || key.contains("//") || key.chars().anyMatch(c -> c < 0x20)) {
      throw new CheckpointException("'" + key + "' cannot name an array in a .npz file (it must"
          + " be non-empty, without backslashes, control characters, or leading, trailing or"
          + " doubled '/')");
    }
  }

  private static void writeTo(OutputStream out, Map<String, Tensor> arrays, boolean compressed)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
    for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
      Tensor t = e.getValue();
      if (compressed) {
        // Deflated: the stream computes the CRC-32 and sizes and writes them after the data.
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setTimeLocal(TIMESTAMP);
        zip.putNextEntry(entry);
        NpyFormat.write(t, zip);
        zip.closeEntry();
        continue;
      }
      CRC32 crc = new CRC32();
      try (CheckedOutputStream sink = new CheckedOutputStream(OutputStream.nullOutputStream(),
          crc)) {
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
    zip.finish();
  }

  /**
   * Reads every array of {@code file}, keyed by entry name without {@code .npy}, in the file's
   * order. Refuses archives whose arrays total more than {@code maxBytes} bytes before reading
   * them.
   */
  public static Map<String, Tensor> read(Path file, long maxBytes) {
    try (NpzReader r = NpzReader.open(file)) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      long total = 0;
      for (String key : r.keys()) {
        NpyFormat.Header h = r.header(key);
        total += h.dataBytes();
        if (total > maxBytes) {
          throw new CheckpointException(file + ": its arrays hold more than " + maxBytes
              + " bytes, the limit given");
        }
        out.put(key, r.read(key, h));
      }
      return out;
    }
  }

  /** {@link #read(Path, long)} with a limit of 2 GiB. */
  public static Map<String, Tensor> read(Path file) {
    return read(file, 1L << 31);
  }
}
