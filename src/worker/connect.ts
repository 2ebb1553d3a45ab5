/**
 * The page's handle on the simulation: the Web Worker when the browser has workers; otherwise
 * (tests under jsdom) the same API in-thread, loaded on demand so the engine never weighs on the
 * page's first load.
 */
import * as Comlink from 'comlink';
import type { SimulationApi } from './simulationApi.ts';

export function connectSimulation(): SimulationApi {
  if (typeof Worker === 'undefined') return inThread();
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'crosstalk-simulation' });
  return Comlink.wrap<SimulationApi>(worker) as unknown as SimulationApi;
}

function inThread(): SimulationApi {
  const api = import('./simulationApi.ts').then((m) => m.createSimulationApi());
  // Every argument passed on as it came (a method that gains one cannot lose it here).
  return {
    estimate: async (...args) => (await api).estimate(...args),
    open: async (...args) => (await api).open(...args),
    advance: async (...args) => (await api).advance(...args),
    setGoals: async (...args) => (await api).setGoals(...args),
    traceHash: async (...args) => (await api).traceHash(...args),
    exportRun: async (...args) => (await api).exportRun(...args),
  };
}
