/**
 * The spans of a request (src/engine/replay/spans.ts) and its critical path
 * (src/engine/replay/criticalPath.ts) over real runs: generated scenarios (with and without
 * resilience policies) and every example. What must hold for every request:
 * - each span's segments are consecutive and cover exactly [start, end] (so they add up to its duration);
 * - a synchronous child that did not outlive a caller who gave up lies inside its parent;
 * - the critical path's steps cover [request start, request end] one after the other, and its
 *   shares per service and per kind add up to the request's duration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type Simulation } from '../../src/engine/index.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { requestSpans, type RequestSpans } from '../../src/engine/replay/spans.ts';
import { spanSourceOf, spansOfRequest } from '../../src/engine/replay/runSpans.ts';
import { criticalPath } from '../../src/engine/replay/criticalPath.ts';
import { topologyOf } from '../../src/engine/replay/topology.ts';
import { validateScenario } from '../../src/model/index.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { policyScenarioArbitrary } from '../support/policies/policyArbitrary.ts';
import { queueScenarioArbitrary } from '../support/arbitraries/queues.ts';
import { streamScenarioArbitrary } from '../support/arbitraries/streams.ts';
import { replicaScenarioArbitrary } from '../support/arbitraries/replicas.ts';
import { parse } from '../support/scenarioHelpers.ts';

/**
 * Checks every invariant of the spans and critical path of every client request of a run (plain checks: a run has thousands of spans);
 * returns how many spans it checked.
 */
function checkRun(simulation: Simulation): number {
  const topology = topologyOf(simulation);
  const problems: string[] = [];
  let count = 0;
  for (const request of requestSpans(spanSourceOf(simulation))) {
    const fail = (what: string) => problems.push(`request ${request.request}: ${what}`);
    checkRequest(request, fail);
    const path = criticalPath(request, topology);
    const duration = request.end - request.start;
    if ((path.steps[0]?.start ?? request.start) !== request.start) fail('critical path starts late');
    if ((path.steps.at(-1)?.end ?? request.end) !== request.end) fail('critical path ends early');
    for (let i = 1; i < path.steps.length; i++)
      if (path.steps[i].start !== path.steps[i - 1].end) fail(`critical step ${i} not after step ${i - 1}`);
    const tolerance = 1e-9 * Math.max(1, request.end);
    if (Math.abs(Object.values(path.byService).reduce((a, b) => a + b, 0) - duration) > tolerance) fail('shares per service do not add up');
    if (Math.abs(Object.values(path.byKind).reduce((a, b) => a + b, 0) - duration) > tolerance) fail('shares per kind do not add up');
    count += request.spans.length;
  }
  expect(problems.slice(0, 10)).toEqual([]);
  return count;
}

function checkRequest(request: RequestSpans, fail: (what: string) => void): void {
  const { spans } = request;
  if (request.roots.length === 0) fail('no root');
  for (const span of spans) {
    const at = `span ${span.call}`;
    if (span.end < span.start) fail(`${at} ends before it starts`);
    const segs = span.segments;
    if (span.end > span.start) {
      if (segs[0]?.start !== span.start) fail(`${at}: first segment does not start with the span`);
      if (segs.at(-1)?.end !== span.end) fail(`${at}: last segment does not end with the span`);
    } else if (segs.length > 0) fail(`${at}: an instant span has segments`);
    for (let i = 0; i < segs.length; i++) {
      if (!(segs[i].end > segs[i].start)) fail(`${at}: empty segment ${i}`);
      if (i > 0 && segs[i].start !== segs[i - 1].end) fail(`${at}: segment ${i} not after segment ${i - 1}`);
    }
    const sum = segs.reduce((total, s) => total + (s.end - s.start), 0);
    if (Math.abs(sum - (span.end - span.start)) > 1e-9 * Math.max(1, span.end))
      fail(`${at}: segments add up to ${sum}, not ${span.end - span.start}`);
    for (const k of span.children) {
      const child = spans[k];
      if (child.parent !== span.call) fail(`${at}: child ${child.call} has another parent`);
      if (child.async || child.orphaned) continue;
      if (child.start < span.start || child.end > span.end) fail(`${at}: child ${child.call} outside its parent`);
    }
    // A retry's span begins with its backoff, right where the attempt before ended with a RETRY mark.
    if (span.attempt > 1 && segs[0]?.kind === 'backoff') {
      const before = spans.find((s) => s.attempt === span.attempt - 1 && s.parent === span.parent && s.end === span.start);
      if (!before?.marks.some((m) => m.kind === 'retry')) fail(`${at}: backoff without the attempt before`);
    }
  }
}

describe('spans of a request: segments add up to the span, children inside parents', () => {
  it('over generated scenarios', () => {
    let spans = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ randomness: 'any' }), (doc) => {
        spans += checkRun(simulate(parse(doc)).simulation);
      }),
      { seed: 2301, numRuns: 40 },
    );
    expect(spans).toBeGreaterThan(1000);
  });

  it('over generated scenarios with retries, timeouts, breakers, bulkheads and fallbacks', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(policyScenarioArbitrary(), (doc) => {
        const { simulation } = simulate(parse(doc));
        checkRun(simulation);
        for (const r of requestSpans(spanSourceOf(simulation)))
          for (const s of r.spans) {
            for (const m of s.marks) seen.add(m.kind);
            for (const g of s.segments) seen.add(g.kind);
          }
      }),
      { seed: 2302, numRuns: 40 },
    );
    // The generated runs reach the marks and segments that matter.
    for (const kind of ['retry', 'timeout', 'breaker refused', 'fallback', 'backoff', 'downstream', 'queue'])
      expect(seen, kind).toContain(kind);
  });

  it.each([
    ['queues and topics', queueScenarioArbitrary, 2303],
    ['event streams', streamScenarioArbitrary, 2304],
    ['replicas behind balancers', replicaScenarioArbitrary, 2305],
  ] as const)('over generated scenarios with %s', (_, arbitrary, seed) => {
    let asyncSpans = 0;
    fc.assert(
      fc.property(arbitrary, (doc) => {
        const { simulation } = simulate(parse(doc));
        checkRun(simulation);
        for (const r of requestSpans(spanSourceOf(simulation))) for (const s of r.spans) if (s.async) asyncSpans++;
      }),
      { seed, numRuns: 25 },
    );
    if (seed !== 2305) expect(asyncSpans).toBeGreaterThan(0);
  });

  it('over every example (queues, topics, streams, gateways, pools, async HTTP)', () => {
    const dir = 'simulations/examples';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const result = validateScenario(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')));
      if (!result.ok) throw new Error(file);
      const { simulation } = simulate(result.scenario, { until: Math.min(result.scenario.duration, 5000) });
      expect(checkRun(simulation), file).toBeGreaterThan(0);
    }
  });
});

describe('spans of known requests', () => {
  const run = (file: string, until: number) => {
    const result = validateScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!result.ok) throw new Error(file);
    return simulate(result.scenario, { until }).simulation;
  };

  it('a refused attempt, its backoff and the retry: two roots of one request', () => {
    const simulation = run('simulations/examples/contention.json', 20_000);
    const requests = requestSpans(spanSourceOf(simulation));
    const retried = requests.find((r) => r.roots.length > 1 && r.status === CallStatus.OK);
    if (!retried) throw new Error('no retried request');
    const [first, second] = retried.roots.map((k) => retried.spans[k]);
    expect(first.status).toBe(CallStatus.REJECTED);
    expect(first.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(['rejected', 'retry']));
    const backoff = second.segments[0];
    expect(backoff.kind).toBe('backoff');
    expect(backoff.start).toBe(first.end);
    // The backoff is as long as the RETRY row said.
    expect(backoff.end - backoff.start).toBeCloseTo(first.marks.find((m) => m.kind === 'retry')?.value ?? NaN, 6);
    expect(retried.end).toBe(second.end);
    const path = criticalPath(retried, topologyOf(simulation));
    expect(path.spans.slice(0, 2)).toEqual(retried.roots.slice(0, 2));
    expect(path.byKind.backoff).toBeCloseTo(backoff.end - backoff.start, 9);
  });

  it('a publish to a queue: its delivery follows from it, after the client saw the request end', () => {
    const simulation = run('simulations/examples/order-flow.json', 5000);
    const request = requestSpans(spanSourceOf(simulation)).find((r) => r.spans.some((s) => s.async));
    if (!request) throw new Error('no delivery');
    const delivery = request.spans.find((s) => s.async) as (typeof request.spans)[number];
    const publish = request.spans.find((s) => s.call === delivery.parent);
    expect(publish?.marks.some((m) => m.kind === 'published')).toBe(true);
    expect(delivery.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(['delivered', 'acked']));
    expect(delivery.start).toBeGreaterThan(request.end);
    const path = criticalPath(request, topologyOf(simulation));
    expect(path.spans).not.toContain(request.spans.indexOf(delivery));
  });

  it('one request read from its start alone is the same as in the pass over the whole run (any of its calls names it)', () => {
    for (const [file, until] of [
      ['simulations/examples/contention.json', 20_000],
      ['simulations/examples/order-flow.json', 5000],
      ['simulations/examples/cascade-protected.json', 5000],
    ] as const) {
      const simulation = run(file, until);
      const source = spanSourceOf(simulation);
      const all = requestSpans(source);
      for (let k = 0; k < all.length; k += Math.max(1, Math.floor(all.length / 25))) {
        const request = all[k];
        const named = request.spans[request.spans.length - 1].call;
        expect(spansOfRequest(simulation, named, source), `${file} request ${request.request}`).toEqual(request);
      }
    }
  });

  it('a call waiting for a pooled connection, and a job polled over async HTTP', () => {
    const doc = {
      version: 1,
      seed: 3,
      duration: '3s',
      nodes: [
        { id: 'users', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 60 } },
        { id: 'api', kind: 'service', workers: 8, serviceTime: { dist: 'constant', value: 2 }, calls: [{ to: 'db' }] },
        { id: 'db', kind: 'service', workers: 8, serviceTime: { dist: 'exponential', mean: 15 } },
        { id: 'batch', kind: 'client', target: 'jobs', workload: { pattern: 'constant', rate: 2 } },
        { id: 'jobs', kind: 'service', workers: 2, serviceTime: { dist: 'constant', value: 700 } },
      ],
      links: [
        { from: 'users', to: 'api', latency: 1 },
        { from: 'api', to: 'db', latency: 1, protocol: 'http', connections: 1 },
        { from: 'batch', to: 'jobs', latency: 1, polling: { interval: '200ms' } },
      ],
    };
    const result = validateScenario(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const simulation = simulate(result.scenario).simulation;
    checkRun(simulation);
    const requests = requestSpans(spanSourceOf(simulation));
    const spans = requests.flatMap((r) => r.spans);
    const waited = spans.find((s) => s.marks.some((m) => m.kind === 'pool wait'));
    // It waits for the connection first, then its request goes.
    expect(waited?.segments.slice(0, 2).map((g) => g.kind)).toEqual(['pool', 'request']);
    const job = requests.find((r) => r.spans[0].marks.some((m) => m.kind === 'accepted') && r.status === CallStatus.OK);
    if (!job) throw new Error('no job');
    // The job's span: the 202 comes back, then the caller polls (its polls are the job's children) until it is done.
    expect(job.spans.length).toBeGreaterThan(1);
    // Each poll is time the job's caller waited on a child: as long as the polls together.
    const polls = job.spans.slice(1).reduce((sum, p) => sum + (p.end - p.start), 0);
    const downstream = job.spans[0].segments.filter((g) => g.kind === 'downstream').reduce((sum, g) => sum + (g.end - g.start), 0);
    expect(downstream).toBeCloseTo(polls, 9);
    expect(job.end - job.start).toBeGreaterThan(700);
  });
});
