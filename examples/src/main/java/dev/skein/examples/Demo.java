package dev.skein.examples;

import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The README's demo: a tour of the notebook ports, in notebook order, each printing what its
 * notebook prints and writing its graph (HTML, SVG, PNG) and loss curves (PNG) under
 * {@code --out} (default {@code target/graphs}). The tour's trainings are short versions
 * (about a minute in all on an idle two-core machine); {@code --full} runs the notebooks' full
 * trainings instead (13 minutes on a shared two-core machine: the Fashion-MNIST classifiers train
 * 15 epochs each).
 * {@code --only 003} runs one notebook's part.
 */
public final class Demo {
  private Demo() {}

  /** One stop of the tour. */
  @FunctionalInterface
  private interface Stop {
    void run(Args args, PrintStream out) throws Exception;
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("Demo",
      "A tour of the seed notebooks' ports: what each prints, its graph and loss curves.")
      .training("The notebooks' full trainings instead of the tour's short ones (about 13"
          + " minutes).")
      .option("only", "NOTEBOOK", String.class, "One notebook's part: 000, 001, 002, 003 or 004.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, Demo::tour);
  }

  static void tour(Args a) throws Exception {
    PrintStream out = System.out;
    String only = a.value("only", "");
    long start = System.nanoTime();
    out.println("Skein: a tour of the notebook ports" + (a.full() ? " (full trainings)" : "")
        + "; pictures and plots go to " + a.outDir().toAbsolutePath());

    if (only.isEmpty() || only.equals("001")) {
      section(out, "001/002", "Manual RNN, two steps (X0, X1 -> Y0, Y1)");
      ManualRnn.print(ManualRnn.build(42), out);
    }
    if (only.isEmpty() || only.equals("000")) {
      stop(a, out, "000", "hand-made RNN cell run step by step, feeding the state back",
          HandmadeRnnCell::run);
      stop(a, out, "000", "hand-made LSTM cell with name scopes, step by step",
          HandmadeLstmCell::run);
      stop(a, out, "000", "the LSTM unrolled over 5 steps with shared parameters",
          LstmLayer::run);
      stop(a, out, "000", "softmax outputs, loss over steps, an RMSProp step; the gradients"
          + " verified", LstmBackprop::run);
      stop(a, out, "000", "the echo task (the notebook's reshape bug fixed)", EchoTask::run);
    }
    if (only.isEmpty() || only.equals("001") || only.equals("002")) {
      stop(a, out, "001/002", "static_rnn over two inputs", StaticRnnTwoSteps::run);
      stop(a, out, "001", "packing sequences: transpose, unstack, stack",
          PackingSequences::run);
      stop(a, out, "001", "dynamic_rnn (a While loop over TensorArrays) and sequence lengths",
          DynamicUnrolling::run);
      stop(a, out, "001/002", "sequence classifier on Fashion-MNIST, BasicRnnCell(150)",
          SequenceClassifier::run);
      stop(a, out, "002", "the same with BasicLstmCell(150)",
          (args1, o) -> SequenceClassifier.run(args1.with("lstm", "true"), o));
    }
    if (only.isEmpty() || only.equals("003")) {
      stop(a, out, "003", "a vanilla RNN with truncated backpropagation, three ways",
          TruncatedBackprop::run);
    }
    if (only.isEmpty() || only.equals("004")) {
      stop(a, out, "004", "time series: OutputProjectionWrapper, then the creative RNN",
          TimeSeriesPrediction::run);
      stop(a, out, "004", "deep RNN: MultiRnnCell, devices, dropout",
          (args1, o) -> DeepRnn.run(args1.full() ? args1 : args1.withDefault("iterations",
              "300"), o));
      stop(a, out, "004", "LSTM internals: a BasicLstmCell unrolled by static_rnn",
          LstmInternals::run);
    }
    out.printf(Locale.ROOT, "%nTour done in %.1f minutes.%n",
        (System.nanoTime() - start) / 60e9);
  }

  private static void section(PrintStream out, String notebook, String title) {
    out.println();
    out.println("== Notebook " + notebook + ": " + title);
  }

  private static void stop(Args a, PrintStream out, String notebook, String title, Stop s)
      throws Exception {
    section(out, notebook, title);
    s.run(a, out);
  }
}
