/** Reading a stream's run from its trace, for tests: appends (with keys) and each group's commits, in order. */
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { Simulation } from '../../src/engine/index.ts';

export interface Committed {
  readonly t: number;
  readonly seq: number;
  readonly key: number;
  readonly partition: number;
  readonly offset: number;
  readonly committed: number;
  readonly consumer: string;
}

/** The stream's runtime by id. */
export function streamOf(sim: Simulation, id: string) {
  const s = sim.rt.streams[sim.nodeIndexOf(id) as number];
  if (!s) throw new Error(`no stream ${id}`);
  return s;
}

/** Keys by message number (append order), from the STREAM_APPEND rows. */
export function keysOf(sim: Simulation, id: string): number[] {
  const node = sim.nodeIndexOf(id),
    trace = sim.rt.trace,
    keys: number[] = [];
  for (let i = 0; i < trace.length; i++) if (trace.type(i) === TraceType.STREAM_APPEND && trace.node(i) === node) keys.push(trace.b(i));
  return keys;
}

/** Rows of `types` of stream `id` for group `group`, as commits (COMMIT and SKIP rows carry the committed offset). */
export function commitsOf(sim: Simulation, id: string, group: string, types: readonly number[] = [TraceType.STREAM_COMMIT]): Committed[] {
  const s = streamOf(sim, id),
    trace = sim.rt.trace,
    keys = keysOf(sim, id),
    out: Committed[] = [];
  const g = s.groups.findIndex((x) => x.name === group);
  for (let i = 0; i < trace.length; i++) {
    if (!types.includes(trace.type(i)) || trace.node(i) !== s.node) continue;
    const d = s.deliveries.get(trace.a(i));
    if (!d || d.group !== g) continue;
    out.push({
      t: trace.time(i),
      seq: d.seq,
      key: keys[d.seq],
      partition: d.partition,
      offset: d.offset,
      committed: trace.b(i),
      consumer: sim.rt.nodeIds[sim.rt.calls.callee[trace.a(i)]],
    });
  }
  return out;
}

/** Per key, whether the messages appear in increasing append order. */
export function inKeyOrder(list: readonly { seq: number; key: number }[]): boolean {
  const last = new Map<number, number>();
  for (const m of list) {
    if ((last.get(m.key) ?? -1) >= m.seq) return false;
    last.set(m.key, m.seq);
  }
  return true;
}
