package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.state.StateOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Opens the HTML view in a real headless Chromium (Debian's chromium and chromium-driver
 * packages), clicks it and reads what it shows. Skipped when /usr/bin/chromedriver is absent.
 */
class GraphViewBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Shows up as text if escaping works, runs (and sets window.pwned) if it does not. */
  private static final String HOSTILE = "\"><img src=x onerror=\"window.pwned=1\">";
  private static final String HOSTILE_SCOPE = "<script>window.pwned=2<";

  /** Kept so the level sticks: Selenium warns when Chromium is newer than its CDP bindings. */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");
  private static ChromeDriver driver;
  @TempDir
  static Path tmp;

  @BeforeAll
  static void startBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + "; apt-get install -y"
        + " chromium chromium-driver to run the browser test");
    assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
    CDP_LOG.setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,900",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  /** x -> layer/{MatMul, BiasAdd, Tanh} -> out, with a hostile op name and a hostile scope. */
  private static Graph smallModel() {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, 3), "x");
    Output h;
    try (Graph.Scope s = g.nameScope("layer")) {
      Output w = GraphFixtures.variable(g, "layer", "w", Shape.of(3, 5));
      Output mm = GraphFixtures.op(g, "MatMul", "MatMul", Shape.of(-1, 5), x, w);
      Output mm1 = GraphFixtures.op(g, "MatMul", "MatMul_1", Shape.of(-1, 5), x, w);
      Output add = GraphFixtures.op(g, "Add", "add", Shape.of(-1, 5), mm, mm1);
      h = GraphFixtures.op(g, "Tanh", "Tanh", Shape.of(-1, 5), add);
    }
    Output out = StateOps.identity(g, h, HOSTILE);
    try (Graph.Scope s = g.nameScope(HOSTILE_SCOPE)) {
      StateOps.identity(g, StateOps.identity(g, out, "y0"), "y");
    }
    return g;
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static List<WebElement> byName(String name) {
    return driver.findElements(By.cssSelector(".node[data-name='" + name + "']"));
  }

  private void open(Graph g, String file) throws Exception {
    Path html = tmp.resolve(file);
    GraphView.writeHtml(g, html);
    driver.get(html.toUri().toString());
  }

  private static void screenshot(String name) throws Exception {
    driver.findElement(By.id("zoom-fit")).click();
    Path dir = Files.createDirectories(Path.of("target", "viz-screenshots"));
    Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void clickingCollapsedScope_showsItsOps() throws Exception {
    open(smallModel(), "small.html");
    WebElement box = driver.findElement(By.cssSelector(".box[data-path='layer']"));
    assertTrue(box.getText().contains("layer"), box.getText());
    assertTrue(byName("layer/MatMul").isEmpty(), "scopes start collapsed");

    box.click();

    assertEquals(1, byName("layer/MatMul").size());
    assertEquals(1, byName("layer/Tanh").size());
    assertEquals(1, driver.findElements(By.cssSelector(".cluster[data-path='layer']")).size());
    assertTrue(driver.findElements(By.cssSelector(".box[data-path='layer']")).isEmpty());
    screenshot("small-expanded.png");

    driver.findElement(By.cssSelector(".cluster[data-path='layer'] .cluster-head")).click();
    assertTrue(byName("layer/MatMul").isEmpty(), "clicking the scope's name closes it");
  }

  @Test
  void hoveringOp_showsTypeShapesInputsAndCreationLine() throws Exception {
    open(smallModel(), "hover.html");
    driver.findElement(By.cssSelector(".box[data-path='layer']")).click();
    new Actions(driver).moveToElement(byName("layer/MatMul_1").get(0)).perform();
    String tip = driver.findElement(By.id("tip")).getText();
    assertTrue(tip.contains("layer/MatMul_1"), tip);
    assertTrue(tip.contains("type: MatMul"), tip);
    assertTrue(tip.contains("float32 (?, 5)"), tip);
    assertTrue(tip.contains("in: x:0 float32 (?, 3)"), tip);
    assertTrue(tip.contains("GraphViewBrowserTest.java:"), tip);
  }

  @Test
  void search_opensScopesAndHighlightsTheOp() throws Exception {
    open(smallModel(), "search.html");
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("tanh");
    assertEquals("1 match", driver.findElement(By.id("matches")).getText());
    search.sendKeys(Keys.ENTER);
    List<WebElement> tanh = byName("layer/Tanh");
    assertEquals(1, tanh.size());
    assertTrue(tanh.get(0).getAttribute("class").contains("found"));
  }

  @Test
  void hostileNames_areShownAsText() throws Exception {
    open(smallModel(), "hostile.html");
    js("document.getElementById('expand-all').click();");
    assertNull(js("return window.pwned === undefined ? null : window.pwned;"));
    assertTrue(driver.findElements(By.tagName("img")).isEmpty());
    assertEquals(2L, js("return document.scripts.length;"));
    WebElement node = (WebElement) js("return Array.from(document.querySelectorAll('.node'))"
        + ".find(e => e.getAttribute('data-name') === arguments[0]);", HOSTILE);
    assertEquals(HOSTILE, node.findElement(By.cssSelector("text.l1")).getText());
    WebElement scope = (WebElement) js("return Array.from(document.querySelectorAll('.cluster'))"
        + ".find(e => e.getAttribute('data-path') === arguments[0]);", HOSTILE_SCOPE);
    assertTrue(scope.getText().contains(HOSTILE_SCOPE), scope.getText());
    new Actions(driver).moveToElement(node).perform();
    assertTrue(driver.findElement(By.id("tip")).getText().contains(HOSTILE));
    assertNull(js("return window.pwned === undefined ? null : window.pwned;"));
  }

  private static double[] transform() {
    String t = (String) js("return document.getElementById('scene').getAttribute('transform');");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "translate\\(([-\\d.]+),([-\\d.]+)\\) scale\\(([-\\d.]+)\\)").matcher(t);
    assertTrue(m.matches(), t);
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3))};
  }

  private static WebElement box(String path) {
    return (WebElement) js("return Array.from(document.querySelectorAll('.box'))"
        + ".find(e => e.getAttribute('data-path') === arguments[0]) || null;", path);
  }

  /**
   * Notebook 002's static model (LSTM(150) over 28 steps, dense layer, loss, gradients and an
   * optimizer; 2,537 ops): steps 1..27 are one stacked series box that opens on click; an op's
   * card stays, names its inputs as links that select them; the wheel zooms at the cursor and a
   * drag pans.
   */
  @Test
  void unrolledLstm_seriesOpensOnClick_cardStays_zoomAndPan() throws Exception {
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    open(g, "lstm.html");
    screenshot("lstm-collapsed.png");
    driver.findElement(By.cssSelector(".box[data-path='rnn']")).click();
    WebElement series = box("rnn/basic_lstm_cell_[1-27]");
    assertTrue(series != null, "one series box for steps 1..27");
    assertTrue(series.getAttribute("class").contains("series"));
    assertEquals("basic_lstm_cell_[1-27]\n27 \u00d7 scopes, 459 ops", series.getText());
    assertEquals(0, driver.findElements(
        By.cssSelector(".box[data-path='rnn/basic_lstm_cell_5']")).size(), "steps stay inside");
    assertEquals(1, driver.findElements(
        By.cssSelector(".box[data-path='rnn/basic_lstm_cell']")).size(), "step 0 beside it");
    assertEquals(1, driver.findElements(By.cssSelector(".node.aux[data-name='init']")).size(),
        "init is set aside");
    screenshot("lstm-rnn-open.png");
    // Shown edge labels cover neither each other nor a box.
    assertTrue(((Number) js("return Array.from(document.querySelectorAll('#graph .elabel'))"
        + ".filter(e => getComputedStyle(e).display !== 'none').length;")).intValue() > 5,
        "most labels are shown");
    assertEquals(0L, js("var r = Array.from(document.querySelectorAll('#graph .elabel'))"
        + ".filter(e => getComputedStyle(e).display !== 'none')"
        + ".map(e => e.getBoundingClientRect());"
        + "var b = Array.from(document.querySelectorAll('#graph .item'))"
        + ".map(e => e.getBoundingClientRect());"
        + "function o(p, q) { return p.left < q.right - 0.5 && q.left < p.right - 0.5"
        + " && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5; }"
        + "var n = 0; r.forEach((p, i) => { r.forEach((q, j) => { if (i < j && o(p, q)) n++; });"
        + " b.forEach(q => { if (o(p, q)) n++; }); }); return n;"));

    series.click();
    for (int t = 1; t < 28; t++) {
      assertEquals(1, driver.findElements(
          By.cssSelector(".box[data-path='rnn/basic_lstm_cell_" + t + "']")).size(), "" + t);
    }
    screenshot("lstm-series-open.png");
    driver.findElement(By.cssSelector(".box[data-path='rnn/basic_lstm_cell_5']")).click();
    assertEquals(1, byName("rnn/basic_lstm_cell_5/MatMul").size());

    // The card: opens on click and stays when the pointer leaves.
    WebElement matmul = byName("rnn/basic_lstm_cell_5/MatMul").get(0);
    js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", matmul);
    new Actions(driver).moveToElement(driver.findElement(By.id("search"))).perform();
    WebElement card = driver.findElement(By.id("card"));
    assertTrue(card.isDisplayed());
    assertEquals("rnn/basic_lstm_cell_5/MatMul",
        driver.findElement(By.id("card-name")).getAttribute("value"));
    assertEquals("type: MatMul", driver.findElement(By.id("card-type")).getText());
    String inputs = driver.findElement(By.id("card-inputs")).getText();
    assertTrue(inputs.contains("rnn/basic_lstm_cell_5/concat:0 float32 (?, 178)"), inputs);
    assertTrue(inputs.contains("rnn/basic_lstm_cell/kernel/read:0 float32 (178, 600)"), inputs);
    String outputs = driver.findElement(By.id("card-outputs")).getText();
    assertTrue(outputs.contains(":0 float32 (?, 600) \u2192 rnn/basic_lstm_cell_5/BiasAdd"),
        outputs);
    String site = driver.findElement(By.id("card-site")).getText();
    assertTrue(site.startsWith("created at: dev.skein.viz.GraphViewBrowserTest.unrolled"), site);
    // An input is a link that selects that op (opening its scope) and shows its card.
    driver.findElement(By.cssSelector("#card-inputs a[data-op='rnn/basic_lstm_cell/kernel/read']"))
        .click();
    assertEquals("rnn/basic_lstm_cell/kernel/read",
        driver.findElement(By.id("card-name")).getAttribute("value"));
    assertTrue(byName("rnn/basic_lstm_cell/kernel/read").get(0).getAttribute("class")
        .contains("selected"));
    driver.findElement(By.id("card-close")).click();
    assertFalse(card.isDisplayed());

    // Wheel zoom at a point keeps that point where it is; a drag pans by the drag.
    WebElement canvas = driver.findElement(By.id("canvas"));
    double[] t0 = transform();
    new Actions(driver).scrollFromOrigin(org.openqa.selenium.interactions.WheelInput.ScrollOrigin
        .fromElement(canvas, -300, -200), 0, -200).perform();
    double[] t1 = transform();
    assertTrue(t1[2] > t0[2] * 1.2, "zoomed in: " + t0[2] + " -> " + t1[2]);
    // The canvas point under the cursor (its centre -300, -200) maps to the same scene point.
    org.openqa.selenium.Rectangle r = canvas.getRect();
    double cx = r.width / 2.0 - 300;
    double cy = r.height / 2.0 - 200;
    assertEquals((cx - t0[0]) / t0[2], (cx - t1[0]) / t1[2], 2.0);
    assertEquals((cy - t0[1]) / t0[2], (cy - t1[1]) / t1[2], 2.0);
    new Actions(driver).moveToElement(canvas, -r.width / 2 + 8, -r.height / 2 + 8)
        .clickAndHold().moveByOffset(120, 70).release().perform();
    double[] t2 = transform();
    assertEquals(t1[0] + 120, t2[0], 1.5);
    assertEquals(t1[1] + 70, t2[1], 1.5);
    assertEquals(t1[2], t2[2], 1e-9, "panning keeps the scale");
    // Fit centres the picture in the window.
    driver.findElement(By.id("zoom-fit")).click();
    Object bounds = js("var b = document.getElementById('scene').getBoundingClientRect(),"
        + " c = document.getElementById('canvas').getBoundingClientRect();"
        + " return [b.left + b.width / 2 - c.left - c.width / 2,"
        + " b.top + b.height / 2 - c.top - c.height / 2];");
    for (Object o : (List<?>) bounds) {
      assertTrue(Math.abs(((Number) o).doubleValue()) < 30, "centred: " + bounds);
    }
    assertTrue(driver.findElement(By.id("mini")).isDisplayed(), "a minimap");

    long t3 = System.nanoTime();
    js("document.getElementById('expand-all').click();");
    long ms = (System.nanoTime() - t3) / 1_000_000;
    assertEquals(g.numOperations(), ((Number) js(
        "return document.querySelectorAll('#graph .node').length;")).intValue());
    System.out.println("expand all of " + g.numOperations() + " ops in the browser: " + ms
        + " ms");
    assertFalse(ms > 20_000, "expand all took " + ms + " ms");
  }

  @Test
  void smallGraph_fitEnlargesIt() throws Exception {
    open(smallModel(), "fit.html");
    driver.findElement(By.id("zoom-fit")).click();
    assertTrue(transform()[2] > 1.0, "a small graph is shown larger than 1:1: " + transform()[2]);
  }

  @Test
  void card_ofALoopBodyCapture_linksTheOuterValue() throws Exception {
    Graph g = ControlFlowVizTest.loop();
    ScopeTree t = ScopeTree.of(g);
    ScopeTree.Node captured = t.nodes.stream().filter(n -> n.capturedFrom != null
        && n.capturedFrom.op.name().equals("Const")).findFirst().orElseThrow();
    open(g, "loop.html");
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys(captured.name);
    search.sendKeys(Keys.ENTER);
    js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));",
        byName(captured.name).get(0));
    String row = driver.findElement(By.id("card-captured")).getText();
    assertEquals("captured from: Const (the outer value this loop body reads)", row);
    driver.findElement(By.cssSelector("#card-captured a")).click();
    assertEquals("Const", driver.findElement(By.id("card-name")).getAttribute("value"));
  }
}
