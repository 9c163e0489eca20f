package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.DType;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares symbolic gradients with numeric ones, like TensorFlow's
 * {@code tf.test.compute_gradient_error}. For {@code y = f(x1..xn)} built in a graph it computes
 * both Jacobians dy/dxk: the numeric one by central differences of order 4 (feeding perturbed
 * copies of each x), the symbolic one row by row by running {@link Gradients} with a one-hot
 * {@code gradYs}. Use float64 for tight tolerances.
 */
public final class GradientChecker {
  /** Step of the finite differences; the stencil samples x - 2h .. x + 2h. */
  public static final double DEFAULT_DELTA = 1e-3;
  /**
   * Relative errors divide by max(|symbolic|, |numeric|, this), so entries that are zero in
   * truth are judged by their absolute error, not by the rounding noise of the differences.
   */
  public static final double RELATIVE_FLOOR = 1e-6;

  private GradientChecker() {}

  /**
   * The comparison's outcome. Jacobians are indexed [x][y element][x element] (flat row-major
   * indices); the worst element is the one with the largest relative error.
   */
  public record Result(double maxAbsError, double maxRelError, int worstInput, int worstYIndex,
      int worstXIndex, List<double[][]> symbolic, List<double[][]> numeric) {
    @Override
    public String toString() {
      String worst = symbolic.isEmpty() || worstInput < 0 ? "" : String.format(
          ", worst at x%d[%d] -> y[%d]: symbolic %.17g vs numeric %.17g", worstInput, worstXIndex,
          worstYIndex, symbolic.get(worstInput)[worstYIndex][worstXIndex],
          numeric.get(worstInput)[worstYIndex][worstXIndex]);
      return String.format("GradientChecker.Result(maxAbsError=%.3g, maxRelError=%.3g%s)",
          maxAbsError, maxRelError, worst);
    }
  }

  /** Checks y against one x at the given value, in a fresh session. */
  public static Result compute(Output x, Tensor xValue, Output y) {
    return compute(List.of(x), List.of(xValue), y);
  }

  /** Checks y against each x at the given values, in a fresh session. */
  public static Result compute(List<Output> xs, List<Tensor> xValues, Output y) {
    try (Session s = new Session(y.graph())) {
      return compute(s, xs, xValues, y, Map.of(), DEFAULT_DELTA);
    }
  }

  /**
   * Checks y against each x at the given values, running in {@code session} (whose variables must
   * be initialized) with extra feeds for other placeholders.
   */
  public static Result compute(Session session, List<Output> xs, List<Tensor> xValues, Output y,
      Map<Output, Tensor> feeds, double delta) {
    checkArgument(xs.size() == xValues.size(), "%s xs but %s values", xs.size(), xValues.size());
    checkArgument(y.dtype().isFloating(), "y must be float32 or float64, got %s", y.dtype());
    Output dy = StateOps.placeholder(y.graph(), y.dtype(), y.shape(),
        "gradient_checker_dy");
    List<Output> grads = Gradients.gradients(List.of(y), xs, GradientOptions.defaults()
        .withGradYs(List.of(dy)).withUnconnected(UnconnectedGradients.ZERO));
    Tensor y0 = run(session, xs, xValues, feeds, List.of(y)).get(0);
    int m = y0.size();
    List<double[][]> symbolic = new ArrayList<>();
    List<double[][]> numeric = new ArrayList<>();
    for (Tensor v : xValues) {
      symbolic.add(new double[m][v.size()]);
      numeric.add(new double[m][v.size()]);
    }
    for (int r = 0; r < m; r++) {
      double[] oneHot = new double[m];
      oneHot[r] = 1;
      Map<Output, Tensor> withDy = new HashMap<>(feeds);
      withDy.put(dy, fromDoubles(y.dtype(), y0, oneHot));
      List<Tensor> gs = run(session, xs, xValues, withDy, grads);
      for (int k = 0; k < xs.size(); k++) {
        symbolic.get(k)[r] = gs.get(k).toDoubleArray();
      }
    }
    double[] steps = {-2, -1, 1, 2};
    for (int k = 0; k < xs.size(); k++) {
      double[] base = xValues.get(k).toDoubleArray();
      for (int j = 0; j < base.length; j++) {
        double[][] f = new double[steps.length][];
        for (int t = 0; t < steps.length; t++) {
          double[] p = base.clone();
          p[j] += steps[t] * delta;
          List<Tensor> vs = new ArrayList<>(xValues);
          vs.set(k, fromDoubles(xs.get(k).dtype(), xValues.get(k), p));
          f[t] = run(session, xs, vs, feeds, List.of(y)).get(0).toDoubleArray();
        }
        // f'(x) = (f(x-2h) - f(x+2h) + 8 (f(x+h) - f(x-h))) / 12h; differences first, so an
        // output that does not move gives exactly 0.
        for (int r = 0; r < m; r++) {
          numeric.get(k)[r][j] = (f[0][r] - f[3][r] + 8 * (f[2][r] - f[1][r])) / (12 * delta);
        }
      }
    }
    return compare(symbolic, numeric);
  }

  private static Result compare(List<double[][]> symbolic, List<double[][]> numeric) {
    double maxAbs = 0;
    double maxRel = 0;
    int wk = -1;
    int wr = -1;
    int wj = -1;
    for (int k = 0; k < symbolic.size(); k++) {
      double[][] s = symbolic.get(k);
      double[][] n = numeric.get(k);
      for (int r = 0; r < s.length; r++) {
        for (int j = 0; j < s[r].length; j++) {
          double abs = Math.abs(s[r][j] - n[r][j]);
          double rel = abs / Math.max(RELATIVE_FLOOR, Math.max(Math.abs(s[r][j]),
              Math.abs(n[r][j])));
          if (Double.isNaN(abs)) {
            abs = Double.POSITIVE_INFINITY;
            rel = Double.POSITIVE_INFINITY;
          }
          maxAbs = Math.max(maxAbs, abs);
          if (rel > maxRel || wk < 0) {
            maxRel = Math.max(maxRel, rel);
            wk = k;
            wr = r;
            wj = j;
          }
        }
      }
    }
    return new Result(maxAbs, maxRel, wk, wr, wj, symbolic, numeric);
  }

  private static List<Tensor> run(Session s, List<Output> xs, List<Tensor> xValues,
      Map<Output, Tensor> feeds, List<Output> fetches) {
    Session.Runner r = s.runner();
    for (int k = 0; k < xs.size(); k++) {
      r.feed(xs.get(k), xValues.get(k));
    }
    feeds.forEach(r::feed);
    fetches.forEach(r::fetch);
    return r.run();
  }

  /** A tensor of dtype and like's shape holding the given values. */
  private static Tensor fromDoubles(DType dtype, Tensor like, double[] v) {
    checkArgument(dtype.isFloating(), "the gradient checker perturbs float values, got %s", dtype);
    if (dtype == DType.FLOAT64) {
      return Tensor.wrap(DType.FLOAT64, like.shape(), v);
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return Tensor.wrap(DType.FLOAT32, like.shape(), f);
  }
}
