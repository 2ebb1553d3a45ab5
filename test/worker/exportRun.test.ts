/**
 * The worker's `exportRun` (src/worker/simulationApi.ts), which the File menu's run exports call:
 * the run of a document exported in full (the same text as an export in Node), a document with
 * problems or a run too big for the page refused with a sentence, not a throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';
import { Simulation } from '../../src/engine/index.ts';
import { exportText } from '../../src/engine/export/index.ts';
import { validateScenario } from '../../src/model/index.ts';

const checkout = JSON.parse(readFileSync('simulations/examples/checkout.json', 'utf8')) as Record<string, unknown>;

describe('the worker exports a run', () => {
  it('the whole run, with the seed asked for, as Node exports it', async () => {
    const api = createSimulationApi();
    const doc = { ...checkout, duration: '3s' };
    const result = await api.exportRun(doc, 42, 'otlp');
    if (!result.ok) throw new Error(result.message);
    const valid = validateScenario(doc);
    if (!valid.ok) throw new Error('invalid');
    const simulation = new Simulation(valid.scenario, { seed: 42, record: 'full' });
    simulation.runUntil(valid.scenario.duration);
    expect(result.text).toBe(exportText(simulation, 'otlp'));
    // The seed is in every trace id.
    expect(result.text).toContain(`"traceId":"${(42).toString(16).padStart(8, '0')}`);
  });

  it("refuses a document with problems, or a run beyond the page's budget", async () => {
    const api = createSimulationApi();
    expect(await api.exportRun({ version: 1, nodes: 'no' }, undefined, 'otlp')).toEqual({
      ok: false,
      message: 'the system has problems to fix first',
    });
    const huge = { ...checkout, duration: '1000h' };
    const refused = await api.exportRun(huge, undefined, 'metrics-csv');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message).toMatch(/\w/);
  });
});
