/**
 * `--until` sets the run's length, as the playground's Duration does: the run behaves as if the
 * scenario's `duration` were that value (clients without their own stop send until then), and
 * every rate in the report is over the time really simulated. Checked against M/M/1 theory.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sim } from '../support/cli.ts';

const MM1 = 'simulations/examples/mm1.json';
// The example's own parameters, read from its file (not restated here): λ req/s, mean service time.
const doc = JSON.parse(readFileSync(new URL(`../../${MM1}`, import.meta.url), 'utf8'));
const lambda: number = doc.nodes[0].workload.rate;
const mu = 1000 / Number.parseFloat(doc.nodes[1].serviceTime.mean);
const rho = lambda / mu;

const report = (...args: string[]) => {
  const run = sim(MM1, '--json', ...args);
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out);
};

describe('npm run sim -- FILE --until', () => {
  it('past the duration: clients keep sending, and req/s and utilisation match M/M/1 theory', () => {
    const own = report();
    const long = report('--until', '2000s');
    expect(long.until).toBe(2_000_000);
    // Poisson arrivals over 2000 s: about 180,000 ± 420; 3.33× the 600 s run's.
    expect(long.clients.client.sent / own.clients.client.sent).toBeCloseTo(2000 / 600, 1);
    expect(long.clients.client.throughput).toBeGreaterThan(lambda * 0.98);
    expect(long.clients.client.throughput).toBeLessThan(lambda * 1.02);
    expect(long.nodes.server.throughput).toBeGreaterThan(lambda * 0.98);
    expect(long.nodes.server.throughput).toBeLessThan(lambda * 1.02);
    expect(Math.abs(long.nodes.server.utilization - rho)).toBeLessThan(0.02);
    // Time in system 1/(μ − λ) (100 ms): a heavy-tailed mean at ρ = 0.9, so a loose band.
    expect(long.latency.mean / (1000 / (mu - lambda))).toBeGreaterThan(0.85);
    expect(long.latency.mean / (1000 / (mu - lambda))).toBeLessThan(1.15);
  }, 60_000);

  it("short of the duration: the run is that long, and so is the readable report's", () => {
    const short = report('--until', '90s');
    expect(short.until).toBe(90_000);
    expect(short.clients.client.throughput).toBeGreaterThan(lambda * 0.95);
    expect(short.clients.client.throughput).toBeLessThan(lambda * 1.05);
    expect(Math.abs(short.nodes.server.utilization - rho)).toBeLessThan(0.05);
    const text = sim(MM1, '--until', '90s');
    expect(text.out).toContain('simulated 90s');
  });

  it('says what --until does in the usage', () => {
    const { out } = sim('--help');
    expect(out).toMatch(/--until DURATION\s+how long the run lasts/);
  });
});
