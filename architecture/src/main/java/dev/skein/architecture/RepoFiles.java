package dev.skein.architecture;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are when a test runs from a module folder or from the root. */
public final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: the folder holding the architecture module. */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("architecture")) ? here : here.getParent();
  }
}
