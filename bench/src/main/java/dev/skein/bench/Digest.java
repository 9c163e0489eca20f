package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Dims;
import dev.skein.bench.RnnModel.Unroll;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Bit-for-bit fingerprints of training: for each model (notebook sizes), the SHA-256 of the
 * loss of each of {@code steps} training steps and of every variable's values after them, as
 * float bits. Two builds, or two JVM settings, compute the same numbers exactly when their
 * fingerprints are equal: {@code mvn -q -pl bench -am compile exec:java -Dexec.args="digest"}
 * before and after a kernel change.
 */
final class Digest {
  private Digest() {}

  static void run(List<Cell> cells, List<Unroll> unrolls, int steps) {
    System.out.printf("training fingerprints: SHA-256 of %d steps' losses and the variables after"
        + " them (float bits)%n", steps);
    for (Cell cell : cells) {
      for (Unroll unroll : unrolls) {
        try (RnnModel m = new RnnModel(cell, unroll, Dims.NOTEBOOK)) {
          MessageDigest md = sha256();
          float last = Float.NaN;
          for (int i = 0; i < steps; i++) {
            Tensor loss = m.session.runner().feed(m.x, m.xValue).feed(m.y, m.yValue)
                .fetch(m.loss).addTarget(m.train).run().get(0);
            last = loss.floats()[0];
            update(md, loss.floats());
          }
          List<Variable> vars = new ArrayList<>(m.graph.globalVariables());
          vars.sort(Comparator.comparing(Variable::varName));
          for (Variable v : vars) {
            Tensor t = m.session.runner().fetch(v).run().get(0);
            if (t.dtype() == dev.skein.core.DType.FLOAT32) {
              update(md, t.floats());
            }
          }
          System.out.printf("  %-32s %s  (last loss %.9g, %d variables)%n",
              cell.label() + " " + unroll.label(), HexFormat.of().formatHex(md.digest()), last,
              vars.size());
        }
      }
    }
    System.out.println();
  }

  private static void update(MessageDigest md, float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
    for (float v : values) {
      buf.putInt(Float.floatToRawIntBits(v));
    }
    md.update(buf.array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
