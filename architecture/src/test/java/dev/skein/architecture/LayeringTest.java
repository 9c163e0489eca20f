package dev.skein.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md draws, checked on the compiled main code of every module:
 * modules depend one way, op families reach each other only through core's public types, core's
 * lower layers never reach up into the families, and no two packages depend on each other.
 */
class LayeringTest {
  /** Core's op families; autodiff has one gradient package of the same name for each. */
  static final List<String> FAMILIES = List.of("state", "math", "nn", "linalg", "array",
      "random", "control", "rnncell", "training");

  private static final JavaClasses CLASSES = PackageGraph.importMainClasses();

  @Test
  void importsSeeEveryModuleAndFamily() {
    // A rule over no classes passes; make sure the import really found the code.
    for (String m : List.of("core", "autodiff", "rnn", "viz", "monitor")) {
      assertTrue(CLASSES.containPackage("dev.skein." + m), m);
    }
    for (String f : FAMILIES) {
      assertTrue(CLASSES.containPackage("dev.skein.core.ops." + f), f);
      assertTrue(CLASSES.containPackage("dev.skein.autodiff." + f), f);
    }
  }

  @Test
  void coreImportsNoOtherModule() {
    noClasses().that().resideInAPackage("dev.skein.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.autodiff..",
            "dev.skein.rnn..", "dev.skein.viz..", "dev.skein.examples..", "dev.skein.bench..",
            "dev.skein.spark..", "dev.skein.onnx..", "dev.skein.monitor..")
        .check(CLASSES);
  }

  @Test
  void autodiffImportsOnlyCore() {
    noClasses().that().resideInAPackage("dev.skein.autodiff..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.rnn..", "dev.skein.viz..",
            "dev.skein.examples..", "dev.skein.bench..", "dev.skein.spark..", "dev.skein.onnx..",
            "dev.skein.monitor..")
        .check(CLASSES);
  }

  @Test
  void theLibraryNeedsNoTerminalOrChartLibrary() {
    // progress bars and plots are TrainingListeners and SummaryWriters of the monitor module
    noClasses().that().resideInAnyPackage("dev.skein.core..", "dev.skein.autodiff..",
            "dev.skein.rnn..")
        .should().dependOnClassesThat().resideInAnyPackage("me.tongfei..", "org.knowm..",
            "org.jline..", "java.awt..", "javax.imageio..")
        .because("the monitor module holds what draws or redraws")
        .check(CLASSES);
  }

  @Test
  void monitorImportsOnlyCoreAndAutodiff() {
    noClasses().that().resideInAPackage("dev.skein.monitor..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.rnn..", "dev.skein.viz..",
            "dev.skein.examples..", "dev.skein.bench..", "dev.skein.spark..", "dev.skein.onnx..")
        .check(CLASSES);
  }

  @Test
  void rnnAndVizStayInTheirLanes() {
    noClasses().that().resideInAPackage("dev.skein.rnn..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.viz..",
            "dev.skein.examples..", "dev.skein.bench..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.skein.viz..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.autodiff..",
            "dev.skein.rnn..", "dev.skein.examples..", "dev.skein.bench..")
        .check(CLASSES);
  }

  @Test
  void familiesImportNoOtherFamily() {
    for (String f : FAMILIES) {
      List<String> banned = new ArrayList<>();
      for (String other : FAMILIES) {
        if (!other.equals(f)) {
          banned.add("dev.skein.core.ops." + other + "..");
        }
      }
      // Nor the facade and registry above them, nor graph files.
      banned.add("dev.skein.core.ops");
      banned.add("dev.skein.core.io..");
      noClasses().that().resideInAPackage("dev.skein.core.ops." + f + "..")
          .should().dependOnClassesThat().resideInAnyPackage(banned.toArray(String[]::new))
          .because("a family reaches another only through core's public types")
          .check(CLASSES);
    }
  }

  @Test
  void gradientFamiliesImportNoOtherFamily() {
    for (String f : FAMILIES) {
      List<String> banned = new ArrayList<>();
      for (String other : FAMILIES) {
        if (!other.equals(f)) {
          banned.add("dev.skein.core.ops." + other + "..");
          banned.add("dev.skein.autodiff." + other + "..");
        }
      }
      noClasses().that().resideInAPackage("dev.skein.autodiff." + f + "..")
          .should().dependOnClassesThat().resideInAnyPackage(banned.toArray(String[]::new))
          .because("a gradient family builds with the Ops facade and reads its own op types")
          .check(CLASSES);
    }
  }

  @Test
  void lowerLayersDoNotReachUp() {
    noClasses().that().resideInAnyPackage("dev.skein.core", "dev.skein.core.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.skein.core.ops..",
            "dev.skein.core.io..")
        .because("the graph and the session know op families only through OpType")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.skein.core.kernel..")
        .should().dependOnClassesThat().resideInAPackage("dev.skein.core")
        .because("kernels work on flat arrays, below tensors and graphs")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.skein.autodiff")
        .should().dependOnClassesThat().resideInAnyPackage(FAMILIES.stream()
            .map(f -> "dev.skein.autodiff." + f + "..").toArray(String[]::new))
        .because("the gradient builder finds the families through GradientFamily")
        .check(CLASSES);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("dev.skein.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
