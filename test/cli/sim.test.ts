/** The command line, run as a person runs it: a child process, its output and exit code. */
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.ts';
import { experimentCommand, parseExperimentArgs } from '../../src/cli/experiment.ts';
import { runCascade } from '../../src/experiments/cascade.ts';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

function sim(...args: string[]) {
  const result = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run sim', () => {
  it('prints one JSON object with the agreed fields, the same for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosstalk-'));
    // With --trace the run keeps its trace, and the report has its hash.
    const a = sim('simulations/examples/checkout.json', '--until', '20s', '--json', '--trace', join(dir, 'a.jsonl'));
    expect(a.code).toBe(0);
    const report = JSON.parse(a.out);
    expect(report).toMatchObject({ seed: 42, until: 20_000 });
    expect(report.events).toBeGreaterThan(0);
    expect(report.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(report.clients.shoppers)).toEqual(expect.arrayContaining(['sent', 'completed', 'failed', 'timedOut', 'rejected']));
    expect(Object.keys(report.latency)).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99', 'max']));
    expect(Object.keys(report.nodes)).toEqual(['orders', 'inventory', 'payments']);
    expect(Object.keys(report.links)).toEqual(['shoppers->orders', 'orders->inventory', 'orders->payments']);
    const b = JSON.parse(sim('simulations/examples/checkout.json', '--until', '20s', '--json', '--trace', join(dir, 'b.jsonl')).out);
    expect(b.traceHash).toBe(report.traceHash);
    const c = JSON.parse(
      sim('simulations/examples/checkout.json', '--until', '20s', '--json', '--seed', '43', '--trace', join(dir, 'c.jsonl')).out,
    );
    expect(c.seed).toBe(43);
    expect(c.traceHash).not.toBe(report.traceHash);
  });

  it('runs summary-only without --trace: the same report but the trace hash, which it says it did not keep', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosstalk-'));
    const summary = JSON.parse(sim('simulations/examples/checkout.json', '--until', '20s', '--json').out);
    const { traceHash, ...full } = JSON.parse(
      sim('simulations/examples/checkout.json', '--until', '20s', '--json', '--trace', join(dir, 't.jsonl')).out,
    );
    expect(traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(summary).toEqual(full);
    expect(sim('simulations/examples/mm1.json', '--until', '5s').out).toMatch(/trace events, not kept \(--trace FILE keeps them/);
  });

  it('prints a readable report by default', () => {
    const { code, out } = sim('simulations/examples/mm1.json', '--until', '5s');
    expect(code).toBe(0);
    expect(out).toContain('M/M/1 queue — simulated 5s with seed 1');
    expect(out).toMatch(/client\s+sent \d+\s+completed \d+/);
    expect(out).toMatch(/server\s+healthy; ok \d+/);
  });

  it("prints a Streams section: per partition the end offset, and each group's committed offset and lag", () => {
    const { code, out } = sim('simulations/examples/stream.json');
    expect(code).toBe(0);
    expect(out).toContain('Streams');
    expect(out).toMatch(/order-events\s+healthy; published \d+\s+refused 0\s+committed \d+/);
    expect(out).toMatch(/partition 0: offsets \d+\.\.\d+; billing committed \d+ lag \d+; analytics committed \d+ lag \d+/);
    expect(out).toMatch(/partition 2: /);
  });

  it("counts a full queue's refused publishes apart from those it published (stored)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosstalk-'));
    const file = join(dir, 'full.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        seed: 1,
        duration: '10s',
        nodes: [
          { id: 'p', kind: 'client', target: 'q', workload: { pattern: 'constant', rate: 50, stop: '5s' } },
          { id: 'q', kind: 'queue', maxLength: 5, overflow: 'rejectPublish' },
          { id: 'c', kind: 'service', workers: 1, serviceTime: 100 },
        ],
        links: [
          { from: 'p', to: 'q', kind: 'async', latency: 1 },
          { from: 'q', to: 'c', kind: 'async', latency: 1, prefetch: 1 },
        ],
      }),
    );
    const { code, out } = sim(file);
    expect(code).toBe(0);
    const sent = Number(/p\s+sent (\d+)/.exec(out)?.[1]);
    const [, published, refused, acked] = (/q\s+healthy; published (\d+)\s+refused (\d+)\s+acked (\d+)/.exec(out) ?? []).map(Number);
    expect(refused).toBeGreaterThan(100);
    expect(published + refused).toBe(sent);
    // Every message it stored was acked by the end: published counts no refusal.
    expect(acked).toBe(published);
  });

  it('writes every trace event as a JSON line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosstalk-'));
    const file = join(dir, 'trace.jsonl');
    const { code, out } = sim('simulations/examples/mm1.json', '--until', '2s', '--json', '--trace', file);
    expect(code).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(JSON.parse(out).traceEvents);
    expect(lines[0]).toMatchObject({ type: 'send', node: 'client', to: 'server', link: 'client->server', call: 0 });
    expect(lines.every((l, i) => i === 0 || l.t >= lines[i - 1].t)).toBe(true);
  });

  it('reports a bad file with every problem and exit code 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosstalk-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, nodes: [{ id: 'a', kind: 'service', workers: 0 }], links: [{ from: 'a', to: 'b' }] }));
    const { code, err } = sim(file);
    expect(code).toBe(2);
    expect(err).toContain('nodes[0].workers: must be greater than 0');
    expect(err).toContain('links[0].to: no node has the id "b"');
    expect(err).not.toMatch(/\n\s+at /);
    writeFileSync(file, '{ not json');
    expect(sim(file).code).toBe(2);
    expect(sim(join(dir, 'missing.json')).err).toContain('no such file');
  });

  it('says plainly when the trace file cannot be written, with exit code 2 and before running', () => {
    for (const [path, reason] of [
      ['/nonexistent-dir/t.jsonl', 'no such directory'],
      [tmpdir(), 'it is a directory'],
    ]) {
      const { code, err, out } = sim('simulations/examples/mm1.json', '--until', '1s', '--trace', path);
      expect(code).toBe(2);
      expect(err).toBe(`cannot write the trace to ${path}: ${reason}\n`);
      expect(out).toBe('');
    }
  });

  it('refuses bad arguments with exit code 2 and the usage', () => {
    const { code, err } = sim('simulations/examples/mm1.json', '--until', 'forever');
    expect(code).toBe(2);
    expect(err).toContain('--until needs a duration like 250ms, 60s or 5m (got forever)');
    expect(err).toContain('usage: npm run sim');
  });
});

describe('parseArgs', () => {
  it('reads every option', () => {
    expect(
      parseArgs([
        'f.json',
        '--seed',
        '9',
        '--until',
        '5m',
        '--json',
        '--trace',
        'o.jsonl',
        '--otlp',
        'o.json',
        '--chrome-trace',
        'c.json',
        '--metrics-csv',
        'm.csv',
      ]),
    ).toEqual({
      ok: true,
      args: {
        file: 'f.json',
        seed: 9,
        until: 300_000,
        json: true,
        tracePath: 'o.jsonl',
        maxEvents: 2e8,
        maxBytes: 4 * 1024 ** 3,
        force: false,
        exports: [
          { format: 'otlp', path: 'o.json' },
          { format: 'chrome-trace', path: 'c.json' },
          { format: 'metrics-csv', path: 'm.csv' },
        ],
      },
    });
  });
  it('says what is wrong', () => {
    expect(parseArgs([])).toMatchObject({ ok: false });
    expect(parseArgs(['a', 'b'])).toMatchObject({ ok: false, message: 'only one scenario file, please (got a and b)' });
    expect(parseArgs(['a', '--seed', '-1'])).toMatchObject({ ok: false });
    expect(parseArgs(['a', '--bogus'])).toMatchObject({ ok: false, message: 'unknown option --bogus' });
    expect(parseArgs(['a', '--until', '9'.repeat(400)])).toMatchObject({ ok: false });
    expect(parseArgs(['a', '--until', '1001h'])).toMatchObject({ ok: false });
    expect(parseArgs(['a', '--until', '.5s'])).toMatchObject({ ok: true, args: { until: 500 } });
  });
});

describe('npm run sim -- experiment', () => {
  it('prints the contention tables: calls and time to finish per number of callers and jitter', () => {
    const { code, out } = sim('experiment', 'contention');
    expect(code).toBe(0);
    expect(out).toContain('Contention: exponential backoff with and without jitter — seed 1');
    const calls = out.slice(out.indexOf('Calls (attempts, retries included)'), out.indexOf('Time to finish'));
    expect(calls).toMatch(/callers\s+none\s+full\s+equal\s+decorrelated\n/);
    expect(calls).toMatch(/\n\s+50\s+1275\s+\d+\s+\d+\s+\d+\n/); // no jitter: 50 + 49 + … + 1 calls
    const times = out.slice(out.indexOf('Time to finish'));
    for (const n of [10, 20, 30, 40, 50]) expect(times).toMatch(new RegExp(`\\n\\s+${n}(\\s+[\\d.]+ m?s){4}\\n`));
    expect(out).toMatch(/No jitter vs full jitter: [\d.–]+× the calls, [\d.–]+× the time\./);
  });

  // The rest runs the command in this process (a child process costs a second or two to start).
  function command(...args: string[]) {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const code = experimentCommand(args);
      return { code, out: log.mock.calls.map((c) => c.join(' ')).join('\n'), err: error.mock.calls.map((c) => c.join(' ')).join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('prints the cascade variants side by side, and with --json the same figures as the library', () => {
    const { code, out } = command('cascade');
    expect(code).toBe(0);
    expect(out).toMatch(/^\s+unprotected\s+protected$/m);
    for (const row of ['error/timeout rate', 'throughput (answered/s)', 'edge latency p50', 'edge latency p99']) {
      const cell = '[\\d.]+(?: m?s|%)?';
      expect(out).toMatch(new RegExp(`^${row.replace(/[()/]/g, '\\$&')}\\s+${cell}\\s+${cell}$`, 'm'));
    }
    const json = command('cascade', '--seed', '2', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(runCascade({ seed: 2 }))));
  });

  it('refuses an unknown experiment with exit code 2 and the usage', () => {
    const { code, err, out } = command('stampede');
    expect(code).toBe(2);
    expect(err).toContain('no experiment is called stampede (there are: contention, cascade, sync-vs-async, outlier-ejection)');
    expect(err).toContain('npm run sim -- experiment NAME');
    expect(out).toBe('');
  });
});

describe('parseExperimentArgs', () => {
  it('reads the name, the seed and --json', () => {
    expect(parseExperimentArgs(['contention', '--seed', '7', '--json'])).toEqual({
      ok: true,
      args: { name: 'contention', seed: 7, json: true },
    });
    expect(parseExperimentArgs(['cascade'])).toEqual({ ok: true, args: { name: 'cascade', seed: undefined, json: false } });
  });
  it('says what is wrong', () => {
    expect(parseExperimentArgs([])).toMatchObject({
      ok: false,
      message: 'which experiment? (contention or cascade or sync-vs-async or outlier-ejection)',
    });
    expect(parseExperimentArgs(['cascade', 'contention'])).toMatchObject({
      ok: false,
      message: 'only one experiment, please (got cascade and contention)',
    });
    expect(parseExperimentArgs(['cascade', '--seed', 'x'])).toMatchObject({
      ok: false,
      message: '--seed needs a whole number from 0 to 4294967295 (got x)',
    });
    expect(parseExperimentArgs(['cascade', '--until', '5s'])).toMatchObject({ ok: false });
  });
});
