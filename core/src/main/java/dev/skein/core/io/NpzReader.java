package dev.skein.core.io;

import dev.skein.core.Tensor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the arrays of one .npz file, checking what a hostile or damaged file could get wrong: the
 * zip structure (a truncated file has no central directory), each entry's CRC-32 and size, the
 * .npy header, and the data size against the header before allocating. Every failure is a
 * {@link CheckpointException} naming the file and the entry. Entries whose names do not end in
 * {@code .npy} (a README, metadata a tool added) are skipped with one warning naming them, on
 * the {@code dev.skein.core.io} logger.
 */
final class NpzReader implements Closeable {
  /** The most entries accepted in one file. */
  static final int MAX_ENTRIES = 100_000;
  private static final System.Logger LOG = System.getLogger("dev.skein.core.io");

  private final Path file;
  private final ZipFile zip;
  private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
  private final List<String> skipped = new ArrayList<>();

  private NpzReader(Path file, ZipFile zip) {
    this.file = file;
    this.zip = zip;
  }

  static NpzReader open(Path file) {
    ZipFile z;
    try {
      z = new ZipFile(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new CheckpointException("checkpoint " + file + " does not exist", e);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException("checkpoint " + file + " is truncated or not a .npz (zip)"
          + " file: " + e.getMessage(), e);
    }
    NpzReader r = new NpzReader(file, z);
    try {
      r.index();
    } catch (RuntimeException e) {
      r.close();
      throw e instanceof CheckpointException c ? c : r.error("has a corrupted zip directory: "
          + e, e);
    }
    return r;
  }

  private void index() {
    long fileSize;
    try {
      fileSize = Files.size(file);
    } catch (IOException e) {
      throw error("cannot be read: " + e, e);
    }
    if (zip.size() > MAX_ENTRIES) {
      throw error("has " + zip.size() + " entries, more than the limit of " + MAX_ENTRIES, null);
    }
    Enumeration<? extends ZipEntry> en = zip.entries();
    while (en.hasMoreElements()) {
      ZipEntry e = en.nextElement();
      String name = e.getName();
      if (e.isDirectory()) {
        continue;
      }
      if (!name.endsWith(".npy")) {
        skipped.add(name);
        continue;
      }
      if (e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED) {
        throw error("entry '" + name + "' uses an unsupported compression method", null);
      }
      if (e.getCompressedSize() < 0 || e.getCompressedSize() > fileSize || e.getSize() < 0
          || (e.getMethod() == ZipEntry.STORED && e.getSize() != e.getCompressedSize())) {
        throw error("entry '" + name + "' has inconsistent sizes (" + e.getCompressedSize()
            + " stored, " + e.getSize() + " uncompressed, file of " + fileSize + " bytes)", null);
      }
      String key = name.substring(0, name.length() - 4);
      if (entries.put(key, e) != null) {
        throw error("holds '" + name + "' twice", null);
      }
    }
    if (!skipped.isEmpty()) {
      List<String> shown = new ArrayList<>();
      for (String n : skipped.subList(0, Math.min(20, skipped.size()))) {
        shown.add("'" + (n.length() > 100 ? n.substring(0, 100) + "..." : n)
            .replaceAll("[^\\x20-\\x7e]", "?") + "'");
      }
      LOG.log(System.Logger.Level.WARNING, "checkpoint " + file + ": skipping "
          + (skipped.size() == 1 ? "an entry that is not a .npy array: "
          : skipped.size() + " entries that are not .npy arrays: ") + String.join(", ", shown)
          + (skipped.size() > 20 ? ", ..." : ""));
    }
  }

  /** Entries that are not .npy arrays (skipped with a warning), in the file's order. */
  List<String> skipped() {
    return Collections.unmodifiableList(skipped);
  }

  /** The array keys, in the file's order. */
  List<String> keys() {
    return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Reads only the .npy header of an entry. */
  NpyFormat.Header header(String key) {
    ZipEntry e = entry(key);
    CRC32 crc = new CRC32();
    try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
      try {
        NpyFormat.Header h = NpyFormat.readHeader(in);
        checkSize(e, h);
        return h;
      } catch (CheckpointException x) {
        // A damaged header is reported as damage, not as whatever it now seems to say.
        drain(in);
        checkCrc(e, crc);
        throw x;
      }
    } catch (CheckpointException x) {
      throw error("entry '" + e.getName() + "': " + x.getMessage(), x);
    } catch (IOException | RuntimeException x) {
      throw error("entry '" + e.getName() + "' cannot be read: " + x, x);
    }
  }

  /**
   * Reads an entry whose header is expected to be {@code expected} (from {@link #header}),
   * checking its CRC-32 and that it ends exactly after the data.
   */
  Tensor read(String key, NpyFormat.Header expected) {
    ZipEntry e = entry(key);
    CRC32 crc = new CRC32();
    try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
      Tensor t;
      try {
        NpyFormat.Header h = NpyFormat.readHeader(in);
        if (!h.equals(expected)) {
          throw new CheckpointException("its header changed while reading");
        }
        try {
          t = NpyFormat.readData(in, h);
        } catch (OutOfMemoryError x) {
          throw new CheckpointException("its " + h.dtype() + " " + h.shape() + " array ("
              + h.dataBytes() + " bytes" + (h.fortranOrder() ? ", twice while converting its"
              + " Fortran order" : "") + ") does not fit in memory");
        }
      } catch (CheckpointException x) {
        drain(in);
        checkCrc(e, crc);
        throw x;
      }
      long extra = drain(in);
      checkCrc(e, crc);
      if (extra > 0) {
        throw new CheckpointException("it has " + extra + " bytes after the data its header"
            + " describes");
      }
      return t;
    } catch (CheckpointException x) {
      throw error("entry '" + e.getName() + "': " + x.getMessage(), x);
    } catch (IOException | RuntimeException x) {
      throw error("entry '" + e.getName() + "' is corrupted: " + x, x);
    }
  }

  private static void checkSize(ZipEntry e, NpyFormat.Header h) {
    if (h.length() + h.dataBytes() != e.getSize()) {
      throw new CheckpointException("its header describes " + h.dtype() + " " + h.shape() + " ("
          + h.dataBytes() + " bytes of data after " + h.length() + " header bytes) but the entry"
          + " holds " + e.getSize() + " bytes");
    }
  }

  /**
   * Reads a whole entry through its CRC-32 without keeping the data; throws if it is corrupted.
   * Used before reporting that an entry's header does not match a variable, so that damage is
   * reported as damage.
   */
  void verify(String key) {
    ZipEntry e = entry(key);
    CRC32 crc = new CRC32();
    try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), crc)) {
      drain(in);
      checkCrc(e, crc);
    } catch (CheckpointException x) {
      throw error("entry '" + e.getName() + "': " + x.getMessage(), x);
    } catch (IOException | RuntimeException x) {
      throw error("entry '" + e.getName() + "' is corrupted: " + x, x);
    }
  }

  private static void checkCrc(ZipEntry e, CRC32 crc) {
    if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
      throw new CheckpointException("it is corrupted: its CRC-32 is "
          + Long.toHexString(crc.getValue()) + " but the zip directory says "
          + Long.toHexString(e.getCrc()));
    }
  }

  /** Reads the rest of a stream (through the CRC), returning how many bytes there were. */
  private static long drain(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    long n = 0;
    for (int r; (r = in.read(buf)) > 0; ) {
      n += r;
    }
    return n;
  }

  private ZipEntry entry(String key) {
    ZipEntry e = entries.get(key);
    if (e == null) {
      throw error("has no array '" + key + "'", null);
    }
    return e;
  }

  CheckpointException error(String what, Throwable cause) {
    return new CheckpointException("checkpoint " + file + " " + what, cause);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      // Nothing was written; closing a read-only zip cannot lose data.
    }
  }
}
