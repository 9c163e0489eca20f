package dev.skein.core.io;

import dev.skein.core.Graph;
import dev.skein.core.OpType;
import dev.skein.core.ops.OpTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Graphs as text files (docs/GRAPH_FORMAT.md describes the format): every op with its type,
 * attributes, inputs, control inputs, device, creation line and output specs; While/If bodies as
 * nested function blocks; the graph seed, the random-op count and the variables. Reading gives a
 * graph that writes back to the same text and computes the same results.
 * <pre>{@code
 * GraphFormat.standard().write(graph, Path.of("model.graph"));
 * Graph g = GraphFormat.standard().read(Path.of("model.graph"));
 * }</pre>
 *
 * <p><b>Reading is safe on hostile files.</b> It never runs code named by the file: no Java
 * serialization, no class lookup by name. Op types come from an explicit table built from
 * {@link OpTypes#all()} (plus classes given to {@link #withOpTypes}); a record op type's
 * attribute names and types come from its record components. Sizes are bounded by
 * {@link Limits}, checked before anything is allocated. Every problem, malformed text or an op
 * its shape rule refuses alike, is a {@link GraphFormatException} naming the line.
 *
 * <p>Not recorded: graph extensions of other modules (variable scopes, optimizer slot tables),
 * and name scopes that hold no op (a later {@code nameScope} of such a name is not suffixed).
 */
public final class GraphFormat {
  /** The format version written. */
  public static final int VERSION = 2;
  /** The first line of every graph file written. */
  public static final String MAGIC = "skein-graph " + VERSION;

  /**
   * Bounds on what a read accepts: the file's size in bytes, a line's length in characters, the
   * number of ops (all bodies included), the nesting depth of function bodies, tensor elements
   * (per constant and in all), and the bytes of data one constant may store in the text (in
   * decimal or base64; a {@code fill} stores none). Writing refuses a graph these limits would
   * refuse to read, naming the op, so a file {@link GraphFormat#write} produced always reads
   * back with the same limits. The constant limit applies to reading format 2 files (format 1
   * files are read with the others only, as before).
   */
  public record Limits(long maxFileBytes, int maxLineLength, int maxOps, int maxDepth,
      long maxTensorElements, long maxTotalTensorElements, long maxConstantBytes) {
    /** Limits with the default {@code maxConstantBytes} (16 MiB). */
    public Limits(long maxFileBytes, int maxLineLength, int maxOps, int maxDepth,
        long maxTensorElements, long maxTotalTensorElements) {
      this(maxFileBytes, maxLineLength, maxOps, maxDepth, maxTensorElements,
          maxTotalTensorElements, DEFAULT_MAX_CONSTANT_BYTES);
    }

    /**
     * 1 GiB files, 256 Mi-character lines, 1,000,000 ops, depth 32, 2^27 / 2^28 elements,
     * constants storing up to 16 MiB of data.
     */
    public static Limits defaults() {
      return new Limits(1L << 30, 1 << 28, 1_000_000, 32, 1L << 27, 1L << 28,
          DEFAULT_MAX_CONSTANT_BYTES);
    }
  }

  private static final long DEFAULT_MAX_CONSTANT_BYTES = 16L << 20;

  private static final GraphFormat STANDARD = new GraphFormat(OpTypes.all(), Limits.defaults(),
      true);

  private final List<Class<? extends OpType>> types;
  private final OpTypeTable table;
  private final Limits limits;
  private final boolean sites;

  private GraphFormat(List<Class<? extends OpType>> types, Limits limits, boolean sites) {
    this.types = List.copyOf(types);
    this.table = new OpTypeTable(this.types);
    this.limits = limits;
    this.sites = sites;
  }

  /** Core's op types and the default limits. */
  public static GraphFormat standard() {
    return STANDARD;
  }

  /** This format with more op types (records or enums, such as a module's own ops). */
  public GraphFormat withOpTypes(List<Class<? extends OpType>> more) {
    List<Class<? extends OpType>> all = new ArrayList<>(types);
    all.addAll(more);
    return new GraphFormat(all, limits, sites);
  }

  public GraphFormat withLimits(Limits limits) {
    return new GraphFormat(types, limits, sites);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * This format writing the ops' creation sites (the user's source lines; the default) or
   * leaving them out ({@code false}: a file that changes only when the graph does). Reading
   * takes them from any file that has them.
   */
  public GraphFormat withSites(boolean on) {
    return new GraphFormat(types, limits, on);
  }

  public boolean sites() {
    return sites;
  }

  /**
   * The graph as text; throws GraphFormatException for an op the format cannot describe or that
   * exceeds the limits (see {@link Limits}).
   */
  public String toText(Graph g) {
    return new GraphWriter(table, limits, sites).write(g);
  }

  /** Writes the graph to a file atomically (temporary file, fsync, rename). */
  public void write(Graph g, Path file) {
    byte[] bytes = toText(g).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > limits.maxFileBytes()) {
      throw new GraphFormatException(0, "the graph's text has " + bytes.length + " bytes, more"
          + " than the file limit of " + limits.maxFileBytes() + " (GraphFormat.Limits)");
    }
    try {
      AtomicFiles.write(file, out -> out.write(bytes), UnaryOperator.identity());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a graph from text. */
  public Graph fromText(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      if (end - start > limits.maxLineLength()) {
        throw new GraphFormatException(lines.size() + 1, "the line is longer than "
            + limits.maxLineLength() + " characters");
      }
      String line = text.substring(start, end);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return new GraphReader(table, limits, lines).read();
  }

  /** Reads a graph file (UTF-8). I/O errors are UncheckedIOExceptions. */
  public Graph read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        throw new GraphFormatException(0, "graph file " + file + " has " + size + " bytes, more"
            + " than the limit of " + limits.maxFileBytes());
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      return fromText(decode(bytes));
    } catch (GraphFormatException e) {
      throw e.inFile(file);
    }
  }

  /** Strict UTF-8, line by line so that a bad byte is reported with its line. */
  static String decode(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder sb = new StringBuilder(bytes.length);
    int start = 0;
    int line = 1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          sb.append(d.decode(ByteBuffer.wrap(bytes, start, i - start)));
        } catch (CharacterCodingException e) {
          throw new GraphFormatException(line, "the text is not valid UTF-8");
        }
        if (i < bytes.length) {
          sb.append('\n');
        }
        start = i + 1;
        line++;
      }
    }
    return sb.toString();
  }
}
