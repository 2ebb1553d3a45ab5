/**
 * A service registry's entries at any instant: which instances it lists, in what state, and how
 * long ago each last sent a heartbeat. The trace records every change of an entry (a
 * REGISTRY_ENTRY row) and every heartbeat it answers (a REGISTRY_ANSWER row for
 * RegistryCall.HEARTBEAT; the heartbeat's sender is its call's caller); the replay's folds keep
 * neither, so this index gathers them. Built only when something asks (a registry's box, an
 * instance card), so runs without a registry never build it.
 */
import { countAtOrBefore } from '../../core/search.ts';
import { EntryState, RegistryCall, TraceType } from '../../trace/eventTypes.ts';
import { registryAnswerRow, registryEntryRow } from '../../trace/rows.ts';
import type { HostsIndexes, IndexedReplay, ReplayIndex, ReplayIndexDef } from '../indexHost.ts';

export { EntryState, ENTRY_STATE_NAMES, type EntryStateName } from '../../trace/eventTypes.ts';

/** Whether an entry in this state is listed to callers that look its service up. */
export const isListed = (state: number) => state === EntryState.REGISTERED || state === EntryState.HEALTHY;

/** One entry at an instant. */
export interface EntryView {
  /** The instance's engine node. */
  readonly instance: number;
  /** Its state (EntryState). */
  readonly state: number;
  /** When it last sent a heartbeat the registry took (NaN: none yet). */
  readonly lastBeat: number;
}

/** One instance's entry over the run, as the trace tells it (times ascending). */
interface EntryLog {
  readonly instance: number;
  readonly changes: number[];
  readonly states: number[];
  readonly beats: number[];
}

const beat = (log: EntryLog, time: number) => {
  if (log.beats[log.beats.length - 1] !== time) log.beats.push(time);
};

/** Every registry's entries over the run (see the file comment). */
export class RegistryEntriesIndex implements ReplayIndex {
  /** Per registry node: its entries by instance node, in the order they first registered. */
  private readonly registries = new Map<number, Map<number, EntryLog>>();

  constructor(private readonly replay: IndexedReplay) {}

  feed(from: number, to: number): void {
    const trace = this.replay.trace;
    for (let row = from; row < to; row++) {
      const type = trace.type(row);
      if (type === TraceType.REGISTRY_ENTRY) {
        const r = registryEntryRow(trace, row),
          log = this.logOf(r.registry, r.instance);
        log.changes.push(r.time);
        log.states.push(r.state);
        // Only a heartbeat registers or renews an entry (those at the start are not answered calls: no REGISTRY_ANSWER row).
        if (isListed(r.state)) beat(log, r.time);
      } else if (type === TraceType.REGISTRY_ANSWER) {
        const r = registryAnswerRow(trace, row);
        if (r.what === RegistryCall.HEARTBEAT) beat(this.logOf(r.registry, this.replay.call(r.call).caller), r.time);
      }
    }
  }

  /**
   * Registry node `registry`'s entries at `time` (after every row at or before it), in the order
   * they first registered; an instance not registered yet is not among them.
   */
  entriesAt(registry: number, time: number): EntryView[] {
    const entries = this.registries.get(registry);
    const out: EntryView[] = [];
    if (!entries) return out;
    for (const log of entries.values()) {
      const changed = countAtOrBefore(log.changes, time);
      if (changed === 0) continue;
      const beats = countAtOrBefore(log.beats, time);
      out.push({ instance: log.instance, state: log.states[changed - 1], lastBeat: beats > 0 ? log.beats[beats - 1] : NaN });
    }
    return out;
  }

  /** Instance `instance`'s entry state at `time` in any registry that has one (EntryState), or undefined if none lists it yet. */
  stateAt(instance: number, time: number): number | undefined {
    for (const entries of this.registries.values()) {
      const log = entries.get(instance);
      if (!log) continue;
      const changed = countAtOrBefore(log.changes, time);
      if (changed > 0) return log.states[changed - 1];
    }
    return undefined;
  }

  private logOf(registry: number, instance: number): EntryLog {
    let entries = this.registries.get(registry);
    if (!entries) {
      entries = new Map();
      this.registries.set(registry, entries);
    }
    let log = entries.get(instance);
    if (!log) {
      log = { instance, changes: [], states: [], beats: [] };
      entries.set(instance, log);
    }
    return log;
  }
}

export const registryEntriesIndex: ReplayIndexDef<RegistryEntriesIndex> = {
  name: 'registryEntries',
  create: (replay) => new RegistryEntriesIndex(replay),
};

/** Registry node `registry`'s entries at `time` in `replay`'s run (see `RegistryEntriesIndex.entriesAt`). */
export function registryEntriesAt(replay: HostsIndexes, registry: number, time: number): EntryView[] {
  return replay.index(registryEntriesIndex).entriesAt(registry, time);
}

/** Instance `instance`'s entry state at `time` in any registry (see `RegistryEntriesIndex.stateAt`). */
export function entryStateAt(replay: HostsIndexes, instance: number, time: number): number | undefined {
  return replay.index(registryEntriesIndex).stateAt(instance, time);
}
