/**
 * Resilient calls: retries with backoff (each attempt its own call, in one trace), which outcomes
 * are retried, the overall deadline, the retry budget, retries multiplying across layers, and the
 * fallbacks.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/model/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const client = (rate: number, extra: object = {}) => ({
  id: 'c',
  kind: 'client' as const,
  target: 's',
  workload: { pattern: 'constant' as const, rate },
  ...extra,
});
const failing = { id: 's', kind: 'service' as const, workers: 8, serviceTime: 5, errorRate: 1 };

function run(s: ReturnType<typeof scenario>) {
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return sim;
}

describe('retries', () => {
  it('retries a failed attempt after exponential waits, each attempt a call of the same trace', () => {
    const sim = run(
      scenario({
        nodes: [client(1), failing],
        duration: '900ms',
        links: [
          { from: 'c', to: 's', latency: 1, protocol: 'grpc', retry: { maxAttempts: 3, backoff: 'exponential', base: 100, multiplier: 2 } },
        ],
      }),
    );
    const log = eventLog(sim, (e) => ['op_start', 'send', 'retry', 'op_end'].includes(e.type));
    expect(log).toEqual([
      '0 op_start c #0 to=s',
      '0 send c #0 to=s',
      '7.16 retry c #0 attempt=1 waitMs=100',
      '107.16 send c #1 to=s',
      '114.32 retry c #1 attempt=2 waitMs=200',
      '314.32 send c #2 to=s',
      '321.48 op_end c #0 status=error',
    ]);
    expect(sim.rt.calls.root[2]).toBe(0); // one trace
    expect(sim.rt.calls.previous[2]).toBe(1);
    const c = sim.rt.clients[0]!;
    expect([c.sent, c.failed, c.completed]).toEqual([1, 1, 0]); // one request, whatever its attempts
    expect(sim.rt.links[0].retries).toBe(2);
  });

  it('stops retrying once an attempt succeeds', () => {
    // Fails with probability 0.5: some requests need a retry or two, none fails thrice in this seed.
    const { report } = simulate(
      scenario({
        nodes: [client(20), { ...failing, errorRate: 0.5 }],
        duration: '5s',
        links: [{ from: 'c', to: 's', latency: 1, retry: { maxAttempts: 10, base: 1, backoff: 'constant' } }],
      }),
    );
    expect(report.clients.c.completed).toBe(report.clients.c.sent - 0);
    expect(report.links['c->s'].retries).toBeGreaterThan(50);
    // About one attempt in two fails: the attempts are about twice the requests.
    expect(report.links['c->s'].calls / report.clients.c.sent).toBeGreaterThan(1.7);
    expect(report.links['c->s'].calls / report.clients.c.sent).toBeLessThan(2.3);
  });

  it('retries only the outcomes it is told to', () => {
    const attempts = (retryOn: ('timeout' | 'error' | 'rejected' | 'refused')[]) =>
      simulate(
        scenario({
          nodes: [client(10), failing],
          duration: '1s',
          links: [{ from: 'c', to: 's', latency: 1, retry: { maxAttempts: 3, base: 1, backoff: 'constant', retryOn } }],
        }),
      ).report.links['c->s'].calls;
    expect(attempts(['error'])).toBe(30);
    expect(attempts(['timeout', 'rejected'])).toBe(10);
  });

  it('gives up at the deadline, whatever the attempts are doing, and the late reply is wasted', () => {
    const sim = run(
      scenario({
        nodes: [client(1), { id: 's', kind: 'service', workers: 8, serviceTime: 300 }],
        duration: '2s',
        links: [
          { from: 'c', to: 's', latency: 1, timeout: '100ms', deadline: '250ms', retry: { maxAttempts: 5, base: 20, backoff: 'constant' } },
        ],
      }),
    );
    const log = eventLog(sim, (e) => ['send', 'timeout', 'retry', 'op_end', 'late_reply'].includes(e.type) && e.t < 1000);
    expect(log).toEqual([
      '0 send c #0 to=s',
      '100 timeout c #0',
      '100 retry c #0 attempt=1 waitMs=20',
      '120 send c #1 to=s',
      '220 timeout c #1',
      // 220 + 20 = 240 < 250: one more attempt, cut short by the deadline.
      '220 retry c #1 attempt=2 waitMs=20',
      '240 send c #2 to=s',
      '250 timeout c #2 deadline=true',
      '250 op_end c #0 status=timeout',
      // (HTTP by default: 1.3 ms each way, then 300 ms of work.)
      '302.6 late_reply c #0 status=ok',
      '422.6 late_reply c #1 status=ok',
      '542.6 late_reply c #2 status=ok',
    ]);
    expect(sim.rt.clients[0]!.timedOut).toBe(2); // the requests at 0 and at 1 s
  });

  it('keeps retries within the budget when everything fails', () => {
    // 100 requests/s, each allowed 4 retries, but a budget of 10 % (+0 per second) over 1 s.
    const { report } = simulate(
      scenario({
        nodes: [client(100), failing],
        duration: '10s',
        links: [
          {
            from: 'c',
            to: 's',
            latency: 1,
            retry: { maxAttempts: 5, base: 1, backoff: 'constant', budget: { percent: 10, window: '1s', minPerSecond: 0 } },
          },
        ],
      }),
    );
    const { sent } = report.clients.c;
    expect(report.links['c->s'].retries).toBeLessThanOrEqual(Math.ceil(sent * 0.1) + 10);
    expect(report.links['c->s'].retries).toBeGreaterThan(sent * 0.08);
  });

  it('multiplies across layers: three attempts at each of two layers make nine at the bottom', () => {
    const { report } = simulate(
      scenario({
        nodes: [client(1), { id: 's', kind: 'service', workers: 16, serviceTime: 1, calls: [{ to: 'db' }] }, { ...failing, id: 'db' }],
        links: [
          { from: 'c', to: 's', latency: 1, retry: { maxAttempts: 3, base: 1, backoff: 'constant' } },
          { from: 's', to: 'db', latency: 1, retry: { maxAttempts: 3, base: 1, backoff: 'constant' } },
        ],
        duration: '500ms',
      }),
    );
    expect(report.links['c->s'].calls).toBe(3);
    expect(report.links['s->db'].calls).toBe(9);
  });
});

describe('fallbacks', () => {
  it('static: the call succeeds with a default answer', () => {
    const sim = run(
      scenario({
        nodes: [client(2), failing],
        duration: '1s',
        links: [{ from: 'c', to: 's', latency: 1, fallback: { kind: 'static' } }],
      }),
    );
    expect(eventLog(sim, (e) => e.type === 'fallback' || e.type === 'op_end')).toEqual([
      '7.6 fallback c #0 kind=static',
      '7.6 op_end c #0 status=ok',
      '507.6 fallback c #1 kind=static',
      '507.6 op_end c #1 status=ok',
    ]);
    expect(sim.rt.clients[0]!.completed).toBe(2);
  });

  it('cache: the last good reply, if it is recent enough', () => {
    const { report } = simulate(
      scenario({
        nodes: [client(10), { ...failing, errorRate: 0 }],
        duration: '2s',
        links: [{ from: 'c', to: 's', latency: 1, fallback: { kind: 'cache', ttl: '300ms' } }],
        faults: [{ kind: 'errors', target: 's', rate: 1, at: 1000, duration: 1000 }],
      }),
    );
    // Errors from 1 s: the last good reply (at 907.6 ms) serves the requests of 1.0, 1.1 and 1.2 s
    // (which fail 7.6 ms after they are sent, at most 300 ms after it); those of 1.3 to 1.9 s fail.
    expect(report.clients.c.failed).toBe(7);
    expect(report.clients.c.completed).toBe(report.clients.c.sent - report.clients.c.failed);
  });

  it('service: one call to an alternative service', () => {
    const { report } = simulate(
      scenario({
        nodes: [client(5), failing, { id: 'backup', kind: 'service', workers: 4, serviceTime: 2 }],
        links: [
          { from: 'c', to: 's', latency: 1, fallback: { kind: 'service', to: 'backup' } },
          { from: 'c', to: 'backup', latency: 1 },
        ],
        duration: '1s',
      }),
    );
    expect(report.clients.c.completed).toBe(5);
    expect(report.links['c->backup'].calls).toBe(5);
  });

  it('are validated: a fallback service must be linked from the caller', () => {
    const result = validateScenario({
      version: 1,
      nodes: [client(1), failing, { id: 'b', kind: 'service' }],
      links: [{ from: 'c', to: 's', fallback: { kind: 'service', to: 'b' } }],
    });
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'links[0].fallback.to: there is no link from "c" to "b"; connect them first',
    ]);
  });
});

describe('deadline propagation', () => {
  const chain = (propagateDeadline: boolean) =>
    simulate(
      scenario({
        nodes: [
          client(30),
          { id: 's', kind: 'service', workers: 1, serviceTime: 40, calls: [{ to: 'db' }] },
          { id: 'db', kind: 'service', workers: 4, serviceTime: 5 },
        ],
        links: [
          { from: 'c', to: 's', latency: 1, deadline: '100ms', propagateDeadline },
          { from: 's', to: 'db', latency: 1 },
        ],
        duration: '3s',
      }),
    ).report;

  it('lets a callee stop working for a caller that gave up: no work started, no calls made for it', () => {
    // 30 requests/s into one worker that needs ~48 ms a request (its work and its call): the
    // line grows, and most requests wait past their caller's 100 ms deadline.
    const without = chain(false),
      with_ = chain(true);
    expect(without.clients.c.timedOut).toBeGreaterThan(20);
    // Without propagation the service works for everyone (and calls db for each): wasted work.
    const worked = without.nodes.s.ok + without.nodes.s.errors;
    expect(without.links['s->db'].calls - worked).toBeGreaterThanOrEqual(0); // one may still be out at the end
    expect(without.links['s->db'].calls - worked).toBeLessThanOrEqual(1);
    // With it, it refuses what its caller has given up on, and stops before calling db for a
    // request whose deadline passed while it worked: db does a fraction of the work.
    expect(with_.nodes.s.rejected).toBeGreaterThan(0);
    expect(with_.nodes.s.errors).toBeGreaterThan(0);
    expect(with_.links['s->db'].calls).toBeLessThan(without.links['s->db'].calls / 4);
  });
});
