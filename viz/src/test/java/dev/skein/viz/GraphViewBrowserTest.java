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
      StateOps.identity(g, out, "y");
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

  @Test
  void unrolledLstm_opensRnnIntoItsSteps() throws Exception {
    Graph g = GraphFixtures.staticLstm(28, 28, 150, 10);
    open(g, "lstm.html");
    screenshot("lstm-collapsed.png");
    driver.findElement(By.cssSelector(".box[data-path='rnn']")).click();
    assertEquals(1, driver.findElements(
        By.cssSelector(".box[data-path='rnn/basic_lstm_cell_27']")).size());
    driver.findElement(By.cssSelector(".box[data-path='rnn/basic_lstm_cell_5']")).click();
    assertEquals(1, byName("rnn/basic_lstm_cell_5/MatMul").size());
    screenshot("lstm-rnn-step5.png");
    long t0 = System.nanoTime();
    js("document.getElementById('expand-all').click();");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(g.numOperations(), ((Number) js(
        "return document.querySelectorAll('.node').length;")).intValue());
    System.out.println("expand all of " + g.numOperations() + " ops in the browser: " + ms
        + " ms");
    assertFalse(ms > 20_000, "expand all took " + ms + " ms");
  }
}
