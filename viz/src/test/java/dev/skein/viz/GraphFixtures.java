package dev.skein.viz;

import dev.skein.core.DType;
import dev.skein.core.Graph;
import dev.skein.core.InferContext;
import dev.skein.core.KernelContext;
import dev.skein.core.OpType;
import dev.skein.core.Operation;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.TensorSpec;
import dev.skein.core.Variable;
import dev.skein.core.ops.state.StateOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Graphs shaped like TensorFlow 1.x models, built from stand-in op types (viz only needs the
 * structure): an unrolled static LSTM with a dense layer, a loss, TF-style gradient scopes and
 * gradient-descent updates; and a dynamic RNN whose While op carries cond and body subgraphs.
 */
final class GraphFixtures {
  private GraphFixtures() {}

  /** A stand-in op: a TF type name and fixed float32 output shapes; it has no kernel. */
  record FakeOp(String typeName, List<Shape> shapes) implements OpType {
    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      List<TensorSpec> r = new ArrayList<>();
      for (Shape s : shapes) {
        r.add(new TensorSpec(DType.FLOAT32, s));
      }
      return r;
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      throw new UnsupportedOperationException("stand-in op");
    }
  }

  /** A stand-in optimizer update naming its variable, as TF's ApplyGradientDescent does. */
  record FakeApply(Operation variable) implements OpType {
    @Override
    public String typeName() {
      return "ApplyGradientDescent";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return List.of(variable.outputSpec(0));
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      throw new UnsupportedOperationException("stand-in op");
    }

    @Override
    public boolean isStateful() {
      return true;
    }
  }

  /** A stand-in While op carrying cond and body graphs. */
  record FakeWhile(Graph cond, Graph body, List<Shape> shapes) implements OpType {
    @Override
    public String typeName() {
      return "While";
    }

    @Override
    public List<TensorSpec> infer(InferContext ctx) {
      return new FakeOp("While", shapes).infer(ctx);
    }

    @Override
    public Tensor[] compute(KernelContext ctx, Tensor[] inputs) {
      throw new UnsupportedOperationException("stand-in op");
    }

    @Override
    public Map<String, Graph> subgraphs() {
      Map<String, Graph> m = new LinkedHashMap<>();
      m.put("cond", cond);
      m.put("body", body);
      return m;
    }

    @Override
    public String describeAttributes() {
      return "cond=" + cond.numOperations() + " ops, body=" + body.numOperations() + " ops";
    }
  }

  static Output op(Graph g, String type, String name, Shape shape, Output... inputs) {
    return g.addOp(new FakeOp(type, List.of(shape)), name, List.of(inputs)).output(0);
  }

  static Operation opN(Graph g, String type, String name, List<Shape> shapes, Output... inputs) {
    return g.addOp(new FakeOp(type, shapes), name, List.of(inputs));
  }

  static Output constant(Graph g, String name, Tensor value) {
    return StateOps.constant(g, value, name);
  }

  /** A TF-style variable with an initializer subgraph and a {@code read} identity. */
  static Output variable(Graph g, String scope, String name, Shape shape) {
    Output init;
    try (Graph.Scope s = g.nameScope(scope + "/" + name + "/Initializer/random_uniform/")) {
      Output sh = constant(g, "shape", Tensor.of(shape.dims()));
      Output min = constant(g, "min", Tensor.scalar(-0.08f));
      Output max = constant(g, "max", Tensor.scalar(0.08f));
      Output r = op(g, "RandomUniform", "RandomUniform", shape, sh);
      Output sub = op(g, "Sub", "sub", Shape.scalar(), max, min);
      Output mul = op(g, "Mul", "mul", shape, r, sub);
      init = op(g, "Add", null, shape, mul, min);
    }
    Variable v;
    try (Graph.Scope s = g.nameScope(scope + "/")) {
      v = StateOps.variable(g, init, name);
    }
    try (Graph.Scope s = g.nameScope(v.varName() + "/")) {
      return StateOps.identity(g, v, "read");
    }
  }

  /**
   * An unrolled LSTM as tf.nn.static_rnn builds it (scopes rnn/basic_lstm_cell,
   * rnn/basic_lstm_cell_1, ...), a dense layer, a softmax loss, the gradients (scope gradients,
   * one {@code <op>_grad} scope per forward op, AddN accumulations) and gradient-descent updates.
   */
  static Graph staticLstm(int steps, int inputs, int units, int classes) {
    Graph g = new Graph();
    GradBuilder grads = new GradBuilder(g);
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, steps, inputs), "X");
    Output y = StateOps.placeholder(g, DType.INT32, Shape.of(-1), "y");
    List<Shape> stepShapes = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      stepShapes.add(Shape.of(-1, inputs));
    }
    Operation unstack = opN(g, "Unpack", "unstack", stepShapes, x);
    Output kernel = variable(g, "rnn/basic_lstm_cell", "kernel", Shape.of(inputs + units, 4 * units));
    Output bias = variable(g, "rnn/basic_lstm_cell", "bias", Shape.of(4 * units));
    Output c;
    Output h;
    try (Graph.Scope s = g.nameScope("rnn/BasicLSTMCellZeroState/")) {
      Output dims = constant(g, "Const", Tensor.of(new int[] {units}));
      c = op(g, "Fill", "zeros", Shape.of(-1, units), dims);
      h = op(g, "Fill", "zeros_1", Shape.of(-1, units), dims);
    }
    Shape bu = Shape.of(-1, units);
    for (int t = 0; t < steps; t++) {
      String scope = t == 0 ? "rnn/basic_lstm_cell/" : "rnn/basic_lstm_cell_" + t + "/";
      try (Graph.Scope s = g.nameScope(scope)) {
        Output axis = constant(g, "concat/axis", Tensor.scalar(1));
        Output cat = grads.record(op(g, "ConcatV2", "concat", Shape.of(-1, inputs + units),
            unstack.output(t), h, axis));
        Output mm = grads.record(op(g, "MatMul", "MatMul", Shape.of(-1, 4 * units), cat, kernel));
        Output ba = grads.record(op(g, "BiasAdd", "BiasAdd", Shape.of(-1, 4 * units), mm, bias));
        Output dim = constant(g, "Const", Tensor.scalar(1));
        Operation split = opN(g, "Split", "split", List.of(bu, bu, bu, bu), dim, ba);
        grads.record(split.output(0));
        Output one = constant(g, "add/y", Tensor.scalar(1f));
        Output fb = grads.record(op(g, "Add", "add", bu, split.output(2), one));
        Output sf = grads.record(op(g, "Sigmoid", "Sigmoid", bu, fb));
        Output m0 = grads.record(op(g, "Mul", "Mul", bu, c, sf));
        Output si = grads.record(op(g, "Sigmoid", "Sigmoid_1", bu, split.output(0)));
        Output tj = grads.record(op(g, "Tanh", "Tanh", bu, split.output(1)));
        Output m1 = grads.record(op(g, "Mul", "Mul_1", bu, si, tj));
        c = grads.record(op(g, "Add", "add_1", bu, m0, m1));
        Output tc = grads.record(op(g, "Tanh", "Tanh_1", bu, c));
        Output so = grads.record(op(g, "Sigmoid", "Sigmoid_2", bu, split.output(3)));
        h = grads.record(op(g, "Mul", "Mul_2", bu, tc, so));
      }
    }
    Output dk = variable(g, "dense", "kernel", Shape.of(units, classes));
    Output db = variable(g, "dense", "bias", Shape.of(classes));
    Output logits;
    try (Graph.Scope s = g.nameScope("dense/")) {
      Output mm = grads.record(op(g, "MatMul", "MatMul", Shape.of(-1, classes), h, dk));
      logits = grads.record(op(g, "BiasAdd", "BiasAdd", Shape.of(-1, classes), mm, db));
    }
    Output loss;
    try (Graph.Scope s = g.nameScope("loss/")) {
      Operation xent = opN(g, "SparseSoftmaxCrossEntropyWithLogits",
          "SparseSoftmaxCrossEntropyWithLogits",
          List.of(Shape.of(-1), Shape.of(-1, classes)), logits, y);
      grads.record(xent.output(0));
      Output axes = constant(g, "Const", Tensor.of(new int[] {0}));
      loss = grads.record(op(g, "Mean", "Mean", Shape.scalar(), xent.output(0), axes));
    }
    Map<Output, Output> varGrads = grads.build(loss);
    List<Operation> updates = new ArrayList<>();
    try (Graph.Scope s = g.nameScope("GradientDescent/")) {
      Output lr = constant(g, "learning_rate", Tensor.scalar(0.01f));
      for (Variable v : g.globalVariables()) {
        Output gv = varGrads.get(v);
        try (Graph.Scope u = g.nameScope("GradientDescent/update_" + v.varName() + "/")) {
          updates.add(g.addOp(new FakeApply(v.op()), "ApplyGradientDescent",
              List.of(lr, gv)));
        }
      }
    }
    StateOps.group(g, updates, "GradientDescent");
    StateOps.globalVariablesInitializer(g);
    return g;
  }

  /**
   * A TF-style reverse pass over stand-in ops: for each recorded forward output, in reverse,
   * a {@code gradients/<op>_grad} scope with the ops TensorFlow would add, and AddN where an
   * output feeds several consumers.
   */
  static final class GradBuilder {
    private final Graph g;
    private final List<Output> forward = new ArrayList<>();
    private final Map<Output, List<Output>> partials = new HashMap<>();

    GradBuilder(Graph g) {
      this.g = g;
    }

    Output record(Output o) {
      forward.add(o);
      return o;
    }

    /** Builds the gradients of loss; returns the gradient of each variable read. */
    Map<Output, Output> build(Output loss) {
      Map<Output, Output> varGrads = new HashMap<>();
      try (Graph.Scope s = g.nameScope("gradients/")) {
        Output shape = constant(g, "Shape", Tensor.of(new int[0]));
        Output ys = constant(g, "grad_ys_0", Tensor.scalar(1f));
        partials.put(loss, new ArrayList<>(List.of(op(g, "Fill", "Fill", Shape.scalar(), shape,
            ys))));
        for (int i = forward.size() - 1; i >= 0; i--) {
          Output out = forward.get(i);
          Operation fwd = out.op();
          Output dy = sum(out);
          if (dy == null) {
            continue;
          }
          String scope = "gradients/" + fwd.name() + "_grad/";
          try (Graph.Scope gs = g.nameScope(scope)) {
            gradOf(fwd, dy);
          }
        }
        for (Variable v : g.globalVariables()) {
          Output read = g.operation(v.varName() + "/read").output(0);
          Output gr = sum(read);
          varGrads.put(v, gr);
        }
      }
      return varGrads;
    }

    private Output sum(Output o) {
      List<Output> ps = partials.get(o);
      if (ps == null || ps.isEmpty()) {
        return null;
      }
      if (ps.size() == 1) {
        return ps.get(0);
      }
      try (Graph.Scope s = g.nameScope("gradients/")) {
        return op(g, "AddN", "AddN", o.shape(),
            ps.toArray(new Output[0]));
      }
    }

    private void flow(Output to, Output grad) {
      partials.computeIfAbsent(to, k -> new ArrayList<>()).add(grad);
    }

    private void gradOf(Operation fwd, Output dy) {
      String t = fwd.type().typeName();
      switch (t) {
        case "Add", "Mul" -> binary(fwd, dy);
        case "Sigmoid", "Tanh" -> flow(fwd.input(0),
            op(g, t + "Grad", t + "Grad", dy.shape(), fwd.output(0), dy));
        case "MatMul" -> {
          flow(fwd.input(0), op(g, "MatMul", "MatMul", fwd.input(0).shape(), dy, fwd.input(1)));
          flow(fwd.input(1), op(g, "MatMul", "MatMul_1", fwd.input(1).shape(), fwd.input(0), dy));
        }
        case "BiasAdd" -> {
          flow(fwd.input(0), dy);
          flow(fwd.input(1), op(g, "BiasAddGrad", "BiasAddGrad", fwd.input(1).shape(), dy));
        }
        case "Split" -> {
          List<Output> parts = new ArrayList<>();
          for (int k = 0; k < 4; k++) {
            List<Output> p = partials.get(fwd.output(k));
            parts.add(p == null ? dy : p.get(0));
          }
          parts.add(fwd.input(0));
          flow(fwd.input(1), op(g, "ConcatV2", "concat", fwd.input(1).shape(),
              parts.toArray(new Output[0])));
        }
        case "ConcatV2" -> {
          Output rank = op(g, "Rank", "Rank", Shape.scalar(), fwd.input(0));
          Output mod = op(g, "FloorMod", "mod", Shape.scalar(), fwd.input(2), rank);
          Operation shapeN = opN(g, "ShapeN", "ShapeN", List.of(Shape.of(2), Shape.of(2)),
              fwd.input(0), fwd.input(1));
          Operation offs = opN(g, "ConcatOffset", "ConcatOffset",
              List.of(Shape.of(2), Shape.of(2)), mod, shapeN.output(0), shapeN.output(1));
          op(g, "Slice", "Slice", fwd.input(0).shape(), dy, offs.output(0), shapeN.output(0));
          flow(fwd.input(1), op(g, "Slice", "Slice_1", fwd.input(1).shape(), dy,
              offs.output(1), shapeN.output(1)));
        }
        case "SparseSoftmaxCrossEntropyWithLogits" -> {
          Output e = op(g, "ExpandDims", "ExpandDims", Shape.of(-1, 1), dy);
          flow(fwd.input(0), op(g, "Mul", "mul", fwd.input(0).shape(), e, fwd.output(1)));
        }
        case "Mean" -> {
          Output r = op(g, "Reshape", "Reshape", Shape.of(1), dy);
          Output tile = op(g, "Tile", "Tile", fwd.input(0).shape(), r);
          Output n = op(g, "Cast", "Cast", Shape.scalar(), op(g, "Prod", "Prod", Shape.scalar(),
              op(g, "Shape", "Shape", Shape.of(1), fwd.input(0))));
          flow(fwd.input(0), op(g, "RealDiv", "truediv", fwd.input(0).shape(), tile, n));
        }
        default -> throw new IllegalArgumentException("no stand-in gradient for " + t);
      }
    }

    /** TF's gradient of a broadcasting binary op, with its tuple of control dependencies. */
    private void binary(Operation fwd, Output dy) {
      Output a = fwd.input(0);
      Output b = fwd.input(1);
      Output sa = op(g, "Shape", "Shape", Shape.of(a.shape().rank()), a);
      Output sb = op(g, "Shape", "Shape_1", Shape.of(b.shape().rank()), b);
      Operation bga = opN(g, "BroadcastGradientArgs", "BroadcastGradientArgs",
          List.of(Shape.of(-1), Shape.of(-1)), sa, sb);
      boolean mul = fwd.type().typeName().equals("Mul");
      Output ga = mul ? op(g, "Mul", "Mul", dy.shape(), dy, b) : dy;
      Output ra = op(g, "Reshape", "Reshape", a.shape(),
          op(g, "Sum", "Sum", Shape.unknown(), ga, bga.output(0)), sa);
      Output gb = mul ? op(g, "Mul", "Mul_1", dy.shape(), a, dy) : dy;
      Output rb = op(g, "Reshape", "Reshape_1", b.shape(),
          op(g, "Sum", "Sum_1", Shape.unknown(), gb, bga.output(1)), sb);
      Operation deps = StateOps.group(g, List.of(ra.op(), rb.op()), "tuple/group_deps");
      try (Graph.Scope s = g.controlDependencies(List.of(deps))) {
        flow(a, StateOps.identity(g, ra, "tuple/control_dependency"));
        if (b.op().constantValue() == null) {
          flow(b, StateOps.identity(g, rb, "tuple/control_dependency_1"));
        }
      }
    }
  }

  /**
   * A dynamic RNN: rnn/while is one While op whose body runs a basic RNN cell and whose cond
   * compares the step counter, with the cell's variables outside, captured as inputs.
   */
  static Graph dynamicRnn(int inputs, int units) {
    Graph g = new Graph();
    Output x = StateOps.placeholder(g, DType.FLOAT32, Shape.of(-1, -1, inputs), "X");
    Output kernel = variable(g, "rnn/basic_rnn_cell", "kernel", Shape.of(inputs + units, units));
    Output bias = variable(g, "rnn/basic_rnn_cell", "bias", Shape.of(units));
    Graph cond = new Graph();
    Output ct = StateOps.placeholder(cond, DType.INT32, Shape.scalar(), "time");
    Output cn = StateOps.placeholder(cond, DType.INT32, Shape.scalar(), "steps");
    op(cond, "Less", "Less", Shape.scalar(), ct, cn);
    Graph body = new Graph();
    Output bt = StateOps.placeholder(body, DType.INT32, Shape.scalar(), "time");
    Output bh = StateOps.placeholder(body, DType.FLOAT32, Shape.of(-1, units), "h");
    Output bx = StateOps.placeholder(body, DType.FLOAT32, Shape.of(-1, -1, inputs), "inputs");
    Output bk = StateOps.placeholder(body, DType.FLOAT32, Shape.of(inputs + units, units),
        "kernel");
    Output bb = StateOps.placeholder(body, DType.FLOAT32, Shape.of(units), "bias");
    Output xt = op(body, "TensorArrayReadV3", "TensorArrayReadV3", Shape.of(-1, inputs), bx, bt);
    try (Graph.Scope s = body.nameScope("basic_rnn_cell")) {
      Output axis = constant(body, "concat/axis", Tensor.scalar(1));
      Output cat = op(body, "ConcatV2", "concat", Shape.of(-1, inputs + units), xt, bh, axis);
      Output mm = op(body, "MatMul", "MatMul", Shape.of(-1, units), cat, bk);
      Output ba = op(body, "BiasAdd", "BiasAdd", Shape.of(-1, units), mm, bb);
      op(body, "Tanh", "Tanh", Shape.of(-1, units), ba);
    }
    Output one = constant(body, "add/y", Tensor.scalar(1));
    op(body, "Add", "add", Shape.scalar(), bt, one);
    Output t0;
    Output h0;
    Output steps;
    try (Graph.Scope s = g.nameScope("rnn/")) {
      t0 = constant(g, "time", Tensor.scalar(0));
      h0 = op(g, "Fill", "zeros", Shape.of(-1, units), x);
      steps = op(g, "StridedSlice", "strided_slice", Shape.scalar(),
          op(g, "Shape", "Shape", Shape.of(3), x));
      Operation w = g.addOp(new FakeWhile(cond, body, List.of(Shape.scalar(),
          Shape.of(-1, units))), "while", List.of(t0, h0, x, kernel, bias, steps));
      op(g, "Identity", "output", Shape.of(-1, units), w.output(1));
    }
    return g;
  }
}
