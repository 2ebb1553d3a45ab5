/**
 * The Web Worker that runs the engine, so the page never freezes however long a run is. It
 * exposes the simulation API over comlink and transfers each batch's arrays instead of copying them.
 */
import * as Comlink from 'comlink';
import { createSimulationApi, transferablesOf, type SimulationApi } from './simulationApi.ts';

const api = createSimulationApi();

const exposed: SimulationApi = {
  open: (document, seed) => api.open(document, seed),
  advance: async (runId, until, maxEvents) => {
    const batch = await api.advance(runId, until, maxEvents);
    return batch ? Comlink.transfer(batch, transferablesOf(batch)) : undefined;
  },
  setGoals: (runId, goalsId, goals) => api.setGoals(runId, goalsId, goals),
  traceHash: (runId) => api.traceHash(runId),
};

Comlink.expose(exposed);
