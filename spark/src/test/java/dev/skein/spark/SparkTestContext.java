package dev.skein.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** One embedded Spark for the module's tests: local[2,2], two threads, a failed task retried. */
final class SparkTestContext {
  private static JavaSparkContext sc;

  private SparkTestContext() {}

  static synchronized JavaSparkContext get() {
    if (sc == null) {
      SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("skein-spark-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.sql.shuffle.partitions", "2");
      sc = new JavaSparkContext(conf);
      sc.setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> sc.stop()));
    }
    return sc;
  }
}
