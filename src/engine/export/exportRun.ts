/**
 * What the trace exports (OTLP, Chrome trace events) read of a run: its requests' spans, the names
 * of its nodes and links, each link's protocol, its seed. `exportRunOf` gathers them from a
 * simulation run with its rows and calls kept; the metrics CSV also reads its time series.
 */
import type { Simulation } from '../simulation.ts';
import { requestSpans, type RequestSpans, type SpanSource } from '../replay/spans.ts';
import { spanSourceOf } from '../replay/runSpans.ts';
import type { RunTopology } from '../replay/topology.ts';

export interface ExportRun {
  readonly requests: readonly RequestSpans[];
  readonly topology: Pick<RunTopology, 'nodeIds' | 'nodeKinds' | 'linkIds' | 'instanceOf'>;
  /** Per link (topology order): its protocol at the start of the run. */
  readonly protocols: readonly string[];
  /** Engine nodes that are brokers (queue, topic, stream): a call to one is a publish. */
  readonly brokers: ReadonlySet<number>;
  readonly seed: number;
  /** Simulated time 0 as Unix ms (default: otlp.ts's DEFAULT_EPOCH_MS). */
  readonly epochMs?: number;
}

export interface ExportOptions {
  /** At most this many client requests, the first ones (default 10,000: a trace file stays openable). */
  readonly maxRequests?: number;
}

/** The default cap on requests exported. */
export const DEFAULT_MAX_REQUESTS = 10_000;

/** A simulation's run so far, ready to export, and the span source it came from. */
export function exportRunOf(simulation: Simulation, options: ExportOptions = {}): ExportRun & { readonly source: SpanSource } {
  const source = spanSourceOf(simulation);
  const { topology } = source;
  const brokers = new Set<number>();
  topology.nodeKinds.forEach((kind, i) => {
    if (kind === 'queue' || kind === 'topic' || kind === 'stream') brokers.add(i);
  });
  return {
    source,
    requests: requestSpans(source, { maxRequests: options.maxRequests ?? DEFAULT_MAX_REQUESTS }),
    topology,
    protocols: simulation.scenario.links.map((l) => l.protocol),
    brokers,
    seed: simulation.seed,
  };
}
