package dev.skein.viz;

import dev.skein.core.Graph;
import dev.skein.core.SkeinException;
import guru.nidi.graphviz.engine.Format;
import guru.nidi.graphviz.engine.Graphviz;
import guru.nidi.graphviz.engine.GraphvizCmdLineEngine;
import guru.nidi.graphviz.engine.GraphvizException;
import guru.nidi.graphviz.engine.GraphvizV8Engine;
import guru.nidi.graphviz.engine.Rasterizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * Renders graphs to SVG or PNG with Graphviz, from DOT text that {@link DotExporter} writes.
 * When Graphviz's {@code dot} program is installed it is run directly, once per picture even
 * for both formats ({@link #toSvgAndPng}), and stopped at a timeout ({@link #withTimeout},
 * default {@link #DEFAULT_TIMEOUT}) with a message saying how to draw less. Without it,
 * graphviz-java's embedded JavaScript build of Graphviz lays the picture out (its SVG is
 * rasterized for PNG); it runs out of memory around 2,000 nodes, so a picture above
 * {@link #JAVASCRIPT_MAX_ITEMS} boxes and ops is refused with a message saying how to install
 * {@code dot} or collapse more. Pictures above {@link #WARN_ITEMS} get a logged warning.
 *
 * <p>graphviz-java keeps its engine in a global; renderings with it are serialized.
 */
public final class GraphRenderer {
  /** Which Graphviz runs the layout. */
  public enum Engine {
    /** {@code dot} if it is on the PATH, else the embedded JavaScript engine. */
    AUTO,
    /** The {@code dot} program (fails if it is not installed). */
    DOT,
    /** graphviz-java's JavaScript build of Graphviz on its bundled V8 engine. */
    JAVASCRIPT
  }

  /** The most boxes and ops drawn with the JavaScript engine. */
  public static final int JAVASCRIPT_MAX_ITEMS = 1000;
  static final String INSTALL_HINT = "install Graphviz's dot program (Debian/Ubuntu:"
      + " apt-get install -y graphviz)";
  /** Pictures with more boxes and ops than this get a warning: dot slows down a lot above. */
  public static final int WARN_ITEMS = 600;
  /** How long dot may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = Logger.getLogger(GraphRenderer.class.getName());
  private static final Object LOCK = new Object();
  private static Engine current;
  /** Kept so the level sticks: the PNG rasterizer logs a warning per unknown font. */
  private static final Logger RASTERIZER_LOG = Logger.getLogger("com.kitfox.svg");

  static {
    RASTERIZER_LOG.setLevel(Level.SEVERE);
  }

  private final Engine engine;
  private final VizOptions options;
  private final Duration timeout;

  private GraphRenderer(Engine engine, VizOptions options, Duration timeout) {
    this.engine = Objects.requireNonNull(engine);
    this.options = Objects.requireNonNull(options);
    this.timeout = Objects.requireNonNull(timeout);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the layout timeout must be positive, got " + timeout);
    }
  }

  /** The automatic engine and default options (scopes collapsed to a readable picture). */
  public static GraphRenderer create() {
    return new GraphRenderer(Engine.AUTO, VizOptions.defaults(), DEFAULT_TIMEOUT);
  }

  public GraphRenderer withEngine(Engine e) {
    return new GraphRenderer(e, options, timeout);
  }

  public GraphRenderer withOptions(VizOptions o) {
    return new GraphRenderer(engine, o, timeout);
  }

  /** How long the {@code dot} program may lay out one picture before it is stopped. */
  public GraphRenderer withTimeout(Duration t) {
    return new GraphRenderer(engine, options, t);
  }

  /** A picture in both formats, from one layout. */
  public record Pictures(String svg, byte[] png) {}

  /**
   * SVG and PNG from a single Graphviz layout: {@code dot -Tsvg -Tpng} writes both from one
   * layout; with the JavaScript engine the SVG is rasterized.
   */
  public Pictures toSvgAndPng(Graph g) {
    Map<String, byte[]> out = render(g, "svg", "png");
    return new Pictures(new String(out.get("svg"), StandardCharsets.UTF_8), out.get("png"));
  }

  public void writeSvgAndPng(Graph g, Path svgFile, Path pngFile) throws IOException {
    Pictures p = toSvgAndPng(g);
    Files.writeString(svgFile, p.svg(), StandardCharsets.UTF_8);
    Files.write(pngFile, p.png());
  }

  /** PNG bytes of an SVG picture Graphviz wrote (svgSalamander, as graphviz-java does). */
  static byte[] rasterize(String svg) {
    synchronized (LOCK) {
      BufferedImage img = Rasterizer.SALAMANDER.rasterize(Graphviz.fromString("digraph{}"),
          graphics -> { }, svg);
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  /** The warning a picture of this many items gets, or null. */
  static String sizeWarning(int items) {
    if (items <= WARN_ITEMS) {
      return null;
    }
    return "this picture has " + items + " boxes and ops; Graphviz takes long above about "
        + WARN_ITEMS + " (seconds to minutes). Collapse more with VizOptions.defaults() (series"
        + " and deep scopes closed), withDepth(k) for a smaller k, or collapsing(\"gradients\")";
  }

  public String toSvg(Graph g) {
    return new String(render(g, "svg").get("svg"), StandardCharsets.UTF_8);
  }

  public byte[] toPng(Graph g) {
    return render(g, "png").get("png");
  }

  public void writeSvg(Graph g, Path file) throws IOException {
    Files.write(file, render(g, "svg").get("svg"));
  }

  public void writePng(Graph g, Path file) throws IOException {
    Files.write(file, render(g, "png").get("png"));
  }

  /** True if a {@code dot} executable is on the PATH. */
  public static boolean dotInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot"))) {
        return true;
      }
    }
    return false;
  }

  /** The engine AUTO resolves to on this machine. */
  public Engine resolvedEngine() {
    return engine != Engine.AUTO ? engine : dotInstalled() ? Engine.DOT : Engine.JAVASCRIPT;
  }

  /** One layout, written in each format ("svg", "png"). */
  private Map<String, byte[]> render(Graph g, String... formats) {
    DotExporter.Dot dot = DotExporter.export(g, options);
    Engine e = resolvedEngine();
    if (e == Engine.JAVASCRIPT && dot.visibleItems() > JAVASCRIPT_MAX_ITEMS) {
      throw new IllegalStateException("this picture has " + dot.visibleItems()
          + " boxes and ops; without Graphviz's dot program it is laid out by an embedded"
          + " JavaScript Graphviz that runs out of memory above about 2,000 (more than "
          + JAVASCRIPT_MAX_ITEMS + " are refused). Either " + INSTALL_HINT
          + ", or collapse more: VizOptions.defaults() picks a depth within a node budget,"
          + " or use withDepth(k) with a smaller k");
    }
    if (e == Engine.DOT && !dotInstalled()) {
      throw new IllegalStateException("the dot engine was asked for but no dot program is on"
          + " the PATH; " + INSTALL_HINT + ", or use Engine.AUTO");
    }
    String warning = sizeWarning(dot.visibleItems());
    if (warning != null) {
      LOG.warning(warning);
    }
    if (e == Engine.DOT) {
      try {
        return DotProcess.run(dot.text(), timeout, formats);
      } catch (DotProcess.Timeout t) {
        throw new SkeinException("Graphviz's dot did not lay out this picture of "
            + dot.visibleItems() + " boxes and ops within " + timeout.toMillis() + " ms, and"
            + " was stopped. Draw less: VizOptions.defaults() closes series and deep scopes,"
            + " withDepth(k) with a smaller k, collapsing(\"gradients\"),"
            + " withEdgeLabels(false); or allow more time with"
            + " GraphRenderer.withTimeout(Duration)", t);
      }
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] svg = renderDot(dot.text(), Format.SVG, e);
    for (String f : formats) {
      out.put(f, f.equals("svg") ? svg : rasterize(new String(svg, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Runs Graphviz on DOT text. */
  static byte[] renderDot(String dotText, Format format, Engine e) {
    synchronized (LOCK) {
      // The JavaScript Graphviz leaks memory from one layout to the next and, after a few
      // pictures, fails or hangs; a fresh engine per picture costs about half a second.
      if (current != e || e == Engine.JAVASCRIPT) {
        if (current != null) {
          Graphviz.releaseEngine();
        }
        if (e == Engine.DOT) {
          Graphviz.useEngine(new GraphvizCmdLineEngine().timeout(5, TimeUnit.MINUTES));
        } else {
          Graphviz.useEngine(new GraphvizV8Engine());
        }
        current = e;
      }
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Graphviz.fromString(dotText).render(format).toOutputStream(bytes);
        return bytes.toByteArray();
      } catch (GraphvizException ex) {
        String msg = String.valueOf(ex.getMessage());
        if (msg.contains("enlarge memory") || msg.contains("call stack")) {
          throw new IllegalStateException("the embedded JavaScript Graphviz ran out of memory"
              + " on this picture; " + INSTALL_HINT + ", or collapse more scopes", ex);
        }
        throw new IllegalStateException("Graphviz (" + e + ") failed: " + msg, ex);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }
}
