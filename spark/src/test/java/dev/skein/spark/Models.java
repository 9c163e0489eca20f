package dev.skein.spark;

import static dev.skein.core.DType.FLOAT32;
import static dev.skein.core.DType.INT32;

import dev.skein.autodiff.Layers;
import dev.skein.autodiff.Losses;
import dev.skein.core.Output;
import dev.skein.core.Shape;
import dev.skein.rnn.BasicLstmCell;
import dev.skein.rnn.Rnn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Fashion-MNIST-shaped synthetic data and two small models for the tests. */
final class Models {
  static final int SIDE = 28;

  private Models() {}

  /**
   * {@code n} 28x28 images of 10 classes: class c is a bright band of rows 2c..2c+5 plus
   * uniform noise, so a model can learn it and the loss falls.
   */
  static List<Example> images(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = rnd.nextInt(10);
      float[] px = new float[SIDE * SIDE];
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          float band = r >= 2 * label && r < 2 * label + 6 ? 0.6f : 0f;
          px[r * SIDE + c] = band + 0.4f * (float) rnd.nextDouble();
        }
      }
      out.add(Example.builder().floats("X", px).ints("y", label).build());
    }
    return out;
  }

  /** 784 -> dense 16 relu -> dense 10, mean sparse softmax cross-entropy. */
  static GraphFactory mlp() {
    return tf -> {
      Output x = tf.placeholder(FLOAT32, Shape.of(-1, SIDE, SIDE), "X");
      Output y = tf.placeholder(INT32, Shape.of(-1), "y");
      Output flat = tf.reshape(x, new int[] {-1, SIDE * SIDE});
      Output h = Layers.dense(tf, flat, 16, tf::relu);
      Output logits = Layers.dense(tf, h, 10);
      return tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    };
  }

  /** Notebook 002's classifier, smaller: rows as 28 steps into a BasicLstmCell of 8 units. */
  static GraphFactory lstm() {
    return tf -> {
      Output x = tf.placeholder(FLOAT32, Shape.of(-1, SIDE, SIDE), "X");
      Output y = tf.placeholder(INT32, Shape.of(-1), "y");
      BasicLstmCell cell = new BasicLstmCell(tf, 8);
      Output h = Rnn.dynamicRnn(tf, cell, x, null).state().h();
      Output logits = Layers.dense(tf, h, 10);
      return tf.reduceMean(Losses.sparseSoftmaxCrossEntropyWithLogits(tf, y, logits));
    };
  }
}
