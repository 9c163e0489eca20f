package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.core.kernel.Kernels;
import dev.skein.core.kernel.MatMulKernel;
import dev.skein.core.kernel.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The roofline of the recurrent figures: FLOPs per step counted from the model's shapes, the
 * machine's measured peaks (the matmul kernel on a large square product; a register-only FMA
 * loop on every thread), and each figure's achieved fraction of them.
 */
final class Roofline {
  /** The square product the matmul peak is measured on. */
  static final int PEAK_N = 1024;

  /** The machine's measured rates, GFLOP/s (medians of the timing's runs). */
  record Peaks(double matmulGflops, double matmulBestGflops, double fmaGflops) {}

  private Roofline() {}

  /**
   * Matmul FLOPs of one training step or forward pass (2 per multiply-add): per time step the
   * cell's products of {@code [x, h]} ([batch, inputs + units]) by its kernels (LSTM: 4 x units
   * columns, GRU: 2 x units for the gates and units for the candidate, BasicRNN: units), then
   * the dense layer on the final h. A training step also runs, per product, the input's
   * gradient (dY W^T) and the weight's (X^T dY), each as many FLOPs as the product. Elementwise
   * work (activations, the state update, Adam) is not counted: it is under 1% of the LSTM's.
   */
  static double flops(Cell cell, Dims d, boolean training) {
    int columns = switch (cell) {
      case LSTM -> 4 * d.units();
      case GRU -> 3 * d.units();
      case BASIC_RNN -> d.units();
    };
    double perStep = 2.0 * d.batch() * (d.inputs() + d.units()) * columns;
    double dense = 2.0 * d.batch() * d.units() * d.classes();
    double forward = d.steps() * perStep + dense;
    return training ? 3 * forward : forward;
  }

  /** The CPU model, its clock and vector flags (/proc/cpuinfo), the CPUs and the load average. */
  static String describeCpu() {
    String model = "unknown CPU";
    String mhz = "?";
    String flags = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (key.equals("model name") && model.equals("unknown CPU")) {
          model = value;
        } else if (key.equals("cpu MHz") && mhz.equals("?")) {
          mhz = value;
        } else if (key.equals("flags") && flags.isEmpty()) {
          flags = value;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the model stays unknown.
    }
    List<String> have = List.of(flags.split(" "));
    StringBuilder v = new StringBuilder();
    for (String f : List.of("avx2", "fma", "avx512f")) {
      if (have.contains(f)) {
        v.append(v.length() == 0 ? "" : ", ").append(f);
      }
    }
    return String.format(Locale.ROOT, "CPU: %s, %s MHz, %d logical CPUs, %s; 1-minute load average"
        + " %s", model, mhz, Runtime.getRuntime().availableProcessors(),
        v.length() == 0 ? "no AVX2/FMA flags" : v, loadAverage());
  }

  /** The 1-minute load average (Linux), or "?". */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** Measures the matmul kernel on a {@link #PEAK_N} square product and the FMA loop. */
  static Peaks measure(Timing timing) {
    int n = PEAK_N;
    Random r = new Random(42);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextFloat() * 2 - 1;
      b[i] = r.nextFloat() * 2 - 1;
    }
    float[] c = new float[n * n];
    MatMulKernel kernel = Kernels.matMul();
    double flops = 2.0 * n * n * n;
    Timing.Result t = timing.measure(() -> kernel.sgemm(false, false, n, n, n, a, 0, b, 0, c, 0));
    double fma = Kernels.vectorApiAvailable() ? FmaPeak.gflops(Parallel.threads()) : Double.NaN;
    return new Peaks(flops / t.medianNanos(), flops / t.bestNanos(), fma);
  }

  static void printPeaks(Peaks p) {
    System.out.printf(Locale.ROOT, "peaks: matmul kernel %s on %d^3: %.1f GFLOP/s median (best"
        + " %.1f); FMA loop on %d thread(s), registers only: %.1f GFLOP/s%n",
        Kernels.matMul().name(), PEAK_N, p.matmulGflops(), p.matmulBestGflops(),
        Parallel.threads(), p.fmaGflops());
  }

  /** One roofline line: the figure's FLOPs, its rate and its fractions of both peaks. */
  static void printLine(String label, double flops, double millis, Peaks p) {
    double gflops = flops / millis / 1e6;
    System.out.printf(Locale.ROOT, "  %-40s %6.3f GFLOP %7.1f GFLOP/s %5.0f%% of matmul peak"
        + " %5.0f%% of FMA peak%n", label, flops / 1e9, gflops,
        100 * gflops / p.matmulGflops(), 100 * gflops / p.fmaGflops());
  }
}
