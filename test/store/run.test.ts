/**
 * The run store against the real simulation API (in-thread): a run streams in batches up to what
 * is asked, an invalid document reports its problems, and a fault added at the playhead restarts
 * the run with the same past (docs/ARCHITECTURE.md: live fault injection = edit + re-run).
 */
import { describe, expect, it } from 'vitest';
import type { RunBatch } from '../../src/engine/replay/traceReplay.ts';
import { createRunStore } from '../../src/store/runStore.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { applyCommand } from '../../src/store/document/commands.ts';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/model/index.ts';
import { example } from '../support/scenarios.ts';

const until = (store: ReturnType<typeof createRunStore>, predicate: () => boolean) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), 20_000);
    const check = () => {
      if (predicate()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = store.subscribe(check);
    check();
  });

describe('run store', () => {
  it("simulates only as far as asked, then further on demand, and ends with the full run's hash", async () => {
    const store = createRunStore(createSimulationApi());
    const doc = example('checkout');
    await store.start(doc, 2000);
    expect(store.getState().status).toBe('running');
    expect(store.getState().horizon).toBeGreaterThanOrEqual(2000);
    expect(store.getState().horizon).toBeLessThan(doc.duration);
    store.ensure(doc.duration);
    await until(store, () => store.getState().status === 'done');
    expect(await store.traceHash()).toBe(simulate(doc).report.traceHash);
    expect(store.getState().replay?.trace.hash()).toBe(simulate(doc).report.traceHash);
  });

  it('reports every problem of an invalid document and runs nothing', async () => {
    const store = createRunStore(createSimulationApi());
    await store.start(
      { version: 1, nodes: [{ id: 'c', kind: 'client', target: 'nowhere', workload: { pattern: 'poisson', rate: 1 } }] },
      1000,
    );
    expect(store.getState().status).toBe('invalid');
    expect(store.getState().problems.map((p) => p.path)).toContain('nodes[0].target');
  });

  it('a fault added at the playhead leaves everything before it as it was', async () => {
    const store = createRunStore(createSimulationApi());
    const doc = example('checkout');
    await store.start(doc, 10_000);
    const before = store.getState().replay?.stateAt(6_999.999);
    const withCrash = applyCommand(doc, { type: 'addFault', fault: { kind: 'crash', target: 'payments', at: 7_000, duration: 2000 } });
    await store.start(withCrash, 10_000);
    const replay = store.getState().replay;
    expect(replay?.stateAt(6_999.999)).toEqual(before);
    expect(before?.totals.completed).toBeGreaterThan(0);
    const payments = parseScenario(withCrash).nodes.findIndex((n) => n.id === 'payments');
    expect(replay?.stateAt(7_500).nodes[payments].mode).toBe(3); // crashed
  });

  it('keeps the old run on show while a restarted one catches up with the playhead, then shows the new one', async () => {
    // A worker that answers a batch at a time when told to, so the hand-over can be watched.
    const real = createSimulationApi();
    const held: (() => void)[] = [];
    const api = {
      ...real,
      advance: (id: number, to: number) =>
        new Promise<RunBatch | undefined>((resolve) => held.push(() => resolve(real.advance(id, to, 1000) as RunBatch | undefined))),
    };
    const store = createRunStore(api);
    const tick = () => new Promise((r) => setTimeout(r, 0));
    /** Answers the worker's requests until `done` settles. */
    const release = async (done: Promise<void>) => {
      let settled = false;
      void done.then(() => {
        settled = true;
      });
      while (!settled) {
        held.shift()?.();
        await tick();
      }
    };
    const doc = example('checkout');
    await release(store.start(doc, 10_000));
    const old = store.getState().replay!;
    expect(old.horizon).toBeGreaterThanOrEqual(10_000);

    const restarted = store.start(applyCommand(doc, { type: 'updateNode', id: 'orders', patch: { workers: 2 } }), 10_000, 8000);
    while (held.length === 0) await tick();
    held.shift()!(); // one small batch: not yet at the playhead
    await tick();
    expect(held.length).toBe(1); // it asks for more
    expect(store.getState().replay).toBe(old);
    expect(store.getState().status).toBe('running');
    await release(restarted);
    const shown = store.getState().replay!;
    expect(shown).not.toBe(old);
    expect(shown.horizon).toBeGreaterThanOrEqual(8000);
    expect(store.getState().horizon).toBe(shown.horizon);
  });
});
