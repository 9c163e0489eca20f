package dev.skein.rnn;

import dev.skein.core.ops.Ops;
import java.util.function.Function;

/** Every cell type (and wrapper) the builders are checked with, built with small sizes. */
enum CellKind {
  BASIC_RNN(tf -> new BasicRnnCell(tf, 3)),
  BASIC_RNN_RELU(tf -> new BasicRnnCell(tf, 3, tf::relu)),
  BASIC_LSTM(tf -> new BasicLstmCell(tf, 3)),
  LSTM(tf -> new LstmCell(tf, 3)),
  LSTM_PEEPHOLES_CLIP_PROJ(tf -> LstmCell.builder(tf, 3).usePeepholes(true).cellClip(0.8)
      .numProj(2).build()),
  GRU(tf -> new GruCell(tf, 3)),
  MULTI(tf -> MultiRnnCell.of(tf, new BasicLstmCell(tf, 3), new GruCell(tf, 2),
      new BasicRnnCell(tf, 2))),
  RESIDUAL(tf -> new ResidualWrapper<>(new GruCell(tf, 2))),
  OUTPUT_PROJECTION(tf -> new OutputProjectionWrapper<>(new BasicLstmCell(tf, 3), 2)),
  DEVICE(tf -> new DeviceWrapper<>(new BasicRnnCell(tf, 3), "/device:CPU:0")),
  /** Dropout ops in the graph, keep probabilities 1: the same values as the bare cell. */
  DROPOUT_KEEP_ONE(tf -> new DropoutWrapper<>(new BasicLstmCell(tf, 3), tf.constant(1.0),
      tf.constant(1.0), tf.constant(1.0), 5L));

  /** The input depth every kind accepts (the residual wrapper needs depth == units). */
  static final int DEPTH = 2;

  private final Function<Ops, RnnCell<?>> factory;

  CellKind(Function<Ops, RnnCell<?>> factory) {
    this.factory = factory;
  }

  RnnCell<?> create(Ops tf) {
    return factory.apply(tf);
  }
}
