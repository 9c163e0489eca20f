package dev.skein.spark;

import dev.skein.autodiff.GradAndVar;
import dev.skein.autodiff.Gradients;
import dev.skein.autodiff.Optimizer;
import dev.skein.autodiff.Variables;
import dev.skein.core.Graph;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Variable;
import dev.skein.core.io.GraphFormat;
import dev.skein.core.ops.Ops;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The driver's graph: the model the factory built, its gradients (the part written to the
 * workers' graph file), then one placeholder per gradient and the optimizer applying them, so any
 * Skein optimizer (slots, schedules, global step) runs unchanged on the summed gradients.
 */
final class TrainingGraph {
  final Graph graph;
  final List<Variable> modelVariables;
  final List<Variable> trained;
  final List<Output> gradientFeeds;
  final Operation apply;
  final Variable globalStep;
  final Operation init;
  final GraphSpec spec;

  private TrainingGraph(Graph graph, List<Variable> modelVariables, List<Variable> trained,
      List<Output> gradientFeeds, Operation apply, Variable globalStep, Operation init,
      GraphSpec spec) {
    this.graph = graph;
    this.modelVariables = modelVariables;
    this.trained = trained;
    this.gradientFeeds = gradientFeeds;
    this.apply = apply;
    this.globalStep = globalStep;
    this.init = init;
    this.spec = spec;
  }

  static TrainingGraph build(GraphFactory factory, Function<Ops, Optimizer> optimizer,
      long seed, LossReduction reduction) {
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    Output loss = factory.build(tf);
    if (loss == null || loss.graph() != g) {
      throw new IllegalArgumentException("the graph factory must return a loss of the graph it"
          + " was given, got " + loss);
    }
    if (!loss.dtype().isFloating() || !loss.shape().hasKnownRank() || loss.shape().rank() != 0) {
      throw new IllegalArgumentException("the loss must be a float scalar (reduce it over the"
          + " batch first), got " + loss.name() + " " + loss.dtype() + " " + loss.shape());
    }
    List<GraphSpec.Input> inputs = new ArrayList<>();
    for (Operation op : g.operations()) {
      if (op.type().typeName().equals("Placeholder")) {
        inputs.add(input(op.output(0)));
      }
    }
    List<Variable> model = List.copyOf(g.globalVariables());
    List<Variable> trainable = Variables.trainableVariables(g);
    List<Output> grads = Gradients.gradients(loss, new ArrayList<>(trainable));
    List<Variable> trained = new ArrayList<>();
    List<String> gradNames = new ArrayList<>();
    List<Integer> trainedIdx = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      if (grads.get(i) != null) {
        trained.add(trainable.get(i));
        gradNames.add(grads.get(i).name());
        trainedIdx.add(model.indexOf(trainable.get(i)));
      }
    }
    if (trained.isEmpty()) {
      throw new IllegalArgumentException("the loss " + loss.name() + " depends on no trainable"
          + " variable");
    }
    String text = GraphFormat.standard().toText(g);
    List<String> varNames = model.stream().map(v -> v.op().name()).toList();
    GraphSpec spec = new GraphSpec(text, sha256(text), List.copyOf(inputs), loss.name(),
        varNames, trainedIdx.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(gradNames), reduction);

    List<Output> feeds = new ArrayList<>();
    List<GradAndVar> pairs = new ArrayList<>();
    try (Graph.Scope s = g.nameScope("sync_sgd")) {
      for (Variable v : trained) {
        Output p = tf.placeholder(v.dtype(), v.shape(), "summed_gradient");
        feeds.add(p);
        pairs.add(new GradAndVar(p, v));
      }
    }
    Optimizer opt = optimizer.apply(tf);
    Variable step = Optimizer.getOrCreateGlobalStep(tf);
    Operation apply = opt.applyGradients(pairs, step);
    Operation init = tf.globalVariablesInitializer();
    return new TrainingGraph(g, model, List.copyOf(trained), List.copyOf(feeds), apply, step,
        init, spec);
  }

  private static GraphSpec.Input input(Output p) {
    Shape s = p.shape();
    String name = p.op().name();
    if (!s.hasKnownRank() || s.rank() < 1) {
      throw new IllegalArgumentException("input placeholder " + name + " has shape " + s
          + "; an input needs a batch dimension first, as (?, 28, 28)");
    }
    if (p.dtype() != dev.skein.core.DType.FLOAT32 && p.dtype() != dev.skein.core.DType.INT32) {
      throw new IllegalArgumentException("input placeholder " + name + " is " + p.dtype()
          + "; examples feed float32 and int32 inputs only");
    }
    Shape rest = s.subShape(1, s.rank());
    if (!rest.isFullyDefined()) {
      throw new IllegalArgumentException("input placeholder " + name + " has shape " + s
          + "; every dimension after the batch's must be known");
    }
    return new GraphSpec.Input(name, p.dtype(), rest.dims());
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
