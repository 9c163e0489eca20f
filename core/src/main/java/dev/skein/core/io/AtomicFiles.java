package dev.skein.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that a reader (or a crash) sees either the old file or the complete new one:
 * the bytes go to a temporary file beside the target ({@code .name.tmp-<random>}), which is
 * fsynced and then renamed over the target in one atomic step; the directory is fsynced after,
 * so the rename survives a power loss. If writing fails, the temporary file is deleted and the
 * target is untouched. A crash (kill -9) can leave a temporary file behind, never a partial
 * target; a {@link Saver} removes those of checkpoints ({@code CheckpointFiles}).
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Produces a file's bytes. */
  @FunctionalInterface
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically. {@code wrap} may wrap the stream the writer gets (tests use
   * it to fail at a chosen byte); it is the identity otherwise.
   */
  static void write(Path target, Writer writer, UnaryOperator<OutputStream> wrap)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        OutputStream raw = new FilterOutputStream(Channels.newOutputStream(ch)) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush(); // the channel stays open until it is forced
          }
        };
        OutputStream out = new BufferedOutputStream(wrap.apply(raw), 1 << 16);
        writer.write(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      syncDirectory(dir);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Fsyncs a directory so a rename in it is durable (a no-op where the OS refuses). */
  static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or sync a directory; the rename is still atomic.
    }
  }
}
