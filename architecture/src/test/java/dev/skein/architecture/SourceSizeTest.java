package dev.skein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No Java source file of any module, main or test, is over 400 lines. */
class SourceSizeTest {
  static final int MAX_LINES = 400;

  @Test
  void noSourceFileOverTheLimit() throws IOException {
    List<Path> sources;
    try (Stream<Path> s = Files.walk(RepoFiles.root())) {
      sources = s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/"))
          .filter(p -> !p.toString().contains("/target/"))
          .collect(Collectors.toList());
    }
    assertTrue(sources.size() > 300, "found only " + sources.size() + " sources");
    List<String> over = sources.stream()
        .filter(p -> lines(p) > MAX_LINES)
        .map(p -> RepoFiles.root().relativize(p) + " (" + lines(p) + " lines)")
        .sorted()
        .collect(Collectors.toList());
    assertEquals(List.of(), over, "split these by meaning");
  }

  private static long lines(Path p) {
    try (Stream<String> l = Files.lines(p)) {
      return l.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
