import { describe, expect, it } from 'vitest';
import { exp, log, powPositive } from '../../src/engine/core/portableMath.ts';

const bits = (x: number) => { const f = new Float64Array([x]); return Buffer.from(f.buffer).toString('hex'); };

describe('portable log and exp', () => {
  it('are accurate to within 2 ulp of the host engine over the whole range', () => {
    let worstLog = 0, worstExp = 0;
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
    for (const x of [709.5, 709.78, -708.4, -740]) { // the largest and smallest scalings of the result
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
});
