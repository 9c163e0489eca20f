package dev.skein.architecture.howto;

import dev.skein.core.CreationSite;
import dev.skein.core.Graph;
import dev.skein.core.OpType;
import dev.skein.core.Output;
import java.util.List;

/** A toy op family made through Skein's public seams only: its builder and its type list. */
public final class ToyOps {
  private ToyOps() {}

  // [howto:builder]
  static {
    // Errors then name the line that called softsign, not this builder's.
    CreationSite.addLibraryPrefix("dev.skein.architecture.howto.");
  }

  /** The family's op types: graph files and coverage checks take this list. */
  public static final List<Class<? extends OpType>> TYPES = List.of(Softsign.class);

  public static Output softsign(Graph g, Output x, String name) {
    return g.addOp(new Softsign(), name == null ? "Softsign" : name, List.of(x)).output(0);
  }
  // [/howto:builder]
}
