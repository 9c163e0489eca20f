package dev.skein.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph file read in a fresh JVM computes bit-identical results: the child reads the file,
 * runs GraphSamples' fetches and training step, and writes the results as .npz; the bytes equal
 * those of the same results computed here from the graph that was written (the .npz writer is
 * deterministic, so equal bytes are equal bits).
 */
class GraphFreshJvmTest {
  @TempDir
  Path dir;

  /** The child: reads args[0], runs it, writes the results to args[1]. */
  public static void main(String[] args) {
    write(GraphSamples.run(GraphFormat.standard().read(Path.of(args[0]))), Path.of(args[1]));
  }

  private static void write(List<Tensor> results, Path file) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      m.put("r" + i, results.get(i));
    }
    Npz.write(file, m);
  }

  @Test
  void readInAFreshJvm_computesTheSameBits() throws IOException, InterruptedException {
    GraphSamples s = new GraphSamples();
    Path graph = dir.resolve("samples.graph");
    GraphFormat.standard().write(s.g, graph);
    Path mine = dir.resolve("mine.npz");
    write(GraphSamples.run(s.g), mine);
    Path theirs = dir.resolve("theirs.npz");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), GraphFreshJvmTest.class.getName(),
        graph.toString(), theirs.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertEquals(Npz.read(mine).keySet(), Npz.read(theirs).keySet());
    assertArrayEquals(Files.readAllBytes(mine), Files.readAllBytes(theirs));
  }
}
