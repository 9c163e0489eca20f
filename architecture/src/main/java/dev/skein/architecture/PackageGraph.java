package dev.skein.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The package dependency graph of Skein's main code (no tests), read from the compiled classes:
 * an edge P -> Q when a class of P uses a class of Q. {@link #reduced()} keeps only the edges no
 * other path implies, which is what the layer picture draws.
 */
public final class PackageGraph {
  /** The root package every module's packages sit under. */
  public static final String ROOT = "dev.skein";

  private final SortedMap<String, SortedSet<String>> edges;

  private PackageGraph(SortedMap<String, SortedSet<String>> edges) {
    this.edges = edges;
  }

  /** The main classes of every Skein module on the class path (not this module's own). */
  public static JavaClasses importMainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/dev/skein/architecture/"))
        .importPackages(ROOT);
  }

  /** The graph of {@code classes}' packages (those under {@link #ROOT} only). */
  public static PackageGraph of(JavaClasses classes) {
    SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = c.getPackageName();
      edges.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getPackageName();
        if (!to.equals(from) && (to.equals(ROOT) || to.startsWith(ROOT + "."))) {
          edges.get(from).add(to);
          edges.computeIfAbsent(to, k -> new TreeSet<>());
        }
      }
    }
    return new PackageGraph(edges);
  }

  /** A graph with these edges (every target must also be a key). */
  public static PackageGraph fromEdges(SortedMap<String, SortedSet<String>> edges) {
    return new PackageGraph(edges);
  }

  /** Each package's direct dependencies, sorted. */
  public SortedMap<String, SortedSet<String>> edges() {
    return edges;
  }

  /** The module a package belongs to: its first name under {@link #ROOT}. */
  public static String moduleOf(String pkg) {
    String rest = pkg.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * The edges no longer path implies (a transitive reduction; the graph must be acyclic, which
   * the layering test checks): P -> Q stays unless Q is reachable from another of P's targets.
   */
  public PackageGraph reduced() {
    SortedMap<String, SortedSet<String>> kept = new TreeMap<>();
    for (Map.Entry<String, SortedSet<String>> e : edges.entrySet()) {
      SortedSet<String> targets = new TreeSet<>();
      for (String q : e.getValue()) {
        boolean implied = false;
        for (String other : e.getValue()) {
          if (!other.equals(q) && reaches(other, q)) {
            implied = true;
            break;
          }
        }
        if (!implied) {
          targets.add(q);
        }
      }
      kept.put(e.getKey(), targets);
    }
    return new PackageGraph(kept);
  }

  private boolean reaches(String from, String to) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new TreeSet<>();
    todo.push(from);
    while (!todo.isEmpty()) {
      String p = todo.pop();
      if (p.equals(to)) {
        return true;
      }
      if (seen.add(p)) {
        todo.addAll(edges.getOrDefault(p, new TreeSet<>()));
      }
    }
    return false;
  }
}
