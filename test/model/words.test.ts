/** Counts and names in English, written once (model/words.ts), and the sentences that had them wrong ("1 workers", "shoppers's"). */
import { describe, expect, it } from 'vitest';
import { plural, possessive, validateScenario } from '../../src/model/index.ts';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { evaluateGoals } from '../../src/lessons/goals.ts';
import type { Goal } from '../../src/lessons/lessonSchema.ts';
import { serviceSentence } from '../../src/ui/playback/NodeLiveGauge.tsx';
import type { ServiceStatus } from '../../src/ui/playback/nodeStatus.ts';

describe('words', () => {
  it('counts one thing in the singular, any other number in the plural', () => {
    expect([0, 1, 2].map((n) => `${n} ${plural(n, 'worker')}`)).toEqual(['0 workers', '1 worker', '2 workers']);
    expect(plural(3, 'publish', 'publishes')).toBe('publishes');
  });

  it('gives a name ending in s the apostrophe alone', () => {
    expect(possessive('api')).toBe("api's");
    expect(possessive('shoppers')).toBe("shoppers'");
    expect(possessive('Payments')).toBe("Payments'");
  });

  it('a service of one worker is "0 of 1 worker busy"', () => {
    const status = { busy: 0, pool: 1, line: 0, errors: 0, rejected: 0, dropped: 0 } as ServiceStatus;
    expect(serviceSentence(status)).toMatch(/^0 of 1 worker busy,/);
  });

  it("a lesson goal about client shoppers reads shoppers', not shoppers's", () => {
    const checked = validateScenario({
      version: 1,
      duration: '1s',
      nodes: [
        { id: 'shoppers', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 10 } },
        { id: 'api', kind: 'service', workers: 1, serviceTime: '5ms' },
      ],
      links: [{ from: 'shoppers', to: 'api' }],
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const sim = new Simulation(checked.scenario);
    sim.runUntil(1000);
    const goals = [
      { kind: 'latency', client: 'shoppers', stat: 'p99', below: 100 },
      { kind: 'failures', client: 'shoppers', atMost: 0.1 },
    ] as unknown as Goal[];
    const texts = evaluateGoals(goals, sim, buildReport(sim))
      .map((r) => `${r.description} / ${r.why}`)
      .join('\n');
    expect(texts).toContain("shoppers' p99 latency");
    expect(texts).not.toContain("shoppers's");
  });
});
