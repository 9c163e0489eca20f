package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.state.StateOps;
import dev.skein.viz.GraphRenderer.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Rendering through graphviz-java, with the embedded JavaScript engine (always) and with the
 * dot program (when installed). Pictures land in target/viz-gallery for a person to look at.
 */
class GraphRendererTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};
  private static final long BUDGET_MS = 10_000;

  private static Graph hostile() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, 5), "x");
    StateOps.identity(g, x, "\"><script>alert(1)</script>");
    return g;
  }

  private static Path gallery(String name) throws Exception {
    return Files.createDirectories(Path.of("target", "viz-gallery")).resolve(name);
  }

  @Test
  void svg_javascriptEngine_escapesNamesAndLabelsShapes() {
    String svg = GraphRenderer.create().withEngine(Engine.JAVASCRIPT).toSvg(hostile());
    assertTrue(svg.contains("<svg"), svg);
    assertFalse(svg.contains("<script"), svg);
    assertTrue(svg.contains("&lt;script&gt;"), svg);
    assertTrue(svg.contains(">?x5<"), "edge label");
  }

  @Test
  void png_javascriptEngine_isAPng() throws Exception {
    byte[] png = GraphRenderer.create().withEngine(Engine.JAVASCRIPT)
        .withOptions(VizOptions.fullyExpanded()).toPng(GraphFixtures.dynamicRnn(28, 150));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4));
    Files.write(gallery("dynamic-rnn-looped.png"), png);
  }

  @Test
  void javascriptEngine_refusesAHugePicture_sayingHowToInstallDot() {
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    GraphRenderer r = GraphRenderer.create().withEngine(Engine.JAVASCRIPT)
        .withOptions(VizOptions.fullyExpanded());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.toSvg(g));
    assertTrue(e.getMessage().contains("apt-get install -y graphviz"), e.getMessage());
    assertTrue(e.getMessage().contains(g.numOperations() + " boxes and ops"), e.getMessage());
  }

  @Test
  void dotEngine_whenMissing_saysHowToInstallIt() {
    assumeFalse(GraphRenderer.dotInstalled(), "dot is installed");
    assertEquals(Engine.JAVASCRIPT, GraphRenderer.create().resolvedEngine());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> GraphRenderer.create().withEngine(Engine.DOT).toSvg(hostile()));
    assertTrue(e.getMessage().contains("apt-get install -y graphviz"), e.getMessage());
  }

  @Test
  void dotEngine_rendersSvgAndPng() {
    assumeTrue(GraphRenderer.dotInstalled(), "no dot program");
    assertEquals(Engine.DOT, GraphRenderer.create().resolvedEngine());
    GraphRenderer r = GraphRenderer.create().withEngine(Engine.DOT);
    String svg = r.toSvg(hostile());
    assertFalse(svg.contains("<script"), svg);
    assertTrue(svg.contains("&lt;script&gt;"), svg);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(r.toPng(hostile()), 4));
  }

  /** The budget: a 28-step LSTM with gradients and an optimizer in under 10 s. */
  @Test
  void unrolledLstm_defaultCollapse_rendersUnderTenSeconds_javascript() throws Exception {
    timeLstm(Engine.JAVASCRIPT);
  }

  @Test
  void unrolledLstm_defaultCollapse_rendersUnderTenSeconds_dot() throws Exception {
    assumeTrue(GraphRenderer.dotInstalled(), "no dot program");
    timeLstm(Engine.DOT);
  }

  private static void timeLstm(Engine engine) throws Exception {
    long t0 = System.nanoTime();
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    long built = System.nanoTime();
    GraphRenderer r = GraphRenderer.create().withEngine(engine);
    String svg = r.toSvg(g);
    long svgDone = System.nanoTime();
    byte[] png = r.toPng(g);
    long pngDone = System.nanoTime();
    long svgMs = (svgDone - built) / 1_000_000;
    long pngMs = (pngDone - svgDone) / 1_000_000;
    System.out.printf("[viz] %d-op unrolled LSTM, default collapse, %s engine: SVG %d ms (first"
        + " use, engine start included), PNG %d ms; graph built in %d ms%n", g.numOperations(),
        engine, svgMs, pngMs, (built - t0) / 1_000_000);
    assertTrue(svg.contains("basic_lstm_cell_27"));
    assertTrue(svgMs < BUDGET_MS, "SVG took " + svgMs + " ms");
    assertTrue(pngMs < BUDGET_MS, "PNG took " + pngMs + " ms");
    String tag = engine.name().toLowerCase(java.util.Locale.ROOT);
    Files.writeString(gallery("lstm28-" + tag + ".svg"), svg);
    Files.write(gallery("lstm28-" + tag + ".png"), png);
    GraphRenderer.create().withEngine(engine).withOptions(VizOptions.defaults().withDepth(2))
        .writePng(GraphFixtures.staticLstm(3, 4, 5, 2), gallery("lstm3-depth2-" + tag + ".png"));
  }

  @Test
  void svgAndPng_fromOneLayout_samePictureSize() throws Exception {
    assumeTrue(GraphRenderer.dotInstalled(), "no dot program");
    Graph g = GraphFixtures.staticLstm(6, 3, 5, 2);
    GraphRenderer.Pictures p = GraphRenderer.create().withEngine(Engine.DOT).toSvgAndPng(g);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("<svg width=\"(\\d+)pt\" height=\"(\\d+)pt\"").matcher(p.svg());
    assertTrue(m.find(), p.svg().substring(0, 400));
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(p.png()));
    // dot writes the PNG of the same layout at 96 dpi; the SVG's size is in points (1/72 in).
    assertEquals(Integer.parseInt(m.group(1)) * 96.0 / 72, img.getWidth(), 2);
    assertEquals(Integer.parseInt(m.group(2)) * 96.0 / 72, img.getHeight(), 2);
    assertEquals(new String(GraphRenderer.create().withEngine(Engine.DOT).toSvg(g)), p.svg(),
        "the same SVG as toSvg");
    Files.write(gallery("lstm6-one-layout.png"), p.png());
  }

  @Test
  void dotTimeout_saysWhatToDo() {
    assumeTrue(GraphRenderer.dotInstalled(), "no dot program");
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    dev.skein.core.SkeinException e = assertThrows(dev.skein.core.SkeinException.class,
        () -> GraphRenderer.create().withEngine(Engine.DOT)
            .withOptions(VizOptions.fullyExpanded()).withTimeout(java.time.Duration.ofMillis(1))
            .toSvg(g));
    assertTrue(e.getMessage().contains("did not lay out this picture of 2537 boxes and ops"
        + " within 1 ms, and was stopped"), e.getMessage());
    assertTrue(e.getMessage().contains("withDepth(k)"), e.getMessage());
    assertTrue(e.getMessage().contains("GraphRenderer.withTimeout(Duration)"), e.getMessage());
    // The next picture gets the default timeout again.
    assertTrue(GraphRenderer.create().withEngine(Engine.DOT).toSvg(hostile()).contains("<svg"));
  }

  @Test
  void bigPicture_warningNamesTheOptions() {
    assertEquals(null, GraphRenderer.sizeWarning(GraphRenderer.WARN_ITEMS));
    String w = GraphRenderer.sizeWarning(GraphRenderer.WARN_ITEMS + 1);
    assertTrue(w.startsWith("this picture has 601 boxes and ops"), w);
    assertTrue(w.contains("VizOptions.defaults()") && w.contains("withDepth(k)"), w);
    assertThrows(IllegalArgumentException.class,
        () -> GraphRenderer.create().withTimeout(java.time.Duration.ZERO));
  }
}
