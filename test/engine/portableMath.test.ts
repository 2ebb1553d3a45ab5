import { describe, expect, it } from 'vitest';
import { exp, expFull, log, powPositive } from '../../src/engine/core/portableMath.ts';
import fc from 'fast-check';

const bits = (x: number) => {
  const f = new Float64Array([x]);
  return Buffer.from(f.buffer).toString('hex');
};

describe('portable log and exp', () => {
  it('are accurate to within 2 ulp of the host engine over the whole range', () => {
    let worstLog = 0,
      worstExp = 0;
    for (let i = 1; i <= 200_000; i++) {
      const e = (i / 200_000) * 1400 - 700;
      const v = Math.exp(e);
      worstLog = Math.max(worstLog, Math.abs(log(v) - Math.log(v)) / Math.abs(Math.log(v) || 1));
      worstExp = Math.max(worstExp, Math.abs(exp(e) - Math.exp(e)) / Math.exp(e));
    }
    expect(worstLog).toBeLessThan(4.5e-16);
    expect(worstExp).toBeLessThan(4.5e-16);
  });

  it('handle the edges like Math does', () => {
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(1)).toBe(0);
    expect(log(5e-324)).toBeCloseTo(-744.44007192138, 9);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    for (const x of [709.5, 709.78, -708.4, -740]) {
      // the largest and smallest scalings of the result
      expect(Math.abs(exp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(4.5e-16);
    }
    expect(powPositive(8, 1 / 3)).toBeCloseTo(2, 14);
  });

  it('give fixed bits: these are part of every trace, in every JavaScript engine', () => {
    // fdlibm's results, which differ from some engines' Math.log / Math.exp in the last bit.
    expect(bits(log(2))).toBe(bits(0.6931471805599453));
    expect(bits(log(10))).toBe(bits(2.302585092994046));
    expect(bits(exp(1))).toBe(bits(2.7182818284590455)); // fdlibm is 1 ulp above e here (within its < 1 ulp bound)
    expect(bits(exp(-0.5))).toBe(bits(0.6065306597126334));
    expect(bits(log(0.001))).toBe(bits(-6.907755278982137));
  });

  it("exp's short path gives fdlibm's bits, for any double and at every edge of the path", () => {
    const same = (x: number) => expect(bits(exp(x)), `exp(${x})`).toBe(bits(expFull(x)));
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        same(x);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20 }), (x) => {
        same(x);
      }),
      { numRuns: 20_000 },
    );
    // Around the short path's bounds (|x| = 2^-28, EXP_REDUCE just above 0.5·ln 2, 700) and fdlibm's own (1.5·ln 2).
    const f = new Float64Array(1),
      w = new Int32Array(f.buffer),
      hi = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
    const edges = [700, 0.5 * Math.LN2, 1.5 * Math.LN2, 2 ** -28];
    for (const hiWord of [0x3e300000, 0x3fd62e43, 0x3ff0a2b2]) {
      f[0] = 0;
      w[hi] = hiWord;
      edges.push(f[0]);
    }
    for (const edge of edges) {
      let up = edge,
        down = edge;
      for (let i = 0; i < 64; i++) {
        for (const x of [up, down, -up, -down]) same(x);
        up = nextAfter(up, Infinity);
        down = nextAfter(down, 0);
      }
    }
  });
});

/** The next double after x towards `to` (x finite and positive here). */
function nextAfter(x: number, to: number): number {
  const f = new Float64Array([x]);
  const n = new BigInt64Array(f.buffer);
  n[0] += to > x ? 1n : -1n;
  return f[0];
}
