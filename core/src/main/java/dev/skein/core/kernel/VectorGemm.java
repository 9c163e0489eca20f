package dev.skein.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 loops of {@link VectorMatMulKernel}, written with the Vector API: register tiles of
 * {@link #MR} rows of C by two vectors of columns ({@link #NR}), accumulated with fused
 * multiply-adds over a block of {@link #KC} depth, from B packed into panels {@code NR} columns
 * wide (zero-padded), so a panel's block of depth (32 KB with 512-bit vectors) stays in L1 while
 * the tiles of every row stream A past it. A is read in place: entry (i, p) at
 * {@code ao + i * ars + p * acs}, so {@code transA} needs no copy.
 *
 * <p>Packed layout: for panels [P0, P0 + P) and the block of depth starting at p0 (depth kc),
 * panel P0 + q starts at {@code p0 * P * NR + q * kc * NR}, one row of NR floats per depth.
 *
 * <p>The first block of depth starts its accumulators at zero and stores them; later blocks load
 * C into the accumulators and store them back. Each is its own method: C2 boxed every vector
 * (40-60 instead of 150-200 GFLOP/s on one thread) when a branch chose between storing and
 * adding, or when a loaded vector was added to the accumulators after the loop.
 */
final class VectorGemm {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /** Columns of a panel and of a register tile. */
  static final int NR = 2 * L;
  /** Rows of a register tile: 12 accumulators, 2 B vectors and a broadcast fit 16 registers. */
  static final int MR = 6;
  /** Depth of a packed block. */
  static final int KC = 256;

  private VectorGemm() {}

  static int panels(int n) {
    return (n + NR - 1) / NR;
  }

  /** Floats a packing of {@code panels} panels of depth k takes. */
  static int packedSize(int k, int panels) {
    return k * panels * NR;
  }

  /**
   * Packs panels [panel0, panel1) of op(B), every block of depth, into {@code dst}, which holds
   * (or will hold) the packing of panels [dst0, dst0 + dstPanels).
   */
  static void pack(boolean transB, int n, int k, float[] b, int bo, int panel0, int panel1,
      float[] dst, int dst0, int dstPanels) {
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      int block = p0 * dstPanels * NR;
      if (transB) {
        for (int q = panel0; q < panel1; q++) {
          int j0 = q * NR;
          packTransposed(k, b, bo, p0, kc, j0, Math.min(NR, n - j0), dst,
              block + (q - dst0) * kc * NR);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int from = bo + (p0 + p) * n;
          for (int q = panel0; q < panel1; q++) {
            int j0 = q * NR;
            int to = block + (q - dst0) * kc * NR + p * NR;
            if (j0 + NR <= n) {
              FloatVector.fromArray(S, b, from + j0).intoArray(dst, to);
              FloatVector.fromArray(S, b, from + j0 + L).intoArray(dst, to + L);
            } else {
              int w = n - j0;
              System.arraycopy(b, from + j0, dst, to, w);
              java.util.Arrays.fill(dst, to + w, to + NR, 0f);
            }
          }
        }
      }
    }
  }

  /** B stored n x k: column j of op(B) is row j of B, contiguous over p. */
  private static void packTransposed(int k, float[] b, int bo, int p0, int kc, int j0, int w,
      float[] dst, int d) {
    for (int j = 0; j < w; j++) {
      int from = bo + (j0 + j) * k + p0;
      for (int p = 0; p < kc; p++) {
        dst[d + p * NR + j] = b[from + p];
      }
    }
    for (int j = w; j < NR; j++) {
      for (int p = 0; p < kc; p++) {
        dst[d + p * NR + j] = 0f;
      }
    }
  }

  /**
   * Computes C's rows [row0, row1) and panels [panel0, panel1) from a packing of panels
   * [packed0, packed0 + packedPanels); with {@code addToC}, adds the product to C's values.
   */
  static void compute(boolean transA, int m, int n, int k, float[] a, int ao, float[] packed,
      int packed0, int packedPanels, float[] c, int co, int panel0, int panel1, int row0,
      int row1, boolean addToC) {
    compute(transA, m, n, k, a, ao, packed, packed0, packedPanels, null, c, co, panel0, panel1,
        row0, row1, addToC);
  }

  /**
   * As above; with {@code addToC} and {@code d} non-null, the product is added to D's values
   * (at C's offsets) instead of C's, and written to C: {@code C = D + A B}, each element's
   * multiply-adds continuing from D's value as they would from C's.
   */
  static void compute(boolean transA, int m, int n, int k, float[] a, int ao, float[] packed,
      int packed0, int packedPanels, float[] d, float[] c, int co, int panel0, int panel1,
      int row0, int row1, boolean addToC) {
    float[] tile = Workspace.get().vectorTile(MR * NR);
    int ars = transA ? 1 : k;
    int acs = transA ? m : 1;
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      boolean first = p0 == 0 && !addToC;
      float[] src = p0 == 0 && d != null ? d : c;
      int aCol = ao + p0 * acs;
      for (int q = panel0; q < panel1; q++) {
        int j0 = q * NR;
        int w = Math.min(NR, n - j0);
        int pb = p0 * packedPanels * NR + (q - packed0) * kc * NR;
        int i = row0;
        for (; i + MR <= row1; i += MR) {
          int ai = aCol + i * ars;
          int ci = co + i * n + j0;
          if (w == NR) {
            if (first) {
              tile6First(transA, a, ai, ars, acs, kc, packed, pb, c, ci, n);
            } else {
              tile6Acc(transA, a, ai, ars, acs, kc, packed, pb, src, c, ci, n);
            }
          } else {
            if (first) {
              tile6First(transA, a, ai, ars, acs, kc, packed, pb, tile, 0, NR);
            } else {
              copyIn(src, ci, n, MR, w, tile);
              tile6Acc(transA, a, ai, ars, acs, kc, packed, pb, tile, tile, 0, NR);
            }
            copyOut(tile, c, ci, n, MR, w);
          }
        }
        for (; i < row1; i++) {
          int ai = aCol + i * ars;
          int ci = co + i * n + j0;
          if (w == NR) {
            if (first) {
              rowFirst(a, ai, acs, kc, packed, pb, c, ci);
            } else {
              rowAcc(a, ai, acs, kc, packed, pb, src, c, ci);
            }
          } else {
            if (first) {
              rowFirst(a, ai, acs, kc, packed, pb, tile, 0);
            } else {
              copyIn(src, ci, n, 1, w, tile);
              rowAcc(a, ai, acs, kc, packed, pb, tile, tile, 0);
            }
            copyOut(tile, c, ci, n, 1, w);
          }
        }
      }
    }
  }

  /** A tile from A as stored (rows ars apart) or transposed (depth steps acs apart). */
  private static void tile6First(boolean transA, float[] a, int ai, int ars, int acs, int kc,
      float[] bp, int pb, float[] c, int ci, int ldc) {
    if (transA) {
      VectorGemmTiles.tile6FirstCols(a, ai, acs, kc, bp, pb, c, ci, ldc);
    } else {
      VectorGemmTiles.tile6FirstRows(a, ai, ars, kc, bp, pb, c, ci, ldc);
    }
  }

  /** As {@link #tile6First}, starting from D's values. */
  private static void tile6Acc(boolean transA, float[] a, int ai, int ars, int acs, int kc,
      float[] bp, int pb, float[] d, float[] c, int ci, int ldc) {
    if (transA) {
      VectorGemmTiles.tile6AccCols(a, ai, acs, kc, bp, pb, d, c, ci, ldc);
    } else {
      VectorGemmTiles.tile6AccRows(a, ai, ars, kc, bp, pb, d, c, ci, ldc);
    }
  }

  /** One row: C[1, NR] = A[1, kc] B[kc, NR]. */
  private static void rowFirst(float[] a, int ai, int acs, int kc, float[] bp, int pb,
      float[] c, int ci) {
    FloatVector c0 = FloatVector.zero(S);
    FloatVector c1 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector v = FloatVector.broadcast(S, a[ai + p * acs]);
      c0 = v.fma(FloatVector.fromArray(S, bp, bi), c0);
      c1 = v.fma(FloatVector.fromArray(S, bp, bi + L), c1);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + L);
  }

  /** One row: C[1, NR] = D[1, NR] + A[1, kc] B[kc, NR]. */
  private static void rowAcc(float[] a, int ai, int acs, int kc, float[] bp, int pb, float[] d,
      float[] c, int ci) {
    FloatVector c0 = FloatVector.fromArray(S, d, ci);
    FloatVector c1 = FloatVector.fromArray(S, d, ci + L);
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector v = FloatVector.broadcast(S, a[ai + p * acs]);
      c0 = v.fma(FloatVector.fromArray(S, bp, bi), c0);
      c1 = v.fma(FloatVector.fromArray(S, bp, bi + L), c1);
    }
    c0.intoArray(c, ci);
    c1.intoArray(c, ci + L);
  }

  /** Rows of a partial-width tile of C into the scratch tile. */
  private static void copyIn(float[] c, int ci, int ldc, int rows, int w, float[] tile) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(c, ci + r * ldc, tile, r * NR, w);
    }
  }

  private static void copyOut(float[] tile, float[] c, int ci, int ldc, int rows, int w) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(tile, r * NR, c, ci + r * ldc, w);
    }
  }
}
