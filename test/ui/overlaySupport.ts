/** A recording stand-in for a 2D context, node boxes and runs, for the overlay renderer's tests. */
import type { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { createRunStore } from '../../src/store/runStore.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { FlowNodeLike } from '../../src/ui/overlay/geometry.ts';
import type { FlowView } from '../../src/ui/overlay/OverlayRenderer.ts';
import { createSimulationApi } from '../../src/worker/simulationApi.ts';

export const palette = {
  kinds: ['#1', '#2', '#3', '#4', '#5', '#8', '#9', '#10', '#11', '#12', '#13', '#14', '#15'],
  lost: '#6',
  outline: '#fff',
  badge: '#000',
  badgeText: '#fff',
  retry: '#7',
  followed: '#16',
};

/** Records every call and property write; enough of CanvasRenderingContext2D for the renderer. */
export function recordingContext() {
  const calls: { name: string; args: unknown[] }[] = [];
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get: (target, name: string) => {
      if (name in target) return target[name];
      if (name === 'measureText') return (text: string) => ({ width: text.length * 6 });
      return (...args: unknown[]) => {
        calls.push({ name, args });
      };
    },
    set: (target, name: string, value) => {
      calls.push({ name: `set ${name}`, args: [value] });
      target[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

export const box = (x: number, y: number): FlowNodeLike => ({
  internals: { positionAbsolute: { x, y } },
  measured: { width: 100, height: 40 },
});
export const view = (nodes: Record<string, FlowNodeLike>): FlowView => ({
  transform: [0, 0, 1],
  nodeLookup: new Map(Object.entries(nodes)),
});

export async function replayOf(doc: DocumentInput, until: number): Promise<TraceReplay> {
  const run = createRunStore(createSimulationApi());
  await run.start(doc, until);
  return run.getState().replay!;
}
