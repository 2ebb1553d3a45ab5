/**
 * `npm run sim -- FILE --otlp OUT.json --chrome-trace OUT.json --metrics-csv OUT.csv`: the run's
 * exports written as files that parse, with the shape each tool expects (the shapes themselves
 * are tested in test/engine/exports.test.ts); a path that cannot be written is refused before the run.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from '../support/cli.ts';

describe('npm run sim -- FILE --otlp / --chrome-trace / --metrics-csv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosstalk-export-'));

  it('writes the three exports of one run', () => {
    const otlp = join(dir, 'run.otlp.json'),
      chrome = join(dir, 'run.trace.json'),
      csv = join(dir, 'run.csv');
    const result = sim(
      'simulations/examples/checkout.json',
      '--until',
      '2s',
      '--otlp',
      otlp,
      '--chrome-trace',
      chrome,
      '--metrics-csv',
      csv,
      '--json',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { clients: Record<string, { sent: number }> };
    const doc = JSON.parse(readFileSync(otlp, 'utf8')) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string; parentSpanId?: string }[] }[] }[];
    };
    const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    // One trace per client request, each with one root (checkout's client does not retry).
    const sent = Object.values(report.clients).reduce((sum, c) => sum + c.sent, 0);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(sent);
    expect(spans.filter((s) => s.parentSpanId === undefined).length).toBe(sent);
    const trace = JSON.parse(readFileSync(chrome, 'utf8')) as { traceEvents: { ph: string }[] };
    expect(trace.traceEvents.filter((e) => e.ph === 'X').length).toBeGreaterThan(spans.length);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('time_ms,kind,id,metric,value');
  });

  it('refuses a path it cannot write, before the run, with exit code 2', () => {
    const result = sim('simulations/examples/checkout.json', '--otlp', join(dir, 'no', 'such', 'dir.json'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot write the otlp export to .*: no such directory/);
    expect(sim('simulations/examples/checkout.json', '--metrics-csv').err).toMatch(/--metrics-csv needs a file name/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
