package dev.skein.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.array.ArrayGradCases;
import dev.skein.autodiff.control.ControlGradCases;
import dev.skein.autodiff.linalg.LinalgGradCases;
import dev.skein.autodiff.math.MathGradCases;
import dev.skein.autodiff.nn.NnGradCases;
import dev.skein.autodiff.rnncell.RnnCellGradCases;
import dev.skein.autodiff.state.StateGradCases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the gradient checker on every row of every family's table, in float64. */
class GradientCheckTest {
  static List<GradCase> cases() {
    List<GradCase> all = new ArrayList<>();
    all.addAll(StateGradCases.cases());
    all.addAll(MathGradCases.cases());
    all.addAll(ArrayGradCases.cases());
    all.addAll(LinalgGradCases.cases());
    all.addAll(NnGradCases.cases());
    all.addAll(ControlGradCases.cases());
    all.addAll(RnnCellGradCases.cases());
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void staticShapes(GradCase c) {
    GradientChecker.Result r = c.check(false);
    assertTrue(r.maxRelError() <= c.tolerance, c.name + ": " + r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unknownDims(GradCase c) {
    if (c.staticOnly) {
      return;
    }
    GradientChecker.Result r = c.check(true);
    assertTrue(r.maxRelError() <= c.tolerance, c.name + " (unknown dims): " + r);
  }
}
