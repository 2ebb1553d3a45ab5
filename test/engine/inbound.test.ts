/** A service's inbound protection: a token-bucket rate limiter and load shedding. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/model/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const link = (from: string, to: string) => ({ from, to, protocol: 'grpc' as const, latency: 0 });
const steady = (rate: number) => ({ id: 'c', kind: 'client' as const, target: 's', workload: { pattern: 'constant' as const, rate } });

function run(s: ReturnType<typeof scenario>) {
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return sim;
}
const rejections = (sim: Simulation) => eventLog(sim, (e) => e.type === 'reject').map((l) => l.replace(/ +/g, ' '));

describe('rate limiter', () => {
  it('lets a burst through, then one request per token as the bucket refills', () => {
    // 100 req/s (every 10 ms) against 40 tokens/s (one per 25 ms) with a bucket of 2.
    const sim = run(
      scenario({
        nodes: [steady(100), { id: 's', kind: 'service', workers: 50, serviceTime: 1, rateLimit: { rate: 40, burst: 2 } }],
        links: [link('c', 's')],
        duration: '200ms',
      }),
    );
    const accepted = eventLog(sim, (e) => e.type === 'start').map((l) => Number(l.split(' ')[0]));
    // Tokens: 2 at 0; 1 at 10 (+0.25); then about one every 25 ms.
    expect(accepted.slice(0, 2)).toEqual([0.08, 10.08]);
    expect(accepted.length).toBe(2 + Math.floor((200 * 40) / 1000) - 1);
    expect(rejections(sim).every((l) => l.includes('reason=rate limited'))).toBe(true);
    expect(sim.rt.service(1).rejected + accepted.length).toBe(20);
  });

  it('is validated: a positive rate and a burst of at least 1', () => {
    const doc = (rateLimit: object) => ({ version: 1, nodes: [{ id: 's', kind: 'service', rateLimit }] });
    const problems = (rateLimit: object) => {
      const r = validateScenario(doc(rateLimit));
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ rate: 10 })).toEqual([]);
    expect(problems({ rate: 0 })).toEqual(['nodes[0].rateLimit.rate: must be greater than 0']);
    expect(problems({ rate: 5, burst: 0 })).toEqual(['nodes[0].rateLimit.burst: must be greater than 0']);
  });
});

describe('load shedding', () => {
  it('refuses arrivals once the line holds maxLine, before the line is full', () => {
    // One worker, 100 ms of work, a request every 10 ms: the line grows by one each 10 ms.
    const sim = run(
      scenario({
        nodes: [steady(100), { id: 's', kind: 'service', workers: 1, serviceTime: 100, queueCapacity: 10, shedding: { maxLine: 3 } }],
        links: [link('c', 's')],
        duration: '60ms',
      }),
    );
    // Arrivals at 0 (works), 10, 20, 30 (line 1..3), then 40 and 50 are shed.
    expect(rejections(sim).map((l) => l.split(' ')[0])).toEqual(['40.08', '50.08']);
    expect(rejections(sim).every((l) => l.includes('reason=load shed'))).toBe(true);
  });

  it('refuses a request that waited longer than maxQueueTime when a worker gets to it', () => {
    const sim = run(
      scenario({
        nodes: [steady(100), { id: 's', kind: 'service', workers: 1, serviceTime: 100, shedding: { maxQueueTime: '150ms' } }],
        links: [link('c', 's')],
        duration: '450ms',
      }),
    );
    // The worker frees at 100.08 and takes #1 (waited 90 ms). When it frees again at 200.08, the
    // head of the line has waited 180 ms: it and every later one over 150 ms are refused, and the
    // first within 150 ms is taken.
    const log = eventLog(sim, (e) => (e.type === 'start' || e.type === 'reject') && e.t > 100);
    expect(log[0]).toMatch(/^100\.08 start s #1/);
    const at200 = log.filter((l) => l.startsWith('200.08'));
    expect(at200.slice(0, -1).every((l) => l.includes('reject') && l.includes('waited too long'))).toBe(true);
    expect(at200.at(-1)).toMatch(/start/);
    // What the worker takes at 200.08 arrived within the last 150 ms.
    const started = Number(/#(\d+)/.exec(at200.at(-1)!)![1]);
    expect(200.08 - sim.rt.calls.arrivedAt[started]).toBeLessThanOrEqual(150);
  });
});
