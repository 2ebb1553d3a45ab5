/**
 * Runs that can never finish are refused before they start: the CLI estimates a run's events and
 * memory and refuses one beyond its budget with exit code 2, a message naming the estimate, and
 * how to override it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.ts';
import { sim } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosstalk-budget-'));
function file(name: string, workload: object, duration = '1000h'): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      duration,
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload },
        { id: 's', kind: 'service', workers: 64, serviceTime: '1us' },
      ],
      links: [{ from: 'c', to: 's', latency: 0 }],
    }),
  );
  return path;
}

describe('the run budget', () => {
  it('refuses the maximum rate for 1000 h before running, naming events, memory, the time and the overrides', () => {
    const started = Date.now();
    const { code, out, err } = sim(file('max-rate.json', { pattern: 'poisson', rate: 1_000_000 }));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(Date.now() - started).toBeLessThan(20_000); // it did not start the run (that would take days)
    expect(err).toMatch(/1000h/);
    expect(err).toMatch(/about [\d.]+ [kMGT]? ?events/);
    expect(err).toContain('200 M events');
    // Without --trace it would run summary-only, reusing its call rows: only its events count. With it, its rows too.
    expect(err).not.toMatch(/of memory/);
    const traced = sim(file('max-rate.json', { pattern: 'poisson', rate: 1_000_000 }), '--trace', join(dir, 'never.jsonl'));
    expect(traced.code).toBe(2);
    expect(traced.err).toMatch(/[\d.]+ (TB|PB) of memory/);
    expect(existsSync(join(dir, 'never.jsonl'))).toBe(false); // a refused run leaves no empty trace file
    expect(err).toContain('--until');
    expect(err).toContain('--max-events');
    expect(err).toContain('--force');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('refuses bursts that get round the rate cap at validation, naming the implied rate', () => {
    const { code, err } = sim(file('bursts.json', { pattern: 'bursts', size: 100_000, every: 1e-9 }));
    expect(code).toBe(2);
    expect(err).toContain('requests per second');
  });

  it('judges a run by the --until it is given, and the budget can be set or lifted', () => {
    const mm1 = 'simulations/examples/mm1.json';
    expect(sim(mm1, '--until', '1s', '--json').code).toBe(0);
    const small = sim(mm1, '--until', '1s', '--max-events', '100');
    expect(small.code).toBe(2);
    expect(small.err).toMatch(/simulating 1s would take about [\d.]+ k? ?events/);
    expect(sim(mm1, '--until', '1s', '--max-events', '100', '--force', '--json').code).toBe(0);
    // A summary-only run of mm1 keeps no rows (its call rows are reused): no memory budget to exceed; a traced one keeps them.
    expect(sim(mm1, '--until', '10s', '--max-memory', '100KB', '--json').code).toBe(0);
    const memory = sim(mm1, '--until', '10s', '--max-memory', '100KB', '--trace', join(dir, 'mm1.jsonl'));
    expect(memory.code).toBe(2);
    expect(memory.err).toMatch(/KB of memory/);
  });

  it('reads the budget options, and states the defaults in the usage', () => {
    expect(parseArgs(['f.json', '--max-events', '2e9', '--max-memory', '16GB'])).toMatchObject({
      ok: true,
      args: { maxEvents: 2e9, maxBytes: 16 * 1024 ** 3, force: false },
    });
    expect(parseArgs(['f.json', '--force'])).toMatchObject({ ok: true, args: { force: true } });
    expect(parseArgs(['f.json', '--max-events', 'lots'])).toMatchObject({ ok: false });
    expect(parseArgs(['f.json', '--max-memory', '12 parsecs'])).toMatchObject({ ok: false });
    const { out } = sim('--help');
    expect(out).toMatch(/--max-events N[\s\S]*?default 200000000/);
    expect(out).toMatch(/--max-memory SIZE[\s\S]*?default 4GB/);
    expect(out).toContain('--force');
  });
});
