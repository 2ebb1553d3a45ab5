/**
 * Digests of what a run did, for the behaviour pins (test/engine/behaviourPins.test.ts): the trace
 * hash, the report, the call table and the operation table, each reduced to 16 hex digits, so a
 * change anywhere in them changes its digest and a run that behaves the same gives the same ones.
 */
import { createHash } from 'node:crypto';
import type { Simulation } from '../../src/engine/index.ts';
import type { RunReport } from '../../src/engine/index.ts';

/** What one run is pinned by (and the document it ran, to tell a changed scenario from a changed engine). */
export interface BehaviourPin {
  /** The scenario document as written (a file, or the generator's output). */
  readonly input: string;
  /** The trace's own hash (`TraceLog.hash`). */
  readonly trace: string;
  /** The report, as stable JSON, without its `traceHash` (pinned on its own above). */
  readonly report: string;
  /** Every call's observable columns (`CALL_COLUMNS`). */
  readonly calls: string;
  /** Every call's bookkeeping columns (`CALL_STATE_COLUMNS`): the flag bits, plan progress, the active list. */
  readonly callState: string;
  /** Every resilient operation's columns (engine/policies/opTable.ts). */
  readonly ops: string;
}

/**
 * The call table's columns that say what happened to a call: who called whom, over which link, as
 * part of which trace and operation, how and when it went. A restructuring must keep them as they are.
 */
export const CALL_COLUMNS = [
  'parent',
  'root',
  'caller',
  'callee',
  'link',
  'user',
  'op',
  'previous',
  'reason',
  'deadline',
  'status',
  'reply',
  'phase',
  'sentAt',
  'arrivedAt',
  'startedAt',
  'repliedAt',
  'endedAt',
] as const;

/**
 * The call table's bookkeeping: the `flags` byte (whose bits issue 21 moves to one table, and a
 * call's role may replace some), the plan step in progress and its sub-calls, and the intrusive
 * list of calls holding a worker. Pinned apart from `CALL_COLUMNS` so a renumbering shows as
 * itself: only `callState` changes.
 */
export const CALL_STATE_COLUMNS = ['flags', 'step', 'pending', 'firstChild', 'prevActive', 'nextActive'] as const;

/**
 * The call table's slot → call id column: the identity (slot c holds call c) in a full run, which
 * pins need (`pinOf` checks it); only a run that reuses rows (summary-only, a long page run) holds
 * other ids. Not digested: it says nothing of behaviour, only of where a call is kept.
 */
export const CALL_ID_COLUMNS = ['id'] as const;

/**
 * The call table's role column (engine/kernel/callRoles.ts, issue 21): which feature a call's
 * arrival and end go to. Not digested: it was no column when the pins were taken, and it is
 * derived (from the nodes a call joins, and the feature that made it a poll or a probe); a wrong
 * role routes a call to the wrong feature, which every digested column and the trace show.
 */
export const CALL_ROUTING_COLUMNS = ['role'] as const;

/** The operation table's columns (all of them: an operation's row is its whole state). */
export const OP_COLUMNS = [
  'serial',
  'parent',
  'caller',
  'callee',
  'link',
  'policy',
  'user',
  'timeoutLane',
  'first',
  'current',
  'attempts',
  'status',
  'flags',
  'startedAt',
  'deadlineAt',
  'lastDelay',
  'message',
] as const;

type TypedColumn = Int32Array | Uint8Array | Float64Array;

/** The first 16 hex digits of the SHA-256 of `parts`. */
export function digest(...parts: readonly (string | ArrayBufferView)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  return hash.digest('hex').slice(0, 16);
}

/**
 * JSON with every object's keys in sorted order, so the same value always gives the same text.
 * Non-finite numbers are kept apart (JSON would write all three as null).
 */
export function stableJson(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : `"${String(value)}"`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * The digest of rows [0, rows) of the named columns of a table, in the order given, each column
 * prefixed by its name. A column the table no longer has throws (a rename must be deliberate).
 * NaN is written in one form, whatever bits produced it.
 */
export function columnsDigest(table: object, names: readonly string[], rows: number, what: string): string {
  const parts: (string | ArrayBufferView)[] = [`rows ${rows}`];
  for (const name of names) {
    const column = (table as Record<string, unknown>)[name];
    if (!ArrayBuffer.isView(column)) {
      throw new Error(`${what} has no column "${name}" any more: list its columns afresh in test/support/behaviourDigest.ts`);
    }
    let rowsOf = (column as TypedColumn).subarray(0, rows);
    if (rowsOf instanceof Float64Array && rowsOf.some(Number.isNaN)) rowsOf = rowsOf.map((x) => (Number.isNaN(x) ? NaN : x));
    parts.push(`|${name}:${rowsOf.constructor.name}:`, rowsOf);
  }
  return digest(...parts);
}

/** The typed-array columns a table has (its own fields; not the private free lists and marks). */
export function columnNames(table: object): string[] {
  return Object.entries(table)
    .filter(([name, value]) => ArrayBuffer.isView(value) && name !== 'free' && name !== 'live')
    .map(([name]) => name)
    .sort();
}

/** The pin of a finished full run of `document`. */
export function pinOf(document: unknown, simulation: Simulation, report: RunReport): BehaviourPin {
  const rt = simulation.rt;
  if (rt.calls.reusing) throw new Error('behaviour pins need a full run: this one reused call rows');
  const { traceHash, ...rest } = report;
  if (traceHash === undefined) throw new Error('behaviour pins need a full run: this report has no trace hash');
  for (let c = 0; c < rt.calls.length; c++) {
    if (rt.calls.id[c] !== c) throw new Error(`behaviour pins need a full run: call slot ${c} holds call ${rt.calls.id[c]}`);
  }
  return {
    input: digest(stableJson(document)),
    trace: traceHash,
    report: digest(stableJson(rest)),
    calls: columnsDigest(rt.calls, CALL_COLUMNS, rt.calls.length, 'The call table'),
    callState: columnsDigest(rt.calls, CALL_STATE_COLUMNS, rt.calls.length, 'The call table'),
    ops: columnsDigest(rt.ops, OP_COLUMNS, rt.ops.length, 'The operation table'),
  };
}
