/**
 * Logarithm and exponential that give the same bits in every JavaScript engine.
 *
 * ECMAScript leaves `Math.log`, `Math.exp`, `Math.pow`, `Math.cos`… "implementation-approximated":
 * Node 20's V8 and a current Chromium's V8 return different last bits for some inputs, which is
 * enough to change a trace. Only + − × ÷ and `Math.sqrt` are exactly specified (IEEE 754,
 * correctly rounded, never fused), so these are ports of fdlibm's e_log.c and e_exp.c (Sun
 * Microsystems, 1993; freely redistributable), built from those operations and bit access alone.
 * Accuracy is fdlibm's: under 1 ulp.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
/** Index of the high 32-bit word of a double in the shared view (platform byte order). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm (fdlibm __ieee754_log). */
export function log(value: number): number {
  let x = value;
  f64[0] = x;
  let hx = i32[HI];
  const lx = i32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    f64[0] = x;
    hx = i32[HI];
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  f64[0] = x;
  i32[HI] = hx | (i ^ 0x3ff00000); // normalise x or x/2
  x = f64[0];
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let ii = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  ii |= j;
  const R = t2 + t1;
  if (ii > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const INV_LN2 = 1.442695040888963387;
const TWO_M1000 = 9.3326361850321887899e-302;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** The double whose high word is `hi` and low word 0: fdlibm's high-word thresholds as numbers. */
function fromHighWord(hi: number): number {
  f64[0] = 0;
  i32[HI] = hi;
  return f64[0];
}
// fdlibm tests `hx` (the high word of |x|) against these; `hx > H` is `|x| >= fromHighWord(H + 1)`
// and `hx < H` is `|x| < fromHighWord(H)`, exactly, so no bit access is needed per call.
const EXP_BIG = fromHighWord(0x40862e42); // |x| >= 709.78…
const EXP_REDUCE = fromHighWord(0x3fd62e43); // |x| > 0.5 ln2
const EXP_TINY = fromHighWord(0x3e300000); // |x| < 2^-28
/** POW2[k + 1022] = 2^k for k in [-1022, 1023], built from bits: exact, no Math.pow. */
const POW2 = Float64Array.from({ length: 2046 }, (_, i) => fromHighWord((i + 1) << 20));

/** Below this |x|, `exp` takes its short path (k = round(x / ln2) stays within ±1010). */
const EXP_SHORT = 700;

/**
 * e to the power x (fdlibm __ieee754_exp), bit for bit. The common arguments (2^-28 <= |x| < 700)
 * take a short path with no edge cases: lognormal draws call this on the engine's hot path, and
 * the whole of fdlibm's function is too much bytecode for V8 to inline there (whatever then
 * calls it is no longer inlined either, and each result it returns is boxed). The rest goes to
 * `expFull`, the port as it is.
 */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < EXP_SHORT && ax >= EXP_TINY)) return expFull(x); // also NaN
  let k = 0,
    hi = x,
    lo = 0;
  if (ax >= EXP_REDUCE) {
    k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
    hi = x - k * LN2_HI; // exact
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  // With k = 0 (hi = x, lo = 0) this is fdlibm's 1 − ((x·c)/(c − 2) − x) exactly: c − 2 is
  // −(2 − c) and p/(−q) is −(p/q) in IEEE arithmetic; 0 − u and −u differ only for u = +0, in
  // the sign of a zero that x (not 0 here) is then subtracted from. With |k| <= 1010 the result
  // stays a normal double, so multiplying by 2^k only scales. The tests compare this with
  // expFull bit for bit.
  return (1 - (lo - (r * c) / (2.0 - c) - hi)) * POW2[k + 1022];
}

/** e to the power x (fdlibm __ieee754_exp), every case: see `exp`. */
export function expFull(value: number): number {
  let x = value;
  const ax = Math.abs(x);
  if (!(ax < EXP_BIG)) {
    // overflow, underflow, or not finite
    if (x !== x) return x; // NaN
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let k = 0;
  let hi = 0,
    lo = 0;
  if (ax >= EXP_REDUCE) {
    // reduce the argument: x = k ln2 + r, |r| <= 0.5 ln2
    // fdlibm takes k = ±1 directly below 1.5 ln2; the general formula below gives the same k
    // there (k·LN2_HI and k·LN2_LO are then exact), so one branch, unpredictable for draws
    // around ±1, is spared.
    k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
    hi = x - k * LN2_HI; // exact
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (ax < EXP_TINY) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  // fdlibm adds k to y's exponent; multiplying by 2^k is the same, exactly, while the result is normal.
  if (k === 1024) return y * 2 * POW2[1023 + 1022]; // y < 1 here; 2^1024 itself is not a double
  if (k >= -1021) return y * POW2[k + 1022];
  return y * POW2[k + 1000 + 1022] * TWO_M1000;
}

/** x to the power y for x > 0, as exp(y · log x): portable, within a few ulps. */
export function powPositive(x: number, y: number): number {
  return exp(y * log(x));
}
