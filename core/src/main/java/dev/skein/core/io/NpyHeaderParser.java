package dev.skein.core.io;

import dev.skein.core.DType;
import dev.skein.core.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the dict literal of a .npy header, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}: strings in single or
 * double quotes, {@code True}/{@code False}, tuples of non-negative ints; exactly the keys
 * descr, fortran_order and shape, each once; only spaces (and the final newline) around. Nothing
 * is evaluated.
 */
final class NpyHeaderParser {
  private final String s;
  private int pos;

  private NpyHeaderParser(String s) {
    this.s = s;
  }

  static NpyFormat.Header parse(String text) {
    return new NpyHeaderParser(text).header();
  }

  private NpyFormat.Header header() {
    String descr = null;
    Boolean fortran = null;
    List<Long> shape = null;
    skipSpace();
    expect('{');
    skipSpace();
    while (peek() != '}') {
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      switch (key) {
        case "descr" -> {
          if (descr != null) {
            throw error("key 'descr' appears twice");
          }
          descr = string();
        }
        case "fortran_order" -> {
          if (fortran != null) {
            throw error("key 'fortran_order' appears twice");
          }
          fortran = bool();
        }
        case "shape" -> {
          if (shape != null) {
            throw error("key 'shape' appears twice");
          }
          shape = tuple();
        }
        default -> throw error("unexpected key '" + key + "'");
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != '}') {
        throw error("expected ',' or '}'");
      }
    }
    pos++;
    skipSpace();
    if (pos != s.length()) {
      throw error("unexpected text after the dict");
    }
    if (descr == null || fortran == null || shape == null) {
      throw error("the header needs the keys 'descr', 'fortran_order' and 'shape'");
    }
    if (fortran) {
      throw new CheckpointException(".npy data in Fortran order is not supported");
    }
    DType dtype = switch (descr) {
      case "<f4", "=f4" -> DType.FLOAT32;
      case "<f8", "=f8" -> DType.FLOAT64;
      case "<i4", "=i4" -> DType.INT32;
      case "<i8", "=i8" -> DType.INT64;
      case "|b1", "<b1", "=b1" -> DType.BOOL;
      default -> throw new CheckpointException(".npy dtype '" + descr + "' is not supported"
          + " (only '<f4', '<f8', '<i4', '<i8' and '|b1' are)");
    };
    if (shape.size() > NpyFormat.MAX_RANK) {
      throw new CheckpointException(".npy shape has rank " + shape.size()
          + ", more than the limit of " + NpyFormat.MAX_RANK);
    }
    int[] dims = new int[shape.size()];
    long count = 1;
    for (int i = 0; i < dims.length; i++) {
      long d = shape.get(i);
      count *= d;
      if (d > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
        throw new CheckpointException(".npy shape " + shape + " has more elements than a Java"
            + " array can hold (" + Integer.MAX_VALUE + ")");
      }
      dims[i] = (int) d;
    }
    return new NpyFormat.Header(dtype, Shape.of(dims), 0);
  }

  private String string() {
    char q = peek();
    if (q != '\'' && q != '"') {
      throw error("expected a quoted string");
    }
    int end = s.indexOf(q, pos + 1);
    if (end < 0) {
      throw error("unterminated string");
    }
    String v = s.substring(pos + 1, end);
    if (v.indexOf('\\') >= 0) {
      throw error("escapes in strings are not supported");
    }
    pos = end + 1;
    return v;
  }

  private boolean bool() {
    if (s.startsWith("True", pos)) {
      pos += 4;
      return true;
    }
    if (s.startsWith("False", pos)) {
      pos += 5;
      return false;
    }
    throw error("expected True or False");
  }

  /** A tuple of non-negative ints: (), (5,), (2, 3) or (2, 3,). */
  private List<Long> tuple() {
    expect('(');
    List<Long> r = new ArrayList<>();
    boolean comma = false;
    skipSpace();
    while (peek() != ')') {
      int start = pos;
      long v = 0;
      while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
        v = v * 10 + (s.charAt(pos) - '0');
        pos++;
        if (v > Integer.MAX_VALUE) {
          throw new CheckpointException(".npy header: dimension " + s.substring(start, pos)
              + "... is larger than " + Integer.MAX_VALUE);
        }
        if (pos - start > 10) {
          throw error("dimension too long");
        }
      }
      if (pos == start) {
        throw error("expected a non-negative integer in the shape");
      }
      r.add(v);
      if (r.size() > NpyFormat.MAX_RANK) {
        throw new CheckpointException(".npy shape has more than " + NpyFormat.MAX_RANK
            + " dimensions");
      }
      skipSpace();
      comma = false;
      if (peek() == ',') {
        comma = true;
        pos++;
        skipSpace();
      } else if (peek() != ')') {
        throw error("expected ',' or ')' in the shape");
      }
    }
    pos++;
    if (r.size() == 1 && !comma) {
      throw error("a one-dimensional shape is written (n,)");
    }
    return r;
  }

  private void skipSpace() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n')) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("the header ends too early");
    }
    return s.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private CheckpointException error(String what) {
    String shown = (s.length() > 200 ? s.substring(0, 200) + "..." : s)
        .replaceAll("[^\\x20-\\x7e]", "?");
    return new CheckpointException("malformed .npy header at character " + pos + ": " + what
        + " in " + shown.strip());
  }
}
