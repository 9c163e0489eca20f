package dev.skein.core.kernel;

/**
 * float32 exp, sigmoid and tanh written in plain IEEE arithmetic (multiplies, adds, fused
 * multiply-adds, one division, comparisons and bit moves), so that their results are the same
 * bits in every execution mode: interpreted, C1, C2, with or without the Vector API. The vector
 * loops ({@link VectorActivations}, {@link VectorLstmLoops}) compute these very formulas lane
 * by lane, operation for operation ({@code Math.fma} here where they use {@code fma}), so a
 * scalar element equals what a vector lane gives. The JDK's own vector exp and tanh
 * ({@code VectorOperators.EXP}, {@code TANH}) do not have that property on JDK 17: C2 compiles
 * them to Intel SVML routines while interpreted code runs {@code Math.exp}/{@code Math.tanh}
 * per lane, and the two differ in the last bit for some inputs.
 *
 * <p>All three reduce x to {@code 2^n e^r}, {@code n = round(x / ln 2)}, {@code |r| <= ln 2 / 2}
 * (n rounded by adding 1.5 * 2^23, whose low mantissa bits then hold n, so that shifting them
 * into the exponent field makes {@code 2^n}), and take e^r, or e^r - 1, from a polynomial
 * (Chebyshev fits, coefficients rounded to float). Accuracy against the exact function in
 * double, measured by {@code FloatFunctionsTest} over every 2^-13 in [-104, 104], every 2048th
 * float of magnitude up to 2, and special values, in ulps of the float nearest the exact value:
 * <ul>
 *   <li>exp: 1.06 ulps at most; subnormal results too (2^n applied in two halves, each a
 *       normal float), 0 below -103.97, inf above 88.72.
 *   <li>sigmoid, {@code 1 / (1 + e^-x)}, computed as {@code e^-|x| / (1 + e^-|x|)} for x below
 *       0 (no overflow, no cancellation): 2.18 ulps at most where the result is a normal float
 *       (x above -87.34); below, off by less than 2^-126, and 0 from -87.68 on.
 *   <li>tanh: for |x| below 0.55, {@code -m / (1 + e)} with {@code m = expm1(-2|x|)} computed
 *       as {@code 2^n q(r) + (2^n - 1)} (one fused multiply-add, q(r) = e^r - 1 without a
 *       constant term, so no cancellation near 0); from 0.55 on {@code 1 - 2e / (1 + e)}, with
 *       {@code e = e^-2|x|}; the sign of x copied in: 2.14 ulps at most; exactly +-1 from
 *       |x| = 9.02 on, -0 for -0.
 * </ul>
 * NaN gives NaN (of unspecified payload).
 */
public final class FloatFunctions {
  static final float LOG2E = 1.442695f;
  /** 1.5 * 2^23 + 127: adding it rounds to an integer n and leaves n + 127 in the low bits. */
  static final float SHIFTER = 12583039f;
  /** 1.5 * 2^23, for the two-step scaling of exp. */
  static final float SHIFTER0 = 12582912f;
  /** ln 2 in two parts (Cody and Waite): n * LN2_HI is exact for |n| < 2^15. */
  static final float LN2_HI = 0.693359375f;
  static final float LN2_LO = -2.1219444e-4f;
  /** e^r on [-ln2/2, ln2/2]: E6 r^6 + ... + E1 r + 1, E1 = 1. */
  static final float E6 = 0.0013941108f;
  static final float E5 = 0.008375126f;
  static final float E4 = 0.041666351f;
  static final float E3 = 0.16666415f;
  static final float E2 = 0.5f;
  /** (e^r - 1) / r on [-ln2/2, ln2/2]: M5 r^5 + ... + M1 r + 1, M1 = 1/2. */
  static final float M5 = 0.0013933642f;
  static final float M4 = 0.008369149f;
  static final float M3 = 0.041666467f;
  static final float M2 = 0.16666505f;
  static final float M1 = 0.5f;
  /** Bounds of exp's argument: beyond them the result is 0 or inf already. */
  static final float EXP_LO = -104f;
  static final float EXP_HI = 89f;
  /** Bound of sigmoid's |x|: 2^-n stays a float (or 0, from n = -127 on). */
  static final float SIG_HI = 88f;
  /** Below this |x|, tanh is -expm1(-2|x|) / (1 + e^-2|x|); from it on, 1 - 2e / (1 + e). */
  static final float TANH_SMALL = 0.55f;
  /** Lower bound of tanh's -2|x|: from |x| = 9.02 on, tanh is 1 in float. */
  static final float TANH_LO = -40f;
  static final int SIGN = 0x80000000;

  private FloatFunctions() {}

  /** e^x. */
  public static float exp(float x) {
    float a = x < EXP_LO ? EXP_LO : x;
    a = a > EXP_HI ? EXP_HI : a;
    float t = Math.fma(a, LOG2E, SHIFTER0);
    float n = t - SHIFTER0;
    float r = Math.fma(n, -LN2_HI, a);
    r = Math.fma(n, -LN2_LO, r);
    float p = Math.fma(E6, r, E5);
    p = Math.fma(p, r, E4);
    p = Math.fma(p, r, E3);
    p = Math.fma(p, r, E2);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    int tb = Float.floatToRawIntBits(t);
    int half = tb >> 1;
    float s1 = Float.intBitsToFloat((half + 127) << 23);
    float s2 = Float.intBitsToFloat((tb - half + 127) << 23);
    return p * s1 * s2;
  }

  /** 1 / (1 + e^-x), as {@code e^-|x| / (1 + e^-|x|)} for negative x. */
  public static float sigmoid(float x) {
    float y = Math.abs(x);
    y = y > SIG_HI ? SIG_HI : y;
    float t = Math.fma(y, -LOG2E, SHIFTER);
    float n = t - SHIFTER;
    float r = Math.fma(n, LN2_HI, y);
    r = Math.fma(n, LN2_LO, r);
    float p = Math.fma(E6, r, -E5);
    p = Math.fma(p, r, E4);
    p = Math.fma(p, r, -E3);
    p = Math.fma(p, r, E2);
    p = Math.fma(p, r, -1f);
    p = Math.fma(p, r, 1f);
    float e = p * Float.intBitsToFloat(Float.floatToRawIntBits(t) << 23);
    return (x < 0f ? e : 1f) / (1f + e);
  }

  /** tanh(x). */
  public static float tanh(float x) {
    float y = Math.abs(x);
    float a = y * -2f;
    a = a < TANH_LO ? TANH_LO : a;
    float t = Math.fma(a, LOG2E, SHIFTER);
    float n = t - SHIFTER;
    float r = Math.fma(n, -LN2_HI, a);
    r = Math.fma(n, -LN2_LO, r);
    float q = Math.fma(M5, r, M4);
    q = Math.fma(q, r, M3);
    q = Math.fma(q, r, M2);
    q = Math.fma(q, r, M1);
    q = Math.fma(r * r, q, r);
    float s = Float.intBitsToFloat(Float.floatToRawIntBits(t) << 23);
    float e = Math.fma(s, q, s);
    float m = Math.fma(s, q, s - 1f);
    boolean small = y < TANH_SMALL;
    float quot = (small ? 0f - m : e + e) / (1f + e);
    float mag = small ? quot : 1f - quot;
    return Float.intBitsToFloat(Float.floatToRawIntBits(mag) | (Float.floatToRawIntBits(x) & SIGN));
  }
}
