package dev.skein.autodiff.summary;

import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scalar summaries, as TensorFlow 1.x's {@code tf.summary.scalar} and {@code merge}: each names a
 * scalar output by a tag; {@link #evaluate} runs them all in one session run and gives tag to
 * value, ready for {@link SummaryWriter#addSummary}.
 * <pre>{@code
 * Summaries summaries = new Summaries().scalar("loss", loss).scalar("accuracy", accuracy);
 * try (SummaryWriter w = new CsvSummaryWriter(Path.of("logs/train.csv"))) {
 *   w.addSummary(summaries.evaluate(session, feeds), step);
 * }
 * }</pre>
 * Unlike TensorFlow, a summary is not an op in the graph: the tags live here, so the graph and
 * its exports stay free of summary ops.
 */
public final class Summaries {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_./-]+");
  private final Map<String, Output> scalars = new LinkedHashMap<>();

  /** Adds a scalar summary of {@code value} under {@code tag} (letters, digits, _ . / -). */
  public Summaries scalar(String tag, Output value) {
    Objects.requireNonNull(value, "value of summary " + tag);
    checkTag(tag);
    if (scalars.containsKey(tag)) {
      throw new IllegalArgumentException("summary tag '" + tag + "' is already used");
    }
    if (value.shape().isFullyDefined() && value.shape().numElements() != 1) {
      throw new IllegalArgumentException("summary '" + tag + "' needs a scalar, got "
          + value + " of shape " + value.shape());
    }
    scalars.put(tag, value);
    return this;
  }

  static void checkTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("a summary tag is letters, digits and _ . / -, got "
          + (tag == null ? "null" : "'" + tag + "'"));
    }
  }

  /** The summarized outputs by tag, in the order added. */
  public Map<String, Output> scalars() {
    return Collections.unmodifiableMap(scalars);
  }

  /** Runs every summary in one run with {@code feeds}; returns tag to value, in order. */
  public Map<String, Double> evaluate(Session session, Map<Output, Tensor> feeds) {
    Session.Runner r = session.runner();
    feeds.forEach(r::feed);
    List<String> tags = new ArrayList<>(scalars.keySet());
    tags.forEach(t -> r.fetch(scalars.get(t)));
    List<Tensor> got = r.run();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      out.put(tags.get(i), got.get(i).doubleValue());
    }
    return out;
  }
}
