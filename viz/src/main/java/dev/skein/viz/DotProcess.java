package dev.skein.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs Graphviz's {@code dot} program directly: one layout written in every format asked for
 * ({@code dot -Tsvg -Tpng -O}), so an SVG and a PNG cost one layout. The process is started
 * without a shell and killed when it runs past its timeout, so nothing keeps running after a
 * timeout is reported.
 */
final class DotProcess {
  /** dot ran past its timeout (and was stopped). */
  static final class Timeout extends Exception {
    Timeout(String message) {
      super(message);
    }
  }

  private static final Logger LOG = Logger.getLogger(DotProcess.class.getName());

  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private DotProcess() {}

  /** The outputs of one layout, by format name ("svg", "png"). */
  static Map<String, byte[]> run(String dotText, Duration timeout, String... formats)
      throws Timeout {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("skein-dot");
      Path in = dir.resolve("graph.dot");
      Files.writeString(in, dotText, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of("dot"));
      for (String f : formats) {
        cmd.add("-T" + f);
      }
      cmd.add("-O");
      cmd.add(in.getFileName().toString());
      Path err = dir.resolve("stderr.txt");
      Process p = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new Timeout("dot ran longer than " + timeout);
      }
      // dot can report a failure yet write the whole picture (2.43 loses an edge it could not
      // route: "triangulation failed"); a picture is taken as long as every file was written.
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (String f : formats) {
        Path file = dir.resolve("graph.dot." + f);
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        if (bytes.length == 0) {
          throw new IllegalStateException("Graphviz's dot failed (exit " + p.exitValue()
              + "): " + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        out.put(f, bytes);
      }
      String report = Files.readString(err, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 && REPORTED.add(report)) {
        LOG.warning("Graphviz's dot reported (the picture was written; shown once): " + report);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not run Graphviz's dot", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dot was running", e);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
