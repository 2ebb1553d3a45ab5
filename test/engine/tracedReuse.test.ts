/**
 * Full runs whose call table reuses the rows of finished calls (`reuseCallRows`, for the page's
 * long runs): the trace is the full run's, row for row (same hash), the calls handed over in
 * batches (`takeStatic`) are the full table's, and `oldestHeld` bounds every call a later row names.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model/index.ts';
import { simulate, Simulation } from '../../src/engine/index.ts';
import { CALL_IN_A } from '../../src/engine/trace/eventTypes.ts';
import type { StaticCalls } from '../../src/engine/trace/callTable.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { replicaScenarioArbitrary } from '../support/arbitraries/replicas.ts';
import { policyChangeScenarioArbitrary } from '../support/policies/policyArbitrary.ts';
import { example } from '../support/scenarios.ts';
import { TRACED_REUSE_CALL_ROWS } from '../../src/engine/simulationOptions.ts';

const dir = new URL('../../simulations/', import.meta.url);
const shipped: [string, Scenario][] = ['examples', 'lessons'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, dir))
    .filter((file) => file.endsWith('.json'))
    .map((file): [string, Scenario] => {
      const doc = JSON.parse(readFileSync(new URL(`${folder}/${file}`, dir), 'utf8')) as { scenario?: unknown };
      return [`${folder}/${file}`, parseScenario(folder === 'lessons' ? doc.scenario : doc)];
    }),
);

const KEYS = ['parent', 'root', 'caller', 'callee', 'link', 'timeoutFlag', 'previous', 'first'] as const;

function concat(parts: StaticCalls[]): Record<(typeof KEYS)[number], number[]> {
  return Object.fromEntries(KEYS.map((k) => [k, parts.flatMap((p) => [...p[k]])])) as Record<(typeof KEYS)[number], number[]>;
}

/**
 * Runs `scenario` reusing rows in `pieces` steps as the page's worker does (rows and calls taken
 * after each), checks that every row of a step names only calls at or above the `oldestHeld` of
 * the step before (and so do those calls' parent, root and attempts), and returns the hash and calls.
 */
function runInPieces(scenario: Scenario, seed: number | undefined, rows: number, pieces: number) {
  const sim = new Simulation(scenario, { seed, reuseCallRows: true, summaryCallRows: rows });
  const parts: StaticCalls[] = [];
  let sent = 0,
    bound = 0,
    violations = 0;
  const byId = { parent: [] as number[], root: [] as number[], first: [] as number[] };
  for (let k = 1; k <= pieces; k++) {
    sim.runUntil((scenario.duration * k) / pieces);
    const { trace, calls } = sim.rt;
    const batch = trace.exportRows(sent, trace.length);
    sent = trace.length;
    if (calls.reusing) {
      const part = calls.takeStatic();
      parts.push(part);
      byId.parent.push(...part.parent);
      byId.root.push(...part.root);
      byId.first.push(...part.first);
    }
    for (let i = 0; i < batch.times.length; i++) {
      if (CALL_IN_A[batch.words[3 * i] & 255] !== 1) continue;
      const c = batch.words[3 * i + 1];
      if (c < 0) continue;
      const named = [c, byId.parent[c], byId.root[c], byId.first[c]].filter((x) => x !== undefined && x >= 0);
      if (named.some((x) => x < bound)) violations++;
    }
    bound = calls.oldestHeld;
  }
  return { sim, hash: sim.rt.trace.hash(), calls: concat(parts), violations };
}

describe('full runs that reuse call rows (reuseCallRows)', () => {
  it.each(shipped)("give the full run's trace hash and calls through a 16-row table, handed over in pieces: %s", (_, scenario) => {
    const full = simulate(scenario);
    const reused = runInPieces(scenario, undefined, 16, 7);
    expect(reused.hash).toBe(full.report.traceHash);
    if (!reused.sim.rt.calls.reusing) return;
    const table = full.simulation.rt.calls;
    expect(reused.calls).toEqual(concat([table.exportStatic(0, table.length)]));
    expect(reused.sim.rt.calls.callsMade).toBe(table.length);
    expect(reused.violations).toBe(0);
    expect(simulate(scenario, { reuseCallRows: true, summaryCallRows: 16 }).report).toEqual(full.report);
  });

  it('reuse rows in the plain examples, so that the table stays small: reference for 600 s within its first 32,768 rows (TRACED_REUSE_CALL_ROWS)', () => {
    const { simulation } = simulate({ ...example('reference'), duration: 600_000 }, { reuseCallRows: true });
    expect(simulation.rt.calls.reusing).toBe(true);
    expect(simulation.rt.calls.capacity).toBe(TRACED_REUSE_CALL_ROWS);
    expect(simulation.rt.calls.callsMade).toBeGreaterThan(1_000_000);
    expect(simulation.rt.calls.oldestHeld).toBeGreaterThan(0);
  });

  const same = (doc: unknown, seed: number, rows: number, pieces = 3) => {
    const scenario = parseScenario(doc);
    const full = simulate(scenario, { seed });
    const reused = runInPieces(scenario, seed, rows, pieces);
    expect(reused.hash).toBe(full.report.traceHash);
    expect(reused.violations).toBe(0);
    if (reused.sim.rt.calls.reusing) {
      const table = full.simulation.rt.calls;
      expect(reused.calls).toEqual(concat([table.exportStatic(0, table.length)]));
    }
    return reused.sim.rt.calls;
  };

  it("give the full run's trace over generated scenarios (crashes, partitions, timeouts, changes), tiny tables, in pieces", () => {
    let collecting = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary({ randomness: 'any', callBudget: 3000 }),
        fc.nat({ max: 1000 }),
        fc.constantFrom(16, 64),
        fc.integer({ min: 1, max: 4 }),
        (doc, seed, rows, pieces) => {
          if (same(doc, seed, rows, pieces).collections > 0) collecting++;
        },
      ),
      { seed: 41, numRuns: 60 },
    );
    expect(collecting).toBeGreaterThan(30);
  });

  it("give the full run's trace over generated scenarios with call policies (retries, deadlines, fallbacks, breakers, bulkheads, changes)", () => {
    let collecting = 0;
    fc.assert(
      fc.property(
        policyChangeScenarioArbitrary({ randomness: 'any', callBudget: 3000 }),
        fc.nat({ max: 1000 }),
        fc.constantFrom(16, 64),
        (doc, seed, rows) => {
          if (same(doc, seed, rows).collections > 0) collecting++;
        },
      ),
      { seed: 43, numRuns: 120 },
    );
    expect(collecting).toBeGreaterThan(60);
  });

  it("give the full run's trace over generated scenarios with replicas, balancers, health checks and registries", () => {
    let collecting = 0;
    const docs = replicaScenarioArbitrary.map((doc) => ({
      ...doc,
      links: (doc.links ?? []).map(({ connections: _pool, stream: _stream, protocol: _protocol, ...link }) => link),
    }));
    fc.assert(
      fc.property(docs, fc.nat({ max: 1000 }), fc.constantFrom(16, 64), (doc, seed, rows) => {
        if (same(doc, seed, rows).collections > 0) collecting++;
      }),
      { seed: 47, numRuns: 60 },
    );
    expect(collecting).toBeGreaterThan(20);
  });
});
