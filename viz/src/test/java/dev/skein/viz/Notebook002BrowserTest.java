package dev.skein.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.AdamOptimizer;
import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.ops.Ops;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.Rnn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * Notebook 002's model as its port builds it (LSTM(150) over 28 steps of 28 inputs, a dense
 * layer of 10, sparse softmax cross entropy, Adam, accuracy by in_top_k), unrolled by staticRnn
 * and looped by dynamicRnn, drawn by the HTML view in a real headless Chromium.
 */
class Notebook002BrowserTest extends BrowserTestBase {
  static Graph model(boolean unrolled) {
    Graph g = new Graph();
    g.setSeed(42);
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT32, Shape.of(-1, 28, 28), "X");
    Output y = tf.placeholder(DType.INT32, Shape.of(-1), "y");
    BasicLstmCell cell = new BasicLstmCell(tf, 150);
    Output h = unrolled
        ? Rnn.staticRnn(tf, cell, tf.unstack(tf.transpose(x, new int[] {1, 0, 2}))).state().h()
        : Rnn.dynamicRnn(tf, cell, x, null).state().h();
    Output logits = Layers.dense(tf, h, 10);
    Output loss = tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    new AdamOptimizer(tf, 0.001).minimize(loss);
    tf.reduceMean(tf.cast(tf.inTopK(logits, y, 1), DType.FLOAT32));
    tf.globalVariablesInitializer();
    return g;
  }

  private static String legend() {
    return driver.findElement(By.id("legend")).getText();
  }

  private static List<String> openClusters() {
    List<String> paths = new ArrayList<>();
    for (WebElement e : driver.findElements(By.cssSelector(".cluster"))) {
      paths.add(e.getAttribute("data-path"));
    }
    return paths;
  }

  private static String style(WebElement e, String property) {
    return (String) js("return getComputedStyle(arguments[0])[arguments[1]];", e, property);
  }

  /** Steps 1..27 are one series box that opens into one straight column; card; zoom; pan. */
  @Test
  void unrolled_seriesOpensIntoOneColumn_cardStays_zoomAndPan() throws Exception {
    Graph g = model(true);
    Pattern step = Pattern.compile("rnn/basic_lstm_cell_([1-9]|1[0-9]|2[0-7])/.*");
    long stepOps = g.operations().stream().filter(o -> step.matcher(o.name()).matches()).count();
    open(g, "lstm002-static.html");
    screenshot("lstm002-collapsed.png");
    click(box("rnn"));
    screenshot("lstm002-rnn-open.png");
    WebElement series = box("rnn/basic_lstm_cell_[1-27]");
    assertNotNull(series, "one series box for steps 1..27");
    assertTrue(series.getAttribute("class").contains("series"));
    assertEquals("basic_lstm_cell_[1-27]\n27 \u00d7 scopes, " + stepOps + " ops",
        series.getText());
    assertEquals(81, stepOps, "concat, MatMul and LSTMGates per step");
    assertTrue(box("rnn/basic_lstm_cell_5") == null, "the steps stay inside the series");
    assertNotNull(box("rnn/basic_lstm_cell"), "step 0 (with the variables) beside it");
    assertEquals(1, driver.findElements(By.cssSelector(".node.aux[data-name='init']")).size(),
        "init is set aside");
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

    click(series);
    List<?> centres = (List<?>) js("var r = [];"
        + "for (var t = 0; t < 28; t++) { var e = Array.from(document.querySelectorAll('.box'))"
        + ".find(x => x.getAttribute('data-path') === 'rnn/basic_lstm_cell' + (t ? '_' + t : ''));"
        + " if (!e) { return 'no box for step ' + t; }"
        + " var b = e.getBBox(); r.push(b.x + b.width / 2); } return r;");
    double x0 = ((Number) centres.get(0)).doubleValue();
    for (int t = 1; t < 28; t++) {
      assertEquals(x0, ((Number) centres.get(t)).doubleValue(), 0.5,
          "the chain of steps stands in one column, step " + t + ": " + centres);
    }
    screenshot("lstm002-series-open.png");
    Object off = js("var b = document.getElementById('scene').getBoundingClientRect(),"
        + " c = document.getElementById('canvas').getBoundingClientRect();"
        + " return [b.left + b.width / 2 - c.left - c.width / 2,"
        + " b.top + b.height / 2 - c.top - c.height / 2];");
    for (Object o : (List<?>) off) {
      assertTrue(Math.abs(((Number) o).doubleValue()) < 30, "fit centres the column: " + off);
    }
    click(box("rnn/basic_lstm_cell_5"));

    // The card opens on click and stays when the pointer leaves.
    click(byName("rnn/basic_lstm_cell_5/MatMul").get(0));
    new Actions(driver).moveToElement(driver.findElement(By.id("search"))).perform();
    WebElement card = driver.findElement(By.id("card"));
    assertTrue(card.isDisplayed());
    assertEquals("rnn/basic_lstm_cell_5/MatMul",
        driver.findElement(By.id("card-name")).getAttribute("value"));
    assertEquals("type: MatMul", driver.findElement(By.id("card-type")).getText());
    String inputs = driver.findElement(By.id("card-inputs")).getText();
    assertTrue(inputs.contains("rnn/basic_lstm_cell_5/concat:0 float32 (?, 178)"), inputs);
    assertTrue(inputs.contains("rnn/basic_lstm_cell/kernel:0 float32 (178, 600)"), inputs);
    String outputs = driver.findElement(By.id("card-outputs")).getText();
    assertTrue(outputs.contains(":0 float32 (?, 600) \u2192 rnn/basic_lstm_cell_5/LSTMGates"),
        outputs);
    String site = driver.findElement(By.id("card-site")).getText();
    assertTrue(site.startsWith("created at: dev.skein.viz.Notebook002BrowserTest.model("), site);
    // An input is a link that selects that op (opening its scope) and shows its card.
    click(driver.findElement(By.cssSelector("#card-inputs a[data-op='rnn/basic_lstm_cell/kernel']")));
    assertEquals("rnn/basic_lstm_cell/kernel",
        driver.findElement(By.id("card-name")).getAttribute("value"));
    assertTrue(byName("rnn/basic_lstm_cell/kernel").get(0).getAttribute("class")
        .contains("selected"));
    driver.findElement(By.id("card-close")).click();
    assertFalse(card.isDisplayed());
    // Search centres the op; zoomed in to 1:1 there, its card open: the README's picture.
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("rnn/basic_lstm_cell_5/MatMul");
    search.sendKeys(Keys.ENTER);
    for (int i = 0; i < 40 && transform()[2] < 0.95; i++) {
      driver.findElement(By.id("zoom-in")).click();
    }
    click(byName("rnn/basic_lstm_cell_5/MatMul").get(0));
    assertTrue(card.isDisplayed());
    screenshotAsShown("lstm002-series-open-card.png");
    driver.findElement(By.id("card-close")).click();

    // Wheel zoom at a point keeps that point where it is; a drag pans by the drag.
    WebElement canvas = driver.findElement(By.id("canvas"));
    double[] t0 = transform();
    new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas, -300, -200),
        0, -200).perform();
    double[] t1 = transform();
    assertTrue(t1[2] > t0[2] * 1.2, "zoomed in: " + t0[2] + " -> " + t1[2]);
    Rectangle r = canvas.getRect();
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
    assertTrue(driver.findElement(By.id("mini")).isDisplayed(), "a minimap");
  }

  /**
   * The first view fits clear of the minimap; a chain of single-child scopes is one group with
   * the joined path as its label, so search opens it once; a scope holding one op is drawn as
   * that op; the legend has the loop, control and reference entries, drawn like the page's own.
   */
  @Test
  void unrolled_mergedScopes_singleOpScopes_legend() throws Exception {
    Graph g = model(true);
    open(g, "lstm002-legend.html");
    Rectangle mini = driver.findElement(By.id("mini")).getRect();
    Object scene = js("var b = document.getElementById('scene-content').getBoundingClientRect();"
        + " return [b.right, b.bottom];");
    List<?> rb = (List<?>) scene;
    assertTrue(((Number) rb.get(0)).doubleValue() <= mini.x
        || ((Number) rb.get(1)).doubleValue() <= mini.y,
        "the fitted picture " + scene + " stays clear of the minimap at " + mini);

    // dense/kernel/Initializer holds only random_uniform: one group, one level to open.
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("dense/kernel/Initializer/random_uniform/shape");
    search.sendKeys(Keys.ENTER);
    assertEquals(List.of("dense", "dense/kernel", "dense/kernel/Initializer/random_uniform"),
        openClusters());
    WebElement merged = driver.findElement(By.cssSelector(
        ".cluster[data-path='dense/kernel/Initializer/random_uniform'] .cluster-head"));
    assertEquals("\u25BE Initializer/random_uniform", merged.getText());
    assertEquals(1, byName("dense/kernel/Initializer/random_uniform/shape").size());

    // The loss's scope holds one op: the op itself is drawn at the top, no scope box.
    List<Operation> inLoss = g.operations().stream()
        .filter(o -> o.name().startsWith("sparse_softmax_cross_entropy_with_logits/")).toList();
    assertEquals(1, inLoss.size(), "" + inLoss);
    driver.findElement(By.id("collapse-all")).click();
    assertEquals(1, byName(inLoss.get(0).name()).size());
    assertTrue(box("sparse_softmax_cross_entropy_with_logits") == null);

    // A long merged path is cut in the middle on its box; hovering shows it whole.
    click(box("gradients"));
    String lossGrad = "sparse_softmax_cross_entropy_with_logits/"
        + "SparseSoftmaxCrossEntropyWithLogits_grad";
    WebElement cut = box("gradients/" + lossGrad);
    assertEquals(lossGrad.substring(0, 14) + "\u2026" + lossGrad.substring(lossGrad.length() - 29)
        + "\n4 ops", cut.getText());
    new Actions(driver).moveToElement(cut).perform();
    assertTrue(driver.findElement(By.id("tip")).getText().startsWith("gradients/" + lossGrad),
        driver.findElement(By.id("tip")).getText());

    String legend = legend();
    for (String entry : List.of("loop", "gradient loop", "control", "reference", "set aside")) {
      assertTrue(legend.contains(entry), entry + " in " + legend);
    }
    // The legend's samples are drawn like the edges they explain.
    for (String kind : List.of("control", "ref")) {
      WebElement sample = driver.findElement(By.cssSelector("#legend path.edge." + kind));
      WebElement drawn = driver.findElement(By.cssSelector("#graph path.edge." + kind));
      assertEquals(style(drawn, "strokeDasharray"), style(sample, "strokeDasharray"), kind);
      assertFalse("none".equals(style(sample, "strokeDasharray")), kind + " is dashed");
    }
    assertEquals(style(driver.findElement(By.cssSelector("#graph path.edge.ref")), "stroke"),
        style(driver.findElement(By.cssSelector("#legend path.edge.ref")), "stroke"));
  }

  /**
   * dynamicRnn's loop and its gradient loop: the gradient While is drawn in the gradients'
   * dashed violet, the forward one in the loop's; a gradient body op is drawn under its loop's
   * path once (the gradient builder names it without repeating the loop's path) and its card
   * names it, which search finds.
   */
  @Test
  void looped_gradientWhileDrawnAsGradient_bodyOpKeepsItsOwnName() throws Exception {
    Graph g = model(false);
    Operation gradWhile = g.operation("gradients/rnn/while_grad/while");
    Graph body = gradWhile.type().subgraphs().get("body");
    String prefix = "gradients/rnn/while_grad/while/body/grad/";
    Operation deep = body.operations().stream()
        .filter(o -> o.name().startsWith(prefix) && o.type().typeName().equals("MatMul"))
        .findFirst().orElseThrow();
    assertFalse(deep.name().substring(prefix.length()).contains("while_grad"),
        "a body op's gradient is named without the loop's path repeated: " + deep.name());
    String drawnName = deep.name();
    open(g, "lstm002-dynamic.html");
    click(box("rnn"));
    click(box("gradients"));
    click(box("gradients/rnn/while_grad"));
    WebElement fwd = box("rnn/while");
    WebElement grad = box("gradients/rnn/while_grad/while");
    assertTrue(fwd.getAttribute("class").contains("loop"), fwd.getAttribute("class"));
    assertFalse(fwd.getAttribute("class").contains("grad"), fwd.getAttribute("class"));
    assertTrue(grad.getAttribute("class").contains("loop grad"), grad.getAttribute("class"));
    WebElement fwdShape = fwd.findElement(By.cssSelector(".shape"));
    WebElement gradShape = grad.findElement(By.cssSelector(".shape"));
    assertEquals("rgb(109, 40, 217)", style(fwdShape, "stroke"), "the loop's violet");
    assertEquals("rgb(192, 132, 252)", style(gradShape, "stroke"), "the gradients' violet");
    assertEquals("none", style(fwdShape, "strokeDasharray"));
    assertFalse("none".equals(style(gradShape, "strokeDasharray")), "dashed like gradients");
    screenshot("lstm002-dynamic-gradients.png");

    driver.findElement(By.id("collapse-all")).click();
    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys(deep.name());
    long containing = body.operations().stream()
        .filter(o -> o.name().contains(deep.name())).count();
    assertEquals(containing + " matches", driver.findElement(By.id("matches")).getText());
    assertTrue(containing > 1, "MatMul_1 contains the name too: the exact match comes first");
    search.sendKeys(Keys.ENTER);
    assertEquals(List.of("gradients", "gradients/rnn/while_grad",
        "gradients/rnn/while_grad/while", "gradients/rnn/while_grad/while/body",
        "gradients/rnn/while_grad/while/body/grad/basic_lstm_cell",
        "gradients/rnn/while_grad/while/body/grad/basic_lstm_cell/MatMul_grad"),
        openClusters(), "six levels open, the loop's path not repeated");
    List<WebElement> found = byName(drawnName);
    assertEquals(1, found.size(), drawnName);
    assertTrue(found.get(0).getAttribute("class").contains("found"));
    click(found.get(0));
    assertEquals(deep.name(), driver.findElement(By.id("card-name")).getAttribute("value"));
  }
}
