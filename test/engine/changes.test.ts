/** Changes of settings during a run (how the playground applies an edit made at the playhead). */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/model/index.ts';
import { scenario, example } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const svc = (id: string, extra: object = {}) => ({ id, kind: 'service' as const, workers: 1, serviceTime: 100, ...extra });
const steady = (target: string, rate = 20, extra: object = {}) => ({
  id: 'c',
  kind: 'client' as const,
  target,
  workload: { pattern: 'constant' as const, rate },
  ...extra,
});
const link = (from: string, to: string, extra: object = {}) => ({ from, to, protocol: 'grpc' as const, latency: 0, ...extra });

function run(s: ReturnType<typeof scenario>) {
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return sim;
}

describe('changes', () => {
  it('a bigger worker pool serves the waiting line at once; a smaller one takes effect as work ends', () => {
    // 20 req/s into one worker at 100 ms each: the line grows. At 1 s the pool grows to 4.
    const sim = run(
      scenario({
        nodes: [steady('s'), svc('s')],
        links: [link('c', 's')],
        duration: '1.2s',
        changes: [{ kind: 'service', target: 's', at: 1000, set: { workers: 4 } }],
      }),
    );
    const log = eventLog(sim, (e) => e.type === 'change' || (e.type === 'start' && e.t >= 999 && e.t <= 1000.5));
    expect(log[0]).toBe('1000 change s change=0 kind=service set=[object Object]');
    expect(log.slice(1).filter((l) => l.startsWith('1000 start'))).toHaveLength(3); // three more workers, at once
    expect(sim.rt.service(1).workers).toBe(4);

    const shrink = run(
      scenario({
        nodes: [steady('s', 40), svc('s', { workers: 4 })],
        links: [link('c', 's')],
        duration: '2s',
        changes: [{ kind: 'service', target: 's', at: 500, set: { workers: 1 } }],
      }),
    );
    expect(shrink.rt.service(1).busy).toBeLessThanOrEqual(1);
  });

  it('utilisation counts the pool the service had at each moment', () => {
    // Saturated (200 req/s into 100 ms work): busy all the time, with 1 worker, then 3.
    const { report } = simulate(
      scenario({
        nodes: [steady('s', 200), svc('s')],
        links: [link('c', 's')],
        duration: '10s',
        changes: [{ kind: 'service', target: 's', at: 5000, set: { workers: 3 } }],
      }),
    );
    expect(report.nodes.s.utilization).toBeGreaterThan(0.99);
  });

  it('new service times apply to work started after the change; the error rate combines with faults', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 5), svc('s', { serviceTime: 10 })],
        links: [link('c', 's')],
        duration: '1s',
        changes: [{ kind: 'service', target: 's', at: 300, set: { serviceTime: '50ms', errorRate: 1 } }],
      }),
    );
    const done = eventLog(sim, (e) => e.type === 'work_done');
    // Requests at 0, 200 (before: 10 ms) and 400, 600, 800 (after: 50 ms, and failing).
    // (+0.08 ms: gRPC's overhead on the way in.)
    expect(done).toEqual([
      '10.08 work_done s #0 failed=false',
      '210.08 work_done s #1 failed=false',
      '450.08 work_done s #2 failed=true',
      '650.08 work_done s #3 failed=true',
      '850.08 work_done s #4 failed=true',
    ]);
  });

  it('a constant client keeps its next tick and then sends at the new rate; a poisson client draws at the new rate', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 10), svc('s', { serviceTime: 1 })],
        links: [link('c', 's')],
        duration: '1s',
        changes: [{ kind: 'client', target: 'c', at: 250, set: { rate: 20 } }],
      }),
    );
    expect(eventLog(sim, (e) => e.type === 'send').map((l) => Number(l.split(' ')[0]))).toEqual([
      0, 100, 200, 300, 350, 400, 450, 500, 550, 600, 650, 700, 750, 800, 850, 900, 950,
    ]);
    const poisson = (rate: number) =>
      simulate(
        scenario({
          nodes: [
            { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 100 } },
            svc('s', { serviceTime: 0.1, workers: 50 }),
          ],
          links: [link('c', 's')],
          duration: '20s',
          changes: [{ kind: 'client', target: 'c', at: 10_000, set: { rate } }],
        }),
      ).report.clients.c.sent;
    expect(poisson(400) / poisson(100)).toBeCloseTo(2.5, 1); // 10 s at 100/s, then 10 s at 400/s
  });

  it('a poisson client sends at the new rate from the change on, not after the arrival drawn at the old rate', () => {
    // At 0.01 req/s the arrival pending at 1 s is ~100 s away; kept, the client would send nothing.
    const sent = (seed: number) =>
      simulate(
        scenario({
          nodes: [
            { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 0.01 } },
            svc('s', { serviceTime: 1, workers: 50 }),
          ],
          links: [link('c', 's')],
          duration: '10s',
          changes: [{ kind: 'client', target: 'c', at: 1000, set: { rate: 100 } }],
        }),
        { seed },
      ).report.clients.c.sent;
    for (const seed of [1, 2, 3]) {
      expect(sent(seed)).toBeGreaterThan(800); // about 900: 9 s at 100/s
      expect(sent(seed)).toBeLessThan(1000);
    }
  });

  it('link latency and loss changes apply to messages sent afterwards', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 10), svc('s', { serviceTime: 1 })],
        links: [link('c', 's', { latency: 5 })],
        duration: '500ms',
        changes: [{ kind: 'link', link: 'c->s', at: 250, set: { latency: '20ms' } }],
      }),
    );
    const arrivals = eventLog(sim, (e) => e.type === 'arrive').map((l) => Number(l.split(' ')[0]));
    expect(arrivals).toEqual([5.08, 105.08, 205.08, 320.08, 420.08]);
    const lossy = simulate(
      scenario({
        nodes: [steady('s', 100, { timeout: 50 }), svc('s', { serviceTime: 1, workers: 10 })],
        links: [link('c', 's')],
        duration: '10s',
        changes: [{ kind: 'link', link: 'c->s', at: 5000, set: { loss: 1 } }],
      }),
    ).report;
    expect(lossy.clients.c.completed).toBeGreaterThanOrEqual(499);
    expect(lossy.clients.c.completed).toBeLessThanOrEqual(501);
    expect(lossy.clients.c.timedOut).toBeGreaterThanOrEqual(495);
  });

  it('leaves every event before the change exactly as it was', () => {
    const base = example('checkout');
    const withChange = { ...base, changes: [{ kind: 'service' as const, target: 'payments', at: 20_000, set: { workers: 1 } }] };
    const a = new Simulation(base),
      b = new Simulation(withChange);
    a.runUntil(19_999.999);
    b.runUntil(19_999.999);
    expect(b.rt.trace.hash()).toBe(a.rt.trace.hash());
    a.runUntil(base.duration);
    b.runUntil(base.duration);
    expect(b.rt.trace.hash()).not.toBe(a.rt.trace.hash());
  });

  it('are validated: the target must exist and be of the right kind, and a client must have a rate', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'closed', users: 2 } },
        { id: 's', kind: 'service' },
      ],
      links: [{ from: 'c', to: 's' }],
      changes: [
        { kind: 'service', target: 'c', at: 10, set: { workers: 2 } },
        { kind: 'client', target: 'c', at: 10, set: { rate: 5 } },
        { kind: 'link', link: 'x->y', at: 10, set: { loss: 0.5 } },
        { kind: 'service', target: 's', at: 10, set: {} },
      ],
    };
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'changes[3].set: must change at least one property',
      'changes[0].target: "c" is a client, not a service',
      'changes[1].set.rate: only a constant or poisson client has a rate to change ("c" is closed)',
      'changes[2].link: no link has the id "x->y"',
    ]);
  });

  it('a protocol change costs messages sent after it the new overhead', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 10), svc('s', { serviceTime: 1 })],
        links: [link('c', 's')],
        duration: '300ms',
        changes: [{ kind: 'link', link: 'c->s', at: 150, set: { protocol: 'http' } }],
      }),
    );
    // Requests at 0 and 100 cross gRPC (0.08 ms); the one at 200 crosses HTTP (0.3 ms).
    expect(eventLog(sim, (e) => e.type === 'arrive').map((l) => Number(l.split(' ')[0]))).toEqual([0.08, 100.08, 200.3]);
    expect(sim.rt.links[0].protocol).toBe('http');
  });

  it('a link timeout set mid-run watches the calls sent after it; null takes it away again', () => {
    // 200 ms of work, no timeout until 250 ms, then 50 ms (for the calls that use the link's), none from 550 ms.
    const sim = run(
      scenario({
        nodes: [steady('s', 10), svc('s', { serviceTime: 200, workers: 10 })],
        links: [link('c', 's')],
        duration: '1s',
        changes: [
          { kind: 'link', link: 'c->s', at: 250, set: { timeout: '50ms' } },
          { kind: 'link', link: 'c->s', at: 550, set: { timeout: null } },
        ],
      }),
    );
    const timedOut = eventLog(sim, (e) => e.type === 'timeout').map((l) => Number(l.split(' ')[0]));
    expect(timedOut).toEqual([350, 450, 550]); // the requests sent at 300, 400, 500
    expect(sim.rt.clients[0]!.timedOut).toBe(3);
    expect(sim.rt.clients[0]!.completed).toBe(10 - 3 - 2); // those sent at 800 and 900 are still in flight
  });

  it("a client timeout of its own overrides the link's from the change on", () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 10, { timeout: '50ms' }), svc('s', { serviceTime: 100, workers: 10 })],
        links: [link('c', 's')],
        duration: '500ms',
        changes: [{ kind: 'client', target: 'c', at: 250, set: { rate: 10, timeout: '500ms' } }],
      }),
    );
    expect(sim.rt.clients[0]!.timedOut).toBe(3); // sent at 0, 100, 200
  });

  it('a new call plan applies to each request from its next step on; the replaced one is not followed further', () => {
    const doc = scenario({
      nodes: [
        steady('a', 5),
        svc('a', { serviceTime: 10, workers: 5, calls: [{ to: 'b' }] }),
        svc('b', { serviceTime: 10, workers: 5 }),
        svc('x', { serviceTime: 10, workers: 5 }),
      ],
      links: [link('c', 'a'), link('a', 'b'), link('a', 'x')],
      duration: '1s',
      changes: [{ kind: 'service', target: 'a', at: 500, set: { calls: [{ parallel: [{ to: 'x' }, { to: 'b', timeout: '1ms' }] }] } }],
    });
    const sim = run(doc);
    const calls = sim.rt.calls;
    const callsTo = (id: string, from: number, to: number) => {
      let n = 0;
      for (let c = 0; c < calls.length; c++)
        if (calls.callee[c] === sim.nodeIndexOf(id) && calls.sentAt[c] >= from && calls.sentAt[c] < to) n++;
      return n;
    };
    expect(callsTo('b', 0, 500)).toBe(3); // requests at 0, 200, 400
    expect(callsTo('x', 0, 500)).toBe(0);
    expect(callsTo('x', 500, 1000)).toBe(2); // requests at 600, 800, in parallel with b
    expect(callsTo('b', 500, 1000)).toBe(2);
    // b's calls now time out after 1 ms (its work takes 10): the new plan's own timeout.
    expect(sim.rt.links[1].timeouts).toBe(2);
  });

  it('a new startup time is used by the next restart', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 1), svc('s', { startupTime: 0 })],
        links: [link('c', 's')],
        duration: '3s',
        faults: [{ kind: 'crash', target: 's', at: 1000, duration: 500 }],
        changes: [{ kind: 'service', target: 's', at: 200, set: { startupTime: 300 } }],
      }),
    );
    const states = eventLog(sim, (e) => e.type === 'state');
    expect(states.map((l) => l.split(' ')[0])).toEqual(['1000', '1500', '1800']); // crashed, restarting, and up 300 ms later
  });

  it('a client pointed at another service sends there from the change on', () => {
    const sim = run(
      scenario({
        nodes: [steady('a', 10), svc('a', { serviceTime: 1 }), svc('b', { serviceTime: 1 })],
        links: [link('c', 'a'), link('c', 'b')],
        duration: '500ms',
        changes: [{ kind: 'client', target: 'c', at: 250, set: { target: 'b' } }],
      }),
    );
    const arrivals = eventLog(sim, (e) => e.type === 'arrive').map((l) => l.split(' ').slice(0, 3).join(' '));
    expect(arrivals).toEqual(['0.08 arrive a', '100.08 arrive a', '200.08 arrive a', '300.08 arrive b', '400.08 arrive b']);
  });

  it('refuse a plan or a target without a link to it', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 1 } },
        { id: 's', kind: 'service' },
        { id: 't', kind: 'service' },
      ],
      links: [{ from: 'c', to: 's' }],
      changes: [
        { kind: 'service', target: 's', at: 10, set: { calls: [{ to: 't' }] } },
        { kind: 'client', target: 'c', at: 10, set: { target: 't' } },
      ],
    };
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'changes[0].set.calls[0].to: there is no link from "s" to "t"; connect them first',
      'changes[1].set.target: there is no link from "c" to "t"; connect them first',
    ]);
  });

  it('a new workload starts at the change and the old one ends: its pending sends and its users leave', () => {
    // A constant 10/s, then 2 closed-loop users (no think time, 50 ms of work) from 250 ms.
    const sim = run(
      scenario({
        nodes: [steady('s', 10), svc('s', { serviceTime: 50, workers: 4 })],
        links: [link('c', 's')],
        duration: '500ms',
        changes: [{ kind: 'client', target: 'c', at: 250, set: { workload: { pattern: 'closed', users: 2 } } }],
      }),
    );
    const sends = eventLog(sim, (e) => e.type === 'send').map((l) => Number(l.split(' ')[0]));
    // 0, 100, 200 from the old schedule (not 300, 400), then both users at 250 and again as each reply arrives.
    expect(sends.filter((t) => t < 250)).toEqual([0, 100, 200]);
    expect(sends.filter((t) => t >= 250)).toEqual([250, 250, 300.16, 300.16, 350.32, 350.32, 400.48, 400.48, 450.64, 450.64]);
    // More users: the same change grows the loop.
    const users = (n: number) =>
      simulate(
        scenario({
          nodes: [
            { id: 'c', kind: 'client', target: 's', workload: { pattern: 'closed', users: 1 } },
            svc('s', { serviceTime: 10, workers: 64 }),
          ],
          links: [link('c', 's')],
          duration: '10s',
          changes: [{ kind: 'client', target: 'c', at: 5000, set: { workload: { pattern: 'closed', users: n } } }],
        }),
      ).report.clients.c.sent;
    expect(users(8) / users(1)).toBeCloseTo(4.5, 1); // 5 s at 1 user, 5 s at 8 (1 + 8 over 1 + 1)
  });

  it('a new bursts workload counts its bursts from the change', () => {
    const sim = run(
      scenario({
        nodes: [steady('s', 1), svc('s', { serviceTime: 1, workers: 8 })],
        links: [link('c', 's')],
        duration: '1s',
        changes: [{ kind: 'client', target: 'c', at: 333, set: { workload: { pattern: 'bursts', every: '300ms', size: 3 } } }],
      }),
    );
    const sends = eventLog(sim, (e) => e.type === 'send').map((l) => Number(l.split(' ')[0]));
    expect(sends).toEqual([0, 333, 333, 333, 633, 633, 633, 933, 933, 933]);
  });

  it('validate a rate against the workload in force then', () => {
    const doc = (set: object) => ({
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 1 } },
        { id: 's', kind: 'service' },
      ],
      links: [{ from: 'c', to: 's' }],
      changes: [
        { kind: 'client', target: 'c', at: 100, set },
        { kind: 'client', target: 'c', at: 200, set: { rate: 5 } },
      ],
    });
    const problems = (set: object) => {
      const r = validateScenario(doc(set));
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ workload: { pattern: 'poisson', rate: 2 } })).toEqual([]);
    expect(problems({ workload: { pattern: 'closed', users: 2 } })).toEqual([
      'changes[1].set.rate: only a constant or poisson client has a rate to change ("c" is closed)',
    ]);
  });
});
