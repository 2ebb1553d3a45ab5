/**
 * The worker re-runs a scenario after every edit; each new run takes over the memory of the run
 * it replaces (Simulation.release). What the page receives must be what a first run would send.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dropSpareMemory, simulate, spareBytes } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/model/index.ts';
import { createSimulationApi, type SessionBatch } from '../../src/worker/simulationApi.ts';

afterEach(() => dropSpareMemory());

const reference = JSON.parse(readFileSync(new URL('../../simulations/examples/reference.json', import.meta.url), 'utf8'));
const checkout = JSON.parse(readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8'));

/** Opens `doc` and plays it to the end; returns the batches and the run's hash. */
async function playThrough(api: ReturnType<typeof createSimulationApi>, doc: unknown) {
  const opened = await api.open(doc);
  if (!opened.ok) throw new Error('invalid example');
  const batches: SessionBatch[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const batch = (await api.advance(opened.runId, opened.duration, 50_000))!;
    batches.push(batch);
    if (batch.done) break;
  }
  return { batches, hash: await api.traceHash(opened.runId) };
}

describe('re-running in the worker', () => {
  it('hands the replaced run memory to the new one, and the new run is still the run a first run is', async () => {
    dropSpareMemory();
    const first = await playThrough(createSimulationApi(), checkout);
    const api = createSimulationApi();
    const played = await playThrough(api, reference);
    // Spare now: only the chunks of rows the run forgot once sent (runSession.ts), at most about a batch's worth.
    const batchBytes = Math.max(...played.batches.map((b) => b.rows.times.length)) * 20;
    expect(spareBytes()).toBeLessThanOrEqual(batchBytes + 2 * 4096 * 20);
    const rerun = await playThrough(api, checkout); // replaces the reference run: its memory is spare now, partly taken
    expect(spareBytes()).toBeGreaterThan(0);
    expect(rerun.hash).toBe(first.hash);
    expect(rerun.hash).toBe(simulate(parseScenario(checkout)).report.traceHash);
    expect(rerun.batches).toEqual(first.batches);
  });
});

describe('spare memory over a session of edits', () => {
  it('never holds more than about one run: sizes no run asks for any more go to the collector', async () => {
    dropSpareMemory();
    const mm1 = JSON.parse(readFileSync(new URL('../../simulations/examples/mm1.json', import.meta.url), 'utf8'));
    const edit = (rate: number) => ({
      ...mm1,
      duration: '60s',
      nodes: mm1.nodes.map((n: { kind: string }) => (n.kind === 'client' ? { ...n, workload: { pattern: 'poisson', rate } } : n)),
    });
    const api = createSimulationApi();
    const held: number[] = [];
    let oneRun = 0;
    for (let rate = 90; rate < 130; rate += 2) {
      await playThrough(api, edit(rate)); // every edit changes how many calls the run expects (5,700 to 8,200), so the table's sizes
      held.push(spareBytes());
      const alone = simulate(parseScenario(edit(rate))).simulation;
      oneRun = Math.max(oneRun, alone.rt.trace.byteSize + alone.rt.calls.byteSize);
    }
    expect(Math.max(...held)).toBeLessThan(2.5 * oneRun);
    expect(held[held.length - 1]).toBeLessThan(2.5 * oneRun);
  });
});
