// Sanity check for the peer M/M/1 models (not a test).
//
//   npx tsx bench/peers/check.ts [customers=100000] [seed=12345] [replications=40]
//
// For each library it prints
//   1. one run of `customers` customers: mean time in system (theory 100 ms for
//      λ = 90/s, μ = 100/s, plus the network's two hops for the models that
//      cross one), its deviation from theory, and the wall time
//      (performance.now; this first run includes JIT warm-up);
//   2. `replications` further independent runs (seeds seed+1, seed+2, ...):
//      the grand mean with a 95% confidence interval, the spread of the
//      single-run means, and the median wall time of those (warm) runs.
//
// Why replications: at ρ = 0.9 successive sojourn times are strongly
// autocorrelated, so the mean of ONE 10^5-customer run has a standard
// deviation of about 6 ms (6%) around 100 ms, i.e. a correct model misses a
// ±3% band on a single run more often than not. The ±3% verdict below is
// therefore applied to the replicated grand mean (standard error ≈ 1 ms).

import { runMm1JsSimulator } from './jsSimulatorMm1.ts';
import { runMm1Simjs } from './simjsMm1.ts';
import { runMm1Floor } from '../floorMm1.ts';
import { PROTOCOL_PROFILES } from '../../src/model/index.ts';

type Mm1Runner = (customers: number, seed: number) => { customers: number; meanTimeInSystemMs: number };

/** mm1.json's link: zero latency over gRPC, so each message takes the protocol's overhead. */
const HOP_MS = PROTOCOL_PROFILES.grpc.overheadMs;

const customers = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 12345);
const replications = Number(process.argv[4] ?? 40);
const THEORY_MS = 100;
const TOLERANCE = 0.03;

/** Each model with the time in system theory expects of it (the network hops add 2 × HOP_MS). */
const peers: Array<[string, Mm1Runner, number]> = [
  ['js-simulator', runMm1JsSimulator, THEORY_MS],
  ['simjs', runMm1Simjs, THEORY_MS],
  ['js-simulator over the network', (n, s) => runMm1JsSimulator(n, s, HOP_MS), THEORY_MS + 2 * HOP_MS],
  ['simjs over the network', (n, s) => runMm1Simjs(n, s, HOP_MS), THEORY_MS + 2 * HOP_MS],
  // gRPC's hops are 0.16 % of the theory, well inside the tolerance: hops of 25 ms show they are counted.
  ['js-simulator over a 25 ms network', (n, s) => runMm1JsSimulator(n, s, 25), THEORY_MS + 50],
  ['simjs over a 25 ms network', (n, s) => runMm1Simjs(n, s, 25), THEORY_MS + 50],
  // The engine's floor (bench/floorMm1.ts), over the same network.
  [
    'floor',
    (n, s) => {
      const r = runMm1Floor(n, s);
      return { customers: r.completed, meanTimeInSystemMs: r.meanTimeInSystemMs };
    },
    THEORY_MS + 2 * HOP_MS,
  ],
];

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

console.log(`M/M/1  λ=90/s  μ=100/s  ${customers.toLocaleString('en-US')} customers/run  ` + `theory E[T] = ${THEORY_MS} ms`);

let ok = true;
for (const [name, run, theory] of peers) {
  const t0 = performance.now();
  const single = run(customers, seed);
  const wall = performance.now() - t0;
  console.log(
    `\n${name}\n  single run (seed ${seed}): completed=${single.customers}  ` +
      `mean=${single.meanTimeInSystemMs.toFixed(2)} ms (${pct(single.meanTimeInSystemMs / theory - 1)})  ` +
      `wall=${wall.toFixed(1)} ms (cold)`,
  );

  if (replications < 2) {
    const pass = single.customers === customers && Math.abs(single.meanTimeInSystemMs / theory - 1) <= TOLERANCE;
    ok &&= pass;
    console.log(`  ${pass ? 'OK' : 'OFF'} (single run vs ±${TOLERANCE * 100}%)`);
    continue;
  }

  const means: number[] = [];
  const walls: number[] = [];
  let allCompleted = true;
  for (let i = 1; i <= replications; i++) {
    const t = performance.now();
    const r = run(customers, seed + i);
    walls.push(performance.now() - t);
    means.push(r.meanTimeInSystemMs);
    allCompleted &&= r.customers === customers;
  }
  const grand = means.reduce((a, b) => a + b, 0) / replications;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - grand) ** 2, 0) / (replications - 1));
  const half = (1.96 * sd) / Math.sqrt(replications);
  const pass = allCompleted && Math.abs(grand / theory - 1) <= TOLERANCE;
  ok &&= pass;
  console.log(
    `  ${replications} replications: grand mean=${grand.toFixed(2)} ms (${pct(grand / theory - 1)})  ` +
      `95% CI [${(grand - half).toFixed(2)}, ${(grand + half).toFixed(2)}]  ` +
      `sd of run means=${sd.toFixed(2)} ms  median wall=${median(walls).toFixed(1)} ms  ` +
      `${pass ? 'OK' : 'OFF'} (grand mean vs ±${TOLERANCE * 100}%)`,
  );
}
console.log(`\nheapUsed at end: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);
process.exitCode = ok ? 0 : 1;
