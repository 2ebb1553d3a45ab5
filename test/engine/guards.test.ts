/** A caller's guards around a dependency, on its link: a circuit breaker and a bulkhead. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

const client = (rate: number) => ({ id: 'c', kind: 'client' as const, target: 's', workload: { pattern: 'constant' as const, rate } });

function run(s: ReturnType<typeof scenario>) {
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return sim;
}

describe('circuit breaker on a link', () => {
  const breaker = { minimumNumberOfCalls: 5, windowSize: 5, waitInOpen: '1s', permittedInHalfOpen: 2 };

  it('opens on failures, refuses calls at once without sending them, then lets trial calls through and closes', () => {
    // 10 requests/s; the service fails everything for the first 1.2 s, then recovers.
    const sim = run(
      scenario({
        nodes: [client(10), { id: 's', kind: 'service', workers: 4, serviceTime: 5 }],
        links: [{ from: 'c', to: 's', latency: 1, breaker }],
        faults: [{ kind: 'errors', target: 's', rate: 1, at: 0, duration: 1200 }],
        duration: '3s',
      }),
    );
    const transitions = eventLog(sim, (e) => e.type === 'breaker');
    // Five failures (requests at 0…400 ms, each back 7.6 ms later) open it. The first request
    // strictly after 1 s of waiting (at 1.5 s; the errors ended at 1.2 s) tries half-open, and
    // the two trial calls (1.5 and 1.6 s) succeed.
    expect(transitions).toEqual([
      '407.6 breaker c from=closed to=open',
      '1500 breaker c from=open to=halfOpen',
      '1607.6 breaker c from=halfOpen to=closed',
    ]);
    // While open, requests are refused by the breaker: nothing is sent.
    const refused = eventLog(sim, (e) => e.type === 'not_permitted').map((l) => Number(l.split(' ')[0]));
    expect(refused).toEqual([500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400]);
    const sends = eventLog(sim, (e) => e.type === 'send').map((l) => Number(l.split(' ')[0]));
    expect(sends.filter((t) => t > 407.6 && t < 1500)).toEqual([]);
    const { breaker: b } = { breaker: sim.rt.links[0].breaker! };
    expect(b.stateName).toBe('closed');
    expect(b.notPermitted).toBe(10);
    expect(sim.rt.clients[0]!.failed).toBe(5);
    expect(sim.rt.clients[0]!.rejected).toBe(10); // refused by its own breaker
  });

  it("records the window's figures with each change of state", () => {
    const sim = run(
      scenario({
        nodes: [client(10), { id: 's', kind: 'service', workers: 4, serviceTime: 5, errorRate: 1 }],
        links: [{ from: 'c', to: 's', latency: 1, breaker }],
        duration: '500ms',
      }),
    );
    const rows = eventLog(sim, (e) => e.type === 'breaker' || e.type === 'breaker_window');
    expect(rows).toEqual(['407.6 breaker c from=closed to=open', '407.6 breaker_window - calls=5 failed=5 slow=0']);
  });

  it('a forced-open breaker refuses everything; retrying a refusal is up to retryOn', () => {
    const attempts = (retryOn: ('timeout' | 'error' | 'breakerOpen')[]) =>
      run(
        scenario({
          nodes: [client(10), { id: 's', kind: 'service', workers: 4, serviceTime: 5 }],
          links: [
            {
              from: 'c',
              to: 's',
              latency: 1,
              breaker: { ...breaker, state: 'forcedOpen' },
              retry: { maxAttempts: 3, base: 1, backoff: 'constant', retryOn },
            },
          ],
          duration: '1s',
        }),
      ).rt.links[0];
    expect(attempts(['timeout', 'error'])).toMatchObject({ calls: 0, notPermitted: 10, retries: 0 });
    expect(attempts(['breakerOpen'])).toMatchObject({ calls: 0, notPermitted: 30, retries: 20 });
  });
});

describe('bulkhead on a link', () => {
  it('caps the calls in flight; one more waits, the next is refused, and the waiting one goes when a place frees', () => {
    // Bursts of 4 requests into a 100 ms service through a bulkhead of 2 places and 1 waiting.
    const sim = run(
      scenario({
        nodes: [
          { id: 'c', kind: 'client', target: 's', workload: { pattern: 'bursts', every: '1s', size: 4 } },
          { id: 's', kind: 'service', workers: 8, serviceTime: 100 },
        ],
        links: [{ from: 'c', to: 's', latency: 1, bulkhead: { maxConcurrent: 2, maxWaiting: 1 } }],
        duration: '500ms',
      }),
    );
    expect(eventLog(sim, (e) => ['send', 'bulkhead_wait', 'not_permitted'].includes(e.type))).toEqual([
      '0 send c #0 to=s',
      '0 send c #1 to=s',
      '0 bulkhead_wait c #2 waiting=1',
      '0 not_permitted c #3 attempt=1 reason=bulkhead full',
      '102.6 send c #2 to=s',
    ]);
  });

  it('refuses a call that waited for a place as long as it may', () => {
    const sim = run(
      scenario({
        nodes: [
          { id: 'c', kind: 'client', target: 's', workload: { pattern: 'bursts', every: '1s', size: 2 } },
          { id: 's', kind: 'service', workers: 8, serviceTime: 100 },
        ],
        links: [{ from: 'c', to: 's', latency: 1, bulkhead: { maxConcurrent: 1, maxWaiting: 5, maxWait: '50ms' } }],
        duration: '500ms',
      }),
    );
    expect(eventLog(sim, (e) => e.type === 'not_permitted')).toEqual([
      '50 not_permitted c #1 attempt=1 reason=waited too long for the bulkhead',
    ]);
  });

  it("counts the wait for a place in the attempt's timeout", () => {
    const sim = run(
      scenario({
        nodes: [
          { id: 'c', kind: 'client', target: 's', workload: { pattern: 'bursts', every: '1s', size: 2 } },
          { id: 's', kind: 'service', workers: 8, serviceTime: 100 },
        ],
        links: [{ from: 'c', to: 's', latency: 1, timeout: '150ms', bulkhead: { maxConcurrent: 1, maxWaiting: 5 } }],
        duration: '500ms',
      }),
    );
    // #1 waits from 0, is sent at 102.6 when #0 is answered, and times out at 150 ms after it began.
    expect(eventLog(sim, (e) => ['send', 'timeout'].includes(e.type) && e.call === 1)).toEqual([
      '102.6 send c #1 to=s',
      '150 timeout c #1',
    ]);
  });
});

describe('policies changed during the run', () => {
  it('a breaker put on a link mid-run starts closed and guards the calls from then on; removing it lets everything through', () => {
    const sim = run(
      scenario({
        nodes: [client(10), { id: 's', kind: 'service', workers: 4, serviceTime: 5, errorRate: 1 }],
        links: [{ from: 'c', to: 's', latency: 1 }],
        changes: [
          { kind: 'link', link: 'c->s', at: 1000, set: { breaker: { minimumNumberOfCalls: 3, windowSize: 3, waitInOpen: '10s' } } },
          { kind: 'link', link: 'c->s', at: 2000, set: { breaker: null } },
        ],
        duration: '2.5s',
      }),
    );
    expect(eventLog(sim, (e) => e.type === 'breaker')).toEqual(['1207.6 breaker c from=closed to=open']);
    const refused = eventLog(sim, (e) => e.type === 'not_permitted').map((l) => Number(l.split(' ')[0]));
    expect(refused).toEqual([1300, 1400, 1500, 1600, 1700, 1800, 1900]);
    const sent = eventLog(sim, (e) => e.type === 'send').map((l) => Number(l.split(' ')[0]));
    expect(sent.filter((t) => t >= 2000)).toEqual([2000, 2100, 2200, 2300, 2400]);
  });

  it('a retry policy put on mid-run applies to calls that begin from then on', () => {
    const { report } = (() => {
      const sim = run(
        scenario({
          nodes: [client(10), { id: 's', kind: 'service', workers: 4, serviceTime: 5, errorRate: 1 }],
          links: [{ from: 'c', to: 's', latency: 1 }],
          changes: [{ kind: 'link', link: 'c->s', at: 500, set: { retry: { maxAttempts: 2, base: 1, backoff: 'constant' } } }],
          duration: '1s',
        }),
      );
      return { report: { calls: sim.rt.links[0].calls, retries: sim.rt.links[0].retries } };
    })();
    expect(report).toEqual({ calls: 5 + 2 * 5, retries: 5 });
  });

  it('a bigger bulkhead sends the waiting calls at once', () => {
    const sim = run(
      scenario({
        nodes: [
          { id: 'c', kind: 'client', target: 's', workload: { pattern: 'bursts', every: '1s', size: 4 } },
          { id: 's', kind: 'service', workers: 8, serviceTime: 100 },
        ],
        links: [{ from: 'c', to: 's', latency: 1, bulkhead: { maxConcurrent: 1, maxWaiting: 10 } }],
        changes: [{ kind: 'link', link: 'c->s', at: 50, set: { bulkhead: { maxConcurrent: 3, maxWaiting: 10 } } }],
        duration: '500ms',
      }),
    );
    expect(eventLog(sim, (e) => e.type === 'send').map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual([
      '0 send c #0',
      '50 send c #1',
      '50 send c #2',
      '102.6 send c #3',
    ]);
  });
});
