/** Trace rows for tests: as short strings (`"15.08 work_done s #0"`), or the raw rows of one type. */
import { describeEvent, type Simulation } from '../../src/engine/index.ts';

export function eventLog(sim: Simulation, filter: (e: ReturnType<typeof describeEvent>) => boolean = () => true): string[] {
  const out: string[] = [];
  for (let i = 0; i < sim.rt.trace.length; i++) {
    const e = describeEvent(sim, i);
    if (!filter(e)) continue;
    const details = Object.entries(e)
      .filter(([k, v]) => !['t', 'type', 'node', 'call', 'trace', 'parent', 'link'].includes(k) && v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    out.push([`${+e.t.toFixed(3)}`, e.type, e.node ?? '-', e.call !== undefined ? `#${e.call}` : '', ...details].filter(Boolean).join(' '));
  }
  return out;
}

/** The rows of trace `type`, in order, with their time, node and fields. */
export function rowsOf(sim: Simulation, type: number): { t: number; node: number; a: number; b: number }[] {
  const trace = sim.rt.trace,
    out: { t: number; node: number; a: number; b: number }[] = [];
  for (let i = 0; i < trace.length; i++)
    if (trace.type(i) === type) out.push({ t: trace.time(i), node: trace.node(i), a: trace.a(i), b: trace.b(i) });
  return out;
}
