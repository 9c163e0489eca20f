package dev.skein.examples;

import static dev.skein.core.DType.FLOAT32;

import dev.skein.core.Graph;
import dev.skein.core.Output;
import dev.skein.core.Session;
import dev.skein.core.Shape;
import dev.skein.core.Tensor;
import dev.skein.core.Variable;
import dev.skein.core.ops.Ops;
import dev.skein.examples.util.Args;
import dev.skein.examples.util.Command;
import dev.skein.examples.util.Arrays2;
import dev.skein.examples.util.GraphFiles;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Notebook 000, "Custom RNN cells": a hand-made basic RNN cell, {@code s = tanh(x W_xh +
 * state W_hh)}, {@code y = s W_hy}, whose graph is one time step; the program runs it step by
 * step, feeding the new state back as the next step's state. Then the notebook's reshape of
 * sequences stacked along the batch axis, and the cell fed from a {@code [batch, time, input]}
 * array one time step at a time.
 */
public final class HandmadeRnnCell implements AutoCloseable {
  final Output x;
  final Output state;
  final Output s;
  final Output y;
  final Variable wXh;
  final Variable wHh;
  final Variable wHy;
  final Tensor zeroState;
  Tensor currentState;
  private final Session sess;

  /**
   * The notebook's {@code RNN_cell}: {@code x} is the input placeholder, {@code [batch, input]}.
   */
  HandmadeRnnCell(Ops tf, Output x, int numHidden, int numOutput) {
    int batchSize = x.shape().dim(0);
    int inputSize = x.shape().dim(1);
    this.x = x;
    wXh = tf.variable(tf.truncatedNormal(Shape.of(inputSize, numHidden)), "W_xh");
    wHh = tf.variable(tf.truncatedNormal(Shape.of(numHidden, numHidden)), "W_hh");
    wHy = tf.variable(tf.truncatedNormal(Shape.of(numHidden, numOutput)), "W_hy");
    state = tf.placeholder(FLOAT32, Shape.of(batchSize, numHidden), "hidden_state");
    zeroState = Tensor.zeros(FLOAT32, Shape.of(batchSize, numHidden));
    currentState = zeroState;
    Output h1 = tf.matmul(x, wXh); // input transform
    Output h2 = tf.matmul(state, wHh); // hidden transform
    s = tf.tanh(tf.add(h1, h2)); // update state
    y = tf.matmul(s, wHy);
    sess = new Session(tf.graph());
    sess.run(tf.globalVariablesInitializer());
  }

  /** One time step: feeds the current state, keeps the new one, returns the output. */
  Tensor step(Tensor xValue) {
    List<Tensor> r = sess.runner().feed(state, currentState).feed(x, xValue)
        .fetch(y).fetch(s).run();
    currentState = r.get(1);
    return r.get(0);
  }

  /** From the zero state, one step per entry of {@code xs}. */
  List<Tensor> out(List<Tensor> xs) {
    currentState = zeroState;
    List<Tensor> ys = new ArrayList<>();
    for (Tensor xt : xs) {
      ys.add(step(xt));
    }
    return ys;
  }

  @Override
  public void close() {
    sess.close();
  }

  /** The command line: {@code --help} lists the options. */
  static final Command CLI = Args.command("HandmadeRnnCell",
      "Notebook 000: a hand-made RNN cell run step by step, feeding the state back.");

  public static void main(String[] args) throws Exception {
    CLI.main(args, a -> run(a, System.out));
  }

  static void run(Args args, PrintStream out) {
    long seed = args.longValue("seed", 42);
    Random rnd = new Random(seed);

    out.println("-- basic RNN cell, naive input: batch 2, input 4, hidden 3, output 1");
    Graph g = new Graph();
    g.setSeed(seed);
    Ops tf = Ops.create(g);
    int batchSize = 2;
    Output x = tf.placeholder(FLOAT32, Shape.of(batchSize, 4));
    Tensor xBatch = Tensor.of(new float[][] {{0, 0, 0, 0}, {1, 1, 1, 1}});
    try (HandmadeRnnCell rnn = new HandmadeRnnCell(tf, x, 3, 1)) {
      for (int i = 0; i < 5; i++) {
        out.println(rnn.step(xBatch));
        out.println(rnn.currentState);
        out.println();
      }
      out.println("-- the same five steps through out(X), X time-major [5, 2, 4]:");
      List<Tensor> xs = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        xs.add(xBatch);
      }
      for (Tensor yt : rnn.out(xs)) {
        out.println(yt);
      }
      out.println(rnn.currentState);
      GraphFiles.write(g, args.outDir(), "000_rnn_cell", out);
    }

    out.println();
    out.println("-- sequences stacked along the batch axis, [batch * trace, 3, 3] -> "
        + "[batch, trace, 3, 3]");
    reshapeDemo(out);

    out.println();
    out.println("-- basic RNN cell, sequential input [batch 2, trace 5, input 4]");
    Graph g2 = new Graph();
    g2.setSeed(seed);
    Ops tf2 = Ops.create(g2);
    Output seq = tf2.placeholder(FLOAT32, Shape.of(2, 5, 4));
    // the cell's own input is one time step of the sequence placeholder's shape
    Output step = tf2.placeholder(FLOAT32, Shape.of(seq.shape().dim(0), seq.shape().dim(2)));
    try (HandmadeRnnCell rnn = new HandmadeRnnCell(tf2, step, 3, 1)) {
      Tensor xSeq = Arrays2.randomUniform(rnd, 2, 5, 4);
      List<Tensor> steps = new ArrayList<>();
      for (int t = 0; t < xSeq.shape().dim(1); t++) {
        steps.add(Arrays2.timeStep(xSeq, t));
      }
      List<Tensor> ys = rnn.out(steps);
      out.println(ys.size() + " outputs of shape " + ys.get(0).shape() + ":");
      for (Tensor yt : ys) {
        out.println(yt);
      }
      out.println("current state " + rnn.currentState.shape() + ":");
      out.println(rnn.currentState);
    }
  }

  /** The notebook's A (zeros and ones interleaved along the batch) reshaped in a graph. */
  static Tensor reshapeDemo(PrintStream out) {
    int batchSize = 3;
    int traceLength = 2;
    float[] a = new float[batchSize * traceLength * 9];
    for (int i = 0; i < batchSize * traceLength; i++) {
      java.util.Arrays.fill(a, i * 9, (i + 1) * 9, i % 2); // A[i::2] = i
    }
    Tensor aValue = Tensor.create(Shape.of(batchSize * traceLength, 3, 3), a);
    out.println("A");
    out.println(aValue);
    out.println();
    Graph g = new Graph();
    Ops tf = Ops.create(g);
    Output aIn = tf.placeholder(FLOAT32, Shape.of(-1, 3, 3), "A");
    Output b = tf.reshape(aIn, new int[] {batchSize, traceLength, 3, 3});
    try (Session sess = new Session(g)) {
      Tensor bValue = sess.runner().feed(aIn, aValue).fetch(b).run().get(0);
      for (int i = 0; i < batchSize; i++) {
        Tensor bi = Arrays2.index(bValue, i);
        out.println("B[" + i + "]");
        out.println(Arrays2.index(bi, 0)); // 3x3 zeros
        out.println(Arrays2.index(bi, 1)); // 3x3 ones
      }
      return bValue;
    }
  }
}
