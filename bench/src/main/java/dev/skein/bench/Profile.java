package dev.skein.bench;

import dev.skein.bench.RnnModel.Cell;
import dev.skein.bench.RnnModel.Unroll;

/**
 * Per-op-type profile of one recurrent model: {@code Profile <LSTM|GRU|BASIC_RNN>
 * <STATIC|DYNAMIC> <train|forward> [runs]}.
 */
public final class Profile {
  private Profile() {}

  public static void main(String[] args) {
    Cell cell = args.length > 0 ? Cell.parse(args[0]) : null;
    Unroll unroll = args.length > 1 ? Unroll.parse(args[1]) : null;
    if (cell == null || unroll == null || args.length < 3
        || !(args[2].equals("train") || args[2].equals("forward"))) {
      System.err.println("usage: profile <LSTM|GRU|BASIC_RNN> <STATIC|DYNAMIC> <train|forward>"
          + " [runs]; got " + String.join(" ", args));
      System.exit(2);
    }
    boolean training = args[2].equals("train");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    RnnBench.profile(new Timing(2, 1, 5), cell, unroll, training, runs);
  }
}
