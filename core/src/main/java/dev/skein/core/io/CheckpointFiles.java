package dev.skein.core.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a checkpoint directory really holds, for a {@link Saver} starting to save into it:
 * temporary files that crashed writes left behind, and the checkpoints of one prefix, listed in
 * the state file or not (a crash between writing a checkpoint and updating the state file
 * orphans it).
 */
final class CheckpointFiles {
  /** A temporary file of {@link AtomicFiles} for a checkpoint or the state file. */
  private static final Pattern TEMPORARY = Pattern.compile(
      "\\.(" + Pattern.quote(CheckpointState.FILE_NAME) + "|.+\\.npz)\\.tmp-[0-9a-f]{1,16}");

  private CheckpointFiles() {}

  /**
   * Deletes the temporary files of checkpoints and state files in {@code dir} last modified
   * before {@code beforeMillis} (a write in progress keeps touching its file, so a file older
   * than the saver's start was left by a crash). Returns the names deleted.
   */
  static List<String> deleteStaleTemporaries(Path dir, long beforeMillis) throws IOException {
    List<String> deleted = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return deleted;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
        p -> TEMPORARY.matcher(p.getFileName().toString()).matches())) {
      for (Path p : files) {
        try {
          if (Files.isRegularFile(p)
              && Files.getLastModifiedTime(p).toMillis() < beforeMillis) {
            Files.deleteIfExists(p);
            deleted.add(p.getFileName().toString());
          }
        } catch (NoSuchFileException e) {
          // Renamed or deleted meanwhile by its writer: not stale.
        }
      }
    }
    return deleted;
  }

  /** A checkpoint file and its global step. */
  record Numbered(Path path, long step) {}

  /**
   * The checkpoints {@code stem<step>.npz} in {@code dir} (stem: the prefix's file name and
   * '-'), ordered by step.
   */
  static List<Numbered> numbered(Path dir, String stem) throws IOException {
    List<Numbered> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    Pattern p = Pattern.compile(Pattern.quote(stem) + "([0-9]{1,18})\\.npz");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          out.add(new Numbered(f, Long.parseLong(m.group(1))));
        }
      }
    }
    out.sort(Comparator.comparingLong(Numbered::step));
    return out;
  }
}
