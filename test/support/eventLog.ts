/** Trace rows as short strings (`"15.08 work_done s #0"`), for tests that assert event logs. */
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
