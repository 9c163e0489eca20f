package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.state.StateOps;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Opens the HTML view of small graphs in a real headless Chromium, clicks it and reads what it
 * shows (notebook 002's model: {@link Notebook002BrowserTest}).
 */
class GraphViewBrowserTest extends BrowserTestBase {
  /** Shows up as text if escaping works, runs (and sets window.pwned) if it does not. */
  private static final String HOSTILE = "\"><img src=x onerror=\"window.pwned=1\">";
  private static final String HOSTILE_SCOPE = "<script>window.pwned=2<";

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
