/**
 * The page's two budgets (worker/runBudget.ts): 10⁸ events for a system whose call rows are
 * reused (the worker and the page then hold only calls in flight and in the window), 10⁷ for one
 * whose are not yet (a queue here).
 */
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { frontBackSystem } from '../support/frontBack.ts';

const api = createSimulationApi();
/** About 21k events a simulated second: the estimate says about 38k (1,200 s: about 4.5·10⁷ events). */
const plain = (duration: string) => frontBackSystem('Plain', duration);
/** The same with the back service publishing to a queue on every request. */
const queued = (duration: string) => {
  const doc = frontBackSystem('Queued', duration);
  return {
    ...doc,
    nodes: [
      ...doc.nodes.map((n) => (n.id === 'back' ? { ...n, calls: [{ to: 'jobs' }] } : n)),
      { id: 'jobs', kind: 'queue', position: { x: 0, y: 200 } },
    ],
    links: [...(doc.links ?? []), { from: 'back', to: 'jobs', kind: 'async' }],
  };
};

describe("the page's run budget", () => {
  it('runs 4.5·10⁷ estimated events of a system whose call rows are reused, and refuses 2·10⁸', async () => {
    const within = await api.estimate(plain('1200s'));
    expect(within?.text).toMatch(/≈ (4\d) M events/);
    expect(within?.refusal).toBeUndefined();
    const beyond = await api.estimate(plain('10000s'));
    expect(beyond?.refusal).toMatch(/^Too big to run in the browser: .*a page holds at most 100 M events\. Shorten/);
  });

  it('refuses 4.5·10⁷ estimated events of a system with a queue (its call rows are not reused), naming the lower budget', async () => {
    const refused = await api.estimate(queued('1200s'));
    expect(refused?.refusal).toMatch(
      /a page holds at most 10 M events of a system with brokers, polling, event-only links, streams, connection pools or streamed answers \(100 M without\)/,
    );
    const small = await api.estimate(queued('100s'));
    expect(small?.refusal).toBeUndefined();
  });
});
