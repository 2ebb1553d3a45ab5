/**
 * Async HTTP (features/asyncHttp/asyncHttp.ts): the callee answers 202 at once and works on the job; the
 * caller polls at an interval (or with backoff) until a poll brings the outcome. Polls are
 * counted traffic; the link's timeout bounds the whole job; a job lost in a crash fails at the
 * next poll; a lost poll is sent again; a refusal needs no polling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { replayInBatches } from '../support/scenarioHelpers.ts';
import { eventLog } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];

function run(parts: Parts) {
  const s = scenario(parts);
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return { sim, report: buildReport(sim) };
}

const oneJob = (work: number, link: Record<string, unknown>, extra: Partial<Parts> = {}): Parts => ({
  nodes: [
    { id: 'web', kind: 'client', target: 'jobs', workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
    { id: 'jobs', kind: 'service', workers: 1, serviceTime: work },
  ],
  links: [{ from: 'web', to: 'jobs', latency: 1, protocol: 'grpc', ...link }],
  duration: '10s',
  ...extra,
});

describe('async HTTP (202 + polling)', () => {
  it('answers 202 at once, and the caller polls until the job is done', () => {
    const { sim, report } = run(oneJob(1000, { polling: { interval: '300ms' } }));
    // gRPC: 1 ms + 0.08 each way. The job is done at 1001.08; polls leave every 300 ms after the 202.
    expect(eventLog(sim, (e) => ['accept', 'accepted', 'poll', 'job_done', 'reply'].includes(e.type))).toEqual([
      '1.08 accept jobs #0',
      '2.16 accepted web #0',
      '303.24 poll jobs #1 job=0 answer=pending',
      '605.4 poll jobs #2 job=0 answer=pending',
      '907.56 poll jobs #3 job=0 answer=pending',
      '1001.08 reply jobs #0 status=ok',
      '1209.72 poll jobs #4 job=0 answer=ok',
      '1210.8 job_done web #0 status=ok',
    ]);
    expect(report.clients.web).toMatchObject({ sent: 1, completed: 1, failed: 0 });
    expect(report.clients.web.latency.max).toBeCloseTo(1210.8, 6);
    expect(report.links['web->jobs'].polls).toBe(4);
  });

  it('backs off between polls, up to the cap', () => {
    const { sim } = run(oneJob(3000, { polling: { interval: '100ms', multiplier: 2, cap: '500ms' } }));
    const sent = eventLog(sim, (e) => e.type === 'send' && e.call !== 0).map((line) => Number(line.split(' ')[0]));
    const waits = sent.map((t, i) => +(t - (i === 0 ? 2.16 : sent[i - 1] + 2.16)).toFixed(2));
    expect(waits).toEqual([100, 200, 400, 500, 500, 500, 500, 500]);
  });

  it("bounds the whole job by the link's timeout, and stops polling then", () => {
    const { sim, report } = run(oneJob(5000, { timeout: '2s', polling: { interval: '300ms' } }));
    expect(report.clients.web).toMatchObject({ completed: 0, timedOut: 1 });
    expect(eventLog(sim, (e) => e.type === 'timeout' && e.call === 0)).toEqual(['2000 timeout web #0']);
    const lastPoll = Math.max(...eventLog(sim, (e) => e.type === 'poll').map((line) => Number(line.split(' ')[0])));
    expect(lastPoll).toBeLessThan(2000);
  });

  it('fails the job at the next poll when the callee crashed with it', () => {
    const { report } = run(
      oneJob(1000, { polling: { interval: '300ms' } }, { faults: [{ kind: 'crash', target: 'jobs', at: '500ms', duration: '100ms' }] }),
    );
    expect(report.clients.web).toMatchObject({ completed: 0, failed: 1 });
    expect(report.links['web->jobs'].polls).toBe(2);
  });

  it('sends a lost poll again after an interval', () => {
    const { report } = run({ ...oneJob(2000, { polling: { interval: '200ms' }, loss: 0.3 }), seed: 4 });
    expect(report.links['web->jobs'].lost).toBeGreaterThan(0);
    expect(report.clients.web.completed + report.clients.web.dropped).toBe(1);
  });

  it('needs no polling when the job is refused', () => {
    const { report } = run({
      nodes: [
        { id: 'web', kind: 'client', target: 'jobs', workload: { pattern: 'bursts', size: 3, every: '1h', stop: '1ms' } },
        { id: 'jobs', kind: 'service', workers: 1, queueCapacity: 0, serviceTime: 500 },
      ],
      links: [{ from: 'web', to: 'jobs', latency: 1, polling: { interval: '100ms' } }],
      duration: '5s',
    });
    expect(report.clients.web).toMatchObject({ sent: 3, completed: 1, rejected: 2 });
    expect(report.links['web->jobs'].polls).toBe(5);
  });

  it('is replayed as the engine ran it, with random loss, crashes and backoff', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 100 }),
          rate: fc.integer({ min: 1, max: 20 }),
          mean: fc.integer({ min: 10, max: 2000 }),
          interval: fc.integer({ min: 20, max: 800 }),
          multiplier: fc.double({ min: 1, max: 3, noNaN: true }),
          loss: fc.double({ min: 0, max: 0.2, noNaN: true }),
          timeout: fc.option(fc.integer({ min: 200, max: 5000 }), { nil: undefined }),
          crashAt: fc.integer({ min: 0, max: 4000 }),
        }),
        (b) => {
          const s = scenario({
            nodes: [
              {
                id: 'web',
                kind: 'client',
                target: 'jobs',
                workload: { pattern: 'poisson', rate: b.rate },
                ...(b.timeout !== undefined && { timeout: b.timeout }),
              },
              { id: 'jobs', kind: 'service', workers: 2, queueCapacity: 5, serviceTime: { dist: 'exponential', mean: b.mean } },
            ],
            links: [{ from: 'web', to: 'jobs', loss: b.loss, polling: { interval: b.interval, multiplier: b.multiplier, cap: 2000 } }],
            faults: [{ kind: 'crash', target: 'jobs', at: b.crashAt, duration: 500 }],
            duration: '5s',
            seed: b.seed,
          });
          const replay = replayInBatches(s, 700, 500);
          for (const t of [1000, 2500, 5000]) {
            const sim = new Simulation(s);
            sim.runUntil(t);
            const c = sim.rt.clients[0]!,
              svc = sim.rt.services[1]!;
            const state = replay.stateAt(t);
            expect({ t, ...state.nodes[0] }).toMatchObject({
              t,
              sent: c.sent,
              completed: c.completed,
              failed: c.failed,
              timedOut: c.timedOut,
              rejected: c.rejected,
              dropped: c.dropped,
            });
            expect({ t, ...state.nodes[1] }).toMatchObject({
              t,
              busy: svc.busy,
              line: svc.lineLength,
              ok: svc.ok,
              errors: svc.errors,
              arrivals: svc.arrivals,
              dropped: svc.dropped,
            });
          }
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  });
});
