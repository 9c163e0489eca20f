/**
 * Benchmarks that print figures (matmul GFLOP/s, per-op overhead, RNN training steps, memory),
 * run with {@code mvn -q -pl bench -am compile exec:java}; {@code -Ppeers} runs TensorFlow beside
 * Skein. Start with {@code Bench}.
 */
package dev.skein.bench;
