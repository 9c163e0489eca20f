package dev.skein.spark;

/** How the loss a {@link GraphFactory} returns reduces over the examples of a batch. */
public enum LossReduction {
  /** The mean over the batch: each shard's gradient is weighted by its share of the batch. */
  MEAN,
  /** The sum over the batch: shards' gradients are added as they are. */
  SUM
}
