/**
 * A service registry's entries at the playhead: which instances it lists, in what state, and how
 * long ago each last sent a heartbeat. The trace records every change of an entry (REGISTRY_ENTRY:
 * node = registry, a = the instance's engine node, b = EntryState) and every heartbeat it answers
 * (REGISTRY_ANSWER with b = 1; the heartbeat's sender is its call's caller); the engine's replay
 * folds neither, so this index reads them out of the replay's trace once, as batches arrive. It is
 * built only when something asks (a registry's box, an instance card), so runs without a registry
 * never read their trace for it. Pure: components and tests share it.
 */
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { TraceType } from '../../engine/trace/eventTypes.ts';

/** Entry states as REGISTRY_ENTRY rows record them (the engine's registryMachine.ts order). */
export const ENTRY = { registered: 0, healthy: 1, expired: 2, deregistered: 3 } as const;
export const ENTRY_NAMES = ['registered', 'healthy', 'expired', 'deregistered'] as const;

/** The b of a REGISTRY_ANSWER row for a heartbeat (the engine's RegistryCall.HEARTBEAT). */
const HEARTBEAT = 1;

/** One instance's entry over the run, as the trace tells it (times ascending). */
interface EntryLog {
  readonly instance: number;
  readonly changes: number[];
  readonly states: number[];
  readonly beats: number[];
}

interface RegistryIndex {
  scanned: number;
  /** Per registry node: its entries by instance node, in the order they first registered. */
  readonly registries: Map<number, Map<number, EntryLog>>;
}

/** One entry at an instant. */
export interface EntryView {
  /** The instance's engine node. */
  readonly instance: number;
  /** Its state (ENTRY). */
  readonly state: number;
  /** When it last sent a heartbeat the registry took (NaN: none yet). */
  readonly lastBeat: number;
}

const indexes = new WeakMap<TraceReplay, RegistryIndex>();

/** Whether an entry in this state is listed to callers that look its service up. */
export const isListed = (state: number) => state === ENTRY.registered || state === ENTRY.healthy;

function logOf(index: RegistryIndex, registry: number, instance: number): EntryLog {
  let entries = index.registries.get(registry);
  if (!entries) { entries = new Map(); index.registries.set(registry, entries); }
  let log = entries.get(instance);
  if (!log) { log = { instance, changes: [], states: [], beats: [] }; entries.set(instance, log); }
  return log;
}

const beat = (log: EntryLog, time: number) => { if (log.beats[log.beats.length - 1] !== time) log.beats.push(time); };

/** The index of `replay`, brought up to the rows it has now. */
function indexOf(replay: TraceReplay): RegistryIndex {
  let index = indexes.get(replay);
  if (!index) { index = { scanned: 0, registries: new Map() }; indexes.set(replay, index); }
  const trace = replay.trace;
  for (let row = Math.max(index.scanned, trace.first); row < trace.length; row++) { // (rows a long run's window forgot are gone)
    const type = trace.type(row);
    if (type === TraceType.REGISTRY_ENTRY) {
      const log = logOf(index, trace.node(row), trace.a(row)), state = trace.b(row), time = trace.time(row);
      log.changes.push(time); log.states.push(state);
      // Only a heartbeat registers or renews an entry (those at the start are not answered calls: no REGISTRY_ANSWER row).
      if (isListed(state)) beat(log, time);
    } else if (type === TraceType.REGISTRY_ANSWER && trace.b(row) === HEARTBEAT) {
      beat(logOf(index, trace.node(row), replay.call(trace.a(row)).caller), trace.time(row));
    }
  }
  index.scanned = trace.length;
  return index;
}

/** How many of the ascending `times` are at or before `time`. */
export function countUpTo(times: readonly number[], time: number): number {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= time) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Registry node `registry`'s entries at `time` (after every row at or before it), in the order
 * they first registered; an instance not registered yet is not among them.
 */
export function registryEntriesAt(replay: TraceReplay, registry: number, time: number): EntryView[] {
  const entries = indexOf(replay).registries.get(registry);
  const out: EntryView[] = [];
  if (!entries) return out;
  for (const log of entries.values()) {
    const changed = countUpTo(log.changes, time);
    if (changed === 0) continue;
    const beats = countUpTo(log.beats, time);
    out.push({ instance: log.instance, state: log.states[changed - 1], lastBeat: beats > 0 ? log.beats[beats - 1] : NaN });
  }
  return out;
}

/** Instance `instance`'s entry state at `time` in any registry that has one (ENTRY), or undefined if none lists it yet. */
export function entryStateAt(replay: TraceReplay, instance: number, time: number): number | undefined {
  for (const entries of indexOf(replay).registries.values()) {
    const log = entries.get(instance);
    if (!log) continue;
    const changed = countUpTo(log.changes, time);
    if (changed > 0) return log.states[changed - 1];
  }
  return undefined;
}
