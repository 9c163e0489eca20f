package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skein.core.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver packages) for the HTML view's
 * browser tests, one per test class, and what they ask of the page. The tests are skipped when
 * /usr/bin/chromedriver is absent.
 */
abstract class BrowserTestBase {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Kept so the level sticks: Selenium warns when Chromium is newer than its CDP bindings. */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");
  static ChromeDriver driver;
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
      driver = null;
    }
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The drawn ops of this (drawn) name. */
  static List<WebElement> byName(String name) {
    return driver.findElements(By.cssSelector(".node[data-name='" + name + "']"));
  }

  /** The closed scope or series box of this path, or null. */
  static WebElement box(String path) {
    return (WebElement) js("return Array.from(document.querySelectorAll('.box'))"
        + ".find(e => e.getAttribute('data-path') === arguments[0]) || null;", path);
  }

  /** A click that reaches the element even where it is outside the window. */
  static void click(WebElement e) {
    js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", e);
  }

  static void open(Graph g, String file) throws Exception {
    Path html = tmp.resolve(file);
    GraphView.writeHtml(g, html);
    driver.get(html.toUri().toString());
  }

  /** Fits the picture to the window and saves a screenshot under target/viz-screenshots. */
  static void screenshot(String name) throws Exception {
    driver.findElement(By.id("zoom-fit")).click();
    screenshotAsShown(name);
  }

  /** Saves a screenshot of the window as it is under target/viz-screenshots. */
  static void screenshotAsShown(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "viz-screenshots"));
    Files.write(dir.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** The scene's translate x, y and scale. */
  static double[] transform() {
    String t = (String) js("return document.getElementById('scene').getAttribute('transform');");
    Matcher m = Pattern.compile("translate\\(([-\\d.]+),([-\\d.]+)\\) scale\\(([-\\d.]+)\\)")
        .matcher(t);
    assertTrue(m.matches(), t);
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3))};
  }
}
