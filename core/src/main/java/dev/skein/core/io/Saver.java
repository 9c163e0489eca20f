package dev.skein.core.io;

import dev.skein.core.Graph;
import dev.skein.core.Session;
import dev.skein.core.SessionState;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Saves and restores variables, as TensorFlow 1.x's {@code tf.train.Saver}:
 * <pre>{@code
 * Saver saver = new Saver(graph);                       // every global variable
 * String path = saver.save(session, "ckpt/model", 1000); // ckpt/model-1000.npz
 * saver.restore(session, Saver.latestCheckpoint("ckpt"));
 * }</pre>
 *
 * <p><b>Format.</b> A checkpoint is one NumPy {@code .npz} file ({@link Npz}): one {@code .npy}
 * entry per variable, named by the variable's name ({@code rnn/kernel} is the zip entry
 * {@code rnn/kernel.npy}; '/' is kept as a zip path separator), so
 * {@code numpy.load("model-1000.npz")["rnn/kernel"]} reads it in Python. The directory also holds
 * a small state file {@code checkpoint} ({@link CheckpointState}, TensorFlow's text format)
 * naming the latest checkpoint and the ones kept.
 *
 * <p><b>Crash safety.</b> Each file is written to a temporary file, fsynced and renamed over its
 * target, and the state file is updated only after the checkpoint is complete; old checkpoints
 * beyond {@link #maxToKeep} are deleted last. So a crash at any point leaves the previous
 * checkpoint and a state file naming a complete checkpoint.
 *
 * <p><b>Keeping the last N.</b> The saver remembers the checkpoints it wrote and deletes the
 * oldest once there are more than {@code maxToKeep} (default 5; 0 keeps all). On its first save
 * into a directory it takes over what the directory really holds: the checkpoints of the same
 * prefix, those the state file lists and those a crash orphaned before the state file named them
 * ({@code prefix-N.npz}, oldest step first), so a restarted program trims them too.
 *
 * <p><b>Cleaning up after a crash.</b> A kill during a save leaves a hidden temporary file
 * ({@code .model-N.npz.tmp-*}, {@code .checkpoint.tmp-*}). On its first save into a directory the
 * saver deletes every such file last modified before the saver was created: a write in progress
 * (another saver's, started later) keeps touching its file and is left alone.
 *
 * <p><b>Compression.</b> {@link #compressed(boolean) compressed(true)} writes deflated entries,
 * as NumPy's {@code savez_compressed} does: much smaller for zeros and repeated values, but
 * trained weights barely compress and deflating is slow (50M random floats: 190 MB to 176 MB,
 * about 25 s instead of 0.5 s, as long as NumPy's savez_compressed takes; the bench module's
 * {@code checkpoints} section). Restore reads both kinds.
 *
 * <p><b>Consistency.</b> Each variable's value is read atomically, but a save that runs while
 * other threads train reads different variables at slightly different moments, as TensorFlow's
 * Saver does; save between training steps for a consistent snapshot. A restore checks every
 * variable first and assigns them only if all match.
 */
public final class Saver {
  private final Map<String, Variable> variables;
  private int maxToKeep = 5;
  private final List<Path> kept = new ArrayList<>();
  private final List<Path> adoptedDirs = new ArrayList<>();
  private UnaryOperator<OutputStream> wrap = UnaryOperator.identity();
  private boolean compressed;
  /** When this saver was created: temporary files older than this are a crash's leftovers. */
  private final long startMillis = System.currentTimeMillis();

  /** A saver of every global variable of {@code graph} existing now, under their names. */
  public Saver(Graph graph) {
    this(graph.globalVariables());
  }

  /** A saver of these variables, under their names. */
  public Saver(List<Variable> vars) {
    this(byName(vars));
  }

  /** A saver of these variables under the given names (TensorFlow's var_list dict). */
  public Saver(Map<String, Variable> names) {
    Map<String, Variable> m = new LinkedHashMap<>();
    Graph g = null;
    for (Map.Entry<String, Variable> e : names.entrySet()) {
      Variable v = Objects.requireNonNull(e.getValue(), "variable for " + e.getKey());
      Npz.checkKey(e.getKey());
      if (g != null && v.graph() != g) {
        throw new IllegalArgumentException("variables " + m.keySet().iterator().next() + " and "
            + e.getKey() + " belong to different graphs");
      }
      g = v.graph();
      m.put(e.getKey(), v);
    }
    this.variables = java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, Variable> byName(List<Variable> vars) {
    Map<String, Variable> m = new LinkedHashMap<>();
    for (Variable v : vars) {
      if (m.put(v.varName(), v) != null) {
        throw new IllegalArgumentException("variable " + v.varName() + " is listed twice");
      }
    }
    return m;
  }

  /** Keeps at most {@code n} checkpoints (0: keep all); returns this saver. */
  public synchronized Saver maxToKeep(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxToKeep must be >= 0, got " + n);
    }
    this.maxToKeep = n;
    return this;
  }

  public synchronized int maxToKeep() {
    return maxToKeep;
  }

  /**
   * Writes deflated .npz entries (NumPy's {@code savez_compressed}) if {@code on}, stored ones
   * (NumPy's {@code savez}, the default) if not; returns this saver.
   */
  public synchronized Saver compressed(boolean on) {
    this.compressed = on;
    return this;
  }

  public synchronized boolean compressed() {
    return compressed;
  }

  /** The variables saved, by the name each is saved under. */
  public Map<String, Variable> variables() {
    return variables;
  }

  /** Tests use this to make writes fail at a chosen byte. */
  synchronized void wrapStreams(UnaryOperator<OutputStream> w) {
    this.wrap = w;
  }

  /**
   * Saves the variables' current values to {@code prefix-globalStep.npz} and returns that path.
   * Throws {@link CheckpointException} if a variable is uninitialized or the file cannot be
   * written; the previous checkpoints are untouched then.
   */
  public String save(Session session, String prefix, long globalStep) {
    return saveTo(session, prefix + "-" + globalStep + ".npz");
  }

  /** Saves with the global step read from an int64 (as TF1 makes it) or int32 scalar variable. */
  public String save(Session session, String prefix, Variable globalStep) {
    Tensor step = session.state().variable(globalStep.op());
    if (step == null || step.size() != 1 || !step.dtype().isInteger()) {
      throw new CheckpointException("the global step " + globalStep.varName()
          + " must be an initialized int64 or int32 scalar variable");
    }
    return save(session, prefix, step.getLong(0));
  }

  /** Saves to {@code prefix.npz} (no global step) and returns that path. */
  public String save(Session session, String prefix) {
    return saveTo(session, prefix.endsWith(".npz") ? prefix : prefix + ".npz");
  }

  private synchronized String saveTo(Session session, String file) {
    Map<String, Tensor> values = snapshot(session);
    Path path = Path.of(file);
    Path dir = path.toAbsolutePath().getParent();
    try {
      adopt(dir, path);
      Npz.write(path, values, wrap, compressed);
      kept.removeIf(p -> p.toAbsolutePath().normalize().equals(path.toAbsolutePath()
          .normalize()));
      kept.add(path);
      List<Path> drop = new ArrayList<>();
      while (maxToKeep > 0 && kept.size() > maxToKeep) {
        drop.add(kept.remove(0));
      }
      List<String> all = new ArrayList<>();
      for (Path p : kept) {
        if (p.toAbsolutePath().getParent().equals(dir)) {
          all.add(CheckpointState.relative(dir, p));
        }
      }
      new CheckpointState(CheckpointState.relative(dir, path), all).write(dir, wrap);
      for (Path p : drop) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot save checkpoint " + file + ": " + e, e);
    }
    return file;
  }

  /**
   * On the first save into dir: deletes the temporary files crashes left there, and takes over
   * the checkpoints of the same prefix, those its state file lists and those on disk.
   */
  private void adopt(Path dir, Path path) throws IOException {
    if (adoptedDirs.contains(dir)) {
      return;
    }
    CheckpointFiles.deleteStaleTemporaries(dir, startMillis);
    String name = path.getFileName().toString();
    int dash = name.lastIndexOf('-');
    String stem = dash > 0 ? name.substring(0, dash + 1) : name;
    List<Path> found = new ArrayList<>();
    CheckpointState st = CheckpointState.read(dir);
    if (st != null) {
      for (String s : st.all()) {
        Path p = CheckpointState.resolve(dir, s).toAbsolutePath().normalize();
        if (p.getFileName().toString().startsWith(stem) && Files.exists(p)) {
          found.add(p);
        }
      }
    }
    if (dash > 0) {
      // Numbered checkpoints on disk, listed or orphaned, by step after any others listed.
      List<CheckpointFiles.Numbered> onDisk = CheckpointFiles.numbered(dir, stem);
      for (CheckpointFiles.Numbered n : onDisk) {
        found.remove(n.path().toAbsolutePath().normalize());
      }
      for (CheckpointFiles.Numbered n : onDisk) {
        found.add(n.path().toAbsolutePath().normalize());
      }
    }
    for (Path p : found) {
      if (kept.stream().noneMatch(k -> k.toAbsolutePath().normalize().equals(p))) {
        kept.add(p);
      }
    }
    adoptedDirs.add(dir);
  }

  private Map<String, Tensor> snapshot(Session session) {
    SessionState state = session.state();
    Map<String, Tensor> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Variable> e : variables.entrySet()) {
      Variable v = e.getValue();
      if (v.graph() != session.graph()) {
        throw new CheckpointException("variable " + v.varName()
            + " belongs to another graph than the session's");
      }
      Tensor t = state.variable(v.op());
      if (t == null) {
        missing.add(v.varName());
      } else {
        values.put(e.getKey(), t);
      }
    }
    if (!missing.isEmpty()) {
      throw new CheckpointException("cannot save: variables not initialized in this session: "
          + String.join(", ", missing));
    }
    return values;
  }

  /**
   * Restores every variable of this saver from a checkpoint (a path {@link #save} returned, with
   * or without {@code .npz}). Checks all of them first: if any is missing from the file or has
   * another dtype or shape, or the file is truncated or corrupted, throws a
   * {@link CheckpointException} naming the file and every variable that differs, and assigns
   * nothing. Arrays in the file that no variable asks for are ignored.
   */
  public void restore(Session session, String path) {
    Objects.requireNonNull(path, "checkpoint path (is there a latest checkpoint?)");
    Path file = Path.of(path);
    if (!Files.exists(file) && !path.endsWith(".npz")) {
      file = Path.of(path + ".npz");
    }
    Map<Variable, Tensor> values = new LinkedHashMap<>();
    try (NpzReader r = NpzReader.open(file)) {
      List<String> problems = new ArrayList<>();
      Map<String, NpyFormat.Header> headers = new LinkedHashMap<>();
      for (Map.Entry<String, Variable> e : variables.entrySet()) {
        String name = e.getKey();
        Variable v = e.getValue();
        if (!r.has(name)) {
          problems.add("variable '" + name + "' (" + v.dtype() + " " + v.shape()
              + ") is not in the checkpoint");
          continue;
        }
        NpyFormat.Header h = r.header(name);
        if (h.dtype() != v.dtype() || !h.shape().isCompatibleWith(v.shape())) {
          r.verify(name);
          problems.add("variable '" + name + "' is " + v.dtype() + " " + v.shape()
              + " in the graph but " + h.dtype() + " " + h.shape() + " in the checkpoint");
          continue;
        }
        headers.put(name, h);
      }
      if (!problems.isEmpty()) {
        List<String> unused = new ArrayList<>(r.keys());
        unused.removeAll(variables.keySet());
        String hint = unused.isEmpty() ? "" : "\n  the checkpoint also holds, unused: "
            + String.join(", ", unused.size() > 20 ? unused.subList(0, 20) : unused)
            + (unused.size() > 20 ? ", ..." : "");
        throw new CheckpointException("cannot restore from " + file + ": " + problems.size()
            + " variable" + (problems.size() > 1 ? "s differ" : " differs") + ":\n  "
            + String.join("\n  ", problems) + hint);
      }
      for (Map.Entry<String, NpyFormat.Header> e : headers.entrySet()) {
        values.put(variables.get(e.getKey()), r.read(e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<Variable, Tensor> e : values.entrySet()) {
      if (e.getKey().graph() != session.graph()) {
        throw new CheckpointException("variable " + e.getKey().varName()
            + " belongs to another graph than the session's");
      }
    }
    for (Map.Entry<Variable, Tensor> e : values.entrySet()) {
      session.state().setVariable(e.getKey().op(), e.getValue());
    }
  }

  /**
   * The path of the latest checkpoint the state file in {@code dir} names, or null if there is
   * no state file or the file it names does not exist (TensorFlow's latest_checkpoint).
   */
  public static String latestCheckpoint(String dir) {
    Path d = Path.of(dir);
    CheckpointState st = CheckpointState.read(d);
    if (st == null || st.latest() == null) {
      return null;
    }
    Path p = CheckpointState.resolve(d, st.latest());
    return Files.exists(p) ? p.toString() : null;
  }

  /** The checkpoints the state file in {@code dir} lists, oldest first (empty if none). */
  public static List<String> allCheckpoints(String dir) {
    Path d = Path.of(dir);
    CheckpointState st = CheckpointState.read(d);
    List<String> r = new ArrayList<>();
    if (st != null) {
      for (String s : st.all()) {
        r.add(CheckpointState.resolve(d, s).toString());
      }
    }
    return r;
  }
}
