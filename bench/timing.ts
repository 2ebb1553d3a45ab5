/**
 * Wall-clock timing for the benchmarks. These machines are shared and their speed drifts by a
 * factor of two within minutes, so two things timed one after the other can land in different
 * weather. `timeRounds` therefore interleaves: every round runs each contender once (in an order
 * that rotates from round to round), and a ratio is the median of the ratios within rounds,
 * where both sides met the same machine.
 */
import { performance } from 'node:perf_hooks';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What `timeRounds` measured: each contender's wall time (ms) in every round. */
export class Rounds<K extends string> {
  constructor(readonly samples: Readonly<Record<K, readonly number[]>>) {}

  /** Median wall time (ms) of one contender over the rounds. */
  ms(name: K): number {
    return median(this.samples[name]);
  }

  /** Fastest wall time (ms) of one contender: what the machine gives when nothing else runs. */
  best(name: K): number {
    return Math.min(...this.samples[name]);
  }

  /**
   * Median over the rounds of f(round's times): e.g. `r => r.peer / r.engine` for how many times
   * faster the engine was, each round judged on its own.
   */
  perRound(f: (times: Readonly<Record<K, number>>) => number): number {
    const names = Object.keys(this.samples) as K[];
    const n = this.samples[names[0]].length;
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const times = {} as Record<K, number>;
      for (const name of names) times[name] = this.samples[name][i];
      values.push(f(times));
    }
    return median(values);
  }
}

/**
 * Runs every contender once per round for `rounds` rounds, after `warmup` untimed rounds. The
 * order rotates each round, so no contender always runs first (on a cold cache) or last.
 */
export function timeRounds<K extends string>(contenders: Readonly<Record<K, () => void>>, rounds: number, warmup = 1): Rounds<K> {
  const names = Object.keys(contenders) as K[];
  if (names.length === 0 || rounds < 1) throw new RangeError('timeRounds: at least one contender and one round');
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = -warmup; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(round, 0)) % names.length];
      const t0 = performance.now();
      contenders[name]();
      const ms = performance.now() - t0;
      if (round >= 0) samples[name].push(ms);
    }
  }
  return new Rounds(samples);
}
