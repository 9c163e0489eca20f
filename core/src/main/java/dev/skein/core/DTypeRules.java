package dev.skein.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TakesDTypes} declarations of op types, read once per class or enum constant, and
 * the check that holds every op to them.
 */
public final class DTypeRules {
  private DTypeRules() {}

  /** One declaration: input {@code input} (named {@code name}) takes {@code dtypes}. */
  public record Rule(int input, String name, Set<DType> dtypes) {}

  private static final Map<Object, List<Rule>> CACHE = new ConcurrentHashMap<>();

  /** The declarations of an op type (an enum constant's own, else its class's); may be empty. */
  public static List<Rule> of(OpType type) {
    if (type instanceof Enum<?> e) {
      return ofConstant(e);
    }
    return ofClass(type.getClass());
  }

  /** The declarations on a (record) op type's class. */
  public static List<Rule> ofClass(Class<?> c) {
    return CACHE.computeIfAbsent(c, k -> rules(c.getAnnotationsByType(TakesDTypes.class)));
  }

  /** The declarations on an enum op type's constant. */
  public static List<Rule> ofConstant(Enum<?> e) {
    return CACHE.computeIfAbsent(e, k -> {
      try {
        return rules(e.getDeclaringClass().getField(e.name())
            .getAnnotationsByType(TakesDTypes.class));
      } catch (NoSuchFieldException ex) {
        throw new IllegalStateException(ex);
      }
    });
  }

  private static List<Rule> rules(TakesDTypes[] declared) {
    List<Rule> r = new ArrayList<>();
    for (TakesDTypes d : declared) {
      Set<DType> set = EnumSet.noneOf(DType.class);
      set.addAll(List.of(d.value()));
      r.add(new Rule(d.input(), d.name(), Set.copyOf(set)));
    }
    return List.copyOf(r);
  }

  /** Refuses an input whose dtype the op type does not declare. */
  static void check(OpType type, InferContext ctx) {
    for (Rule r : of(type)) {
      if (r.input() < ctx.numInputs() && !r.dtypes().contains(ctx.dtype(r.input()))) {
        throw new IllegalArgumentException(type.typeName() + "'s " + r.name() + " (input "
            + r.input() + ") must be " + text(r.dtypes()) + ", got " + ctx.dtype(r.input()));
      }
    }
  }

  /** "float32, float64 or int32", in DType order. */
  public static String text(Set<DType> dtypes) {
    List<String> names = new ArrayList<>();
    for (DType d : DType.values()) {
      if (dtypes.contains(d)) {
        names.add(d.toString());
      }
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or "
        + names.get(names.size() - 1);
  }
}
