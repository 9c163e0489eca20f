package dev.skein.core;

/** NumPy-like printing of tensors, used by {@link Tensor#toString()}. */
final class TensorFormat {
  private static final int SUMMARY_THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;

  private TensorFormat() {}

  static String format(Tensor t) {
    int n = t.size();
    boolean summarise = n > SUMMARY_THRESHOLD;
    String[] cells = new String[n];
    boolean allIntegral = true;
    for (int i = 0; i < n; i++) {
      if (t.dtype().isFloating()) {
        double v = t.getDouble(i);
        allIntegral &= v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e16;
      }
    }
    for (int i = 0; i < n; i++) {
      cells[i] = cell(t, i, allIntegral);
    }
    if (t.dtype().isFloating()) {
      alignDecimalPoints(cells);
    }
    int width = 0;
    for (String c : cells) {
      width = Math.max(width, c.length());
    }
    if (t.rank() == 0) {
      return cells[0];
    }
    StringBuilder sb = new StringBuilder();
    append(sb, t.shape().dims(), 0, 0, cells, width, summarise);
    return sb.toString();
  }

  /** Pads fractional parts on the right, as NumPy does: {@code [0.5  1.25]}. */
  private static void alignDecimalPoints(String[] cells) {
    int frac = 0;
    for (String c : cells) {
      int dot = c.indexOf('.');
      if (dot >= 0 && !c.contains("e")) {
        frac = Math.max(frac, c.length() - dot - 1);
      }
    }
    for (int i = 0; i < cells.length; i++) {
      int dot = cells[i].indexOf('.');
      if (dot >= 0 && !cells[i].contains("e")) {
        cells[i] = cells[i] + " ".repeat(frac - (cells[i].length() - dot - 1));
      }
    }
  }

  private static String cell(Tensor t, int i, boolean allIntegral) {
    return switch (t.dtype()) {
      case BOOL -> t.bools()[i] ? "True" : "False";
      case INT32 -> Integer.toString(t.ints()[i]);
      case INT64 -> Long.toString(t.longs()[i]);
      case FLOAT32, FLOAT64 -> floating(t.getDouble(i), t.dtype() == DType.FLOAT32, allIntegral);
    };
  }

  private static String floating(double v, boolean single, boolean allIntegral) {
    if (Double.isNaN(v)) {
      return "nan";
    } else if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    } else if (allIntegral) {
      return (long) v + ".";
    }
    String s = single ? Float.toString((float) v) : Double.toString(v);
    if (s.contains("E")) {
      return String.format("%.8e", v);
    }
    // NumPy prints 1.0 as "1."
    return s.endsWith(".0") ? s.substring(0, s.length() - 1) : s;
  }

  private static void append(StringBuilder sb, int[] dims, int depth, int offset, String[] cells,
      int width, boolean summarise) {
    int stride = 1;
    for (int d = depth + 1; d < dims.length; d++) {
      stride *= dims[d];
    }
    sb.append('[');
    int n = dims[depth];
    for (int i = 0; i < n; i++) {
      if (summarise && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
        sb.append(depth == dims.length - 1 ? "... " : "...\n" + " ".repeat(depth + 1));
        i = n - EDGE_ITEMS;
      }
      if (depth == dims.length - 1) {
        String c = cells[offset + i];
        sb.append(" ".repeat(width - c.length())).append(c);
        if (i < n - 1) {
          sb.append(' ');
        }
      } else {
        append(sb, dims, depth + 1, offset + i * stride, cells, width, summarise);
        if (i < n - 1) {
          sb.append("\n".repeat(dims.length - depth - 1)).append(" ".repeat(depth + 1));
        }
      }
    }
    sb.append(']');
  }
}
