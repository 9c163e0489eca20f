package dev.skein.onnx;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.onnx.proto.OnnxProto.GraphProto;
import dev.skein.onnx.proto.OnnxProto.ModelProto;
import dev.skein.onnx.proto.OnnxProto.OperatorSetIdProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the part of a Skein graph that computes some fetches from some feeds as an ONNX model
 * (IR version {@value #IR_VERSION}, opset {@value #OPSET}), for ONNX Runtime and other ONNX
 * back ends:
 *
 * <pre>
 * OnnxExporter.export(sess, List.of(x), List.of(logits, prediction), Path.of("model.onnx"));
 * </pre>
 *
 * <ul>
 *   <li>Each feed becomes a graph input named after its op ({@code X}, or {@code X:1} for a
 *       later output), with its dtype and static shape (unknown dimensions stay unnamed); a
 *       feed need not be a placeholder. Each fetch becomes a graph output named after the
 *       tensor ({@code dense/BiasAdd:0}).
 *   <li>Variables are frozen: their current values in the session become initializers.
 *   <li>Only the ops the fetches need are written; a placeholder they need that is not fed is
 *       an error, as in a run.
 *   <li>Fused cell steps (LSTMGates, BiasTanh, BiasSigmoid) become the ONNX primitives they
 *       stand for; dynamicRnn's While becomes an ONNX Loop (batch and time stay dynamic)
 *       whose outputs sequence is the Loop's scan output; staticRnn's unrolled graph is
 *       written as it is. Any While exports as a Loop, with two limits: its trip count and
 *       its gradient exports are not written, and a TensorArray it carries must start empty
 *       and be written exactly once per iteration at the loop counter (a loop variable
 *       starting at int32 0 and adding 1); a TensorArray unstacked before the loop may be read
 *       at any index. Stacking an array the loop wrote gives one row per iteration (Skein
 *       refuses to stack an array with unwritten rows; the model does not check). A loop that
 *       runs zero times (sequences of 0 steps) stacks to [0, ...element] with the element's
 *       unknown dimensions 0, as Skein's stack of an empty array does.
 *   <li>RandomUniform and RandomStandardNormal (dropout) become ONNX's RandomUniformLike and
 *       RandomNormalLike: the same distribution, ONNX Runtime's numbers.
 *   <li>Control dependencies are not followed: the model computes the fetches' values only.
 *       Assignments and checks reached only through them are not written.
 *   <li>An op that cannot be written fails with an {@link OnnxExportException} naming the op
 *       (scoped name, type, creation line) and listing the supported op types.
 * </ul>
 *
 * Values are computed in the graph's dtypes (float32 stays float32; int32 index tensors stay
 * int32, with casts where ONNX wants int64).
 */
public final class OnnxExporter {
  private OnnxExporter() {}

  /** The ONNX IR version written. */
  public static final int IR_VERSION = 8;
  /** The default-domain opset version the model imports. */
  public static final int OPSET = 17;

  /** Writes the model to {@code path} (atomically: a temporary file renamed over it). */
  public static void export(Session session, List<Output> feeds, List<Output> fetches,
      Path path) throws IOException {
    byte[] bytes = toBytes(session, feeds, fetches);
    Path abs = path.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The serialized model. */
  public static byte[] toBytes(Session session, List<Output> feeds, List<Output> fetches) {
    return toModel(session, feeds, fetches).toByteArray();
  }

  /** The model as a protobuf message of the ONNX schema ({@code onnx.ModelProto}). */
  public static ModelProto toModel(Session session, List<Output> feeds, List<Output> fetches) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(feeds, "feeds");
    Objects.requireNonNull(fetches, "fetches");
    if (fetches.isEmpty()) {
      throw new OnnxExportException("nothing to export: the fetches are empty");
    }
    Graph g = session.graph();
    GraphProto.Builder main = GraphProto.newBuilder().setName("skein");
    ExportContext ctx = new ExportContext(session, main);
    Emitter e = new Emitter(ctx, main, Set.of());
    Set<Output> seen = new HashSet<>();
    for (Output f : feeds) {
      checkOwned(g, f, "feed");
      if (!seen.add(f)) {
        throw new OnnxExportException("feed " + f.name() + " is listed twice");
      }
      String name = f.index() == 0 ? f.op().name() : f.name();
      if (!ctx.reserve(name)) {
        throw new OnnxExportException("two feeds would share the ONNX input name " + name);
      }
      main.addInput(Tensors.valueInfo(name, onnxType(f), f.shape()));
      e.bind(f, new Value.Dense(name));
    }
    for (Output f : fetches) {
      checkOwned(g, f, "fetch");
      onnxType(f);
      if (!ctx.reserve(f.name())) {
        throw new OnnxExportException("fetch " + f.name() + " is listed twice, or its name is"
            + " a feed's");
      }
    }
    e.emit(fetches);
    for (Output f : fetches) {
      String value = e.dense(f);
      e.addNode("Identity", f.name(), List.of(value), List.of(f.name()));
      main.addOutput(Tensors.valueInfo(f.name(), onnxType(f), f.shape()));
    }
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("skein")
        .setProducerVersion(version())
        .setGraph(main)
        .build();
  }

  private static void checkOwned(Graph g, Output o, String what) {
    Objects.requireNonNull(o, what);
    if (o.graph() != g) {
      throw new OnnxExportException(what + " " + o.name() + " belongs to another graph than"
          + " the session's (a loop body's value cannot be fed or fetched)");
    }
  }

  private static int onnxType(Output o) {
    try {
      return Tensors.onnxType(o.dtype());
    } catch (OnnxExportException ex) {
      throw new OnnxExportException(o.name() + ": " + ex.getMessage());
    }
  }

  private static String version() {
    String v = OnnxExporter.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
