/** The deterministic discrete-event engine. Pure TypeScript: no DOM, no wall clock, no unseeded randomness. */
export { simulate, Simulation, buildReport } from './simulate.ts';
export type { SimulateOptions, SimulationResult, SimulationOptions, RunReport } from './simulate.ts';
export type { ClientReport, ServiceReport, LinkReport } from './trace/report.ts';
export type { LatencySummary } from './trace/latency.ts';
export { TraceType, TRACE_TYPE_NAMES, CallStatus, CALL_STATUS_NAMES, DROP_REASON_NAMES, REJECT_REASON_NAMES } from './trace/eventTypes.ts';
export type { TraceEvent } from './trace/traceLog.ts';
export { describeEvent, type DescribedEvent } from './trace/describe.ts';
export { SERVICE_MODE_NAMES, ServiceMode } from './kernel/serviceMachine.ts';
export { EventQueue } from './core/eventQueue.ts';
export { dropSpareMemory, spareBytes } from './trace/spareMemory.ts';
export { estimateRun, describeEstimate, formatBytes, formatCount, type RunEstimate, type EstimateOptions } from './capacity.ts';
export { RandomSource, RandomStream } from './core/random.ts';
export { compileSampler, sample } from './core/sampler.ts';
