package dev.skein.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.GradientDescentOptimizer;
import dev.skein.autodiff.summary.CsvSummaryWriter;
import dev.skein.autodiff.summary.SummaryWriter;
import dev.skein.autodiff.train.Batches;
import dev.skein.autodiff.train.History;
import dev.skein.autodiff.train.SummaryListener;
import dev.skein.autodiff.train.Trainer;
import dev.skein.autodiff.train.TrainingListener;
import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.ops.Ops;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveListenerTest {
  @TempDir
  Path dir;

  @Test
  void aTrainersLossCurve_decodes_andFallsAlongTheBatches() throws Exception {
    // y = 3x - 1 learnt by gradient descent from w = b = 0: the loss falls epoch after epoch
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output x = tf.placeholder(DType.FLOAT64, Shape.of(-1), "x");
    Output y = tf.placeholder(DType.FLOAT64, Shape.of(-1), "y");
    Output w = tf.variable(tf.constant(0.0), "w");
    Output b = tf.variable(tf.constant(0.0), "b");
    Output loss = tf.reduceMean(tf.square(tf.sub(tf.add(tf.mul(w, x), b), y)));
    Operation train = new GradientDescentOptimizer(tf, 0.05).minimize(loss);
    double[] xs = new double[40];
    double[] ys = new double[40];
    for (int i = 0; i < 40; i++) {
      xs[i] = i / 20.0;
      ys[i] = 3 * xs[i] - 1;
    }
    Map<Output, Tensor> data = Map.of(x, Tensor.create(Shape.of(40), xs),
        y, Tensor.create(Shape.of(40), ys));
    Path png = dir.resolve("curves/loss.png");
    List<Boolean> existedAfterEpoch = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    History h;
    try (Session s = new Session(g);
        SummaryWriter summaries = SummaryWriter.tee(
            new CsvSummaryWriter(dir.resolve("logs/train.csv")),
            new PlotSummaryWriter(dir.resolve("logs")).group("losses", "loss", "val/mse"))) {
      s.run(tf.globalVariablesInitializer());
      h = new Trainer(s, train, loss)
          .validation(Batches.inOrder(data, 40), Map.of("mse", loss))
          .listener(new LossCurveListener(png, "y = 3x - 1", 600, 400))
          .listener(new SummaryListener(summaries))
          .listener(new ProgressListener(new PrintStream(log, true, StandardCharsets.UTF_8),
              ProgressMode.LINES))
          .listener(new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, double l, Map<String, Double> m) {
              existedAfterEpoch.add(Files.exists(png));
            }
          })
          .fit(Batches.shuffled(data, 4, 1), 10);
    }
    assertEquals(List.of(true, true, true, true, true, true, true, true, true, true),
        existedAfterEpoch);
    assertTrue(h.epochLosses().get(9) < h.epochLosses().get(0) / 10, h.epochLosses().toString());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(600, img.getWidth());
    assertEquals(400, img.getHeight());
    int[] low = Pixels.lowest(img, LinePlot.PALETTE[0]);
    // the batch losses span most of the plot's width (the epoch means' line covers some of
    // their pixels near the end, where both are flat)
    assertTrue(Pixels.columns(low) > 0.5 * 600, "columns " + Pixels.columns(low));
    double left = Pixels.meanOfEnd(low, 10, true);
    double right = Pixels.meanOfEnd(low, 10, false);
    assertTrue(right - left > 150, "left " + left + ", right " + right);
    assertTrue(Pixels.count(img, LinePlot.PALETTE[1]) > 30, "the epoch means' dots");
    // the summaries: the CSV holds 100 batch losses and 10 epoch values of each tag ...
    List<String> csv = Files.readAllLines(dir.resolve("logs/train.csv"));
    assertEquals(1 + 100 + 10 + 10, csv.size());
    assertEquals("10,val/mse," + h.metric("mse").get(9), csv.get(csv.size() - 1));
    // ... and the plots: one per tag, the loss and the validation loss together
    for (String f : List.of("batch_loss.png", "losses.png")) {
      BufferedImage p = ImageIO.read(dir.resolve("logs").resolve(f).toFile());
      assertEquals(800, p.getWidth(), f);
      assertTrue(Pixels.count(p, LinePlot.PALETTE[0]) > 50, f);
    }
    assertTrue(Pixels.count(ImageIO.read(dir.resolve("logs/losses.png").toFile()),
        LinePlot.PALETTE[1]) > 50, "val/mse in the losses' picture");
    assertTrue(!Files.exists(dir.resolve("logs/loss.png")), "loss is drawn in losses.png");
    // and the log: one line per epoch (10 epochs of 10 batches: every tenth ends an epoch)
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(10, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("epoch 1/10  loss "), lines.get(0));
  }

  @Test
  void badSizeAndGroups_areClearErrors() {
    assertThrows(IllegalArgumentException.class,
        () -> new LossCurveListener(dir.resolve("x.png"), "t", 10, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PlotSummaryWriter(dir).group("a", "loss").group("b", "loss"));
    assertTrue(e.getMessage().contains("'loss'"), e.getMessage());
    assertEquals(dir.resolve("val_accuracy.png"), new PlotSummaryWriter(dir)
        .fileOf("val/accuracy"));
  }
}
