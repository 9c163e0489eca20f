package dev.skein.autodiff.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientDescentOptimizer;
import dev.skein.autodiff.train.DataSource;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.SummaryListener;
import dev.skein.autodiff.train.Trainer;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {
  @TempDir
  Path dir;

  @Test
  void scalarSummaries_evaluateAndReadBackFromCsv() throws IOException {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1), "x");
    Summaries s = new Summaries().scalar("mean", tf.reduceMean(x))
        .scalar("sum/all", tf.reduceSum(x));
    Path file = dir.resolve("logs/run1.csv");
    try (Session sess = new Session(g); SummaryWriter w = new CsvSummaryWriter(file)) {
      double[][] batches = {{1, 2, 3}, {0.1, 0.2}};
      for (int step = 0; step < batches.length; step++) {
        Map<String, Double> v = s.evaluate(sess,
            Map.of(x, Tensor.create(Shape.of(batches[step].length), batches[step])));
        w.addSummary(v, step * 10L);
      }
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals("step,tag,value", lines.get(0));
    assertEquals(5, lines.size());
    String[] last = lines.get(4).split(",");
    assertEquals("10", last[0]);
    assertEquals("sum/all", last[1]);
    assertEquals(0.1 + 0.2, Double.parseDouble(last[2]), 0.0); // exact round trip
    assertEquals("0,mean,2.0", lines.get(1));
    assertEquals("0,sum/all,6.0", lines.get(2));
    assertEquals(0.15000000000000002, Double.parseDouble(lines.get(3).split(",")[2]), 1e-16);
  }

  @Test
  void append_keepsOneHeader() throws IOException {
    Path file = dir.resolve("a.csv");
    try (CsvSummaryWriter w = new CsvSummaryWriter(file)) {
      w.addScalar("loss", 1.5, 1);
    }
    try (CsvSummaryWriter w = new CsvSummaryWriter(file, true)) {
      w.addScalar("loss", 0.75, 2);
    }
    assertEquals(List.of("step,tag,value", "1,loss,1.5", "2,loss,0.75"),
        Files.readAllLines(file));
  }

  @Test
  void tee_writesEveryValueToEachWriter() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    try (SummaryWriter w = SummaryWriter.tee(new CsvSummaryWriter(a), new CsvSummaryWriter(b))) {
      w.addSummary(new java.util.LinkedHashMap<>(java.util.Map.of("loss", 0.5)), 3);
      w.addScalar("val/acc", 0.25, 4);
    }
    List<String> expected = List.of("step,tag,value", "3,loss,0.5", "4,val/acc,0.25");
    assertEquals(expected, Files.readAllLines(a));
    assertEquals(expected, Files.readAllLines(b));
  }

  @Test
  void badTagsAndShapes_areClearErrors() {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output v = tf.constant(new double[] {1, 2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Summaries().scalar("vec", v));
    assertTrue(e.getMessage().contains("'vec'") && e.getMessage().contains("scalar"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Summaries().scalar("a,b", tf.constant(1.0)));
    assertThrows(IllegalArgumentException.class,
        () -> new Summaries().scalar("a", tf.constant(1.0)).scalar("a", tf.constant(2.0)));
  }

  @Test
  void summaryListener_writesTheTrainersHistory() throws IOException {
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1), "x");
    Variable w = tf.variable(tf.constant(2.0), "w");
    Output loss = tf.reduceMean(tf.square(tf.mul(w, x)));
    Operation train = new GradientDescentOptimizer(tf, 0.05).minimize(loss);
    DataSource data = DataSource.of(List.of(
        Map.of(x, Tensor.create(Shape.of(2), new double[] {1, 2})),
        Map.of(x, Tensor.create(Shape.of(1), new double[] {3}))));
    Path file = dir.resolve("train.csv");
    History h;
    try (Session s = new Session(g); SummaryWriter csv = new CsvSummaryWriter(file)) {
      s.run(tf.globalVariablesInitializer());
      h = new Trainer(s, train, loss).validation(data, Map.of("mse", loss))
          .listener(new SummaryListener(csv)).fit(data, 2);
    }
    List<String> lines = Files.readAllLines(file);
    // per epoch: two batch_loss lines, then loss and val/mse
    assertEquals(1 + 2 * 4, lines.size());
    String[] epoch2 = lines.get(7).split(",");
    assertEquals(List.of("2", "loss"), List.of(epoch2[0], epoch2[1]));
    assertEquals(h.epochLosses().get(1), Double.parseDouble(epoch2[2]), 0.0);
    String[] batch3 = lines.get(5).split(",");
    assertEquals(List.of("2", "batch_loss"), List.of(batch3[0], batch3[1]));
    assertEquals(h.batchLosses().get(2), Double.parseDouble(batch3[2]), 0.0);
    assertEquals("2,val/mse," + h.metric("mse").get(1), lines.get(8));
  }
}
