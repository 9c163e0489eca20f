package dev.skein.core.ops.array;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * One entry of a Python-like index {@code x[...]} for {@code stridedSlice}: {@code at(-1)} is
 * {@code x[-1]} (drops the dim), {@code range(1, 3)} is {@code 1:3}, {@code all()} is {@code :},
 * {@code every(-1)} is {@code ::-1}, {@code from(2)} is {@code 2:}, {@code upTo(2)} is
 * {@code :2}, {@code newAxis()} and {@code ellipsis()} are {@code None} and {@code ...}.
 * For example {@code x[:, -1, :]} is {@code stridedSlice(x, all(), at(-1), all())}.
 *
 * @param begin null: from the start (the end, for a negative step)
 * @param end null: to the end (the start, for a negative step)
 */
public record SliceIndex(Kind kind, Integer begin, Integer end, int step) {
  /** What an index entry does. */
  public enum Kind { AT, RANGE, NEW_AXIS, ELLIPSIS }

  public SliceIndex {
    checkArgument(step != 0, "a slice step must not be 0");
  }

  public static SliceIndex at(int index) {
    return new SliceIndex(Kind.AT, index, index + 1, 1);
  }

  public static SliceIndex all() {
    return new SliceIndex(Kind.RANGE, null, null, 1);
  }

  public static SliceIndex range(int begin, int end) {
    return new SliceIndex(Kind.RANGE, begin, end, 1);
  }

  public static SliceIndex range(int begin, int end, int step) {
    return new SliceIndex(Kind.RANGE, begin, end, step);
  }

  public static SliceIndex from(int begin) {
    return new SliceIndex(Kind.RANGE, begin, null, 1);
  }

  public static SliceIndex upTo(int end) {
    return new SliceIndex(Kind.RANGE, null, end, 1);
  }

  public static SliceIndex every(int step) {
    return new SliceIndex(Kind.RANGE, null, null, step);
  }

  public static SliceIndex newAxis() {
    return new SliceIndex(Kind.NEW_AXIS, null, null, 1);
  }

  public static SliceIndex ellipsis() {
    return new SliceIndex(Kind.ELLIPSIS, null, null, 1);
  }

  /** The StridedSlice op type these indices describe. */
  public static IndexOps.StridedSlice toSpec(List<SliceIndex> index) {
    int k = index.size();
    checkArgument(k <= 31, "at most 31 index entries are supported, got %s", k);
    int[] begin = new int[k];
    int[] end = new int[k];
    int[] strides = new int[k];
    int beginMask = 0;
    int endMask = 0;
    int ellipsisMask = 0;
    int newAxisMask = 0;
    int shrinkMask = 0;
    for (int i = 0; i < k; i++) {
      SliceIndex s = index.get(i);
      strides[i] = s.step;
      switch (s.kind) {
        case AT -> {
          begin[i] = s.begin;
          end[i] = s.end;
          shrinkMask |= 1 << i;
        }
        case RANGE -> {
          if (s.begin == null) {
            beginMask |= 1 << i;
          } else {
            begin[i] = s.begin;
          }
          if (s.end == null) {
            endMask |= 1 << i;
          } else {
            end[i] = s.end;
          }
        }
        case NEW_AXIS -> newAxisMask |= 1 << i;
        case ELLIPSIS -> ellipsisMask |= 1 << i;
      }
    }
    return new IndexOps.StridedSlice(ImmutableIntArray.copyOf(begin),
        ImmutableIntArray.copyOf(end), ImmutableIntArray.copyOf(strides), beginMask, endMask,
        ellipsisMask, newAxisMask, shrinkMask);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AT -> Integer.toString(begin);
      case RANGE -> (begin == null ? "" : begin) + ":" + (end == null ? "" : end)
          + (step == 1 ? "" : ":" + step);
      case NEW_AXIS -> "newAxis";
      case ELLIPSIS -> "...";
    };
  }
}
