/**
 * The Web Worker that runs the engine, so the page never freezes however long a run is. It
 * exposes the simulation API over comlink and transfers each batch's arrays instead of copying them.
 */
import * as Comlink from 'comlink';
import { createSimulationApi, workerApi } from './simulationApi.ts';

Comlink.expose(workerApi(createSimulationApi()));
