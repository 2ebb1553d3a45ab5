/**
 * The ziggurat method (Marsaglia & Tsang, "The Ziggurat Method for Generating Random
 * Variables", 2000) for standard normal and standard exponential draws. About 99 % of draws
 * take one 32-bit random number, a table lookup, a multiply and a compare: no logarithm, no
 * square root. The engine draws one of these for almost every message and every piece of work,
 * so this is the difference between a logarithm per draw and none.
 *
 * Two changes from the paper, both for reproducible, well-behaved streams:
 * - The tables are computed here with the portable `exp`/`log` (fdlibm), so every JavaScript
 *   engine builds bit-identical tables and draws bit-identical numbers.
 * - The layer index and the position inside the layer come from different bits of the 32-bit
 *   draw (low bits: layer; high bits: position). The paper's generator reused the low bits for
 *   both, which correlates a draw's layer with its value (Doornik, 2005).
 */
import { exp, log } from './portableMath.ts';

/** Uniform sources the ziggurat needs: 32 random bits, and a uniform on (0, 1]. */
export interface BitSource {
  nextUint32(): number;
  nextOpen(): number;
}

// ------------------------------------------------------------------ normal: 128 layers

const NORMAL_LAYERS = 128;
const NORMAL_LAYER_BITS = 7;
/** The signed position inside a layer has 25 bits: −2^24 … 2^24 − 1. */
const NORMAL_SCALE = 16_777_216; // 2^24
/** Where the base layer's tail starts, and the area of every layer (paper's constants for 128). */
const NORMAL_R = 3.442619855899;
const NORMAL_AREA = 9.91256303526217e-3;

const kn = new Float64Array(NORMAL_LAYERS);
const wn = new Float64Array(NORMAL_LAYERS);
const fn = new Float64Array(NORMAL_LAYERS);
{
  let dn = NORMAL_R;
  let tn = dn;
  const q = NORMAL_AREA / exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * NORMAL_SCALE;
  kn[1] = 0;
  wn[0] = q / NORMAL_SCALE;
  wn[NORMAL_LAYERS - 1] = dn / NORMAL_SCALE;
  fn[0] = 1;
  fn[NORMAL_LAYERS - 1] = exp(-0.5 * dn * dn);
  for (let i = NORMAL_LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(NORMAL_AREA / dn + exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * NORMAL_SCALE;
    tn = dn;
    fn[i] = exp(-0.5 * dn * dn);
    wn[i] = dn / NORMAL_SCALE;
  }
}

/** A standard normal draw. */
export function zigguratNormal(src: BitSource): number {
  for (;;) {
    const u = src.nextUint32();
    const i = u & (NORMAL_LAYERS - 1);
    const j = (u >>> NORMAL_LAYER_BITS) - NORMAL_SCALE; // signed, 25 bits
    const x = j * wn[i];
    if (Math.abs(j) < kn[i]) return x; // inside the layer's rectangle: the common case (no branch on the sign)
    if (i === 0) {
      // The tail beyond R (Marsaglia's method for the normal tail).
      let tx: number, ty: number;
      do {
        tx = -log(src.nextOpen()) / NORMAL_R;
        ty = -log(src.nextOpen());
      } while (ty + ty < tx * tx);
      return j > 0 ? NORMAL_R + tx : -NORMAL_R - tx;
    }
    // In the wedge between rectangles: accept under the curve, else draw again.
    const f = fn[i] + (1 - src.nextOpen()) * (fn[i - 1] - fn[i]);
    if (f < exp(-0.5 * x * x)) return x;
  }
}

// ------------------------------------------------------------------ exponential: 256 layers

const EXP_LAYERS = 256;
const EXP_LAYER_BITS = 8;
/** The position inside a layer has 24 bits: 0 … 2^24 − 1. */
const EXP_SCALE = 16_777_216; // 2^24
const EXP_R = 7.697117470131487;
const EXP_AREA = 3.949659822581572e-3;

const ke = new Float64Array(EXP_LAYERS);
const we = new Float64Array(EXP_LAYERS);
const fe = new Float64Array(EXP_LAYERS);
{
  let de = EXP_R;
  let te = de;
  const q = EXP_AREA / exp(-de);
  ke[0] = (de / q) * EXP_SCALE;
  ke[1] = 0;
  we[0] = q / EXP_SCALE;
  we[EXP_LAYERS - 1] = de / EXP_SCALE;
  fe[0] = 1;
  fe[EXP_LAYERS - 1] = exp(-de);
  for (let i = EXP_LAYERS - 2; i >= 1; i--) {
    de = -log(EXP_AREA / de + exp(-de));
    ke[i + 1] = (de / te) * EXP_SCALE;
    te = de;
    fe[i] = exp(-de);
    we[i] = de / EXP_SCALE;
  }
}

/** A standard exponential draw (mean 1). */
export function zigguratExponential(src: BitSource): number {
  for (;;) {
    const u = src.nextUint32();
    const i = u & (EXP_LAYERS - 1);
    const j = u >>> EXP_LAYER_BITS;
    const x = j * we[i];
    if (j < ke[i]) return x;
    if (i === 0) return EXP_R - log(src.nextOpen()); // memoryless tail
    const f = fe[i] + (1 - src.nextOpen()) * (fe[i - 1] - fe[i]);
    if (f < exp(-x)) return x;
  }
}
