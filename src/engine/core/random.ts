/**
 * Seeded randomness. Every random number in a run comes from a `RandomStream`, and every
 * component draws from streams of its own, named after it (`"node:payments/serviceTime"`), so
 * adding a node, or changing one node's settings, does not change what another node draws.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of
 * state, passes PractRand to many terabytes, and runs on 32-bit integer operations, which are
 * exact and fast in every JavaScript engine, so Node and the browser draw the same numbers.
 */
import { zigguratExponential, zigguratNormal } from './ziggurat.ts';

/** A 32-bit hash of a string mixed with a seed (murmur3's finaliser over FNV-1a). */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: a well-mixed unsigned hash of a 32-bit integer. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/** One independent sequence of random numbers. */
export class RandomStream {
  /**
   * sfc32's four 32-bit words (a, b, c, counter). In an Int32Array they are loaded and stored
   * as raw integers; as object fields, half the values (those beyond ±2^30) would live in heap
   * numbers, which made each draw two to three times slower.
   */
  private readonly s = new Int32Array(4);

  /** A stream determined entirely by the run's seed and the stream's name. */
  constructor(seed: number, name: string) {
    const s = this.s;
    s[0] = hashString(name, seed);
    s[1] = hashString(name, seed ^ 0x9e3779b9);
    s[2] = hashString(name, seed ^ 0x7f4a7c15);
    s[3] = 1;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const a = s[0],
      b = s[1],
      c = s[2],
      d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 1) / TWO_POW_32;
  }

  /** A standard normal draw (ziggurat: usually one 32-bit draw and no logarithm). */
  normal(): number {
    return zigguratNormal(this);
  }

  /** A standard exponential draw, mean 1 (ziggurat). */
  exponential(): number {
    return zigguratExponential(this);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Creates the named streams of one run. */
export class RandomSource {
  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    return new RandomStream(this.seed >>> 0, name);
  }
}
