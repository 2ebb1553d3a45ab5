/**
 * The discovery and gateway examples as documents, for the registry, gateway and discovery
 * component tests, and a run of one to the playhead. discovery: shop → catalog (3 instances,
 * registering with `registry`, heartbeat 5 s, TTL 15 s; shop discovers them, refreshing every
 * 10 s); catalog instance 2 crashes at 20 s and stays down: its entry is stale until its lease runs
 * out (15 s after its last heartbeat, just after 30 s), and shop's cache drops it at its next lookup
 * (a moment later). gateway: three clients
 * through one gateway (auth, 50/s per client) to orders and an aggregate of catalog + prices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from '@testing-library/react';
import type { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Stores } from '../../src/ui/app/stores.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';

const example = (name: string) =>
  JSON.parse(readFileSync(join(process.cwd(), `simulations/examples/${name}.json`), 'utf8')) as DocumentInput;

export const discovery = example('discovery');
export const gatewayExample = example('gateway');

/** The time of the first row of `type` whose b is `b` (and whose a is `a`, if given), in `replay`'s trace. */
export function firstRow(replay: TraceReplay, type: number, b: number, a?: number): number {
  const t = replay.trace;
  for (let r = 0; r < t.length; r++) if (t.type(r) === type && t.b(r) === b && (a === undefined || t.a(r) === a)) return t.time(r);
  throw new Error(`no row of type ${type} with b = ${b}`);
}

/** Moves the playhead to `time` and refreshes the live state, as a frame of the playback engine does. */
export function showAt(stores: Stores, time: number): void {
  act(() => {
    stores.playback.getState().seek(time);
    refreshLive(stores.live, stores);
  });
}
