package dev.skein.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/images/layers.dot is what LayerPicture draws from today's code. */
class LayerPictureTest {
  @Test
  void committedPictureMatchesTheCode() throws IOException {
    String now = LayerPicture.dot(PackageGraph.of(PackageGraph.importMainClasses()));
    String committed = Files.readString(RepoFiles.root()
        .resolve("docs/images/layers.dot"));
    assertEquals(committed, now, "the packages' dependencies changed: redraw docs/images with"
        + " `mvn -q -pl architecture -am compile exec:java` and commit layers.dot/.svg/.png");
  }

  @Test
  void reductionKeepsOnlyEdgesNoOtherPathImplies() {
    // a -> b -> c and a -> c: the reduction drops a -> c, keeps the rest; d -> c stays.
    SortedMap<String, SortedSet<String>> e = new TreeMap<>();
    e.put("dev.skein.x.a", new TreeSet<>(List.of("dev.skein.x.b", "dev.skein.x.c")));
    e.put("dev.skein.x.b", new TreeSet<>(List.of("dev.skein.x.c")));
    e.put("dev.skein.x.c", new TreeSet<>());
    e.put("dev.skein.y.d", new TreeSet<>(List.of("dev.skein.x.c")));
    PackageGraph r = PackageGraph.fromEdges(e).reduced();
    assertEquals(new TreeSet<>(List.of("dev.skein.x.b")), r.edges().get("dev.skein.x.a"));
    assertEquals(new TreeSet<>(List.of("dev.skein.x.c")), r.edges().get("dev.skein.x.b"));
    assertEquals(new TreeSet<>(List.of("dev.skein.x.c")), r.edges().get("dev.skein.y.d"));
    String dot = LayerPicture.dot(PackageGraph.fromEdges(e));
    assertTrue(dot.contains("\"dev.skein.x.a\" -> \"dev.skein.x.b\""), dot);
    assertTrue(!dot.contains("\"dev.skein.x.a\" -> \"dev.skein.x.c\""), dot);
    assertTrue(dot.contains("subgraph \"cluster_y\""), dot);
  }
}
