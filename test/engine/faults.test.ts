/** Each fault kind, observed from outside: event logs, counters and the service's modes. */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const svc = (id: string, extra: object = {}) => ({ id, kind: 'service' as const, workers: 1, serviceTime: 10, ...extra });
const steady = (target: string, extra: object = {}) => ({
  id: 'c',
  kind: 'client' as const,
  target,
  workload: { pattern: 'constant' as const, rate: 10 },
  ...extra,
});
const link = (from: string, to: string, extra: object = {}) => ({ from, to, protocol: 'grpc' as const, latency: 0, ...extra });

function run(s: ReturnType<typeof scenario>) {
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return sim;
}

describe('crash', () => {
  const crash = (extra: object = {}) =>
    scenario({
      // Every 100 ms a request that takes 250 ms: at the crash, those sent at 800 and 900 are in progress.
      nodes: [steady('s', { timeout: 500 }), svc('s', { serviceTime: 250, workers: 3, ...extra })],
      links: [link('c', 's')],
      faults: [{ kind: 'crash', target: 's', at: 1000, duration: 500 }],
      duration: '3s',
    });

  it('drops work in progress, refuses calls while down, and restarts after the duration', () => {
    const sim = run(crash({ startupTime: 100 }));
    expect(eventLog(sim, (e) => ['state', 'fault_start', 'fault_end'].includes(e.type) || e.type === 'drop')).toEqual([
      '100 state s from=starting to=healthy',
      '1000 fault_start s fault=0 kind=crash',
      '1000 state s from=healthy to=crashed',
      '1000 drop s #8 reason=crash',
      '1000 drop s #9 reason=crash',
      '1500 fault_end s fault=0 kind=crash',
      '1500 state s from=crashed to=restarting',
      '1600 state s from=restarting to=healthy',
    ]);
    const { report } = simulate(crash({ startupTime: 100 }));
    // Refused at once: the request at 0 (still starting), and those at 1000..1500 (the fault acts
    // before a request arriving at the same instant). At 1600 the restart completes first.
    expect(report.nodes.s).toMatchObject({ dropped: 2, rejected: 7, mode: 'healthy' });
    // The two lost in the crash are noticed only by the caller's timeout.
    expect(report.clients.c.timedOut).toBe(2);
    expect(report.clients.c.rejected).toBe(7);
  });

  it('without a timeout, requests lost in a crash are dropped: their callers never hear back', () => {
    const s = scenario({
      nodes: [steady('s'), svc('s', { serviceTime: 250, workers: 3 })],
      links: [link('c', 's')],
      faults: [{ kind: 'crash', target: 's', at: 1000 }],
      duration: '3s',
    });
    const { report } = simulate(s);
    expect(report.clients.c.dropped).toBe(2);
    expect(report.nodes.s.mode).toBe('crashed');
  });

  it('abandons the calls the crashed service was waiting on; their replies come late', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 'a', timeout: 1000, workload: { pattern: 'bursts', every: '1h', size: 1 } },
        svc('a', { serviceTime: 0, calls: [{ to: 'b' }] }),
        svc('b', { serviceTime: 300 }),
      ],
      links: [link('c', 'a'), link('a', 'b')],
      faults: [{ kind: 'crash', target: 'a', at: 100, duration: 100 }],
      duration: '2s',
    });
    expect(eventLog(run(s), (e) => ['abandon', 'late_reply', 'drop', 'timeout'].includes(e.type))).toEqual([
      '100 abandon a #1',
      '100 drop a #0 reason=crash',
      '300.24 late_reply a #1 status=ok',
      '1000 timeout c #0',
    ]);
  });
});

describe('slow', () => {
  it('multiplies service time while it lasts, and marks the service degraded', () => {
    const s = scenario({
      nodes: [steady('s'), svc('s')],
      links: [link('c', 's')],
      faults: [{ kind: 'slow', target: 's', at: 1000, duration: 1000, factor: 5 }],
      duration: '3s',
    });
    const sim = run(s);
    const work = eventLog(sim, (e) => e.type === 'work_done').map((l) => Number(l.split(' ')[0]));
    // Request sent at 900 finishes at 910.08; at 1000 (inside the fault) takes 50 ms; at 2000 back to 10.
    expect(work).toContain(910.08);
    expect(work).toContain(1050.08);
    expect(work).toContain(2010.08);
    expect(eventLog(sim, (e) => e.type === 'state')).toEqual([
      '1000 state s from=healthy to=degraded',
      '2000 state s from=degraded to=healthy',
    ]);
  });

  it('overlapping faults compound and the service stays degraded until the last ends', () => {
    const s = scenario({
      nodes: [steady('s'), svc('s', { workers: 10 })],
      links: [link('c', 's')],
      faults: [
        { kind: 'slow', target: 's', at: 1000, duration: 1000, factor: 2 },
        { kind: 'slow', target: 's', at: 1500, duration: 1000, factor: 3 },
      ],
      duration: '3s',
    });
    const sim = run(s);
    const started = (t: number) =>
      eventLog(sim, (e) => e.type === 'work_done')
        .map((l) => Number(l.split(' ')[0]))
        .find((x) => x > t && x < t + 100);
    expect(started(1600)).toBeCloseTo(1660.08, 6); // ×6
    expect(started(2100)).toBeCloseTo(2130.08, 6); // ×3
    expect(eventLog(sim, (e) => e.type === 'state')).toEqual([
      '1000 state s from=healthy to=degraded',
      '2500 state s from=degraded to=healthy',
    ]);
  });
});

describe('errors', () => {
  it('fails about the given share of requests only while it lasts', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 500 } },
        svc('s', { workers: 50, serviceTime: 1 }),
      ],
      links: [link('c', 's')],
      faults: [{ kind: 'errors', target: 's', at: '10s', duration: '10s', rate: 0.5 }],
      duration: '30s',
    });
    const { report } = simulate(s);
    const inWindow = 500 * 10;
    expect(Math.abs(report.clients.c.failed - inWindow / 2)).toBeLessThan(4 * Math.sqrt(inWindow / 4) + 4 * Math.sqrt(inWindow));
    const sim = run(s);
    const failures = eventLog(sim, (e) => e.type === 'work_done' && e.failed === true).map((l) => Number(l.split(' ')[0]));
    expect(Math.min(...failures)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...failures)).toBeLessThan(20_002);
  });
});

describe('link faults', () => {
  it('a latency spike adds delay to every message while it lasts', () => {
    const s = scenario({
      nodes: [steady('s'), svc('s')],
      links: [link('c', 's', { latency: 5 })],
      faults: [{ kind: 'latency', link: 'c->s', at: 1000, duration: 500, add: 100 }],
      duration: '2s',
    });
    const { report } = simulate(s);
    // 5 of 20 requests cross during the spike (both ways): +200 ms each.
    expect(report.latency.max).toBeCloseTo(10 + 2 * 105.08, 6);
    expect(report.latency.min).toBeCloseTo(10 + 2 * 5.08, 6);
  });

  it('a loss fault loses messages only while it lasts', () => {
    const s = scenario({
      nodes: [steady('s', { timeout: 200 }), svc('s')],
      links: [link('c', 's')],
      faults: [{ kind: 'loss', link: 'c->s', at: 1000, duration: 500, rate: 1 }],
      duration: '3s',
    });
    const { report } = simulate(s);
    expect(report.links['c->s'].lost).toBe(5);
    expect(report.clients.c.timedOut).toBe(5);
  });

  it('a partition cuts both directions; a one-way partition cuts only one', () => {
    const partition = (oneWay: boolean, between: [string, string]) =>
      simulate(
        scenario({
          nodes: [steady('s', { timeout: 200 }), svc('s')],
          links: [link('c', 's')],
          faults: [{ kind: 'partition', between, oneWay, at: 1000, duration: 500 }],
          duration: '3s',
        }),
      ).report;
    const both = partition(false, ['c', 's']);
    expect(both.clients.c.timedOut).toBe(5);
    expect(both.nodes.s.arrivals).toBe(25); // the 5 requests never arrived
    // Only s → c cut: requests arrive and are served, replies are lost.
    const replies = partition(true, ['s', 'c']);
    expect(replies.nodes.s.ok).toBe(30);
    expect(replies.clients.c.timedOut).toBe(5);
    // Only c → s cut: the requests are lost.
    const requests = partition(true, ['c', 's']);
    expect(requests.nodes.s.arrivals).toBe(25);
  });
});

describe('timeline', () => {
  it('shows the waiting line growing while a service is slow and draining after', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 50 } },
        svc('s', { workers: 1, serviceTime: 10 }),
      ],
      links: [link('c', 's')],
      faults: [{ kind: 'slow', target: 's', at: '2s', duration: '2s', factor: 4 }],
      duration: '12s',
    });
    const { timeline } = simulate(s, { sampleInterval: 1000 }).report.nodes.s;
    expect(timeline.interval).toBe(1000);
    expect(timeline.line.length).toBe(13); // samples at 0, 1 s, …, 12 s
    // 50/s arriving, 25/s served while slow: the line grows by ~25 a second, then drains at 50/s.
    expect(timeline.line[2]).toBe(0);
    expect(timeline.line[3]).toBeGreaterThan(20);
    expect(timeline.line[4]).toBeGreaterThan(timeline.line[3]);
    expect(timeline.line[11]).toBe(0);
    expect(timeline.replies[3]).toBeLessThan(30);
    expect(timeline.replies.reduce((a, b) => a + b, 0)).toBe(simulate(s).report.nodes.s.ok);
  });
});
