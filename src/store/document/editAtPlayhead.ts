/**
 * Edits made while a run is being watched take effect at the playhead (docs/ARCHITECTURE.md: edit + re-run,
 * the past unchanged). An edit at time t > 0 of a setting the engine reads becomes a scheduled
 * change `{ at: t, set }` (a rate edit keeps an open-loop client's schedule; any other workload
 * edit starts a new workload then); labels and the like edit the document itself.
 * `effectiveSettings` gives what holds at time t.
 */
import { linkId, parseDuration } from '../../model/index.ts';
import type { ChangeInput, DocumentCommand, DocumentInput } from './commands.ts';

/** Node and link settings a change can set during a run, by what they belong to. */
export const CHANGEABLE = {
  service: ['workers', 'replicas', 'queueCapacity', 'serviceTime', 'errorRate', 'startupTime', 'calls', 'rateLimit', 'shedding'],
  client: ['rate', 'workload', 'target', 'timeout'],
  link: ['latency', 'loss', 'protocol', 'timeout', 'deadline', 'propagateDeadline', 'retry', 'fallback', 'breaker', 'bulkhead'],
} as const;

/** Settings a change turns off with null (the document leaves them out). */
const CLEARABLE = new Set(['timeout', 'rateLimit', 'shedding', 'deadline', 'retry', 'fallback', 'breaker', 'bulkhead']);

/** A change cannot leave a field out: a setting cleared mid-run is set to none (null). */
const changeValue = (field: string, value: unknown) => (CLEARABLE.has(field) && value === undefined ? null : value);

type Target = { readonly node: string } | { readonly link: string };

/**
 * Where a change made at the playhead `time` (ms) is placed: the microsecond at or before it, never
 * after. Rounded to the nearest, half of all edits landed just past a paused playhead, so the
 * field, showing what is in force there, still read the old value, as if the edit were refused.
 */
export function changeTime(time: number): number {
  const at = Math.floor(time * 1000) / 1000;
  // time * 1000 may round up to a whole number in floating point; step back below the playhead then.
  return at > time ? (Math.round(at * 1000) - 1) / 1000 : at;
}

/**
 * The command for setting `field` to `value` on a node or link, seen from the playhead at
 * `time` (ms). At time 0, or for settings no change can set, the document is edited directly.
 */
export function editCommand(doc: DocumentInput, target: Target, field: string, value: unknown, time: number): DocumentCommand {
  const at = changeTime(time);
  if ('link' in target) {
    if (at > 0 && (CHANGEABLE.link as readonly string[]).includes(field)) {
      return {
        type: 'addChange',
        change: { kind: 'link', link: target.link, at, set: { [field]: changeValue(field, value) } } as ChangeInput,
      };
    }
    return { type: 'updateLink', id: target.link, patch: { [field]: value } };
  }
  const node = doc.nodes.find((n) => n.id === target.node);
  if (node && at > 0) {
    if (node.kind === 'service' && (CHANGEABLE.service as readonly string[]).includes(field)) {
      return {
        type: 'addChange',
        change: { kind: 'service', target: node.id, at, set: { [field]: changeValue(field, value) } } as ChangeInput,
      };
    }
    // A rate edit of the open-loop workload in force keeps its schedule; any other edit starts a new workload.
    if (node.kind === 'client' && field === 'workload') {
      const current = effectiveSettings(doc, target, at).workload;
      const set = isRateOnlyEdit(current, value) ? { rate: (value as { rate: number }).rate } : { workload: value };
      return { type: 'addChange', change: { kind: 'client', target: node.id, at, set } as ChangeInput };
    }
    if (node.kind === 'client' && (field === 'target' || field === 'timeout')) {
      return {
        type: 'addChange',
        change: { kind: 'client', target: node.id, at, set: { [field]: changeValue(field, value) } } as ChangeInput,
      };
    }
  }
  return { type: 'updateNode', id: target.node, patch: { [field]: value } };
}

function isRateOnlyEdit(before: unknown, after: unknown): boolean {
  const a = before as Record<string, unknown>,
    b = after as Record<string, unknown>;
  if ((a.pattern !== 'poisson' && a.pattern !== 'constant') || a.pattern !== b.pattern) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => k === 'rate' || a[k] === b[k]) && typeof b.rate === 'number';
}

/**
 * A node's or link's settings as they hold at time t: the document's, overridden by every change
 * with `at <= t`, in the order of their times (then of the list).
 */
export function effectiveSettings(doc: DocumentInput, target: Target, time: number): Record<string, unknown> {
  const base = 'link' in target ? (doc.links ?? []).find((l) => linkId(l) === target.link) : doc.nodes.find((n) => n.id === target.node);
  const out: Record<string, unknown> = { ...(base as Record<string, unknown> | undefined) };
  const changes = (doc.changes ?? [])
    .map((change, index) => ({ change, index }))
    // A stream change moves offsets; it sets none of the stream's settings.
    .filter(({ change }) =>
      'link' in target
        ? change.kind === 'link' && change.link === target.link
        : change.kind !== 'link' && change.kind !== 'stream' && change.target === target.node,
    )
    .filter(({ change }) => toMs(change.at) <= time)
    .sort((x, y) => toMs(x.change.at) - toMs(y.change.at) || x.index - y.index);
  for (const { change } of changes) {
    // A client change may bring a new workload, then a rate for it.
    const { rate, ...rest } = change.set as Record<string, unknown>;
    Object.assign(out, change.kind === 'client' ? rest : change.set);
    if (change.kind === 'client' && rate !== undefined) out.workload = { ...(out.workload as object), rate };
  }
  // A change's null is the document's absent setting.
  for (const field of CLEARABLE) if (out[field] === null) delete out[field];
  return out;
}

function toMs(at: number | string): number {
  return parseDuration(at) ?? Infinity;
}
