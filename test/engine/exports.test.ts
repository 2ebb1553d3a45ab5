/**
 * The run's exports (src/engine/export/): OTLP/JSON against the shape Jaeger and Tempo import (ids
 * hex of the right length, every parent in its trace, children inside their parents' time unless
 * they follow from them), Chrome trace events (segments inside their span, adding up to it), and
 * the metrics CSV (its link counts agree with the report).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type Simulation } from '../../src/engine/index.ts';
import { exportText, type ChromeTrace, type OtlpDocument, type OtlpSpan } from '../../src/engine/export/index.ts';
import { validateScenario } from '../../src/model/index.ts';

const EXAMPLES = ['checkout', 'cascade-protected', 'contention', 'order-flow', 'stream', 'gateway', 'competing-consumers'];

function run(name: string, until = 3000): Simulation {
  const result = validateScenario(JSON.parse(readFileSync(`simulations/examples/${name}.json`, 'utf8')));
  if (!result.ok) throw new Error(name);
  return simulate(result.scenario, { until }).simulation;
}

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

/** Every way a document can break the OTLP/JSON shape; empty when it is right. */
function otlpProblems(doc: OtlpDocument): string[] {
  const problems: string[] = [];
  const byTrace = new Map<string, Map<string, OtlpSpan>>();
  for (const rs of doc.resourceSpans) {
    const name = rs.resource.attributes.find((a) => a.key === 'service.name')?.value;
    if (!name || !('stringValue' in name) || name.stringValue === '') problems.push('a resource without service.name');
    for (const ss of rs.scopeSpans)
      for (const span of ss.spans) {
        if (!/^[0-9a-f]{32}$/.test(span.traceId) || /^0+$/.test(span.traceId)) problems.push(`trace id ${span.traceId}`);
        if (!/^[0-9a-f]{16}$/.test(span.spanId) || /^0+$/.test(span.spanId)) problems.push(`span id ${span.spanId}`);
        if (span.parentSpanId !== undefined && !/^[0-9a-f]{16}$/.test(span.parentSpanId)) problems.push(`parent id ${span.parentSpanId}`);
        if (!/^\d+$/.test(span.startTimeUnixNano) || !/^\d+$/.test(span.endTimeUnixNano)) problems.push('times not decimal strings');
        if (BigInt(span.endTimeUnixNano) < BigInt(span.startTimeUnixNano)) problems.push(`span ${span.spanId} ends before it starts`);
        if (![0, 1, 2].includes(span.status.code)) problems.push(`status ${span.status.code}`);
        for (const key of ['instance', 'attempt', 'status', 'link', 'protocol'])
          if (attr(span, key) === undefined) problems.push(`no ${key} attribute`);
        let spans = byTrace.get(span.traceId);
        if (!spans) byTrace.set(span.traceId, (spans = new Map()));
        if (spans.has(span.spanId)) problems.push(`span ${span.spanId} twice`);
        spans.set(span.spanId, span);
      }
  }
  for (const spans of byTrace.values())
    for (const span of spans.values()) {
      if (span.parentSpanId === undefined) continue;
      const parent = spans.get(span.parentSpanId);
      if (!parent) {
        problems.push(`span ${span.spanId}: parent ${span.parentSpanId} not in its trace`);
        continue;
      }
      const followsFrom = span.links.some((l) => l.spanId === span.parentSpanId);
      const orphaned = attr(span, 'orphaned') !== undefined;
      if (followsFrom || orphaned) continue;
      if (
        BigInt(span.startTimeUnixNano) < BigInt(parent.startTimeUnixNano) ||
        BigInt(span.endTimeUnixNano) > BigInt(parent.endTimeUnixNano)
      ) {
        problems.push(`span ${span.spanId} outside its parent ${parent.spanId}`);
      }
    }
  return problems;
}

describe('OTLP/JSON export', () => {
  it.each(EXAMPLES)('of %s has the shape Jaeger and Tempo import', (name) => {
    const doc = JSON.parse(exportText(run(name), 'otlp')) as OtlpDocument;
    const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans.length).toBeGreaterThan(10);
    expect(otlpProblems(doc)).toEqual([]);
  });

  it("links a broker's delivery to its publish as follows-from, outside the publish's time", () => {
    const doc = JSON.parse(exportText(run('order-flow'), 'otlp')) as OtlpDocument;
    const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const delivery = spans.find((s) => s.links.length > 0);
    if (!delivery) throw new Error('no delivery');
    expect(delivery.kind).toBe(5);
    const publish = spans.find((s) => s.traceId === delivery.traceId && s.spanId === delivery.parentSpanId);
    expect(publish?.kind).toBe(4);
    expect(BigInt(delivery.startTimeUnixNano)).toBeGreaterThan(BigInt(publish?.endTimeUnixNano ?? '0'));
  });

  it('the shape check catches what it is meant to', () => {
    const doc = JSON.parse(exportText(run('checkout'), 'otlp')) as OtlpDocument;
    const r = doc.resourceSpans.findIndex((rs) => rs.scopeSpans[0].spans.some((s) => s.parentSpanId !== undefined));
    const resource = doc.resourceSpans[r],
      spans = resource.scopeSpans[0].spans;
    const span = spans.find((s) => s.parentSpanId !== undefined) as OtlpSpan;
    const broken = (change: Partial<OtlpSpan>) => {
      const changed = {
        ...resource,
        scopeSpans: [{ ...resource.scopeSpans[0], spans: spans.map((s) => (s === span ? { ...s, ...change } : s)) }],
      };
      return otlpProblems({ resourceSpans: doc.resourceSpans.map((rs, i) => (i === r ? changed : rs)) });
    };
    expect(broken({})).toEqual([]);
    expect(broken({ spanId: 'abc' }).length).toBeGreaterThan(0);
    expect(broken({ parentSpanId: 'ffffffffffffffff' })).toContain(`span ${span.spanId}: parent ffffffffffffffff not in its trace`);
    expect(broken({ endTimeUnixNano: (BigInt(span.endTimeUnixNano) + 10n ** 15n).toString() })).toContain(
      `span ${span.spanId} outside its parent ${span.parentSpanId}`,
    );
  });
});

describe('Chrome trace-event export', () => {
  it.each(['checkout', 'contention'])("of %s: each span's segments lie inside it and add up to it", (name) => {
    const doc = JSON.parse(exportText(run(name), 'chrome-trace')) as ChromeTrace;
    const calls = doc.traceEvents.filter((e) => e.ph === 'X' && e.cat !== 'segment');
    expect(calls.length).toBeGreaterThan(10);
    const segments = doc.traceEvents.filter((e) => e.cat === 'segment');
    for (const call of calls) {
      const mine = segments.filter(
        (s) => s.pid === call.pid && s.tid === call.tid && (s.ts ?? 0) >= (call.ts ?? 0) && (s.ts ?? 0) < (call.ts ?? 0) + (call.dur ?? 0),
      );
      // parallel calls to one service share a thread
      if (mine.length === 0 || calls.some((other) => other !== call && other.pid === call.pid && other.tid === call.tid)) continue;
      const total = mine.reduce((sum, s) => sum + (s.dur ?? 0), 0);
      expect(total).toBeCloseTo(call.dur ?? 0, 3);
    }
    expect(doc.traceEvents.some((e) => e.ph === 'M' && e.name === 'process_name')).toBe(true);
  });

  it('draws each broker hand-off as a flow from the publish to the delivery', () => {
    const doc = JSON.parse(exportText(run('order-flow'), 'chrome-trace')) as ChromeTrace;
    const starts = doc.traceEvents.filter((e) => e.ph === 's'),
      ends = doc.traceEvents.filter((e) => e.ph === 'f');
    const deliveries = doc.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'async');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.length).toBe(deliveries.length);
    expect(ends.map((e) => e.id)).toEqual(starts.map((e) => e.id));
    // The flow ends where its delivery begins, on the delivery's track.
    for (const end of ends) expect(deliveries.some((d) => d.pid === end.pid && d.tid === end.tid && d.ts === end.ts)).toBe(true);
  });
});

describe('metrics CSV export', () => {
  it('counts per link what the report counts, and samples every service', () => {
    const result = validateScenario(JSON.parse(readFileSync('simulations/examples/checkout.json', 'utf8')));
    if (!result.ok) throw new Error('checkout');
    const { simulation, report } = simulate(result.scenario, { until: 5000 });
    const [header, ...lines] = exportText(simulation, 'metrics-csv').trim().split('\n');
    expect(header).toBe('time_ms,kind,id,metric,value');
    const rows = lines.map((l) => l.split(','));
    expect(rows.every((r) => r.length === 5 && Number.isFinite(Number(r[0])) && Number.isFinite(Number(r[4])))).toBe(true);
    for (const [id, link] of Object.entries(report.links)) {
      const calls = rows.filter((r) => r[1] === 'link' && r[2] === id && r[3] === 'calls').reduce((sum, r) => sum + Number(r[4]), 0);
      expect(calls, id).toBe(link.calls);
    }
    for (const id of Object.keys(report.nodes).filter((n) => !n.includes('#')))
      expect(
        rows.some((r) => r[1] === 'service' && r[2] === id && r[3] === 'busy'),
        id,
      ).toBe(true);
  });
});
