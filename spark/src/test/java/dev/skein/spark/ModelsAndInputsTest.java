package dev.skein.spark;

import static dev.skein.spark.SyncTrainingTest.assertSameBits;
import static dev.skein.spark.SyncTrainingTest.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.autodiff.MomentumOptimizer;
import dev.skein.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A loop model through the graph file, rows as input, and refused inputs. */
class ModelsAndInputsTest {
  static final List<Example> DATA = Models.images(96, 11);

  static SparkTrainer.Builder lstm() {
    return SparkTrainer.builder(Models.lstm()).optimizer(tf -> new MomentumOptimizer(tf, 0.1,
        0.9)).batchSize(24).seed(5);
  }

  @Test
  void anLstmClassifierTrainsOnTwoPartitionsAsInOneProcess() {
    JavaSparkContext sc = SparkTestContext.get();
    TrainResult r = lstm().build().fit(sc.parallelize(DATA, 2), 2);
    TrainResult ref = new LocalTrainer(Models.lstm(), tf -> new MomentumOptimizer(tf, 0.1, 0.9),
        24, 5, true).fitSteps(DATA, 8);
    assertEquals(8, r.globalStep());
    assertTrue(r.variables().containsKey("rnn/basic_lstm_cell/kernel"), r.variables().keySet()
        .toString());
    double err = relativeError(r.variables(), ref.variables());
    assertTrue(err < 1e-5, "relative error " + err);
    // the weights moved: far from the initial values the same seed gives
    TrainResult start = new LocalTrainer(Models.lstm(), tf -> new MomentumOptimizer(tf, 0.1,
        0.9), 24, 5, true).fitSteps(DATA, 0);
    assertTrue(relativeError(r.variables(), start.variables()) > 1e-3);
  }

  @Test
  void rowsTrainLikeTheExamplesTheyHold() {
    SparkSession spark = SparkSession.builder().sparkContext(SparkTestContext.get().sc())
        .getOrCreate();
    StructType schema = new StructType()
        .add("X", DataTypes.createArrayType(DataTypes.FloatType), false)
        .add("y", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (Example e : DATA) {
      List<Float> px = new ArrayList<>();
      for (float f : e.floats("X")) {
        px.add(f);
      }
      rows.add(RowFactory.create(px, e.ints("y")[0]));
    }
    // a local relation is scanned in list order, split like parallelize: 48 and 48 rows
    Dataset<Row> df = spark.createDataFrame(rows, schema);
    assertEquals(2, df.javaRDD().getNumPartitions());
    SparkTrainer t = SparkTrainer.builder(Models.mlp()).optimizer(tf -> new MomentumOptimizer(tf,
        0.05, 0.9)).batchSize(16).seed(3).build();
    TrainResult fromRows = t.fit(df, 2);
    TrainResult fromExamples = t.fit(SparkTestContext.get().parallelize(DATA, 2), 2);
    assertEquals(12, fromRows.globalStep());
    assertSameBits(fromRows.variables(), fromExamples.variables());
    // and both are one-process training on the rows in their order
    TrainResult ref = new LocalTrainer(Models.mlp(), tf -> new MomentumOptimizer(tf, 0.05, 0.9),
        16, 3, true).fitSteps(DATA, 12);
    double err = relativeError(fromRows.variables(), ref.variables());
    assertTrue(err < 1e-5, "relative error " + err);
    TrainResult start = new LocalTrainer(Models.mlp(), tf -> new MomentumOptimizer(tf, 0.05,
        0.9), 16, 3, true).fitSteps(DATA, 0);
    assertTrue(relativeError(fromRows.variables(), start.variables()) > 1e-3);

    Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create("a")),
        new StructType().add("X", DataTypes.StringType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RowExamples.toExamples(strings));
    assertTrue(e.getMessage().contains("column 'X' is string"), e.getMessage());
  }

  @Test
  void examplesThatDoNotFitTheInputsAreRefusedNamingTheInput() {
    JavaSparkContext sc = SparkTestContext.get();
    SparkTrainer t = SparkTrainer.builder(Models.mlp()).batchSize(2).build();
    List<Example> noLabel = List.of(Example.builder().floats("X", new float[784]).build(),
        Example.builder().floats("X", new float[784]).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(sc.parallelize(noLabel, 1), 1));
    assertTrue(e.getMessage().contains("no value for input y"), e.getMessage());

    List<Example> small = List.of(Example.builder().floats("X", new float[100]).ints("y", 1)
        .build(), Example.builder().floats("X", new float[100]).ints("y", 1).build());
    e = assertThrows(IllegalArgumentException.class, () -> t.fit(sc.parallelize(small, 1), 1));
    assertTrue(e.getMessage().contains("input X takes float32 (28, 28) (784 elements) per"
        + " example, but an example holds float32[100]"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class,
        () -> t.fit(sc.parallelize(Models.images(1, 1), 1), 1));
    assertTrue(e.getMessage().contains("1 examples, fewer than one batch of 2"), e.getMessage());

    SparkTrainer notScalar = SparkTrainer.builder(tf -> tf.placeholder(
        dev.skein.core.DType.FLOAT32, dev.skein.core.Shape.of(-1, 3), "X")).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> notScalar.fit(sc.parallelize(Models.images(4, 1), 1), 1));
    assertTrue(e.getMessage().contains("the loss must be a float scalar"), e.getMessage());
  }

  @Test
  void exampleValuesAreCopiedAndChecked() {
    float[] px = {1, 2};
    Example e = Example.builder().floats("a", px).ints("b", 3).build();
    px[0] = 9;
    assertEquals(1f, e.floats("a")[0]);
    assertEquals(Example.builder().floats("a", 1, 2).ints("b", 3).build(), e);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> e.ints("a"));
    assertTrue(x.getMessage().contains("'a' is float32"), x.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Example.builder().ints("a", 1).ints("a", 2));
    Map<String, Tensor> m = NpzBytes.read(NpzBytes.write(Map.of("w/k",
        Tensor.of(new float[][] {{1, 2}, {3, 4}}))));
    assertEquals(List.of(2, 2), List.of(m.get("w/k").shape().dim(0), m.get("w/k").shape()
        .dim(1)));
    assertEquals(4f, m.get("w/k").floats()[3]);
  }
}
