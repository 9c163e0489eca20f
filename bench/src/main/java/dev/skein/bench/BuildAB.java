package dev.skein.bench;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of Skein in one JVM, for changes of a few percent that separate fresh JVMs cannot
 * show on a shared machine (one build's step median moves by up to 1.5x between them): this
 * build and another checkout's (its modules' {@code target/classes}, compiled first, e.g. by
 * {@code mvn -q -o -pl bench -am compile} there), each through its own class loader, train the
 * same model in alternating rounds of steps, the build that goes first alternating too. Prints
 * each build's round medians and the per-round ratio this / other, first round included. Run
 * as {@code ab <other checkout> [cell] [unroll] [rounds] [steps] [train|forward]}.
 */
final class BuildAB {
  /** The modules a training step runs; their classes come from the build being timed. */
  private static final List<String> MODULES = List.of("core", "autodiff", "rnn", "bench");

  private BuildAB() {}

  static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ab <other checkout> [LSTM|GRU|BASIC_RNN] [STATIC|DYNAMIC]"
          + " [rounds] [steps] [train|forward]");
      System.exit(2);
    }
    File other = new File(args[0]);
    RnnModel.Cell cellArg = RnnModel.Cell.parse(args.length > 1 ? args[1] : "LSTM");
    RnnModel.Unroll unrollArg = RnnModel.Unroll.parse(args.length > 2 ? args[2] : "STATIC");
    if (cellArg == null || unrollArg == null) {
      System.err.println("ab: no cell or unroll named " + String.join(" ", args));
      System.exit(2);
    }
    String cell = cellArg.name();
    String unroll = unrollArg.name();
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    boolean forward = args.length > 5 && args[5].equals("forward");
    if (args.length > 5 && !forward && !args[5].equals("train")) {
      System.err.println("ab: the sixth argument is train or forward, got " + args[5]);
      System.exit(2);
    }
    for (String m : MODULES) {
      File classes = new File(other, m + "/target/classes");
      if (!classes.isDirectory()) {
        System.err.println("no " + classes + ": compile the other checkout first (mvn -q -o -pl"
            + " bench -am compile there)");
        System.exit(2);
      }
    }
    List<URL> mine = classPath();
    ClassLoader[] loaders = {loader(mine, null), loader(mine, other)};
    Object[] models = new Object[2];
    Method[] step = new Method[2];
    for (int v = 0; v < 2; v++) {
      Thread.currentThread().setContextClassLoader(loaders[v]);
      Class<?> rm = loaders[v].loadClass(RnnModel.class.getName());
      Class<?> cellC = loaders[v].loadClass(RnnModel.Cell.class.getName());
      Class<?> unrollC = loaders[v].loadClass(RnnModel.Unroll.class.getName());
      Class<?> dimsC = loaders[v].loadClass(RnnModel.Dims.class.getName());
      Field notebook = dimsC.getDeclaredField("NOTEBOOK");
      notebook.setAccessible(true);
      Constructor<?> make = rm.getDeclaredConstructor(cellC, unrollC, dimsC);
      make.setAccessible(true);
      models[v] = make.newInstance(constant(cellC, cell), constant(unrollC, unroll),
          notebook.get(null));
      step[v] = rm.getDeclaredMethod(forward ? "forward" : "trainStep");
      step[v].setAccessible(true);
    }
    double[][] medians = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 2; i++) {
        int v = r % 2 == 0 ? i : 1 - i;
        Thread.currentThread().setContextClassLoader(loaders[v]);
        double[] t = new double[steps];
        for (int s = 0; s < steps; s++) {
          long t0 = System.nanoTime();
          step[v].invoke(models[v]);
          t[s] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        medians[v][r] = t[steps / 2];
      }
    }
    System.out.printf("%s %s %s, %d rounds of %d steps, builds alternating in one JVM [%s]%n",
        cell, unroll, forward ? "forward pass" : "training step", rounds, steps,
        StepTimes.cpuModel());
    for (int v = 0; v < 2; v++) {
      Class<?> graph = loaders[v].loadClass("dev.skein.core.Graph");
      System.out.printf("  %-12s core from %s%n", v == 0 ? "this build" : "other",
          graph.getProtectionDomain().getCodeSource().getLocation().getPath());
    }
    for (int v = 0; v < 2; v++) {
      System.out.printf("  %-12s median of round medians %.2f ms %s, rounds %s%n",
          v == 0 ? "this build" : "other", median(medians[v]), range(medians[v]),
          Arrays.toString(Arrays.stream(medians[v]).map(x -> Math.round(x * 100) / 100.0)
              .toArray()));
    }
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratio[r] = medians[0][r] / medians[1][r];
    }
    System.out.printf("  this / other per round: median %.3f %s%n", median(ratio),
        range(ratio));
    for (Object m : models) {
      ((AutoCloseable) m).close();
    }
  }

  /** This JVM's class path as the loader of this class sees it. */
  private static List<URL> classPath() throws MalformedURLException {
    if (BuildAB.class.getClassLoader() instanceof URLClassLoader u) {
      return List.of(u.getURLs());
    }
    List<URL> urls = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(p).toURI().toURL());
    }
    return urls;
  }

  /**
   * A loader over {@code mine} with, when {@code other} is given, that checkout's classes for
   * the timed modules instead of this build's, and no parent but the platform's.
   */
  private static ClassLoader loader(List<URL> mine, File other) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (URL u : mine) {
      String module = module(u.getPath());
      if (module == null || other == null) {
        urls.add(u);
      } else {
        urls.add(new File(other, module + "/target/classes/").toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** The timed module a class path entry holds (a target/classes or an installed jar). */
  private static String module(String path) {
    for (String m : MODULES) {
      if (path.endsWith("/" + m + "/target/classes/") || path.endsWith("/" + m
          + "/target/classes") || path.contains("/skein-" + m + "-")) {
        return m;
      }
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object constant(Class<?> enumType, String name) {
    return Enum.valueOf((Class) enumType, name);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String range(double[] v) {
    return String.format("[%.3f-%.3f]", Arrays.stream(v).min().orElse(0),
        Arrays.stream(v).max().orElse(0));
  }
}
