/**
 * Observable behaviour of clients, services and links, asserted as event logs (SimPy style)
 * and counters. Constant distributions make every time exact: a gRPC message costs its link's
 * latency plus 0.08 ms of protocol overhead.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const grpc = (from: string, to: string, latency: number | string = 5, extra: object = {}) => ({
  from,
  to,
  protocol: 'grpc' as const,
  latency,
  ...extra,
});
const svc = (id: string, extra: object = {}) => ({ id, kind: 'service' as const, workers: 1, serviceTime: 10, ...extra });
const once = (target: string, extra: object = {}) => ({
  id: 'c',
  kind: 'client' as const,
  target,
  workload: { pattern: 'bursts' as const, every: '1h', size: 1 },
  ...extra,
});
const burst = (target: string, size: number, extra: object = {}) => ({
  id: 'c',
  kind: 'client' as const,
  target,
  workload: { pattern: 'bursts' as const, every: '1h', size },
  ...extra,
});

function run(s: ReturnType<typeof scenario>, until?: number) {
  const sim = new Simulation(s);
  sim.runUntil(until ?? s.duration);
  return sim;
}

describe('a request and its reply', () => {
  it('crosses the link, waits for a worker, is worked on and answered, in that order', () => {
    const sim = run(scenario({ nodes: [once('s'), svc('s')], links: [grpc('c', 's')] }));
    expect(eventLog(sim)).toEqual([
      '0 send c #0 to=s',
      '5.08 arrive s #0',
      '5.08 start s #0',
      '15.08 work_done s #0 failed=false',
      '15.08 reply s #0 status=ok',
      '20.16 receive c #0 status=ok',
    ]);
  });

  it('HTTP costs more per message than gRPC', () => {
    const latencyWith = (protocol: 'http' | 'grpc') =>
      simulate(scenario({ nodes: [once('s'), svc('s')], links: [{ from: 'c', to: 's', latency: 5, protocol }] })).report.latency.mean;
    expect(latencyWith('http')).toBeCloseTo(20.6, 6);
    expect(latencyWith('grpc')).toBeCloseTo(20.16, 6);
  });
});

describe('service', () => {
  it('queues requests FIFO when every worker is busy, and records the line length', () => {
    const sim = run(scenario({ nodes: [burst('s', 3), svc('s')], links: [grpc('c', 's', 0)] }));
    expect(eventLog(sim, (e) => ['queue', 'start'].includes(e.type))).toEqual([
      '0.08 start s #0',
      '0.08 queue s #1 line=1',
      '0.08 queue s #2 line=2',
      '10.08 start s #1',
      '20.08 start s #2',
    ]);
    expect(simulate(scenario({ nodes: [burst('s', 3), svc('s')], links: [grpc('c', 's', 0)] })).report.nodes.s).toMatchObject({
      maxLine: 2,
      ok: 3,
    });
  });

  it('rejects at once when the waiting line is full', () => {
    const { report } = simulate(scenario({ nodes: [burst('s', 4), svc('s', { queueCapacity: 1 })], links: [grpc('c', 's', 0)] }));
    expect(report.clients.c).toMatchObject({ sent: 4, completed: 2, rejected: 2 });
    expect(report.nodes.s).toMatchObject({ rejected: 2, ok: 2, maxLine: 1 });
  });

  it("keeps the caller's worker occupied while it waits on a sync call", () => {
    // a has one worker; each request makes a call to b that takes 100 ms. The second request
    // cannot start at a until the first one's call has come back.
    const s = scenario({
      nodes: [burst('a', 2), svc('a', { serviceTime: 0, calls: [{ to: 'b' }] }), svc('b', { workers: 4, serviceTime: 100 })],
      links: [grpc('c', 'a', 0), grpc('a', 'b', 0)],
    });
    expect(eventLog(run(s), (e) => e.type === 'start' && e.node === 'a')).toEqual(['0.08 start a #0', '100.24 start a #1']);
  });

  it('adds latency up hop by hop along a sequential chain', () => {
    const s = scenario({
      nodes: [once('a'), svc('a', { calls: [{ to: 'b' }, { to: 'c2' }] }), svc('b', { calls: [{ to: 'd' }] }), svc('c2'), svc('d')],
      links: [grpc('c', 'a'), grpc('a', 'b'), grpc('a', 'c2'), grpc('b', 'd')],
    });
    // c→a 5.08, a works 10, a→b 5.08, b 10, b→d 5.08, d 10, back 5.08 ×2, a→c2 5.08 + 10 + 5.08, a→c 5.08
    const { report } = simulate(s);
    expect(report.latency.mean).toBeCloseTo(5.08 * 2 + 10 + (5.08 * 2 + 10 + 5.08 * 2 + 10) + (5.08 * 2 + 10), 6);
  });

  it('waits for all calls of a parallel step', () => {
    const s = scenario({
      nodes: [
        once('a'),
        svc('a', { serviceTime: 0, calls: [{ parallel: [{ to: 'b' }, { to: 'd' }] }] }),
        svc('b', { serviceTime: 10 }),
        svc('d', { serviceTime: 50 }),
      ],
      links: [grpc('c', 'a', 0), grpc('a', 'b', 0), grpc('a', 'd', 0)],
    });
    expect(eventLog(run(s), (e) => e.node === 'a' && ['receive', 'reply'].includes(e.type))).toEqual([
      '10.24 receive a #1 status=ok',
      '50.24 receive a #2 status=ok',
      '50.24 reply a #0 status=ok',
    ]);
  });

  it('fails the request when its own work fails, and errors propagate up the chain', () => {
    const s = scenario({
      nodes: [burst('a', 20), svc('a', { workers: 20, calls: [{ to: 'b' }] }), svc('b', { workers: 20, errorRate: 1 })],
      links: [grpc('c', 'a'), grpc('a', 'b')],
    });
    const { report } = simulate(s);
    expect(report.clients.c).toMatchObject({ sent: 20, completed: 0, failed: 20 });
    expect(report.nodes.b).toMatchObject({ errors: 20, ok: 0 });
    expect(report.nodes.a).toMatchObject({ errors: 20, ok: 0 });
  });

  it('starts only after its startup time, refusing calls meanwhile', () => {
    const s = scenario({
      nodes: [{ id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 10 } }, svc('s', { startupTime: 250 })],
      links: [grpc('c', 's', 0)],
      duration: '1s',
    });
    const sim = run(s);
    expect(eventLog(sim, (e) => e.type === 'state')).toEqual(['250 state s from=starting to=healthy']);
    expect(simulate(s).report.clients.c).toMatchObject({ sent: 10, rejected: 3 }); // sent at 0, 100, 200 ms
  });
});

describe('timeouts', () => {
  it('give up at the deadline; the late reply is counted as wasted work', () => {
    const s = scenario({ nodes: [once('s', { timeout: 50 }), svc('s', { serviceTime: 100 })], links: [grpc('c', 's', 0)] });
    expect(eventLog(run(s), (e) => ['timeout', 'reply', 'late_reply', 'receive'].includes(e.type))).toEqual([
      '50 timeout c #0',
      '100.08 reply s #0 status=ok',
      '100.16 late_reply c #0 status=ok',
    ]);
    const { report } = simulate(s);
    expect(report.clients.c).toMatchObject({ timedOut: 1, completed: 0 });
    expect(report.links['c->s']).toMatchObject({ timeouts: 1, lateReplies: 1, wastedWorkMs: 100 });
  });

  it("a call timeout overrides the link's default", () => {
    const s = scenario({
      nodes: [once('a'), svc('a', { serviceTime: 0, calls: [{ to: 'b', timeout: 20 }] }), svc('b', { serviceTime: 30 })],
      links: [grpc('c', 'a', 0), grpc('a', 'b', 0, { timeout: '1s' })],
    });
    expect(eventLog(run(s), (e) => e.type === 'timeout')).toEqual(['20.08 timeout a #1']);
  });
});

describe('the network', () => {
  it('loses messages silently: without a timeout the request is dropped and its user stuck', () => {
    const s = scenario({
      nodes: [{ id: 'c', kind: 'client', target: 's', workload: { pattern: 'closed', users: 1 } }, svc('s')],
      links: [grpc('c', 's', 1, { loss: 1 })],
    });
    const { report } = simulate(s);
    expect(report.clients.c).toMatchObject({ sent: 1, dropped: 1, inFlight: 0 });
    expect(report.links['c->s']).toMatchObject({ lost: 1 });
  });

  it('with a timeout a lost message becomes a timeout', () => {
    const s = scenario({ nodes: [burst('s', 10, { timeout: 100 }), svc('s')], links: [grpc('c', 's', 1, { loss: 1 })] });
    expect(simulate(s).report.clients.c).toMatchObject({ sent: 10, timedOut: 10, dropped: 0 });
  });

  it('loses about the configured share of messages', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', timeout: 100, workload: { pattern: 'poisson', rate: 1000 } },
        svc('s', { workers: 50, serviceTime: 1 }),
      ],
      links: [grpc('c', 's', 1, { loss: 0.1 })],
      duration: '20s',
    });
    const link = simulate(s).report.links['c->s'];
    expect(link.lost / link.messages).toBeGreaterThan(0.09);
    expect(link.lost / link.messages).toBeLessThan(0.11);
  });
});

describe('clients', () => {
  const to = (workload: object, duration = '10s') =>
    simulate(
      scenario({
        nodes: [{ id: 'c', kind: 'client', target: 's', workload } as never, svc('s', { workers: 100, serviceTime: 1 })],
        links: [grpc('c', 's', 1)],
        duration,
      }),
    ).report.clients.c;

  it('constant rate sends exactly rate × duration', () => expect(to({ pattern: 'constant', rate: 50 }).sent).toBe(500));
  it('bursts send size requests every period', () => expect(to({ pattern: 'bursts', every: '2s', size: 7 }).sent).toBe(35));
  it('Poisson sends about rate × duration', () => {
    const { sent } = to({ pattern: 'poisson', rate: 200 }, '100s');
    expect(Math.abs(sent - 20_000)).toBeLessThan(4 * Math.sqrt(20_000));
  });
  it('start and stop bound the sending window', () => expect(to({ pattern: 'constant', rate: 10, start: '2s', stop: '5s' }).sent).toBe(30));
  it('a ramp sends about the area under its rate line, more at the end than the start', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'ramp', from: 0, to: 400, over: '10s' } },
        svc('s', { workers: 100, serviceTime: 1 }),
      ],
      links: [grpc('c', 's', 1)],
      duration: '10s',
    });
    const sim = run(s);
    const sends = eventLog(sim, (e) => e.type === 'send').map((line) => Number(line.split(' ')[0]));
    expect(Math.abs(sends.length - 2000)).toBeLessThan(4 * Math.sqrt(2000));
    const late = sends.filter((t) => t >= 5000).length;
    expect(late / sends.length).toBeGreaterThan(0.7); // the second half holds 3/4 of the area
  });
  it('closed-loop users keep exactly one request each in flight', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'closed', users: 3, thinkTime: 90 } },
        svc('s', { workers: 10, serviceTime: 10 }),
      ],
      links: [grpc('c', 's', 0)],
      duration: '10s',
    });
    const { report } = simulate(s);
    // Each user thinks first (so users do not all fire at t = 0), then cycles every 10 + 0.16 + 90 ms.
    expect(report.clients.c.sent).toBe(3 * Math.ceil((10_000 - 90) / 100.16));
    expect(report.nodes.s.maxLine).toBe(0);
    expect(report.nodes.s.meanInSystem).toBeCloseTo((3 * 10) / 100.16, 2);
  });
});

describe('running', () => {
  const small = () => scenario({ nodes: [once('s'), svc('s')], links: [grpc('c', 's')], duration: '1s' });

  it('runUntil(Infinity) runs everything that will ever happen, then stops', () => {
    const sim = new Simulation(small());
    sim.runUntil(Infinity);
    expect(sim.nextEventTime).toBe(Infinity);
    const events = sim.events;
    sim.runUntil(Infinity);
    expect(sim.events).toBe(events);
    expect(sim.rt.clients[0]?.completed).toBe(1);
  });

  it('refuses a NaN time, a negative event budget and a sample interval that would make millions of points', () => {
    const sim = new Simulation(small());
    expect(() => sim.runUntil(Number.NaN)).toThrow(/NaN/);
    expect(() => sim.runUntil(10, -1)).toThrow(/maxEvents/);
    for (const sampleInterval of [0, -5, Number.NaN, Infinity, 1e-6]) {
      expect(() => new Simulation(small(), { sampleInterval })).toThrow(/sampleInterval/);
    }
    expect(new Simulation(small(), { sampleInterval: 0.01 }).series.interval).toBe(0.01);
  });

  it('keeps every report key an own property, whatever the ids', () => {
    const s = scenario({
      nodes: [{ ...once('constructor'), id: 'toString' }, svc('constructor')],
      links: [grpc('toString', 'constructor')],
    });
    const { report } = simulate(s);
    expect(Object.keys(report.nodes)).toEqual(['constructor']);
    const [service, client]: string[] = ['constructor', 'toString'];
    expect(report.nodes[service].ok).toBe(1);
    expect(report.clients[client].completed).toBe(1);
    expect(JSON.parse(JSON.stringify(report)).links['toString->constructor'].calls).toBe(1);
  });
});
