package dev.skein.core.kernel;

import static dev.skein.core.kernel.VectorGemm.L;
import static dev.skein.core.kernel.VectorGemm.NR;
import static dev.skein.core.kernel.VectorGemm.S;

import jdk.incubator.vector.FloatVector;

/**
 * {@link VectorGemm}'s register tiles, C[6, NR] = (D +) A[6, kc] B[kc, NR] from a packed panel,
 * in two forms by how A is laid out: {@code Rows}, A's six rows {@code ars} apart, each read
 * along its own contiguous run (A as stored); {@code Cols}, the six entries of a depth step
 * next to each other, steps {@code acs} apart (A transposed). Each form indexes A with one
 * stride the JIT knows to be 1, so it can hoist the bounds checks out of the depth loop: with
 * the stride a variable, as in one general method, the tile loop ran at 96-100 instead of 107
 * GFLOP/s (A as stored) and 96 instead of 113 (A transposed) on one thread (AMD EPYC,
 * AVX-512, a 150 x 178 x 608 product, a probe outside the repository). Every element gets the
 * same multiply-adds in the same order in both forms, so results are the same bits.
 */
final class VectorGemmTiles {
  private VectorGemmTiles() {}

  /** C = A B for A's rows at {@code ai + r * ars}, each contiguous; C rows {@code ldc} apart. */
  static void tile6FirstRows(float[] a, int ai, int ars, int kc, float[] bp, int pb,
      float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    int a0 = ai;
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int a4 = a3 + ars;
    int a5 = a4 + ars;
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(S, a[a1 + p]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(S, a[a2 + p]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(S, a[a3 + p]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(S, a[a4 + p]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(S, a[a5 + p]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }

  /** C = A B for A transposed: the six entries of depth p at {@code ai + p * acs}. */
  static void tile6FirstCols(float[] a, int ai, int acs, int kc, float[] bp, int pb,
      float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      int x = ai + p * acs;
      FloatVector v = FloatVector.broadcast(S, a[x]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(S, a[x + 1]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(S, a[x + 2]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(S, a[x + 3]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(S, a[x + 4]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(S, a[x + 5]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }

  /** C = D + A B, A as in {@link #tile6FirstRows} (D is C itself to add to C). */
  static void tile6AccRows(float[] a, int ai, int ars, int kc, float[] bp, int pb,
      float[] d, float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.fromArray(S, d, ci);
    FloatVector c01 = FloatVector.fromArray(S, d, ci + L);
    FloatVector c10 = FloatVector.fromArray(S, d, ci + ldc);
    FloatVector c11 = FloatVector.fromArray(S, d, ci + ldc + L);
    FloatVector c20 = FloatVector.fromArray(S, d, ci + 2 * ldc);
    FloatVector c21 = FloatVector.fromArray(S, d, ci + 2 * ldc + L);
    FloatVector c30 = FloatVector.fromArray(S, d, ci + 3 * ldc);
    FloatVector c31 = FloatVector.fromArray(S, d, ci + 3 * ldc + L);
    FloatVector c40 = FloatVector.fromArray(S, d, ci + 4 * ldc);
    FloatVector c41 = FloatVector.fromArray(S, d, ci + 4 * ldc + L);
    FloatVector c50 = FloatVector.fromArray(S, d, ci + 5 * ldc);
    FloatVector c51 = FloatVector.fromArray(S, d, ci + 5 * ldc + L);
    int a0 = ai;
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int a4 = a3 + ars;
    int a5 = a4 + ars;
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(S, a[a1 + p]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(S, a[a2 + p]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(S, a[a3 + p]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(S, a[a4 + p]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(S, a[a5 + p]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }

  /** C = D + A B, A as in {@link #tile6FirstCols} (D is C itself to add to C). */
  static void tile6AccCols(float[] a, int ai, int acs, int kc, float[] bp, int pb,
      float[] d, float[] c, int ci, int ldc) {
    FloatVector c00 = FloatVector.fromArray(S, d, ci);
    FloatVector c01 = FloatVector.fromArray(S, d, ci + L);
    FloatVector c10 = FloatVector.fromArray(S, d, ci + ldc);
    FloatVector c11 = FloatVector.fromArray(S, d, ci + ldc + L);
    FloatVector c20 = FloatVector.fromArray(S, d, ci + 2 * ldc);
    FloatVector c21 = FloatVector.fromArray(S, d, ci + 2 * ldc + L);
    FloatVector c30 = FloatVector.fromArray(S, d, ci + 3 * ldc);
    FloatVector c31 = FloatVector.fromArray(S, d, ci + 3 * ldc + L);
    FloatVector c40 = FloatVector.fromArray(S, d, ci + 4 * ldc);
    FloatVector c41 = FloatVector.fromArray(S, d, ci + 4 * ldc + L);
    FloatVector c50 = FloatVector.fromArray(S, d, ci + 5 * ldc);
    FloatVector c51 = FloatVector.fromArray(S, d, ci + 5 * ldc + L);
    for (int p = 0; p < kc; p++) {
      int bi = pb + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      int x = ai + p * acs;
      FloatVector v = FloatVector.broadcast(S, a[x]);
      c00 = v.fma(b0, c00);
      c01 = v.fma(b1, c01);
      v = FloatVector.broadcast(S, a[x + 1]);
      c10 = v.fma(b0, c10);
      c11 = v.fma(b1, c11);
      v = FloatVector.broadcast(S, a[x + 2]);
      c20 = v.fma(b0, c20);
      c21 = v.fma(b1, c21);
      v = FloatVector.broadcast(S, a[x + 3]);
      c30 = v.fma(b0, c30);
      c31 = v.fma(b1, c31);
      v = FloatVector.broadcast(S, a[x + 4]);
      c40 = v.fma(b0, c40);
      c41 = v.fma(b1, c41);
      v = FloatVector.broadcast(S, a[x + 5]);
      c50 = v.fma(b0, c50);
      c51 = v.fma(b1, c51);
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }
}
