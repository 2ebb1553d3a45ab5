/**
 * The spans of a finished (or stopped) simulation: its trace rows and call table as a SpanSource
 * (see spans.ts). The simulation must keep its rows and calls ('full' record, rows not reused).
 */
import type { Simulation } from '../simulation.ts';
import type { SpanSource } from './spans.ts';
import { topologyOf } from './topology.ts';

/** The span source of a simulation run so far (every call made, every row still held). */
export function spanSourceOf(simulation: Simulation): SpanSource {
  const { trace, calls } = simulation.rt;
  if (calls.reusing) throw new Error('spanSourceOf: the simulation reuses call rows; run it with reuseCallRows off');
  return { rows: trace, calls: calls.exportStatic(0, calls.length), topology: topologyOf(simulation), horizon: simulation.now };
}
