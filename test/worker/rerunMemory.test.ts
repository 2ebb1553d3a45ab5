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
    await playThrough(api, reference);
    expect(spareBytes()).toBe(0);
    const rerun = await playThrough(api, checkout); // replaces the reference run: its memory is spare now, partly taken
    expect(spareBytes()).toBeGreaterThan(0);
    expect(rerun.hash).toBe(first.hash);
    expect(rerun.hash).toBe(simulate(parseScenario(checkout)).report.traceHash);
    expect(rerun.batches).toEqual(first.batches);
  });
});
