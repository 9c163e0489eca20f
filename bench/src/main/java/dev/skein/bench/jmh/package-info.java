/**
 * JMH benchmarks of the micro figures: the matmul kernel at the LSTM step's product shapes and
 * the per-op cost of a Session.run. Run with {@code mvn -q -pl bench -am compile exec:exec@jmh}
 * (docs/PERFORMANCE.md); JMH forks a fresh JVM per benchmark and prints error bars.
 */
package dev.skein.bench.jmh;
