package dev.skein.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import dev.skein.core.Graph;
import dev.skein.core.OpType;
import dev.skein.core.SkeinException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gradient rules by op type, plus deliberate "not differentiable" marks. A record op type is
 * keyed by its class (one rule for every attribute value); an enum op type by each constant.
 *
 * <p>{@link #standard()} assembles every family's rules in one place. Each graph has its own
 * registry ({@link #forGraph}), a copy of the standard one on first use, where a user adds rules
 * for op types of their own.
 */
public final class GradientRegistry {
  private final Map<Object, GradientRule> rules = new ConcurrentHashMap<>();
  private final Map<Object, Boolean> notDifferentiable = new ConcurrentHashMap<>();
  private final Map<Object, Boolean> exactShapes = new ConcurrentHashMap<>();

  /** An empty registry. */
  public GradientRegistry() {}

  /**
   * The rules of every gradient family on the class path: the families of core's op families
   * (dev.skein.autodiff.state, .math, ...) and any a library adds, each listed in a
   * {@code META-INF/services/dev.skein.autodiff.GradientFamily} file and found by
   * {@link ServiceLoader}, in class-path order.
   */
  public static GradientRegistry standard() {
    GradientRegistry r = new GradientRegistry();
    for (GradientFamily family : Families.ALL) {
      family.register(r);
    }
    return r;
  }

  /** The gradient families found once per class loader of this class. */
  private static final class Families {
    static final List<GradientFamily> ALL = load();

    private static List<GradientFamily> load() {
      List<GradientFamily> all = new ArrayList<>();
      ServiceLoader.load(GradientFamily.class, GradientRegistry.class.getClassLoader())
          .forEach(all::add);
      if (all.isEmpty()) {
        throw new SkeinException("no gradient family found: the class path holds no"
            + " META-INF/services/dev.skein.autodiff.GradientFamily (a shaded jar must merge"
            + " service files, e.g. with the shade plugin's ServicesResourceTransformer)");
      }
      return List.copyOf(all);
    }
  }

  /** The registry gradients on this graph use by default (the standard one, plus user rules). */
  public static GradientRegistry forGraph(Graph g) {
    return g.extension(GradientRegistry.class, x -> standard());
  }

  /** The registry key of an op type: the constant for an enum op type, else its class. */
  public static Object key(OpType type) {
    return type instanceof Enum<?> ? type : type.getClass();
  }

  /** The keys an op type class stands for: each constant of an enum, else the class itself. */
  public static List<Object> keys(Class<? extends OpType> type) {
    return type.isEnum() ? List.of((Object[]) type.getEnumConstants()) : List.of(type);
  }

  /** Registers the rule of a record op type (all attribute values). */
  public GradientRegistry register(Class<? extends OpType> type, GradientRule rule) {
    checkArgument(!type.isEnum(),
        "%s is an enum op type: register a rule for each constant", type.getSimpleName());
    return put(type, rule);
  }

  /** Registers the rule of one constant of an enum op type. */
  public GradientRegistry register(OpType enumConstant, GradientRule rule) {
    checkArgument(enumConstant instanceof Enum<?>,
        "%s is not an enum constant: register its class", enumConstant);
    return put(enumConstant, rule);
  }

  private GradientRegistry put(Object key, GradientRule rule) {
    checkArgument(rule != null, "null rule for %s", key);
    checkArgument(!notDifferentiable.containsKey(key) && !rules.containsKey(key),
        "%s already has a gradient rule or a not-differentiable mark", key);
    rules.put(key, rule);
    return this;
  }

  /**
   * Marks op types whose outputs carry no gradient (indices, shapes, comparisons, random
   * samples, sources). An enum class marks each of its constants.
   */
  @SafeVarargs
  public final GradientRegistry notDifferentiable(Class<? extends OpType>... types) {
    for (Class<? extends OpType> t : types) {
      for (Object k : keys(t)) {
        mark(k);
      }
    }
    return this;
  }

  /** Marks constants of enum op types as not differentiable. */
  public GradientRegistry notDifferentiable(OpType... enumConstants) {
    for (OpType c : enumConstants) {
      checkArgument(c instanceof Enum<?>, "%s is not an enum constant: mark its class", c);
      mark(c);
    }
    return this;
  }

  private void mark(Object key) {
    checkArgument(!rules.containsKey(key) && !notDifferentiable.containsKey(key),
        "%s already has a gradient rule or a not-differentiable mark", key);
    notDifferentiable.put(key, Boolean.TRUE);
  }

  /**
   * Says that these op types' rules return, for every input, a gradient of exactly that input's
   * shape (the op never broadcasts an input), so the driver need not sum it down to the input's
   * run-time shape. Without the mark, a gradient whose static shape is not fully known is
   * summed to {@code shape(input)}, which makes the gradient read the input: inside a loop,
   * that keeps the input's value of every iteration for a shape.
   */
  @SafeVarargs
  public final GradientRegistry exactShapes(Class<? extends OpType>... types) {
    for (Class<? extends OpType> t : types) {
      for (Object k : keys(t)) {
        exactShapes.put(k, Boolean.TRUE);
      }
    }
    return this;
  }

  /** {@link #exactShapes} for constants of enum op types. */
  public GradientRegistry exactShapes(OpType... enumConstants) {
    for (OpType c : enumConstants) {
      checkArgument(c instanceof Enum<?>, "%s is not an enum constant: mark its class", c);
      exactShapes.put(c, Boolean.TRUE);
    }
    return this;
  }

  /** True if this op type's rule returns gradients of exactly its inputs' shapes. */
  public boolean hasExactShapes(OpType type) {
    return exactShapes.containsKey(key(type));
  }

  /** The rule for this op type, or null. */
  public GradientRule rule(OpType type) {
    return rules.get(key(type));
  }

  public boolean isNotDifferentiable(OpType type) {
    return notDifferentiable.containsKey(key(type));
  }

  /** True if the key (see {@link #key}) has a rule. */
  public boolean hasRuleFor(Object key) {
    return rules.containsKey(key);
  }

  /** True if the key (see {@link #key}) is marked not differentiable. */
  public boolean isMarkedNotDifferentiable(Object key) {
    return notDifferentiable.containsKey(key);
  }

  /** Keys with a rule, for coverage reports. */
  public List<Object> ruleKeys() {
    return new ArrayList<>(rules.keySet());
  }
}
