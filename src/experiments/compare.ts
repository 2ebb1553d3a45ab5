/**
 * Two designs compared on the same seeds (issue 23): each scenario runs once per seed, and per
 * client the differences B − A of the mean and p50/p95/p99 latency and of the success rate are
 * paired seed by seed (the same seed gives both the same traffic, so much of the noise cancels),
 * then summed up as a mean with a 95 % confidence interval over the seeds (Student t).
 */
import type { Scenario } from '../model/index.ts';
import { simulate, type ClientReport } from '../engine/index.ts';
import { meanInterval, type Interval } from './confidence.ts';

export const COMPARE_METRICS = ['mean', 'p50', 'p95', 'p99', 'successRate'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

/** One client's figures in A and in B (means over the seeds), and B − A with its interval. */
export interface ClientComparison {
  readonly client: string;
  readonly a: Readonly<Record<CompareMetric, number>>;
  readonly b: Readonly<Record<CompareMetric, number>>;
  readonly delta: Readonly<Record<CompareMetric, Interval>>;
}

export interface Comparison {
  readonly seeds: readonly number[];
  /** Clients of both scenarios (by id), in A's order. */
  readonly clients: readonly ClientComparison[];
  /** Clients only one of them has: not compared. */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

/** A client's figure for one metric, or NaN when the run has none (no request completed, none ended). */
export function clientFigure(report: ClientReport, metric: CompareMetric): number {
  if (metric === 'successRate') {
    const ended = report.sent - report.inFlight;
    return ended > 0 ? report.completed / ended : NaN;
  }
  return report.latency.count > 0 ? report.latency[metric] : NaN;
}

/** Runs `a` and `b` once per seed (summary-only runs, each for its duration) and compares their clients. */
export function compareScenarios(a: Scenario, b: Scenario, seeds: readonly number[]): Comparison {
  const run = (scenario: Scenario, seed: number) => {
    const { simulation, report } = simulate(scenario, { seed, record: 'summary' });
    simulation.release();
    return report.clients;
  };
  const runsA = seeds.map((seed) => run(a, seed));
  const runsB = seeds.map((seed) => run(b, seed));
  const idsA = Object.keys(runsA[0] ?? {}),
    idsB = Object.keys(runsB[0] ?? {});
  const clients = idsA
    .filter((id) => idsB.includes(id))
    .map((client) => {
      const figures = (runs: typeof runsA, metric: CompareMetric) => runs.map((r) => clientFigure(r[client], metric));
      const entry = (f: (metric: CompareMetric) => number | Interval) => Object.fromEntries(COMPARE_METRICS.map((m) => [m, f(m)]));
      const average = (values: number[]) => {
        const ok = values.filter((v) => !Number.isNaN(v));
        return ok.length > 0 ? ok.reduce((s, v) => s + v, 0) / ok.length : NaN;
      };
      return {
        client,
        a: entry((m) => average(figures(runsA, m))) as Record<CompareMetric, number>,
        b: entry((m) => average(figures(runsB, m))) as Record<CompareMetric, number>,
        delta: entry((m) => {
          const fa = figures(runsA, m),
            fb = figures(runsB, m);
          // Paired by seed; a seed where either run has no figure is left out.
          return meanInterval(fa.flatMap((x, i) => (Number.isNaN(x) || Number.isNaN(fb[i]) ? [] : [fb[i] - x])));
        }) as Record<CompareMetric, Interval>,
      };
    });
  return { seeds, clients, onlyInA: idsA.filter((id) => !idsB.includes(id)), onlyInB: idsB.filter((id) => !idsA.includes(id)) };
}

/** `1..20`, `3`, `1,2,7` or `1..5,9` as a list of seeds, or undefined if it is not one. */
export function parseSeeds(text: string): number[] | undefined {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*(?:\.\.\s*(\d+))?\s*$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]),
      to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to > 2 ** 32 - 1 || to - from > 9999) return undefined;
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  return seeds.length > 0 ? seeds : undefined;
}
