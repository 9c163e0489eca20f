package dev.skein.core.ops;

import dev.skein.core.DTypeRules;
import dev.skein.core.OpType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/DTYPES.md: which dtypes each op type's inputs take, from the {@code TakesDTypes}
 * declarations of every op type in {@link OpTypes#all()} (the same declarations every op is
 * checked against when it is added to a graph). {@code DTypeTableTest} fails when the committed
 * file differs; {@link #main} (or that test with {@code -Dskein.writeDocs=true}) rewrites it.
 */
public final class DTypeTable {
  private DTypeTable() {}

  /** The whole file. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Which dtypes each op takes\n\n")
        .append("Generated from the op registry (`OpTypes.all()`) by `dev.skein.core.ops.DTypeTable`")
        .append(" from each op type's `@TakesDTypes` and `@MakesDTypes` declarations;")
        .append(" `DTypeTableTest` keeps this file true. Every op is held to its declarations when")
        .append(" it is added to a graph, after its shape rule, and bad dtypes fail there with an")
        .append(" `OpException`.\n\n")
        .append("Dtypes: float32, float64, int32, int64 (TF1's index and `global_step` type; numpy's")
        .append(" default integer), bool. Dtypes are never converted implicitly: use `cast`. Integer")
        .append(" `div` is floor division as TF1's `tf.div` (`FloorDiv`); `divide`/`truediv` cast")
        .append(" int32 and int64 to float64. A float to integer cast truncates toward zero; an")
        .append(" int64 to int32 cast refuses values outside the int32 range. int64 values are not")
        .append(" differentiable (as int32): gradients flow through float32 and float64 only.\n\n")
        .append("`any dtype` means every dtype above. An `out (attr a)` row gives the dtypes")
        .append(" output 0 may have when attribute `a` chooses them (the output is checked too);")
        .append(" `no inputs` marks an op type that takes none (only control inputs). An input not")
        .append(" listed takes what the shape rule allows, for most ops input 0's dtype. An op")
        .append(" type without a declaration would say \"not declared\"; `DTypeTableTest` keeps")
        .append(" there being none.\n\n")
        .append("| family | op type | input | dtypes |\n")
        .append("| --- | --- | --- | --- |\n");
    for (Class<? extends OpType> c : OpTypes.all()) {
      String family = family(c);
      if (c.isEnum()) {
        for (OpType t : c.getEnumConstants()) {
          rows(sb, family, name(c) + "." + ((Enum<?>) t).name() + " (" + t.typeName() + ")",
              DTypeRules.ofConstant((Enum<?>) t));
        }
      } else {
        rows(sb, family, name(c), DTypeRules.ofClass(c));
      }
    }
    return sb.toString();
  }

  private static void rows(StringBuilder sb, String family, String op,
      DTypeRules.Declaration d) {
    String start = "| " + family + " | `" + op + "` | ";
    if (d.isEmpty()) {
      sb.append(start).append("| not declared: the shape rule checks |\n");
      return;
    }
    if (d.noInputs()) {
      sb.append(start).append("| no inputs |\n");
    }
    List<DTypeRules.Rule> sorted = new ArrayList<>(d.inputs());
    sorted.sort((a, b) -> Integer.compare(a.input(), b.input()));
    for (DTypeRules.Rule r : sorted) {
      sb.append(start).append(r.input()).append(": ").append(r.name()).append(" | ")
          .append(DTypeRules.text(r.dtypes()))
          .append(r.note().isEmpty() ? "" : " (" + r.note() + ")").append(" |\n");
    }
    if (d.made() != null) {
      sb.append(start).append("out (attr ").append(d.made().attr()).append(") | ")
          .append(DTypeRules.text(d.made().dtypes())).append(" |\n");
    }
  }

  private static String family(Class<?> c) {
    String p = c.getPackageName();
    return p.substring(p.lastIndexOf('.') + 1);
  }

  private static String name(Class<?> c) {
    String n = c.getName();
    return n.substring(n.lastIndexOf('.') + 1).replace('$', '.');
  }

  /** Writes the table to args[0] (default {@code docs/DTYPES.md}). */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/DTYPES.md");
    Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
